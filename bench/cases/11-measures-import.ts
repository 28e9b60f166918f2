/**
 * measures-import: the Excel round trip back in. A workbook of every measure (the app's own
 * export of the seeded 20k workspace) with 5% of its cells changed by exceljs — text cells
 * of the editable columns, spread at random over rows — is imported through
 * `measures:import`: a preview (read the file with exceljs, find the header, match every row
 * by code, compare every cell, validate the changed ones with the bulk-edit rules, check the
 * change log for edits made since the export) and its apply (one action writing every
 * changed cell through the change log, one undo step). The raw floor in the same run reads
 * the same file with exceljs and UPDATEs the same cells by code in one transaction
 * (statements prepared once). Each run starts from a fresh copy. Median of a few runs.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { openWorkspace } from '../../db/connection.js';
import { fieldHeader, MEASURE_FIELDS, type MeasureFieldDef } from '../../preload/contract/measure-fields.js';
import { mulberry32 } from '../seed.js';
import { median, settle, timeAsync, type BenchCase, type BenchContext, type Measurement } from '../harness.js';

const RUNS = 3;
const SHARE = 0.05;
/** Editable text columns of the export (header → database column), from the field registry. */
const EDITABLE: Record<string, string> = Object.fromEntries(
  (MEASURE_FIELDS as readonly MeasureFieldDef[]).filter((f) => f.kind === 'line' || f.kind === 'long').map((f) => [fieldHeader(f), f.column]),
);

interface Edit {
  code: string;
  column: string;
  value: string;
}

async function editedWorkbook(source: string, out: string, seed: number): Promise<{ edits: Edit[]; cells: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(source);
  const ws = wb.getWorksheet('Measures')!;
  const headers = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const cols = Object.keys(EDITABLE).map((h) => headers.indexOf(h));
  const rows = ws.rowCount - 1;
  const cells = rows * (headers.length - 1);
  const target = Math.round(cells * SHARE);
  const rnd = mulberry32(seed);
  const seen = new Set<string>();
  const edits: Edit[] = [];
  while (edits.length < target) {
    const r = 2 + Math.floor(rnd() * rows);
    const ci = Math.floor(rnd() * cols.length);
    const key = `${r}:${ci}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const row = ws.getRow(r);
    const value = `Edited in Excel ${edits.length}`;
    row.getCell(cols[ci]!).value = value;
    edits.push({ code: String(row.getCell(1).value), column: EDITABLE[Object.keys(EDITABLE)[ci]!]!, value });
  }
  await wb.xlsx.writeFile(out);
  return { edits, cells };
}

const measuresImport: BenchCase = {
  name: 'measures-import',
  description: 'measures:import of a 20k-row workbook with 5% of its cells changed (preview + apply) vs exceljs read + raw UPDATE of the same cells',
  target: { ratio: 2, appMs: 10_000 },
  async run(ctx: BenchContext): Promise<Measurement> {
    const api = ctx.api();
    await api.call('workspace:open', { path: ctx.seededCopy() });
    const exported = ctx.newPath('export.xlsx');
    await api.call('measures:export', { path: exported, format: 'xlsx' });
    await api.call('workspace:close', {});
    const file = ctx.newPath('edited.xlsx');
    const { edits, cells } = await editedWorkbook(exported, file, ctx.options.seed);
    ctx.log(`workbook with ${edits.length} of ${cells} cells changed`);

    const apps: number[] = [];
    const previews: number[] = [];
    const applies: number[] = [];
    const raws: number[] = [];
    let changed = 0;
    for (let i = 0; i < RUNS; i++) {
      const appCopy = ctx.seededCopy();
      await api.call('workspace:open', { path: appCopy });
      settle();
      let token = '';
      const preview = await timeAsync(async () => {
        const p = (await api.call('measures:import', { path: file, dryRun: true })).preview;
        if (p.refused.length) throw new Error(`refused: ${p.refused[0]!.reason}`);
        token = p.token;
      });
      const apply = await timeAsync(async () => {
        changed = (await api.call('measures:import', { path: file, token })).applied!.cells;
      });
      previews.push(preview);
      applies.push(apply);
      apps.push(preview + apply);
      await api.call('workspace:close', {});
      ctx.discard(appCopy);

      const rawCopy = ctx.seededCopy();
      const db = openWorkspace(rawCopy);
      settle();
      try {
        const stmts = new Map(Object.values(EDITABLE).map((c) => [c, db.prepare(`UPDATE measures SET ${c} = ? WHERE code = ?`)]));
        const write = db.transaction(() => {
          for (const e of edits) stmts.get(e.column)!.run(e.value, e.code);
        });
        raws.push(
          await timeAsync(async () => {
            const wb = new ExcelJS.Workbook();
            await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
            if (wb.getWorksheet('Measures')!.rowCount < 2) throw new Error('empty');
            write();
          }),
        );
      } finally {
        db.close();
        ctx.discard(rawCopy);
      }
    }
    return {
      appMs: median(apps),
      rawMs: median(raws),
      stat: `median of ${RUNS} interleaved runs, each on a fresh copy (${edits.length} of ${cells} cells changed)`,
      extra: { previewMs: Math.round(median(previews)), applyMs: Math.round(median(applies)), changedCells: changed, editedCells: edits.length },
    };
  },
};

export default measuresImport;
