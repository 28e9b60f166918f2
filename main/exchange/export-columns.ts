import { DI_NAMES, RAG_LABELS, type CustomField, type Measure, type Rag, type RollupRow, type TemplateColumn, type TemplateGrid } from '../../preload/contract.js';
import { fieldHeader, MEASURE_FIELDS, type MeasureFieldDef } from '../../preload/contract/measure-fields.js';

/*
 * The columns of the measures sheet, shared by the export (what is written) and the import
 * (which reads a header row by these labels and keys). Keys follow the grid's: built-in
 * fields, the hierarchy, value totals, `custom.<key>`.
 */

/** text; a date; a number; money of the workspace currency (minor units); custom money (always cents). */
export type ExportKind = 'text' | 'number' | 'date' | 'money' | 'cents';
export type ExportValue = string | number | null;

/** How the import treats a column: written back, checked against Steerco, or only read. */
export type ColumnRole = 'key' | 'field' | 'status' | 'reason' | 'hierarchy' | 'readonly' | 'computed' | 'custom' | 'template' | 'tplfield';

export interface ExportColumn {
  key: string;
  header: string;
  kind: ExportKind;
  width: number;
  role: ColumnRole;
  value(m: Measure, ctx: ExportContext): ExportValue;
}

export interface Hierarchy {
  program: string;
  project: string;
  package: string;
}

export interface ExportContext {
  hierarchy(nodeId: string): Hierarchy;
  /** The measure's value totals (the value roll-up by measure; cancelled measures have none). */
  totals(measureId: string): RollupRow | undefined;
  /** The reason of a status set by hand, or null when the status is derived. */
  manualReason(measureId: string, kind: 'implementation' | 'potential'): string | null;
  /** The measure's workflow template and the values of its own fields (undefined: a plain measure). */
  workflow?(measureId: string): TemplateGrid['measures'][string] | undefined;
}

export const LIFECYCLE_LABELS: Record<string, string> = { active: 'Active', on_hold: 'On hold', cancelled: 'Cancelled', closed: 'Closed' };

const text = (key: keyof Measure & string, header: string, width = 18): ExportColumn => ({
  key,
  header,
  kind: 'text',
  width,
  role: key === 'code' ? 'key' : 'field',
  value: (m) => (m[key] as string | null) ?? '',
});

const total = (key: string, header: string, pick: (r: RollupRow) => number): ExportColumn => ({
  key,
  header,
  kind: 'money',
  width: 14,
  role: 'computed',
  value: (m, ctx) => {
    const r = ctx.totals(m.id);
    return r ? pick(r) : null;
  },
});

/** A registry field as a column: people by name, dates as dates, statuses by their label. */
function fieldColumn(f: MeasureFieldDef): ExportColumn {
  const key = f.key as keyof Measure & string;
  const base = { key, header: fieldHeader(f), width: f.exportWidth };
  if (f.kind === 'status') return { ...base, kind: 'text', role: 'status', value: (m) => RAG_LABELS[m[key] as Rag] };
  if (f.kind === 'date') return { ...base, kind: 'date', role: 'field', value: (m) => (m[key] as string | null) ?? null };
  return { ...base, kind: 'text', role: 'field', value: (m) => (m[key] as string | null) ?? '' };
}

const FIELDS = MEASURE_FIELDS as readonly MeasureFieldDef[];
const REASON_OF: Record<string, ExportColumn> = {
  implementationStatus: { key: 'implementationReason', header: 'Implementation reason', kind: 'text', width: 24, role: 'reason', value: (m, ctx) => ctx.manualReason(m.id, 'implementation') ?? '' },
  potentialStatus: { key: 'potentialReason', header: 'Potential reason', kind: 'text', width: 24, role: 'reason', value: (m, ctx) => ctx.manualReason(m.id, 'potential') ?? '' },
};

/** Built-in columns in the grid's default order (the registry's, the governed DI and lifecycle before the statuses), then the hierarchy and the value totals. */
export const BUILTIN_EXPORT_COLUMNS: ExportColumn[] = [
  text('code', 'Code', 10),
  ...FIELDS.filter((f) => f.kind !== 'status').map(fieldColumn),
  { key: 'diLevel', header: 'DI', kind: 'number', width: 6, role: 'readonly', value: (m) => m.diLevel },
  { key: 'diName', header: 'DI stage', kind: 'text', width: 12, role: 'readonly', value: (m) => DI_NAMES[m.diLevel] ?? '' },
  { key: 'lifecycle', header: 'Lifecycle', kind: 'text', width: 11, role: 'readonly', value: (m) => LIFECYCLE_LABELS[m.lifecycle] ?? m.lifecycle },
  ...FIELDS.filter((f) => f.kind === 'status').flatMap((f) => [fieldColumn(f), ...(REASON_OF[f.key] ? [REASON_OF[f.key]!] : [])]),
  { key: 'program', header: 'Program', kind: 'text', width: 24, role: 'hierarchy', value: (m, ctx) => ctx.hierarchy(m.nodeId).program },
  { key: 'project', header: 'Project', kind: 'text', width: 24, role: 'hierarchy', value: (m, ctx) => ctx.hierarchy(m.nodeId).project },
  { key: 'package', header: 'Package', kind: 'text', width: 24, role: 'hierarchy', value: (m, ctx) => ctx.hierarchy(m.nodeId).package },
  total('planTotal', 'Plan total', (r) => r.plan),
  total('forecastTotal', 'Forecast total', (r) => r.forecast),
  total('actualTotal', 'Actual total', (r) => r.actual),
  total('targetTotal', 'Target total', (r) => r.target),
  total('riskWeightedTotal', 'Risk-weighted plan', (r) => r.riskWeightedPlan),
];

