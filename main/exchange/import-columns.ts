import type { CustomField, TemplateColumn } from '../../preload/contract.js';
import { measureField } from '../../preload/contract/measure-fields.js';
import { BUILTIN_EXPORT_COLUMNS, qualifiedTemplateHeader, TEMPLATE_EXPORT_COLUMN, type ColumnRole } from './export-columns.js';
import type { RawCell, SheetTable } from './import-table.js';
import { columnLetter } from './xlsx-style.js';
import { parseMonthHeader, VALUE_FIXED } from './value-sheet.js';

/*
 * Finding the header row of a sheet and what each column is. A header is recognised by the
 * export's labels, the field keys and the grid's field labels, and custom fields' labels and
 * keys, with case, spacing and punctuation ignored ("Business unit" = "businessUnit" =
 * "business_unit"). Columns may come in any order; the others are listed as unknown.
 */

export interface MappedColumn {
  /** 0-based column index. */
  index: number;
  letter: string;
  header: string;
  key: string | null;
  role: ColumnRole | 'unknown' | 'repeated';
  field?: CustomField;
  /** A template field's column (role 'tplfield'). */
  template?: TemplateColumn;
}

export interface HeaderMatch {
  /** 0-based row index of the header. */
  row: number;
  columns: MappedColumn[];
}

/** Case, accents, spaces and punctuation ignored. */
export function normalizeHeader(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Other names people (and older exports) give the built-in columns that are not registry fields. */
const EXTRA_ALIASES: Record<string, string[]> = {
  code: ['measure code', 'measure id', 'id code'],
  diLevel: ['di level', 'degree of implementation'],
  implementationReason: ['implementation status reason'],
  potentialReason: ['potential status reason'],
  package: ['measure package', 'package path'],
};

/** A column's names: the registry field's label, column and aliases, or the extras above. */
function aliasesOf(key: string): readonly string[] {
  const f = measureField(key);
  return f ? [f.label, f.column, ...(f.aliases ?? [])] : (EXTRA_ALIASES[key] ?? []);
}

export interface ColumnDef {
  key: string;
  role: ColumnRole;
  field?: CustomField;
  template?: TemplateColumn;
}

/** normalized header → what the column is. Built-in names win over a custom field's label (the field stays reachable by its key). */
export function headerAliases(customFields: CustomField[], templateColumns: TemplateColumn[] = []): Map<string, ColumnDef> {
  const out = new Map<string, ColumnDef>();
  const put = (name: string, def: ColumnDef) => {
    const n = normalizeHeader(name);
    if (n && !out.has(n)) out.set(n, def);
  };
  for (const c of BUILTIN_EXPORT_COLUMNS) {
    const def = { key: c.key, role: c.role };
    put(c.header, def);
    put(c.key, def);
    for (const a of aliasesOf(c.key)) put(a, def);
  }
  for (const f of customFields) {
    const def: ColumnDef = { key: `custom.${f.key}`, role: 'custom', field: f };
    put(`custom.${f.key}`, def);
    put(f.key, def);
  }
  for (const f of customFields) put(f.label, { key: `custom.${f.key}`, role: 'custom', field: f });
  // The workflow: the measure's template, then the template fields by key and by label (after every other name).
  const tpl = { key: TEMPLATE_EXPORT_COLUMN.key, role: TEMPLATE_EXPORT_COLUMN.role };
  for (const a of ['Template', 'Workflow template', 'Workflow']) put(a, tpl);
  for (const c of templateColumns) {
    const def: ColumnDef = { key: `tpl.${c.key}`, role: 'tplfield', template: c };
    put(`tpl.${c.key}`, def);
    put(c.key, def);
    put(qualifiedTemplateHeader(c), def);
  }
  for (const c of templateColumns) put(c.label, { key: `tpl.${c.key}`, role: 'tplfield', template: c });
  return out;
}

const text = (v: RawCell | undefined): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim();

const SCAN_ROWS = 30;

/** The first of the sheet's first rows naming the most known columns (at least two, one of them Code or Title). */
export function findHeader(table: SheetTable, aliases: Map<string, ColumnDef>): HeaderMatch | null {
  let best: { row: number; score: number } | null = null;
  for (let r = 0; r < Math.min(SCAN_ROWS, table.rows.length); r++) {
    const keys = new Set<string>();
    for (const v of table.rows[r] ?? []) {
      const def = aliases.get(normalizeHeader(text(v)));
      if (def) keys.add(def.key);
    }
    if (keys.size >= 2 && (keys.has('code') || keys.has('title')) && (!best || keys.size > best.score)) best = { row: r, score: keys.size };
  }
  if (!best) return null;
  const seen = new Map<string, MappedColumn>();
  const columns: MappedColumn[] = [];
  (table.rows[best.row] ?? []).forEach((v, index) => {
    const header = text(v);
    if (header === '') return;
    const def = aliases.get(normalizeHeader(header));
    const col: MappedColumn = { index, letter: columnLetter(index + 1), header, key: def?.key ?? null, role: def?.role ?? 'unknown', ...(def?.field ? { field: def.field } : {}), ...(def?.template ? { template: def.template } : {}) };
    if (def && seen.has(def.key)) col.role = 'repeated';
    else if (def) seen.set(def.key, col);
    columns.push(col);
  });
  return { row: best.row, columns };
}

/** What the first rows hold, for the message when no header is found. */
export function firstRowText(table: SheetTable): string {
  const row = table.rows.find((r) => r.some((v) => text(v) !== ''));
  if (!row) return 'the sheet is empty';
  const cells = row.map(text).filter(Boolean).slice(0, 6);
  return `its first row reads ${cells.map((c) => `"${c.slice(0, 30)}"`).join(', ')}${row.length > 6 ? ', …' : ''}`;
}

export interface ValueColumns {
  row: number;
  code: number | null;
  lineType: number | null;
  line: number | null;
  target: number | null;
  lineId: number | null;
  months: { index: number; letter: string; header: string; field: 'plan' | 'forecast' | 'actual'; period: string }[];
  unknown: string[];
}

/** The header of a Value sheet: Code and month columns ("Plan 2026-01") at least. */
export function findValueHeader(table: SheetTable): ValueColumns | null {
  const fixed = Object.entries(VALUE_FIXED).map(([k, label]) => [k, normalizeHeader(label)] as const);
  for (let r = 0; r < Math.min(SCAN_ROWS, table.rows.length); r++) {
    const cols: ValueColumns = { row: r, code: null, lineType: null, line: null, target: null, lineId: null, months: [], unknown: [] };
    (table.rows[r] ?? []).forEach((v, index) => {
      const header = text(v);
      if (!header) return;
      const month = parseMonthHeader(header);
      if (month) {
        cols.months.push({ index, letter: columnLetter(index + 1), header, ...month });
        return;
      }
      const n = normalizeHeader(header);
      const hit = fixed.find(([, label]) => label === n);
      if (hit && hit[0] !== 'title' && cols[hit[0] as 'code'] === null) cols[hit[0] as 'code'] = index;
      else if (!hit) cols.unknown.push(`${columnLetter(index + 1)} "${header}"`);
    });
    if (cols.code !== null && cols.months.length > 0) return cols;
  }
  return null;
}
