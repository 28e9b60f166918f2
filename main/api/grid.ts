import { ValidationError } from '../../db/errors.js';
import { listCustomFields, writeCustomValue } from '../../db/repositories/custom-fields.js';
import { getMeasureStatesByIds, type MeasureState } from '../../db/repositories/measures.js';
import { writeMeasureColumns } from './measure-writes.js';
import type { CustomField, MeasureEdit } from '../../preload/contract/grid-types.js';
import type { MeasurePatch } from '../../preload/contract/types.js';
import { validateCustomValue } from '../domain/custom-fields.js';
import { FIELD_LABELS, resolvePerson, validateMeasurePatch, type Issue, type PersonRef } from '../domain/measures.js';
import { manualStatusIssues } from '../domain/manual-status.js';
import type { Handlers } from './handlers.js';
import { peopleRefs } from './measures.js';
import type { ApiSession } from './session.js';
import { nowIso } from '../../db/clock.js';
import type { Database } from '../../db/connection.js';
import type { Writer } from '../../db/changes.js';

type K = 'measures:bulkUpdate';

const PERSON_FIELDS = ['owner', 'sponsor', 'controller'] as const;
const MAX_LISTED = 200;
// Custom money is kept in cents whatever the workspace currency: the history and the exports
// show it with two decimals (see the contract's CustomValues).
export const CUSTOM_MONEY_DIGITS = 2;

export interface Planned {
  id: string;
  columns: Record<string, string | null>;
  custom: [fieldId: string, value: string | null][];
}

/**
 * Validates every cell of every edit against the current rows; returns the writes, or
 * every refused cell. People are resolved once per distinct name (a 5,000-row paste of
 * one owner resolves one name, not 5,000).
 */
export function planEdits(
  edits: MeasureEdit[],
  current: Map<string, MeasureState>,
  people: PersonRef[],
  fields: CustomField[],
  read: { locale?: string; digits: number } = { digits: 2 },
  reason?: string,
): { planned: Planned[]; issues: Issue[] } {
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const personCache = new Map<string, string>();
  const personId = (v: string): string => {
    let r = personCache.get(v);
    if (r === undefined) {
      const x = resolvePerson(v, people);
      r = 'id' in x ? x.id : v;
      personCache.set(v, r);
    }
    return r;
  };
  const issues: Issue[] = [];
  const planned: Planned[] = [];
  for (const e of edits) {
    const cur = current.get(e.id);
    if (!cur) {
      issues.push({ row: e.id, message: `Measure ${e.id} no longer exists (deleted in the meantime?)` });
      continue;
    }
    const patch: MeasurePatch = { ...e.patch };
    for (const f of PERSON_FIELDS) {
      const v = patch[f];
      if (typeof v === 'string' && v.trim() !== '') patch[f] = personId(v);
    }
    const v = validateMeasurePatch(cur, patch, people, read.locale);
    for (const i of [...v.issues, ...manualStatusIssues(v.columns, reason)]) issues.push({ ...i, row: cur.code, message: `${cur.code} ${i.message}` });
    const custom: Planned['custom'] = [];
    for (const [key, raw] of Object.entries(e.custom ?? {})) {
      const field = byKey.get(key);
      if (!field) {
        issues.push({ row: cur.code, field: key, message: `${cur.code} ${key}: no such custom field (deleted?)` });
        continue;
      }
      const r = validateCustomValue(field, raw, people, read);
      if ('error' in r) issues.push({ row: cur.code, field: key, message: `${cur.code} ${field.label}: ${r.error}` });
      else if (r.value === null && field.requiredFromDi !== null && cur.diLevel >= field.requiredFromDi)
        issues.push({ row: cur.code, field: key, message: `${cur.code} ${field.label}: is required from DI${field.requiredFromDi} and cannot be empty` });
      else custom.push([field.id, r.value]);
    }
    planned.push({ id: cur.id, columns: v.columns, custom });
  }
  return { planned, issues };
}

/**
 * The one validated write path of the grid: all edits in one action, or none. Typed dates,
 * numbers and money are read in `locale`; a status set by hand needs `reason`.
 */
export function applyEdits(s: ApiSession, edits: MeasureEdit[], label?: string, opts: { locale?: string; reason?: string } = {}): { measures: number; cells: number; label: string } {
  const db = s.db();
  const ids = [...new Set(edits.map((e) => e.id))];
  if (ids.length !== edits.length) throw new ValidationError('Each measure may appear only once in a bulk edit.');
  const current = new Map(getMeasureStatesByIds(db, ids).map((m) => [m.id, m]));
  const { planned, issues } = planEdits(edits, current, peopleRefs(s), listCustomFields(db), { locale: opts.locale, digits: CUSTOM_MONEY_DIGITS }, opts.reason);
  if (issues.length) {
    const cells = issues.length === 1 ? '1 cell was' : `${issues.length} cells were`;
    const shown = issues.slice(0, MAX_LISTED);
    if (issues.length > MAX_LISTED) shown.push({ message: `… and ${issues.length - MAX_LISTED} more` });
    throw new ValidationError(
      edits.length === 1 ? issues.map((i) => i.message.replace(/^\S+ /, '')).join('; ') : `${cells} refused; nothing was saved. ${issues[0]!.message}`,
      shown,
    );
  }
  const fieldNames = [...new Set(edits.flatMap((e) => [...Object.keys(e.patch ?? {}).map((k) => FIELD_LABELS[k as keyof typeof FIELD_LABELS] ?? k), ...Object.keys(e.custom ?? {})]))];
  const name = label ?? (edits.length === 1 ? `Edit ${current.get(edits[0]!.id)!.code} ${fieldNames.join(', ')}` : `Set ${fieldNames.join(', ')} on ${edits.length} measures`);
  const actor = s.actor();
  const { value } = s.act(name, (w, db) => writePlanned(w, db, planned, actor, opts.reason));
  return { ...value, label: name };
}

/** Writes validated edits (planEdits' output) inside an action: what paste, bulk edit and import share. */
export function writePlanned(w: Writer, db: Database, planned: Planned[], actor: string, reason?: string): { measures: number; cells: number } {
  let cells = 0;
  let measures = 0;
  const stamp = nowIso();
  for (const p of planned) {
    let n = Object.keys(p.columns).length ? writeMeasureColumns(w, db, p.id, p.columns, { actor, reason }).length : 0;
    for (const [fieldId, value] of p.custom) if (writeCustomValue(w, db, p.id, fieldId, value)) n++;
    if (n > 0 && Object.keys(p.columns).length === 0) w.update('measures', p.id, { updated_at: stamp });
    cells += n;
    if (n > 0) measures++;
  }
  return { measures, cells };
}

export function gridHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'measures:bulkUpdate': ({ edits, label, locale, reason }) => applyEdits(s, edits, label, { locale, reason }),
  };
}
