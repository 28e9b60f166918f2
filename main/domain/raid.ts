/** Rules of RAID item edits: the grid's patch turned into columns, or clear refusals. */
import { ESC_LEVELS, IMPACTS, PROBABILITIES, RAID_KINDS, RAID_STATUSES, type EditableRaidField, type RaidPatch } from '../../preload/contract/raid-types.js';
import { parseDay } from '../../preload/contract/parse.js';
import { resolvePerson, type Issue, type PersonRef } from './measures.js';

export const RAID_FIELD_LABELS: Record<EditableRaidField, string> = {
  kind: 'Kind',
  title: 'Title',
  description: 'Description',
  measure: 'Measure',
  node: 'Hierarchy',
  owner: 'Owner',
  impact: 'Impact',
  probability: 'Probability',
  nextAction: 'Next action',
  dueDate: 'Due date',
  status: 'Status',
  escalated: 'Escalated',
  escalationLevel: 'Escalation level',
};

const CHOICES: Partial<Record<EditableRaidField, { column: string; values: readonly string[]; nullable: boolean }>> = {
  kind: { column: 'kind', values: RAID_KINDS, nullable: false },
  impact: { column: 'impact', values: IMPACTS, nullable: true },
  probability: { column: 'probability', values: PROBABILITIES, nullable: true },
  status: { column: 'status', values: RAID_STATUSES, nullable: false },
  escalationLevel: { column: 'escalation_level', values: ESC_LEVELS, nullable: true },
};
const TEXTS: Partial<Record<EditableRaidField, { column: string; max: number; required?: boolean }>> = {
  title: { column: 'title', max: 500, required: true },
  description: { column: 'description', max: 100_000 },
  nextAction: { column: 'next_action', max: 2000 },
};
const YES = ['yes', 'true', '1', 'y', 'escalated'];
const NO = ['no', 'false', '0', 'n', ''];

export interface MeasureLookup {
  id: string;
  code: string;
  lifecycle: string;
}

/**
 * Validates a RAID patch. `measures` resolves a measure code; `current` is the item before the
 * edit; the due date is read in `locale` (the user's, else the runtime's). Escalating without a level defaults to the project level; a level without the flag sets it.
 */
export function validateRaidPatch(
  current: { escalated: number | boolean; escalationLevel: string | null; kind: string } | null,
  patch: RaidPatch,
  people: PersonRef[],
  measureByCode: (code: string) => MeasureLookup | undefined,
  nodes: { id: string; name: string }[] = [],
  locale?: string,
): { columns: Record<string, string | number | null>; issues: Issue[] } {
  const columns: Record<string, string | number | null> = {};
  const issues: Issue[] = [];
  const fail = (field: EditableRaidField, message: string) => issues.push({ field, message: `${RAID_FIELD_LABELS[field]}: ${message}` });
  for (const [key, raw] of Object.entries(patch) as [EditableRaidField, string | null | undefined][]) {
    if (raw === undefined) continue;
    const value = (raw ?? '').trim();
    const choice = CHOICES[key];
    if (choice) {
      const v = value.toLowerCase().replace(/ /g, '_');
      if (v === '' && choice.nullable) columns[choice.column] = null;
      else if (!choice.values.includes(v)) fail(key, `"${value.slice(0, 40)}" is not one of ${choice.values.join(', ')}`);
      else columns[choice.column] = v;
      continue;
    }
    const text = TEXTS[key];
    if (text) {
      const v = key === 'description' ? (raw ?? '') : value;
      if (text.required && v.length === 0) fail(key, 'is required and cannot be empty');
      else if (v.length > text.max) fail(key, `is too long (${v.length} characters, at most ${text.max})`);
      else columns[text.column] = v;
      continue;
    }
    if (key === 'owner') {
      if (value === '') columns.owner_id = null;
      else {
        const r = resolvePerson(value, people);
        if ('error' in r) fail(key, r.error);
        else columns.owner_id = r.id;
      }
    } else if (key === 'dueDate') {
      if (value === '') columns.due_date = null;
      else {
        const d = parseDay(value, locale);
        if (!d.ok) fail(key, d.message);
        else columns.due_date = d.value;
      }
    } else if (key === 'measure') {
      if (value === '') columns.measure_id = null;
      else {
        const m = measureByCode(value);
        if (!m) fail(key, `no measure with code "${value.slice(0, 40)}"`);
        else columns.measure_id = m.id;
      }
    } else if (key === 'node') {
      if (value === '') columns.node_id = null;
      else {
        const found = nodes.filter((n) => n.id === value || n.name.localeCompare(value, undefined, { sensitivity: 'accent' }) === 0);
        if (found.length === 1) columns.node_id = found[0]!.id;
        else fail(key, found.length ? `several hierarchy nodes are called "${value}"` : `no hierarchy node called "${value.slice(0, 60)}"`);
      }
    } else if (key === 'escalated') {
      const v = value.toLowerCase();
      if (YES.includes(v)) columns.escalated = 1;
      else if (NO.includes(v)) columns.escalated = 0;
      else fail(key, `"${value.slice(0, 40)}" is not yes or no`);
    } else issues.push({ field: key, message: `${String(key)} cannot be edited here` });
  }
  if (issues.length === 0) {
    // An item sits on one place: a measure, or a node of the hierarchy.
    if (columns.measure_id) columns.node_id = null;
    else if (columns.node_id) columns.measure_id = null;
    const escalated = 'escalated' in columns ? columns.escalated === 1 : !!current?.escalated;
    const level = 'escalation_level' in columns ? columns.escalation_level : (current?.escalationLevel ?? null);
    if ('escalated' in columns && escalated && !level) columns.escalation_level = 'project';
    if ('escalation_level' in columns && level && !escalated) columns.escalated = 1;
    if ('escalated' in columns && !escalated && !('escalation_level' in columns)) columns.escalation_level = null;
  }
  return { columns, issues };
}
