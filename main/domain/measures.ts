import {
  RAG,
  type EditableMeasureField,
  type Measure,
  type MeasurePatch,
  type Rag,
} from '../../preload/contract/types.js';
import { parseDay } from '../../preload/contract/parse.js';

export interface Issue {
  field?: string;
  row?: string;
  message: string;
}

export interface PersonRef {
  id: string;
  name: string;
}

export const FIELD_LABELS: Record<EditableMeasureField, string> = {
  title: 'Title',
  description: 'Description',
  owner: 'Owner',
  sponsor: 'Sponsor',
  controller: 'Controller',
  businessUnit: 'Business unit',
  function: 'Function',
  legalEntity: 'Legal entity',
  startDate: 'Start date',
  dueDate: 'Due date',
  implementationStatus: 'Implementation status',
  potentialStatus: 'Potential status',
  closureCriteria: 'Closure criteria',
};

const SINGLE_LINE_MAX = 500;
const LONG_TEXT_MAX = 1_000_000;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const LINE_BREAK_OR_CONTROL = /[\u0000-\u001f\u007f]/;

// One collator for all look-ups: localeCompare with options builds a new one per call.
const NAME_COLLATOR = new Intl.Collator(undefined, { sensitivity: 'accent' });

/** Resolves a person given by id or by exact name (case-insensitive). */
export function resolvePerson(value: string, people: PersonRef[]): { id: string } | { error: string } {
  const v = value.trim();
  const byId = people.find((p) => p.id === v);
  if (byId) return { id: byId.id };
  const byName = people.filter((p) => NAME_COLLATOR.compare(p.name, v) === 0);
  if (byName.length === 1) return { id: byName[0]!.id };
  if (byName.length > 1) return { error: `Several people are called "${v}"; pick one from the list` };
  return { error: `Unknown person "${v}"; add them under People first` };
}

export function parseRag(value: string): Rag | null {
  const v = value.trim().toLowerCase();
  if ((RAG as readonly string[]).includes(v)) return v as Rag;
  if (v === 'not reported' || v === 'gray') return 'grey';
  return null;
}

/** '' (or "derived") in a status field clears the manual status: the derived one applies again. */
export function isBackToDerived(value: string | null): boolean {
  const v = (value ?? '').trim().toLowerCase();
  return v === '' || v === 'derived';
}

const TEXT_FIELDS: Partial<Record<EditableMeasureField, { column: string; long: boolean; required?: boolean }>> = {
  title: { column: 'title', long: false, required: true },
  description: { column: 'description', long: true },
  businessUnit: { column: 'business_unit', long: false },
  function: { column: 'function', long: false },
  legalEntity: { column: 'legal_entity', long: false },
  closureCriteria: { column: 'closure_criteria', long: true },
};
const PERSON_FIELDS: Partial<Record<EditableMeasureField, string>> = { owner: 'owner_id', sponsor: 'sponsor_id', controller: 'controller_id' };
const DATE_FIELDS: Partial<Record<EditableMeasureField, string>> = { startDate: 'start_date', dueDate: 'due_date' };
const RAG_FIELDS: Partial<Record<EditableMeasureField, string>> = {
  implementationStatus: 'implementation_status',
  potentialStatus: 'potential_status',
};

export interface ValidatedPatch {
  columns: Record<string, string | null>;
  issues: Issue[];
}

/**
 * Checks a patch against the rules of the grid and turns it into database columns.
 * `current` is the measure before the edit (null when creating); dates are read in `locale`
 * (the user's, else the runtime's; preload/contract/parse.ts). Nothing is partial:
 * callers write `columns` only when `issues` is empty.
 */
export function validateMeasurePatch(current: Pick<Measure, 'startDate' | 'dueDate'> | null, patch: MeasurePatch, people: PersonRef[], locale?: string): ValidatedPatch {
  const columns: Record<string, string | null> = {};
  const issues: Issue[] = [];
  const fail = (field: EditableMeasureField, message: string): void => {
    issues.push({ field, message: `${FIELD_LABELS[field]}: ${message}` });
  };
  for (const [key, raw] of Object.entries(patch) as [EditableMeasureField, string | null | undefined][]) {
    if (raw === undefined) continue;
    const value = raw ?? '';
    const text = TEXT_FIELDS[key];
    if (text) {
      const v = text.long ? value : value.trim();
      if (text.required && v.length === 0) fail(key, 'is required and cannot be empty');
      else if (!text.long && v.length > SINGLE_LINE_MAX) fail(key, `is too long (${v.length} characters, at most ${SINGLE_LINE_MAX})`);
      else if (text.long && v.length > LONG_TEXT_MAX) fail(key, `is too long (${v.length} characters, at most ${LONG_TEXT_MAX})`);
      else if (!text.long && LINE_BREAK_OR_CONTROL.test(v)) fail(key, 'contains a line break or control character; use the description for long text');
      else if (text.long && CONTROL.test(v)) fail(key, 'contains a control character');
      else columns[text.column] = v;
      continue;
    }
    const personCol = PERSON_FIELDS[key];
    if (personCol) {
      if (value.trim() === '') columns[personCol] = null;
      else {
        const r = resolvePerson(value, people);
        if ('error' in r) fail(key, r.error);
        else columns[personCol] = r.id;
      }
      continue;
    }
    const dateCol = DATE_FIELDS[key];
    if (dateCol) {
      if (value.trim() === '') columns[dateCol] = null;
      else {
        const d = parseDay(value, locale);
        if (!d.ok) fail(key, d.message);
        else columns[dateCol] = d.value;
      }
      continue;
    }
    const ragCol = RAG_FIELDS[key];
    if (ragCol) {
      // A status here is a manual one (see manualStatusIssues); '' or "derived" goes back to the derived status.
      const r = isBackToDerived(value) ? null : parseRag(value);
      if (r === null && !isBackToDerived(value)) fail(key, `"${value.slice(0, 40)}" is not a status; use green, amber, red, grey (not reported) or derived`);
      else columns[ragCol] = r;
      continue;
    }
    issues.push({ field: key, message: `${String(key)} cannot be edited here` });
  }
  const start = 'start_date' in columns ? columns.start_date : (current?.startDate ?? null);
  const due = 'due_date' in columns ? columns.due_date : (current?.dueDate ?? null);
  if (start && due && due < start && issues.length === 0) {
    issues.push({ field: 'dueDate', message: `Due date: ${due} is before the start date ${start}` });
  }
  return { columns, issues };
}
