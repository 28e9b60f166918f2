import { NotFoundError, ValidationError } from '../../db/errors.js';
import { cachedStatement } from '../../db/statements.js';
import { listCustomFields, writeCustomValue } from '../../db/repositories/custom-fields.js';
import { writeTemplateValue } from '../../db/repositories/templates.js';
import { workflowReader, type WorkflowReader } from './import-workflow.js';
import { getMeasureState, getMeasureStatesByIds, type MeasureState } from '../../db/repositories/measures.js';
import type { Database } from '../../db/connection.js';
import type { Writer } from '../../db/changes.js';
import { nowIso } from '../../db/clock.js';
import { RAG_LABELS, type CustomField, type MeasureEdit, type Rag } from '../../preload/contract.js';
import { requiredFromDiProblem, validateCustomValue } from '../domain/custom-fields.js';
import { FIELD_LABELS, resolvePerson, validateMeasurePatch, type Issue, type PersonRef } from '../domain/measures.js';
import { manualStatusIssues, STATUS_COLUMNS } from '../domain/manual-status.js';
import { writeMeasureColumns } from './measure-writes.js';
import type { ApiSession } from './session.js';

/*
 * The one way a person's edit of measure fields reaches the database: plan (validate every
 * cell of every edit against the current rows), then write the plan in one action. A
 * single edit (measures:update), a bulk edit or paste (measures:bulkUpdate), built-in and
 * custom fields, and the Excel import (planEdits at preview, writePlanned when applied)
 * all take it, so every one obeys the same rules and reads the same in the undo menu.
 */

const PERSON_FIELDS = ['owner', 'sponsor', 'controller'] as const;
const MAX_LISTED = 200;
// Custom money is kept in cents whatever the workspace currency: the history and the exports
// show it with two decimals (see the contract's CustomValues).
export const CUSTOM_MONEY_DIGITS = 2;

export interface Planned {
  id: string;
  columns: Record<string, string | null>;
  custom: [fieldId: string, value: string | null][];
  /** Template field values that differ from the stored ones. */
  workflow?: [key: string, value: string][];
}

export function peopleRefs(s: ApiSession): PersonRef[] {
  return cachedStatement(s.db(), 'SELECT id, name FROM people WHERE deleted = 0').all() as PersonRef[];
}

/**
 * The people the edits' person fields can resolve to; none when they name nobody (most
 * single edits). The grid sends person ids, and resolvePerson takes a match by id before any
 * match by name, so when every value is a live person's id those people are all it needs;
 * otherwise (names typed by a person, or custom fields, which may be people) every live
 * person is read.
 */
export function peopleFor(s: ApiSession, edits: MeasureEdit[]): PersonRef[] {
  if (edits.some((e) => e.custom && Object.keys(e.custom).length > 0)) return peopleRefs(s);
  const values = [...new Set(edits.flatMap((e) => PERSON_FIELDS.map((k) => e.patch?.[k]?.trim()).filter((v): v is string => !!v)))];
  if (values.length === 0) return [];
  const byId = cachedStatement(s.db(), 'SELECT id, name FROM people WHERE deleted = 0 AND id IN (SELECT value FROM json_each(?))').all(
    JSON.stringify(values),
  ) as PersonRef[];
  return values.every((v) => byId.some((p) => p.id === v)) ? byId : peopleRefs(s);
}

/**
 * Validates every cell of every edit against the current rows; returns the writes, or
 * every refused cell (message prefixed by the measure's code, `row` = the code). People are
 * resolved once per distinct name (a 5,000-row paste of one owner resolves one name, not 5,000).
 */
export function planEdits(
  edits: MeasureEdit[],
  current: Map<string, MeasureState>,
  people: PersonRef[],
  fields: CustomField[],
  read: { locale?: string; digits: number } = { digits: CUSTOM_MONEY_DIGITS },
  reason?: string,
  workflow?: WorkflowReader,
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
    const patch = { ...e.patch };
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
      const problem = 'error' in r ? r.error : requiredFromDiProblem(field, r.value, cur.diLevel);
      if (problem !== null) issues.push({ row: cur.code, field: key, message: `${cur.code} ${field.label}: ${problem}` });
      else if ('value' in r) custom.push([field.id, r.value]);
    }
    const tpl: Planned['workflow'] = [];
    if (e.workflow && Object.keys(e.workflow).length) {
      if (!workflow) throw new Error('planEdits: template field edits need the workflow reader');
      const t = workflow.current(cur.id);
      for (const [key, raw] of Object.entries(e.workflow)) {
        const c = workflow.columns.find((x) => x.key === key);
        if (!c) {
          issues.push({ row: cur.code, field: `tpl.${key}`, message: `${cur.code} ${key}: no template has this field (removed from its template?)` });
          continue;
        }
        const r = workflow.field(t, c, raw, cur.code, read.locale);
        if (r && 'problem' in r) issues.push({ row: cur.code, field: `tpl.${key}`, message: `${cur.code} ${r.problem}` });
        else if (r && r.value !== workflow.stored(cur.id, key)) tpl.push([key, r.value]);
      }
    }
    planned.push({ id: cur.id, columns: v.columns, custom, ...(tpl.length ? { workflow: tpl } : {}) });
  }
  return { planned, issues };
}

