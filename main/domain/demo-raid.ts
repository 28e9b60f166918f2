/**
 * Demo RAID log, cross-function dependency chains and steering meetings for the demo
 * program. Pure data: measures by title, people by key (main/domain/demo.ts), dates as
 * day offsets from the day the demo is created, so overdue and stale flags stay true.
 */

export interface DemoRaid {
  kind: 'risk' | 'assumption' | 'issue' | 'dependency';
  title: string;
  description: string;
  measure: string | null;
  owner: string;
  impact: 'low' | 'medium' | 'high' | 'critical' | null;
  probability: 'low' | 'medium' | 'high' | null;
  nextAction: string;
  /** Due / decide-by date, days from today (negative = past). */
  due: number | null;
  status: 'open' | 'in_progress' | 'mitigated' | 'closed';
  escalationLevel: 'project' | 'program' | 'steering' | null;
  /** Last update, days from today. */
  updated: number;
}

export const DEMO_RAID: DemoRaid[] = [
  { kind: 'risk', title: 'Ticketing vendor release slips past Gold launch', description: 'SLA timers need vendor release 24.3; the vendor has not confirmed the date.', measure: 'Configure tier-aware SLA timers', owner: 'tom', impact: 'critical', probability: 'medium', nextAction: 'Get a committed release date from the vendor account manager', due: 5, status: 'open', escalationLevel: 'steering', updated: -2 },
  { kind: 'risk', title: 'Gold 24x7 rota cannot be staffed at the second site', description: 'Two of six engineers for the night shift are not hired yet.', measure: 'Shift model for 24x7 Gold coverage', owner: 'grace', impact: 'high', probability: 'high', nextAction: 'Approve two contractor positions as a bridge', due: -6, status: 'open', escalationLevel: null, updated: -20 },
  { kind: 'risk', title: 'Price book discounts erode Gold margin', description: 'Sales asks for a 25% discount band; margin target is 32%.', measure: 'Price book for tiered offering', owner: 'marco', impact: 'high', probability: 'medium', nextAction: 'Model margin at 15/20/25% discount with finance', due: 12, status: 'in_progress', escalationLevel: null, updated: -3 },
  { kind: 'risk', title: 'Knowledge base articles not migrated before cut-over', description: '400 of 1,200 articles still need review.', measure: 'Knowledge base migration', owner: 'david', impact: 'medium', probability: 'low', nextAction: 'Weekly burn-down in the IT stand-up', due: 30, status: 'mitigated', escalationLevel: null, updated: -9 },
  { kind: 'assumption', title: 'Existing customers accept migration to a tier', description: 'Assumes 80% of current contracts map to Silver or Gold without renegotiation.', measure: 'Define Bronze/Silver/Gold service tiers', owner: 'lucas', impact: 'high', probability: null, nextAction: 'Validate with the ten largest customers', due: 20, status: 'open', escalationLevel: null, updated: -30 },
  { kind: 'assumption', title: 'Finance systems can recognise tier revenue monthly', description: 'No ERP change needed beyond new revenue codes.', measure: 'Revenue recognition for tiered contracts', owner: 'jonas', impact: 'medium', probability: null, nextAction: 'Confirm with the ERP team', due: -3, status: 'open', escalationLevel: null, updated: -16 },
  { kind: 'issue', title: 'CRM contract data incomplete for 140 customers', description: 'Tier and renewal dates missing; blocks the contract sync and billing feed.', measure: 'CRM to contract sync', owner: 'david', impact: 'high', probability: null, nextAction: 'Data clean-up sprint with sales operations', due: -10, status: 'in_progress', escalationLevel: 'program', updated: -4 },
  { kind: 'issue', title: 'Billing exceptions handled by e-mail', description: 'No owner per exception type; average resolution 19 days.', measure: 'Billing exception handling process', owner: 'li', impact: 'medium', probability: null, nextAction: 'Assign owners per exception type', due: 7, status: 'open', escalationLevel: null, updated: -1 },
  { kind: 'issue', title: 'Quality gate checklist not signed off', description: 'Go-live checklist waiting for quality review since last month.', measure: 'Quality gate before go-live per customer', owner: 'priya', impact: 'medium', probability: null, nextAction: 'Review in the quality board', due: -15, status: 'open', escalationLevel: null, updated: -25 },
  { kind: 'dependency', title: 'Legal review capacity for DPAs', description: 'Customer legal teams must countersign the DPA annexes.', measure: 'Data processing agreements for all tiers', owner: 'emma', impact: 'medium', probability: null, nextAction: 'Send annexes to the first 20 customers', due: 25, status: 'open', escalationLevel: null, updated: -5 },
  { kind: 'risk', title: 'Program budget for platform licences not released', description: 'Capex for licences waits for the annual budget round.', measure: null, owner: 'sofia', impact: 'high', probability: 'low', nextAction: 'Pre-approval from the CFO', due: 40, status: 'open', escalationLevel: null, updated: -8 },
  { kind: 'issue', title: 'Old helpdesk wiki still used by night shift', description: 'Closed after migration of the remaining articles.', measure: 'Knowledge base migration', owner: 'david', impact: 'low', probability: null, nextAction: '', due: -40, status: 'closed', escalationLevel: null, updated: -35 },
];

/** "waiting measure waits on upstream": IT configuration blocks operations readiness blocks revenue recognition. */
export interface DemoDependency {
  measure: string;
  on: string | null;
  external: string | null;
  description: string;
  neededBy: number | null;
}

