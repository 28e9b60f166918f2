import { resolve } from 'node:path';
import { listCustomFields } from '../../db/repositories/custom-fields.js';
import { listLiveMeasuresByIds, listMeasures } from '../../db/repositories/measures.js';
import { listNodes, subtreeIds } from '../../db/repositories/nodes.js';
import { getMeta } from '../../db/connection.js';
import { ValidationError } from '../../db/errors.js';
import type { Measure } from '../../preload/contract.js';
import { writeFileAtomic } from '../exchange/atomic.js';
import { exportColumns, measuresToCsv, measuresToXlsx } from '../exchange/measures-export.js';
import type { Handlers } from './handlers.js';
import { ApiError } from './errors.js';
import { writeError } from './pack.js';
import type { ApiSession } from './session.js';
import { nowIso } from '../../db/clock.js';
import { checkWriteTarget } from '../../db/files.js';

type K = 'measures:export' | 'measures:pickExportPath';

export function measuresExportHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'measures:pickExportPath': async ({ format, suggested }) => {
      const pick = s.options.shell?.pickSavePath;
      if (!pick) throw new ApiError({ code: 'unsupported', message: 'Native file dialogs are only available in the desktop app; type a path instead.' });
      return { path: await pick(format, suggested) };
    },
    'measures:export': async ({ path, format, ids, nodeId, columns, overwrite }) => {
      const db = s.db();
      const file = resolve(path);
      const ext = format === 'xlsx' ? '.xlsx' : '.csv';
      if (!file.toLowerCase().endsWith(ext)) throw new ValidationError(`The file name must end in ${ext} for ${format === 'xlsx' ? 'an Excel workbook' : 'CSV'}.`);
      checkWriteTarget(file, { overwrite });

      let rows: Measure[];
      if (ids) {
        // The grid's rows in the grid's order; deleted ones are left out.
        const byId = new Map(listLiveMeasuresByIds(db, ids).map((m) => [m.id, m]));
        rows = ids.map((id) => byId.get(id)).filter((m): m is Measure => !!m);
      } else rows = listMeasures(db, nodeId ? subtreeIds(db, nodeId) : undefined);

      const nodes = new Map(listNodes(db).map((n) => [n.id, n]));
      const paths = new Map<string, string>();
      const packagePath = (id: string) => {
        let p = paths.get(id);
        if (p === undefined) {
          const parts: string[] = [];
          for (let n = nodes.get(id); n && n.level !== 'program'; n = n.parentId ? nodes.get(n.parentId) : undefined) parts.unshift(n.name);
          paths.set(id, (p = parts.join(' › ')));
        }
        return p;
      };
      const cols = exportColumns(listCustomFields(db), columns);
      const total = rows.length;
      s.emit('export:progress', { done: 0, total, phase: 'rows' });
      const data =
        format === 'xlsx'
          ? await measuresToXlsx(rows, cols, { packagePath, title: getMeta(db, 'name') ?? 'Workspace', exportedAt: nowIso() }, (done) =>
              s.emit('export:progress', { done, total, phase: 'rows' }),
            )
          : Buffer.from(measuresToCsv(rows, cols, { packagePath }), 'utf8');
      s.emit('export:progress', { done: total, total, phase: 'writing' });
      try {
        await writeFileAtomic(file, data);
      } catch (e) {
        throw writeError(e, file);
      }
      s.emit('export:progress', { done: total, total, phase: 'done' });
      return { path: file, rows: total, columns: cols.length };
    },
  };
}
