/** Types of the RAID feature: RAID log, dependencies, escalations, meetings. Pure types. */

export const RAID_KINDS = ['risk', 'assumption', 'issue', 'dependency'] as const;
export type RaidKind = (typeof RAID_KINDS)[number];
export const RAID_STATUSES = ['open', 'in_progress', 'mitigated', 'closed'] as const;
export type RaidStatus = (typeof RAID_STATUSES)[number];
export const IMPACTS = ['low', 'medium', 'high', 'critical'] as const;
export const PROBABILITIES = ['low', 'medium', 'high'] as const;
export const ESC_LEVELS = ['project', 'program', 'steering'] as const;
export type EscLevel = (typeof ESC_LEVELS)[number];
export const MEETING_STATUSES = ['planned', 'held', 'closed'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const ACTION_STATUSES = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export interface RaidItem {
  id: string;
  code: string;
  kind: RaidKind;
  title: string;
  description: string;
  nodeId: string | null;
  nodeName: string | null;
  measureId: string | null;
  measureCode: string | null;
  ownerId: string | null;
  owner: string | null;
  impact: string | null;
  probability: string | null;
  nextAction: string;
  dueDate: string | null;
  status: RaidStatus;
  escalated: boolean;
  escalationLevel: EscLevel | null;
  updatedAt: string | null;
  /** Open and past its due date. */
  overdue: boolean;
  /** Open and not updated for more than the workspace's stale limit. */
  stale: boolean;
}

/** Fields of a RAID item a user edits in the grid; people by id or exact name, measure by code. */
export const EDITABLE_RAID_FIELDS = [
  'kind',
  'title',
  'description',
  'measure',
  'node',
  'owner',
  'impact',
  'probability',
  'nextAction',
  'dueDate',
  'status',
  'escalated',
  'escalationLevel',
] as const;
export type EditableRaidField = (typeof EDITABLE_RAID_FIELDS)[number];
export type RaidPatch = Partial<Record<EditableRaidField, string | null>>;

export interface MeasureRef {
  id: string;
  code: string;
  title: string;
  function: string;
  dueDate: string | null;
  implementationStatus: string;
  lifecycle: string;
  late: boolean;
  red: boolean;
}

export interface DepLink {
  /** The dependency row. */
  id: string;
  /** The other measure (upstream for waitsOn, downstream for waitedOnBy); null = external party. */
  measure: MeasureRef | null;
  externalParty: string | null;
  description: string;
  neededBy: string | null;
  status: 'open' | 'resolved';
  /** The upstream is late or red (waitsOn), or the external party is past its needed-by date. */
  flagged: boolean;
}

export interface ChainNode extends MeasureRef {
  depth: number;
  viaCode: string;
}

export interface DependencyView {
  measure: MeasureRef;
  waitsOn: DepLink[];
  waitedOnBy: DepLink[];
  /** Everything it waits on, transitively, nearest first. */
  upstream: ChainNode[];
  /** Everything waiting on it, transitively. */
  downstream: ChainNode[];
  /** The nearest late or red measure upstream, when there is one. */
  blockedBy: { code: string; title: string; reason: string; depth: number } | null;
}

export interface Escalation {
  id: string;
  ruleKey: string;
  ruleName: string;
  subjectKind: string;
  subjectId: string;
  /** What it is about, e.g. "M-0012 Configure SLA timers" or "R-0003 …". */
  subject: string;
  /** The measure concerned, when there is one (for opening it). */
  measureId: string | null;
  level: EscLevel;
  reason: string;
  raisedAt: string;
  status: 'open' | 'resolved';
}

export interface EscalationRuleRow {
  id: string;
  key: string;
  name: string;
  threshold: number;
  level: EscLevel;
  enabled: boolean;
}

export interface Meeting {
  id: string;
  title: string;
  date: string;
  status: MeetingStatus;
  attendees: string[];
  attendeeNames: string[];
  agenda: string;
  decisionCount: number;
  openActionCount: number;
}

export interface DecisionLink {
  kind: 'measure' | 'gate_request' | 'raid_item';
  id: string;
  label: string;
}

export interface Decision {
  id: string;
  code: string;
  meetingId: string | null;
  meetingTitle: string | null;
  text: string;
  decidedBy: string;
  date: string;
  /** Open: the committee still has to take it (the article's open decision count). Absent before schema 14. */
  status?: 'open' | 'decided';
  links: DecisionLink[];
}

export interface ActionItem {
  id: string;
  code: string;
  meetingId: string | null;
  meetingTitle: string | null;
  title: string;
  ownerId: string;
  owner: string;
  dueDate: string | null;
  status: ActionStatus;
  overdue: boolean;
}

export interface MeetingDetail {
  meeting: Meeting;
  decisions: Decision[];
  actions: ActionItem[];
  /** The meeting before this one, and its actions still open (for follow-up). */
  previous: { id: string; title: string; date: string } | null;
  followUp: ActionItem[];
}

/** A measure waiting, directly or transitively, on a late or red measure (the pack's blocking chains). */
export interface BlockedMeasure {
  measure: MeasureRef;
  culprit: MeasureRef;
  /** Steps from the measure up to the culprit. */
  depth: number;
}
