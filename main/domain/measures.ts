import {
  RAG,
  type EditableMeasureField,
  type Measure,
  type MeasurePatch,
  type Rag,
} from '../../preload/contract/types.js';
import { parseDay } from '../../preload/contract/parse.js';
import { FIELD_LABELS, measureField } from '../../preload/contract/measure-fields.js';

export interface Issue {
  field?: string;
  row?: string;
  message: string;
}

export interface PersonRef {
  id: string;
  name: string;
}

export { FIELD_LABELS };

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
    const f = measureField(key);
    if (!f) {
      issues.push({ field: key, message: `${String(key)} cannot be edited here` });
      continue;
    }
    switch (f.kind) {
      case 'line':
      case 'long': {
        const long = f.kind === 'long';
        const v = long ? value : value.trim();
        if (f.required && v.length === 0) fail(key, 'is required and cannot be empty');
        else if (!long && v.length > SINGLE_LINE_MAX) fail(key, `is too long (${v.length} characters, at most ${SINGLE_LINE_MAX})`);
        else if (long && v.length > LONG_TEXT_MAX) fail(key, `is too long (${v.length} characters, at most ${LONG_TEXT_MAX})`);
        else if (!long && LINE_BREAK_OR_CONTROL.test(v)) fail(key, 'contains a line break or control character; use the description for long text');
        else if (long && CONTROL.test(v)) fail(key, 'contains a control character');
        else columns[f.column] = v;
        break;
      }
      case 'person': {
        if (value.trim() === '') columns[f.column] = null;
        else {
          const r = resolvePerson(value, people);
          if ('error' in r) fail(key, r.error);
          else columns[f.column] = r.id;
        }
        break;
      }
      case 'date': {
        if (value.trim() === '') columns[f.column] = null;
        else {
          const d = parseDay(value, locale);
          if (!d.ok) fail(key, d.message);
          else columns[f.column] = d.value;
        }
        break;
      }
      case 'status': {
        // A status here is a manual one (see manualStatusIssues); '' or "derived" goes back to the derived status.
        const r = isBackToDerived(value) ? null : parseRag(value);
        if (r === null && !isBackToDerived(value)) fail(key, `"${value.slice(0, 40)}" is not a status; use green, amber, red, grey (not reported) or derived`);
        else columns[f.column] = r;
        break;
      }
    }
  }
  const start = 'start_date' in columns ? columns.start_date : (current?.startDate ?? null);
  const due = 'due_date' in columns ? columns.due_date : (current?.dueDate ?? null);
  if (start && due && due < start && issues.length === 0) {
    issues.push({ field: 'dueDate', message: `Due date: ${due} is before the start date ${start}` });
  }
  return { columns, issues };
}
