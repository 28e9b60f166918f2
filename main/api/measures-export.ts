import { resolve } from 'node:path';
import { listCustomFields } from '../../db/repositories/custom-fields.js';
import { listLiveMeasuresByIds, listMeasures } from '../../db/repositories/measures.js';
import { getNode, listNodes, subtreeIds } from '../../db/repositories/nodes.js';
import { ValidationError } from '../../db/errors.js';
import type { Measure } from '../../preload/contract.js';
import { writeFileAtomic } from '../exchange/atomic.js';
import { exportColumns, measuresToCsv, measuresToXlsx } from '../exchange/measures-export.js';
import type { Handlers } from './handlers.js';
import { ApiError } from './errors.js';
import { writeError } from './pack.js';
import type { ApiSession } from './session.js';
import { checkWriteTarget } from '../../db/files.js';
import { exportContext, exportMeta, valueSheetData } from './export-data.js';
import { currencyOf } from './currency.js';
import { templateGrid } from './template-grid.js';

type K = 'measures:export' | 'measures:pickExportPath';

/** "Program › Project › Package" of a node, for the About sheet's scope. */
function nodePath(s: ApiSession, nodeId: string): string {
  const byId = new Map(listNodes(s.db()).map((n) => [n.id, n]));
  const parts: string[] = [];
  for (let n = byId.get(nodeId); n; n = n.parentId ? byId.get(n.parentId) : undefined) parts.unshift(n.name);
  return parts.join(' › ');
}

export function measuresExportHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'measures:pickExportPath': async ({ format, suggested }) => {
      const pick = s.options.shell?.pickSavePath;
      if (!pick) throw new ApiError({ code: 'unsupported', message: 'Native file dialogs are only available in the desktop app; type a path instead.' });
      return { path: await pick(format, suggested) };
    },
    'measures:export': async ({ path, format, ids, nodeId, columns, overwrite, value, separator, locale }) => {
      const db = s.db();
      const file = resolve(path);
      const ext = format === 'xlsx' ? '.xlsx' : '.csv';
      if (!file.toLowerCase().endsWith(ext)) throw new ValidationError(`The file name must end in ${ext} for ${format === 'xlsx' ? 'an Excel workbook' : 'CSV'}.`);
      checkWriteTarget(file, { overwrite });
      if (nodeId && !getNode(db, nodeId)) throw new ValidationError(`No hierarchy node ${nodeId} (it may have been deleted).`);

      let rows: Measure[];
      let scope: string;
      if (ids) {
        // The grid's rows in the grid's order; deleted ones are left out.
        const byId = new Map(listLiveMeasuresByIds(db, ids).map((m) => [m.id, m]));
        rows = ids.map((id) => byId.get(id)).filter((m): m is Measure => !!m);
        scope = `The ${rows.length} measure${rows.length === 1 ? '' : 's'} the grid showed${nodeId ? ` in ${nodePath(s, nodeId)}` : ''}`;
      } else {
        rows = listMeasures(db, nodeId ? subtreeIds(db, nodeId) : undefined);
        scope = nodeId ? nodePath(s, nodeId) : 'Whole workspace';
      }
      const grid = templateGrid(db);
      const used = new Set(rows.map((m) => grid.measures[m.id]?.template).filter((k): k is string => !!k));
      const cols = exportColumns(listCustomFields(db), columns, { columns: grid.columns, used });
      const ctx = exportContext(s, cols, ids ? undefined : nodeId, grid.measures);
      const total = rows.length;
      s.emit('export:progress', { done: 0, total, phase: 'rows' });
      const data =
        format === 'xlsx'
          ? await measuresToXlsx(rows, cols, { ...ctx, meta: exportMeta(s, scope), ...(value ? { value: valueSheetData(db, rows) } : {}) }, (done) =>
              s.emit('export:progress', { done, total, phase: 'rows' }),
            )
          : Buffer.from(measuresToCsv(rows, cols, { ...ctx, digits: currencyOf(s).digits, separator, locale }), 'utf8');
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