export const DEMO_DEPENDENCIES: DemoDependency[] = [
  { measure: 'Triage rules by tier and severity', on: 'Configure tier-aware SLA timers', external: null, description: 'Triage needs the SLA clock per tier in the ticketing tool', neededBy: null },
  { measure: 'Triage rules by tier and severity', on: 'Automated request routing', external: null, description: 'Routing rules carry the triage matrix', neededBy: null },
  { measure: 'Revenue recognition for tiered contracts', on: 'Triage rules by tier and severity', external: null, description: 'Tier service levels must be operational before tier revenue is recognised', neededBy: null },
  { measure: 'Billing exception handling process', on: 'CRM to contract sync', external: null, description: 'Exceptions are detected against the synced contract tier', neededBy: null },
  { measure: 'Revenue recognition for tiered contracts', on: 'Billing exception handling process', external: null, description: 'Revenue is recognised on clean billing', neededBy: null },
  { measure: 'Steering committee value report', on: 'Monthly controller validation of actuals', external: null, description: 'Only validated actuals go to the committee', neededBy: null },
  { measure: 'Quality gate before go-live per customer', on: 'ISO 20000 readiness assessment', external: null, description: 'The gate checklist reuses the ISO controls', neededBy: null },
  { measure: 'Contract approval workflow', on: 'Price book for tiered offering', external: null, description: 'Approval thresholds come from the price book', neededBy: null },
  { measure: 'Configure tier-aware SLA timers', on: null, external: 'Ticketing vendor (release 24.3)', description: 'Tier-aware SLA clocks ship in the vendor release', neededBy: -10 },
  { measure: 'Data processing agreements for all tiers', on: null, external: 'Customer legal teams', description: 'Countersigned DPA annexes', neededBy: 30 },
];

export interface DemoMeeting {
  title: string;
  date: number;
  status: 'planned' | 'held' | 'closed';
  attendees: string[];
  agenda: string;
  decisions: { text: string; decidedBy: string; measures: string[]; raid: string[] }[];
  actions: { title: string; owner: string; due: number; status: 'open' | 'in_progress' | 'done' | 'cancelled' }[];
}

export const DEMO_MEETINGS: DemoMeeting[] = [
  {
    title: 'Steering committee #3',
    date: -42,
    status: 'closed',
    attendees: ['hanna', 'marco', 'sofia', 'aisha', 'tom'],
    agenda: '1. Tier definitions\n2. Price book approach\n3. IT configuration plan',
    decisions: [{ text: 'Three tiers (Bronze, Silver, Gold) with the SLAs proposed by service management.', decidedBy: 'Hanna Berg (sponsor)', measures: ['Define Bronze/Silver/Gold service tiers'], raid: [] }],
    actions: [{ title: 'Share tier SLA table with all workstreams', owner: 'aisha', due: -35, status: 'done' }],
  },
  {
    title: 'Steering committee #4',
    date: -14,
    status: 'held',
    attendees: ['hanna', 'marco', 'sofia', 'jonas', 'aisha', 'grace', 'tom'],
    agenda: '1. Actions from #3\n2. Value pipeline and DI3 approvals\n3. Blocking dependencies: IT configuration → operations → revenue recognition\n4. Escalations: vendor release, night-shift staffing',
    decisions: [
      { text: 'Approve two contractor positions to staff the Gold night shift until permanent hires start.', decidedBy: 'Hanna Berg, Sofia Almeida', measures: ['Shift model for 24x7 Gold coverage'], raid: ['Gold 24x7 rota cannot be staffed at the second site'] },
      { text: 'Revenue recognition go-live moves after triage readiness; finance to re-phase the forecast.', decidedBy: 'Steering committee', measures: ['Revenue recognition for tiered contracts', 'Triage rules by tier and severity'], raid: [] },
      { text: 'Escalate the ticketing vendor release date to the vendor executive sponsor.', decidedBy: 'Hanna Berg', measures: ['Configure tier-aware SLA timers'], raid: ['Ticketing vendor release slips past Gold launch'] },
    ],
    actions: [
      { title: 'Raise contractor requisitions for the night shift', owner: 'grace', due: -4, status: 'in_progress' },
      { title: 'Re-phase revenue recognition forecast', owner: 'jonas', due: 3, status: 'open' },
      { title: 'Call vendor executive sponsor about release 24.3', owner: 'hanna', due: -7, status: 'done' },
      { title: 'Clean CRM contract data for the 140 customers', owner: 'david', due: -2, status: 'open' },
    ],
  },
  {
    title: 'Steering committee #5',
    date: 14,
    status: 'planned',
    attendees: ['hanna', 'marco', 'sofia', 'jonas', 'aisha', 'grace', 'tom', 'priya'],
    agenda: '1. Actions from #4\n2. Escalations and blocking chains\n3. DI3 decisions: contract approval workflow, price book\n4. Quality gate readiness',
    decisions: [],
    actions: [],
  },
];

/** Status reports that left measures red twice in a row (read back from the change log). */
export const DEMO_STATUS_REPORTS: { measure: string; updates: { status: string; description?: string }[] }[] = [
  { measure: 'Revenue recognition for tiered contracts', updates: [{ status: 'amber' }, { status: 'red', description: 'Policy agreed; system set-up blocked by billing exceptions.' }, { status: 'red', description: 'Policy agreed; system set-up blocked by billing exceptions and triage readiness.' }] },
];
