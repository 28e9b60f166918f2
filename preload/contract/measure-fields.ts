/*
 * The measure-field registry: every field a person edits on a measure, once. Validation,
 * the repository's columns, history labels, the Excel/CSV export and import columns, the
 * grid's columns, bulk edit and the detail panel are all derived from these rows, so a new
 * field is one migration (its column) plus one row here. Pure data and pure functions: the
 * renderer imports it too.
 */

/**
 * line: one line of text (500 characters at most); long: multi-line text; person: a
 * person's id (shown by name); date: YYYY-MM-DD, typed in the user's order; status: a
 * derived status a person may set by hand, with a reason.
 */
export type MeasureFieldKind = 'line' | 'long' | 'person' | 'date' | 'status';

export interface MeasureFieldDef {
  /** The contract's name (the patch key, the Measure property). */
  readonly key: string;
  /** The measures table's column. */
  readonly column: string;
  /** What a person reads: messages, history, the detail panel, bulk edit. */
  readonly label: string;
  /** Column header of the grid and the export (defaults to the label). */
  readonly header?: string;
  readonly kind: MeasureFieldKind;
  /** Cannot be emptied. */
  readonly required?: boolean;
  /** Other names an imported column may have (besides header, label and key). */
  readonly aliases?: readonly string[];
  /** Width in the grid (px) and in the workbook (characters). */
  readonly gridWidth: number;
  readonly exportWidth: number;
  /** Hidden in the grid until chosen. */
  readonly hidden?: boolean;
  /** Offered by bulk edit (one value on many measures). */
  readonly bulk?: boolean;
  /** Part of the measure's definition: editing it resets approvals given (gates' reset on edit). */
  readonly definition?: boolean;
}

/** In the grid's and the export's order; the governed columns (DI, lifecycle) stand before the statuses. */
export const MEASURE_FIELDS = [
  { key: 'title', column: 'title', label: 'Title', kind: 'line', required: true, aliases: ['measure', 'measure title', 'name'], gridWidth: 300, exportWidth: 48, definition: true },
  { key: 'owner', column: 'owner_id', label: 'Owner', kind: 'person', gridWidth: 150, exportWidth: 18, bulk: true, definition: true },
  { key: 'sponsor', column: 'sponsor_id', label: 'Sponsor', kind: 'person', gridWidth: 150, exportWidth: 18, bulk: true, definition: true },
  { key: 'controller', column: 'controller_id', label: 'Controller', kind: 'person', gridWidth: 150, exportWidth: 18, bulk: true, definition: true },
  { key: 'businessUnit', column: 'business_unit', label: 'Business unit', kind: 'line', aliases: ['bu'], gridWidth: 150, exportWidth: 18, bulk: true, definition: true },
  { key: 'function', column: 'function', label: 'Function', kind: 'line', gridWidth: 140, exportWidth: 18, bulk: true, definition: true },
  { key: 'legalEntity', column: 'legal_entity', label: 'Legal entity', kind: 'line', aliases: ['entity'], gridWidth: 150, exportWidth: 18, hidden: true, bulk: true },
  { key: 'description', column: 'description', label: 'Description', kind: 'long', gridWidth: 300, exportWidth: 48, hidden: true, definition: true },
  { key: 'closureCriteria', column: 'closure_criteria', label: 'Closure criteria', kind: 'long', gridWidth: 300, exportWidth: 48, hidden: true, definition: true },
  { key: 'startDate', column: 'start_date', label: 'Start date', header: 'Start', kind: 'date', aliases: ['begin'], gridWidth: 120, exportWidth: 12, bulk: true },
  { key: 'dueDate', column: 'due_date', label: 'Due date', header: 'Due', kind: 'date', aliases: ['end date', 'deadline'], gridWidth: 120, exportWidth: 12, bulk: true },
  {
    key: 'implementationStatus',
    column: 'implementation_status',
    label: 'Implementation status',
    header: 'Implementation',
    kind: 'status',
    aliases: ['delivery status'],
    gridWidth: 160,
    exportWidth: 14,
    bulk: true,
  },
  { key: 'potentialStatus', column: 'potential_status', label: 'Potential status', header: 'Potential', kind: 'status', aliases: ['value status'], gridWidth: 160, exportWidth: 14, bulk: true },
] as const satisfies readonly MeasureFieldDef[];

type Def = (typeof MEASURE_FIELDS)[number];
/** Fields a user edits directly (the grid, the detail panel, bulk edit, import, `measures set`). */
export type EditableMeasureField = Def['key'];
type KeyOf<K extends MeasureFieldKind> = Extract<Def, { kind: K }>['key'];

/** A measure's values of the registry's fields, as the contract's Measure carries them (a person also by id). */
export type MeasureFieldValues = { [P in KeyOf<'line' | 'long'>]: string } & { [P in KeyOf<'date'>]: string | null } & {
  [P in KeyOf<'person'>]: string | null;
} & { [P in KeyOf<'person'> as `${P}Id`]: string | null } & { [P in KeyOf<'status'>]: 'green' | 'amber' | 'red' | 'grey' };

/** Look-ups over a list of fields (the registry's below; a test may index an extended list). */
export function indexFields(fields: readonly MeasureFieldDef[]) {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const byColumn = new Map(fields.map((f) => [f.column, f]));
  return {
    EDITABLE_MEASURE_FIELDS: fields.map((f) => f.key) as readonly EditableMeasureField[],
    /** field key → label ("legalEntity" → "Legal entity"). */
    FIELD_LABELS: Object.fromEntries(fields.map((f) => [f.key, f.label])) as Record<EditableMeasureField, string>,
    measureField: (key: string): MeasureFieldDef | undefined => byKey.get(key),
    measureFieldOfColumn: (column: string): MeasureFieldDef | undefined => byColumn.get(column),
  };
}

export const { EDITABLE_MEASURE_FIELDS, FIELD_LABELS, measureField, measureFieldOfColumn } = indexFields(MEASURE_FIELDS);

export const fieldHeader = (f: MeasureFieldDef): string => f.header ?? f.label;

/**
 * The Measure property a field's stored value is read from: a person's id, else the field itself.
 * (A person field's own property is the person's name.)
 */
export const storedProperty = (f: MeasureFieldDef): string => (f.kind === 'person' ? `${f.key}Id` : f.key);

/** The values of a measure not filled in yet (a placeholder row, a new measure). */
export function blankFieldValues(): MeasureFieldValues {
  const out: Record<string, string | null> = {};
  for (const f of MEASURE_FIELDS as readonly MeasureFieldDef[]) {
    if (f.kind === 'person') out[`${f.key}Id`] = null;
    out[f.key] = f.kind === 'line' || f.kind === 'long' ? '' : f.kind === 'status' ? 'grey' : null;
  }
  return out as unknown as MeasureFieldValues;
}