/** Writes validated edits (planEdits' output) inside an action; returns what changed. */
export function writePlanned(w: Writer, db: Database, planned: Planned[], actor: string, reason?: string): { measures: number; cells: number } {
  let cells = 0;
  let measures = 0;
  const stamp = nowIso();
  for (const p of planned) {
    let n = Object.keys(p.columns).length ? writeMeasureColumns(w, db, p.id, p.columns, { actor, reason }).length : 0;
    for (const [fieldId, value] of p.custom) if (writeCustomValue(w, db, p.id, fieldId, value)) n++;
    for (const [key, value] of p.workflow ?? []) {
      writeTemplateValue(w, db, p.id, key, value);
      n++;
    }
    if (n > 0 && Object.keys(p.columns).length === 0) w.update('measures', p.id, { updated_at: stamp });
    cells += n;
    if (n > 0) measures++;
  }
  return { measures, cells };
}

/**
 * The undo label of an edit, one format for every path: "Edit M-0001 Title, Owner" for one
 * measure, "Set Title, Owner on 12 measures" for several. A status set by hand on one measure
 * reads as what it is: "Set M-0005 implementation status to Amber" / "… back to derived".
 */
export function editLabel(edits: MeasureEdit[], codeOf: (id: string) => string, fields: CustomField[], planned?: Planned[], workflow?: WorkflowReader): string {
  const customLabel = new Map(fields.map((f) => [f.key, f.label]));
  const workflowLabel = new Map((workflow?.columns ?? []).map((c) => [c.key, c.label]));
  const names = [
    ...new Set(
      edits.flatMap((e) => [
        ...Object.keys(e.patch ?? {}).map((k) => FIELD_LABELS[k as keyof typeof FIELD_LABELS] ?? k),
        ...Object.keys(e.custom ?? {}).map((k) => customLabel.get(k) ?? k),
        ...Object.keys(e.workflow ?? {}).map((k) => workflowLabel.get(k) ?? k),
      ]),
    ),
  ];
  if (edits.length !== 1) return `Set ${names.join(', ')} on ${edits.length} measures`;
  const e = edits[0]!;
  const code = codeOf(e.id);
  const keys = [...Object.keys(e.patch ?? {}), ...Object.keys(e.custom ?? {}), ...Object.keys(e.workflow ?? {})];
  const status = keys.length === 1 ? Object.entries(STATUS_COLUMNS).find(([, f]) => f.field === keys[0]) : undefined;
  const columns = planned?.find((p) => p.id === e.id)?.columns;
  if (status && columns) {
    const [col, { kind }] = status;
    const v = columns[col];
    return typeof v === 'string' ? `Set ${code} ${kind} status to ${RAG_LABELS[v as Rag]}` : `${code} ${kind} status back to derived`;
  }
  return `Edit ${code} ${names.join(', ')}`;
}

/** The refusal of a plan: for one measure the cells' reasons, for several a count and the first. */
function refusal(edits: MeasureEdit[], issues: Issue[]): ValidationError {
  const shown = issues.slice(0, MAX_LISTED);
  if (issues.length > MAX_LISTED) shown.push({ message: `… and ${issues.length - MAX_LISTED} more` });
  if (edits.length === 1) {
    // One measure: the reasons read at the field they were typed in, without the code.
    const strip = (i: Issue) => (i.row && i.message.startsWith(`${i.row} `) ? i.message.slice(i.row.length + 1) : i.message);
    return new ValidationError(issues.map(strip).join('; '), shown.map((i) => ({ ...i, message: strip(i) })));
  }
  const cells = issues.length === 1 ? '1 cell was' : `${issues.length} cells were`;
  return new ValidationError(`${cells} refused; nothing was saved. ${issues[0]!.message}`, shown);
}

/**
 * Plans, validates and writes edits of measure fields in one action (one transaction, one
 * undo step), or refuses them all with every reason. Typed dates, numbers and money are read
 * in `locale`; a status set by hand needs `reason`. `label` replaces the default undo label.
 */
export function applyEdits(
  s: ApiSession,
  edits: MeasureEdit[],
  opts: { label?: string; locale?: string; reason?: string } = {},
): { measures: number; cells: number; label: string } {
  const db = s.db();
  const ids = [...new Set(edits.map((e) => e.id))];
  if (ids.length !== edits.length) throw new ValidationError('Each measure may appear only once in a bulk edit.');
  // One measure is read by its key (the single edit is the hot path of the grid).
  const states = ids.length === 1 ? [getMeasureState(db, ids[0]!)].filter((m) => m !== undefined) : getMeasureStatesByIds(db, ids);
  const current = new Map(states.map((m) => [m.id, m]));
  if (edits.length === 1 && !current.has(ids[0]!)) throw new NotFoundError(`No measure ${ids[0]} (it may have been deleted).`);
  const fields = edits.some((e) => e.custom && Object.keys(e.custom).length > 0) ? listCustomFields(db) : [];
  const workflow = edits.some((e) => e.workflow && Object.keys(e.workflow).length > 0) ? workflowReader(db) : undefined;
  const { planned, issues } = planEdits(edits, current, peopleFor(s, edits), fields, { locale: opts.locale, digits: CUSTOM_MONEY_DIGITS }, opts.reason, workflow);
  if (issues.length) throw refusal(edits, issues);
  const label = opts.label ?? editLabel(edits, (id) => current.get(id)!.code, fields, planned, workflow);
  const { value } = s.act(label, (w, db) => writePlanned(w, db, planned, w.actor, opts.reason));
  return { ...value, label };
}
