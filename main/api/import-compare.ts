import type { CustomField, ImportKept, ImportRefusal, Measure } from '../../preload/contract.js';
import type { CellValue } from '../../db/tables.js';
import type { Issue } from '../domain/measures.js';
import type { MappedColumn } from '../exchange/import-columns.js';
import type { SinceExport } from './import-since.js';
import type { CellOp, CellPlan } from './import-types.js';

/**
 * Comparing a validated value from the file with what Steerco holds, and with what it held
 * at export time: a plain change, a cell Steerco changed since that the file left alone
 * (kept), or a cell changed in both places (a conflict for the user to settle).
 */

export interface CellCompare {
  since: SinceExport | null;
  kept: ImportKept[];
  cells: CellPlan[];
  personName: Map<string, string>;
  fieldById: Map<string, CustomField>;
  changedRows: Set<number>;
}

const same = (a: CellValue | undefined, b: CellValue | undefined) => String(a ?? '') === String(b ?? '');

const PERSON_COLUMNS = new Set(['owner_id', 'sponsor_id', 'controller_id']);

/** A stored value as a person reads it: people by name, custom values as the grid shows them. */
export function storedText(c: Pick<CellCompare, 'personName'>, what: string | CustomField, v: CellValue | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  if (typeof what === 'string') return PERSON_COLUMNS.has(what) ? (c.personName.get(s) ?? s) : s;
  switch (what.type) {
    case 'person':
      return c.personName.get(s) ?? s;
    case 'checkbox':
      return s === '1' ? 'yes' : 'no';
    case 'money':
      return (Number(s) / 100).toFixed(2);
    case 'multi':
      try {
        return (JSON.parse(s) as string[]).join('; ');
      } catch {
        return s;
      }
    default:
      return s;
  }
}

export function cellChange(
  c: CellCompare,
  x: { row: number; m: Measure; field: string; label: string; column: string; table: string; rowId: string; col: string; cur: CellValue; value: CellValue; op: CellOp; shown: (v: CellValue) => string },
): void {
  if (same(x.cur, x.value)) return;
  const since = c.since?.(x.table, x.rowId, x.col);
  if (since && same(since.exported, x.value)) {
    // Changed in Steerco since the export; the file still has the exported value: Steerco's stays.
    c.kept.push({ row: x.row, code: x.m.code, label: x.label, steerco: x.shown(x.cur) });
    return;
  }
  const plan: CellPlan = { row: x.row, code: x.m.code, measureId: x.m.id, title: x.m.title, field: x.field, label: x.label, column: x.column, old: x.shown(x.cur), new: x.shown(x.value), op: x.op };
  if (since) {
    plan.conflict = {
      id: `${x.row}:${x.field}`,
      row: x.row,
      code: x.m.code,
      field: x.field,
      label: x.label,
      column: x.column,
      exported: x.shown(since.exported),
      steerco: x.shown(x.cur),
      file: x.shown(x.value),
      changedBy: c.personName.get(since.by) ?? since.by.replace(/^user:/, ''),
      changedAt: since.at,
      take: false,
    };
  }
  c.cells.push(plan);
  c.changedRows.add(x.row);
}

/** planEdits' issues (row = the measure's code, field = its key) as refusals at the file's row and column. */
export function mergeRefusals(
  issues: Issue[],
  byCode: Map<string, { row: number; m: Measure | null }>,
  columnOf: (field: string) => MappedColumn | undefined,
  refused: ImportRefusal[],
  refusedRows: Set<number>,
): void {
  for (const i of issues) {
    const at = i.row ? byCode.get(i.row) : undefined;
    const col = i.field ? columnOf(i.field) : undefined;
    const reason = i.row && i.message.startsWith(`${i.row} `) ? i.message.slice(i.row.length + 1) : i.message;
    refused.push({ row: at?.row ?? null, column: col?.letter ?? null, header: col?.header ?? null, code: at?.m?.code ?? null, reason });
    if (at) refusedRows.add(at.row);
  }
}
