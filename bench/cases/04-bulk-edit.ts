/**
 * bulk-edit: the grid's "Set field" on 5,000 selected measures (and a 500-row paste) —
 * `measures:bulkUpdate` through the API (schema parse, one read of the rows, validation of
 * every cell, one runAction writing each cell + updated_at through the change log, one undo
 * step) vs a raw `UPDATE measures SET function = ? WHERE id = ?` of the same rows in one
 * transaction (statement prepared once) on an identical copy. Each run flips the value so
 * every run changes every row. Median of several interleaved runs.
 *
 * `floorMs` replays, in plain SQL on a third copy, the statements any change-logged write
 * of these cells needs (read the row, UPDATE it, look up the row's log key, and per changed
 * cell — the field and the updated_at stamp — read the cell head from the log and append
 * the change): the cost of the audit trail itself, which the raw UPDATE does not pay.
 */
import { openWorkspace, type Database } from '../../db/connection.js';
import { median, settle, time, timeAsync, type BenchCase, type BenchContext, type Measurement } from '../harness.js';
import { nowIso, now } from '../../db/clock.js';

const ROWS = 5000;
const RUNS = 5;

/** The change log's SQL for these edits, without the Writer (see the header). */
function floorStatements(db: Database, ids: string[]) {
  const sel = db.prepare('SELECT function, updated_at FROM measures WHERE id = ?');
  const upd = db.prepare('UPDATE measures SET function = ?, updated_at = ? WHERE id = ?');
  const rowKey = db.prepare('SELECT id FROM change_rows WHERE tbl = ? AND row_id = ?').pluck();
  const headGet = db.prepare(
    'SELECT hlc, max(replica) AS replica FROM change_log WHERE row_key = ? AND col = ? AND hlc = (SELECT max(hlc) FROM change_log WHERE row_key = ? AND col = ?)',
  );
  const log = db.prepare(
    'INSERT INTO change_log (hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx, row_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  let n = 0;
  return db.transaction((value: string, run: number) => {
    const stamp = nowIso();
    for (const id of ids) {
      sel.get(id);
      upd.run(value, stamp, id);
      const key = rowKey.get('measures', id) as number;
      for (const col of ['function', 'updated_at']) {
        const hlc = `${String(now() + run).padStart(15, '0')}.${String(n++).padStart(6, '0')}`;
        const head = headGet.get(key, col, key, col) as { hlc: string | null; replica: string | null };
        log.run(hlc, 'bench', 'measures', id, col, JSON.stringify(value), null, head.hlc, head.replica, 'bench', `tx-${run}`, key);
      }
    }
  });
}

const bulkEdit: BenchCase = {
  name: 'bulk-edit',
  description: `measures:bulkUpdate of one field on ${ROWS} measures vs raw UPDATE of the same rows in one transaction`,
  target: { ratio: 3 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    const rawDb = openWorkspace(ctx.seededCopy());
    try {
      const ids = (await api.call('measures:list', {})).slice(0, ROWS).map((m) => m.id);
      const upd = rawDb.prepare('UPDATE measures SET function = ? WHERE id = ?');
      const raw = rawDb.transaction((value: string) => {
        for (const id of ids) upd.run(value, id);
      });
      const floorDb = openWorkspace(ctx.seededCopy());
      const floorRun = floorStatements(floorDb, ids);
      const floors: number[] = [];
      const apps: number[] = [];
      const raws: number[] = [];
      let cells = 0;
      for (let i = 0; i < RUNS + 1; i++) {
        const value = `Function ${i}`;
        settle();
        const a = await timeAsync(async () => {
          const r = await api.call('measures:bulkUpdate', { edits: ids.map((id) => ({ id, patch: { function: value } })) });
          cells = r.cells;
        });
        settle();
        const b = time(() => raw(value));
        settle();
        const f = time(() => floorRun(value, i));
        if (i > 0) {
          apps.push(a);
          raws.push(b);
          floors.push(f);
        }
      }
      if (cells !== ROWS) throw new Error(`expected ${ROWS} changed cells, got ${cells}`);
      // A 500 × 5 paste through the same path (title, owner, function, business unit, due date).
      const people = (await api.call('people:list', {})).map((p) => p.name);
      const paste = ids.slice(0, 500).map((id, i) => ({
        id,
        patch: { title: `Pasted ${i}`, owner: people[i % people.length]!, function: 'Ops', businessUnit: `BU ${i % 7}`, dueDate: '2027-06-30' },
      }));
      const pasteMs = await timeAsync(() => api.call('measures:bulkUpdate', { edits: paste, label: 'Paste 500 × 5' }));
      const undoMs = await timeAsync(() => api.call('history:undo', {}));
      floorDb.close();
      return {
        appMs: median(apps),
        rawMs: median(raws),
        stat: `median of ${RUNS} interleaved runs (${ROWS} rows, 1 field)`,
        extra: { floorMs: Math.round(median(floors)), appVsFloor: Number((median(apps) / median(floors)).toFixed(2)), paste500x5Ms: Math.round(pasteMs), undoPasteMs: Math.round(undoMs), appMinMs: Math.min(...apps), rawMinMs: Math.min(...raws) },
      };
    } finally {
      rawDb.close();
    }
  },
};

export default bulkEdit;