/** Grid column ids that stand for several export columns (the grid shows one "Package" path, one "Value" button). */
const GRID_GROUPS: Record<string, string[]> = {
  package: ['program', 'project', 'package'],
  effects: ['planTotal', 'forecastTotal', 'actualTotal', 'targetTotal', 'riskWeightedTotal'],
  implementationStatus: ['implementationStatus', 'implementationReason'],
  potentialStatus: ['potentialStatus', 'potentialReason'],
};

export function customExportColumn(f: CustomField): ExportColumn {
  const kind: ExportKind = f.type === 'number' ? 'number' : f.type === 'money' ? 'cents' : f.type === 'date' ? 'date' : 'text';
  return {
    key: `custom.${f.key}`,
    header: f.label,
    kind,
    width: kind === 'text' ? 18 : 12,
    role: 'custom',
    value: (m) => {
      const v = m.custom?.[f.key];
      if (v === undefined || v === null || v === '') return null;
      if (kind === 'number' || kind === 'cents') return typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : String(v);
      return String(v);
    },
  };
}

/** The measure's workflow template, by name (empty for a plain measure). */
export const TEMPLATE_EXPORT_COLUMN: ExportColumn = { key: 'template', header: 'Template', kind: 'text', width: 22, role: 'template', value: (m, ctx) => ctx.workflow?.(m.id)?.name ?? '' };

/** A template field's header when its label alone is taken: "SLA risk (Customer onboarding)". */
export const qualifiedTemplateHeader = (c: TemplateColumn): string => `${c.label} (${c.templates.map((t) => t.name).join(', ')})`;

const normalized = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/**
 * A template field as a column (the grid's `tpl.<key>`): empty on measures whose template has
 * no such field. `taken`: headers of the other columns; a label one of them has is qualified
 * by its templates' names, so every header of a sheet names one field (what the import reads).
 */
export function templateExportColumn(c: TemplateColumn, taken?: ReadonlySet<string>): ExportColumn {
  const kind: ExportKind = c.type === 'date' ? 'date' : c.type === 'number' ? 'number' : 'text';
  const owners = new Set(c.templates.map((t) => t.key));
  return {
    key: `tpl.${c.key}`,
    header: taken?.has(normalized(c.label)) ? qualifiedTemplateHeader(c) : c.label,
    kind,
    width: kind === 'text' ? 18 : 12,
    role: 'tplfield',
    value: (m, ctx) => {
      const w = ctx.workflow?.(m.id);
      const v = w && owners.has(w.template) ? w.values[c.key] : undefined;
      if (v === undefined || v === '') return null;
      return kind === 'number' && Number.isFinite(Number(v)) ? Number(v) : v;
    },
  };
}

/** Template field columns with headers unique among themselves and beside `others`. */
export function templateColumnsOf(fields: readonly TemplateColumn[], others: readonly ExportColumn[]): ExportColumn[] {
  const count = new Map<string, number>();
  for (const h of [...others.map((c) => c.header), TEMPLATE_EXPORT_COLUMN.header, ...fields.map((c) => c.label)]) count.set(normalized(h), (count.get(normalized(h)) ?? 0) + 1);
  const taken = new Set([...count].filter(([, n]) => n > 1).map(([h]) => h));
  return fields.map((c) => templateExportColumn(c, taken));
}

/**
 * The columns to write: the requested keys in their order (unknown keys are left out — grid
 * columns such as buttons have no data; the grid's Package and Value stand for the hierarchy
 * and the value totals), or every column; the code is always first.
 */
export function exportColumns(customFields: CustomField[], keys?: string[], workflow?: { columns: TemplateColumn[]; used: ReadonlySet<string> }): ExportColumn[] {
  const base = [...BUILTIN_EXPORT_COLUMNS, ...customFields.map(customExportColumn)];
  const fields = workflow?.columns ?? [];
  // Every column lists the workflow of the measures exported; "everything" adds the fields of the templates they use.
  const shown = fields.filter((c) => keys || c.templates.some((t) => workflow!.used.has(t.key)));
  const all = [...base, ...(workflow ? [TEMPLATE_EXPORT_COLUMN] : []), ...templateColumnsOf(shown, base)];
  if (!keys) return workflow && workflow.used.size === 0 ? base : all;
  const byKey = new Map(all.map((c) => [c.key, c]));
  const expanded = keys.flatMap((k) => GRID_GROUPS[k] ?? [k]);
  const picked = [...new Set(expanded)].map((k) => byKey.get(k)).filter((c): c is ExportColumn => !!c);
  const code = byKey.get('code')!;
  return [code, ...picked.filter((c) => c !== code)];
}
