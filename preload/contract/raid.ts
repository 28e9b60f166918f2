import { z } from 'zod';
import { method } from './define.js';
import { localeSchema } from './core.js';
import {
  ACTION_STATUSES,
  EDITABLE_RAID_FIELDS,
  ESC_LEVELS,
  MEETING_STATUSES,
  RAID_KINDS,
  type ActionItem,
  type Decision,
  type BlockedMeasure,
  type DependencyView,
  type Escalation,
  type EscalationRuleRow,
  type Meeting,
  type MeetingDetail,
  type RaidItem,
} from './raid-types.js';

const id = z.string().min(1, 'an id is required').max(200);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD');
const text = (max: number) => z.string().trim().max(max);

const raidPatchShape = Object.fromEntries(EDITABLE_RAID_FIELDS.map((f) => [f, z.string().max(100_000).nullable().optional()])) as Record<
  (typeof EDITABLE_RAID_FIELDS)[number],
  z.ZodOptional<z.ZodNullable<z.ZodString>>
>;
export const raidPatchSchema = z.object(raidPatchShape).strict();

/** RAID log, dependencies, escalations, meetings, decisions and actions. */
export const raidContract = {
  /** RAID items (all, of one measure, or of one kind), with overdue and stale flags. */
  'raid:list': method<RaidItem[]>()(z.object({ measureId: id.optional(), kind: z.enum(RAID_KINDS).optional() }).strict()),
  /** Adds a RAID item on a measure or a hierarchy node (or the whole program). */
  'raid:create': method<RaidItem>()(
    z.object({ kind: z.enum(RAID_KINDS), measureId: id.optional(), nodeId: id.optional(), patch: raidPatchSchema.optional() }).strict(),
  ),
  /** Edits fields of one RAID item with the grid's rules; '' or null clears; the due date is read in `locale`. */
  'raid:update': method<RaidItem>()(z.object({ id, patch: raidPatchSchema, locale: localeSchema.optional() }).strict()),
  'raid:delete': method<{ deleted: number }>()(z.object({ ids: z.array(id).min(1).max(10_000) }).strict()),

  /** What a measure waits on and what waits on it, directly and transitively, with flags. */
  'deps:forMeasure': method<DependencyView>()(z.object({ measureId: id }).strict()),
  /** "measureId waits on onMeasureId (or an external party)"; refuses cycles and dead upstreams. */
  'deps:create': method<DependencyView>()(
    z
      .object({
        measureId: id,
        onMeasureId: id.optional(),
        externalParty: text(300).optional(),
        description: text(2000).optional(),
        neededBy: date.optional(),
      })
      .strict(),
  ),
  /** Every measure blocked by a late or red measure upstream, nearest culprit first (for the pack). */
  'deps:blocked': method<BlockedMeasure[]>()(z.object({}).strict()),
  'deps:update': method<DependencyView>()(z.object({ id, status: z.enum(['open', 'resolved']).optional(), neededBy: date.nullable().optional() }).strict()),
  'deps:delete': method<DependencyView>()(z.object({ id }).strict()),

  /** Evaluates the escalation rules, raises new escalations, resolves gone ones; all, newest first. */
  'escalations:list': method<Escalation[]>()(z.object({ includeResolved: z.boolean().optional() }).strict()),
  'escalations:rules': method<EscalationRuleRow[]>()(z.object({}).strict()),
  'escalations:updateRule': method<EscalationRuleRow>()(
    z.object({ id, threshold: z.number().int().min(0).max(3650).optional(), level: z.enum(ESC_LEVELS).optional(), enabled: z.boolean().optional() }).strict(),
  ),

  'meetings:list': method<Meeting[]>()(z.object({}).strict()),
  /** A meeting with its decisions, actions and the previous meeting's open actions. */
  'meetings:get': method<MeetingDetail>()(z.object({ id }).strict()),
  'meetings:create': method<Meeting>()(
    z.object({ title: text(300).min(1, 'a title is required'), date, agenda: text(20_000).optional(), attendees: z.array(id).max(200).optional() }).strict(),
  ),
  'meetings:update': method<Meeting>()(
    z
      .object({
        id,
        title: text(300).min(1, 'a title is required').optional(),
        date: date.optional(),
        status: z.enum(MEETING_STATUSES).optional(),
        agenda: text(20_000).optional(),
        attendees: z.array(id).max(200).optional(),
      })
      .strict(),
  ),
  /** Records a decision in a meeting (refused on a closed meeting), linked to measures / requests / RAID items. */
  'decisions:create': method<Decision>()(
    z
      .object({
        meetingId: id,
        text: text(5000).min(1, 'the decision text is required'),
        decidedBy: text(300).optional(),
        date: date.optional(),
        links: z.array(z.object({ kind: z.enum(['measure', 'gate_request', 'raid_item']), id }).strict()).max(100).optional(),
      })
      .strict(),
  ),
  /** The decision log across meetings: text search, by measure, by meeting. */
  'decisions:list': method<Decision[]>()(z.object({ query: text(200).optional(), measureId: id.optional(), meetingId: id.optional() }).strict()),
  /** Decisions linked to one measure (its history of committee decisions), newest first. */
  'measures:decisions': method<Decision[]>()(z.object({ id }).strict()),
  /** An action with a required owner (person id or exact name). */
  'actions:create': method<ActionItem>()(
    z.object({ meetingId: id.optional(), title: text(1000).min(1, 'a title is required'), owner: z.string().trim().max(300), dueDate: date.optional() }).strict(),
  ),
  'actions:update': method<ActionItem>()(
    z
      .object({ id, title: text(1000).min(1).optional(), owner: z.string().trim().max(300).optional(), dueDate: date.nullable().optional(), status: z.enum(ACTION_STATUSES).optional() })
      .strict(),
  ),
  'actions:list': method<ActionItem[]>()(z.object({ meetingId: id.optional(), openOnly: z.boolean().optional() }).strict()),
} as const;
