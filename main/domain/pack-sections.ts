import type { FactMeasure, FactRaid, PackFacts } from '../../preload/contract/pack-facts.js';
import type { EscalatedMeasure, PackBlock, PackCell } from '../../preload/contract/pack-types.js';
import { RAG, RAG_LABELS, type Rag } from '../../preload/contract/types.js';
import { cols } from './pack-changes.js';
import { day, money, moneyIn, pct, plural } from './pack-format.js';
import { summaryCharts } from './pack-value.js';
import { serviceSummaryItems } from './pack-workflows.js';

const rag = (r: Rag): PackCell => ({ text: RAG_LABELS[r], rag: r });
const TOP_RISKS = 15;
const IMPACT: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1 };
const PROB: Record<string, number> = { high: 3, medium: 2, low: 1 };
const isOpen = (r: FactRaid) => r.status !== 'closed' && r.status !== 'mitigated';
export const severity = (r: FactRaid) => (IMPACT[r.impact ?? ''] ?? 1) * (PROB[r.probability ?? ''] ?? 1);

const MAX_DECISIONS = 6;

/** Measures still going: forward-looking sections leave cancelled and closed work out. */
export function liveIds(f: PackFacts): Set<string> {
  return new Set(f.measures.filter((m) => m.lifecycle === 'active' || m.lifecycle === 'on_hold').map((m) => m.id));
}

export function summaryBlocks(f: PackFacts): PackBlock[] {
  const cur = moneyIn(f);
  const q = f.dashboard.questions;
  const e = q.evidence;
  const active = f.measures.filter((m) => m.lifecycle === 'active');
  const onHold = f.measures.filter((m) => m.lifecycle === 'on_hold').length;
  const early = active.filter((m) => m.diLevel <= 2).length;
  const decided = active.filter((m) => m.diLevel === 3).length;
  const late = active.filter((m) => m.diLevel >= 4).length;
  const notCancelled = f.measures.filter((m) => m.lifecycle !== 'cancelled');
  const credible = notCancelled.filter((m) => m.potentialStatus === 'green').length;
  const x = f.texts;
  return [
    {
      type: 'kpis',
      items: [
        { label: 'Overall status', value: RAG_LABELS[x.overallStatus], hint: x.statusReason || 'No reason written yet.', rag: x.overallStatus },
        { label: '1. What work is in progress?', value: plural(q.inProgress, 'active measure'), hint: `DI0–2: ${early} · DI3: ${decided} · DI4–5: ${late}${onHold ? ` · ${onHold} on hold` : ''}` },
        { label: '2. Who owns it?', value: plural(q.owners, 'owner'), hint: `${plural(q.unowned, 'active measure')} without an owner` },
        {
          label: '3. What value is expected?',
          value: money(q.expectedValue, cur),
          hint: `net forecast · risk-weighted forecast ${money(q.riskWeightedForecast, cur)} · target ${money(f.dashboard.target, cur)} · value green for ${pct(credible, notCancelled.length)} of measures`,
        },
        {
          label: '4. What is blocking delivery?',
          value: plural(q.blocked, 'blocked measure'),
          hint: `late or red work upstream · ${plural(f.escalations.length, 'open escalation')}`,
        },
        {
          label: '5. What evidence proves it works?',
          value: `${plural(q.evidenced, 'measure')} with evidence`,
          hint: `gate or closure evidence ${e.documented} · validated actuals ${e.validatedActuals} · value confirmed ${e.valueConfirmed} · validated benefits ${money(e.validatedBenefits, cur)} against costs ${money(e.validatedCosts, cur)}`,
        },
        ...serviceSummaryItems(f),
      ],
    },
    { type: 'text', title: 'Summary', text: x.summary || 'No summary written yet.' },
    { type: 'text', title: 'Key achievement', text: x.keyAchievement || '—' },
    { type: 'text', title: 'Key concern / ask of the committee', text: x.keyConcern || '—' },
    ...summaryCharts(f),
  ];
}

/** Escalations that still matter: none about a cancelled or closed measure. */
export function liveEscalations(f: PackFacts): PackFacts['escalations'] {
  const gone = new Set(f.measures.filter((m) => m.lifecycle === 'cancelled' || m.lifecycle === 'closed').map((m) => m.id));
  return f.escalations.filter((e) => !e.measureId || !gone.has(e.measureId));
}

/** The gate the committee approves (DI3 Decided, by the brief's defaults). */
const COMMITTEE_GATE = 3;

/**
 * What only the committee can settle: gate requests to the committee's gate (oldest
 * first), then escalations raised to steering level. At most a few; the rest is counted.
 */
export function decisionBlocks(f: PackFacts): PackBlock[] {
  const gates = f.gateRequests.filter((r) => r.toLevel === COMMITTEE_GATE);
  const steering = liveEscalations(f).filter((e) => e.level === 'steering');
  const rows: PackCell[][] = [
    ...gates.map((r): PackCell[] => [
      `Approve DI${r.toLevel} ${r.toName} for ${r.code} ${r.title}`,
      r.comment || 'Business case submitted for decision.',
      `Gate request waiting ${plural(r.ageDays, 'day')}${r.waitingFor.length ? ` for ${r.waitingFor.join(', ')}` : ''}`,
      day(r.createdAt.slice(0, 10), f.locale),
      '—',
    ]),
    ...steering.map((e): PackCell[] => [e.subject, e.reason, e.ruleName, day(e.raisedAt.slice(0, 10), f.locale), day(e.dueDate, f.locale)]),
  ];
  const blocks: PackBlock[] = [
    {
      type: 'table',
      columns: cols(['Decision needed on', 3], ['Context', 4], ['Why it is here', 2.2], ['Raised', 1.1], ['Deadline', 1.1]),
      rows: rows.slice(0, MAX_DECISIONS),
      empty: 'No decisions are required at this meeting: no gate awaits the committee and nothing is escalated to it.',
    },
  ];
  if (rows.length > MAX_DECISIONS) blocks.push({ type: 'note', text: `${rows.length - MAX_DECISIONS} more items await the committee: see the approvals inbox and "Top risks, issues and escalations".` });
  return blocks;
}

export function actionBlocks(f: PackFacts): PackBlock[] {
  const { from, items } = f.actions;
  return [
    ...(from ? [{ type: 'note' as const, text: `Actions agreed at ${from}.` }] : [{ type: 'note' as const, text: 'No previous meeting: every open action is listed.' }]),
    {
      type: 'table',
      columns: cols(['Action', 0.9], ['What', 5], ['Owner', 1.8], ['Due', 1.1], ['Status', 1.3]),
      rows: items.map((a) => [a.code, a.title, a.owner ?? '—', day(a.dueDate, f.locale), a.overdue ? { text: `${a.status} (overdue)`, rag: 'red' as Rag } : a.status]),
      empty: 'No actions were recorded at the last meeting.',
    },
  ];
}

export function statusBlocks(f: PackFacts): PackBlock[] {
  const cell = new Map(f.dashboard.matrix.map((c) => [`${c.implementation}/${c.potential}`, c.count]));
  const matrix: PackCell[][] = RAG.map((impl) => [rag(impl), ...RAG.map((pot) => String(cell.get(`${impl}/${pot}`) ?? 0))]);
  const live = f.measures.filter((m) => m.lifecycle === 'active' || m.lifecycle === 'on_hold');
  const split = live.filter((m) => m.implementationStatus === 'green' && (m.potentialStatus === 'red' || m.potentialStatus === 'amber'));
  return [
    {
      type: 'table',
      title: 'Measures by delivery (rows) and value (columns) status',
      columns: cols(['Delivery ↓ · Value →', 2], ...RAG.map((r): [string, number, 'center'] => [RAG_LABELS[r], 1, 'center'])),
      rows: matrix,
      empty: 'No measures in this scope.',
    },
    {
      type: 'table',
      title: 'Green milestones, doubtful value',
      columns: cols(['Measure', 1], ['Title', 4], ['Owner', 1.8], ['Delivery', 1.1], ['Value', 1.1]),
      rows: split.map((m) => [m.code, m.title, m.owner ?? '—', rag(m.implementationStatus), rag(m.potentialStatus)]),
      empty: 'No measure is on track for delivery while its value is in doubt.',
    },
  ];
}

export function riskBlocks(f: PackFacts): PackBlock[] {
  const live = liveIds(f);
  const open = f.raid.filter(isOpen).filter((r) => (r.kind === 'risk' || r.kind === 'issue') && (!r.measureId || live.has(r.measureId)));
  open.sort((a, b) => severity(b) - severity(a) || a.code.localeCompare(b.code));
  return [
    {
      type: 'table',
      title: `Top ${TOP_RISKS} open risks and issues`,
      columns: cols(['Item', 0.9], ['Kind', 0.8], ['Title', 3.4], ['Measure', 1], ['Owner', 1.6], ['Impact', 0.9], ['Prob.', 0.9], ['Next action', 2.6]),
      rows: open.slice(0, TOP_RISKS).map((r) => [r.code, r.kind, r.title, r.measureCode ?? '—', r.owner ?? '—', r.impact ?? '—', r.probability ?? '—', r.nextAction || '—']),
      empty: 'No open risks or issues.',
    },
    {
      type: 'table',
      title: 'Escalations',
      columns: cols(['Level', 1], ['Escalated', 3.6], ['Rule', 2.2], ['Reason', 3.6], ['Raised', 1.1]),
      rows: liveEscalations(f).map((e) => [e.level, e.subject, e.ruleName, e.reason, day(e.raisedAt.slice(0, 10), f.locale)]),
      empty: 'Nothing is escalated.',
    },
    {
      type: 'table',
      title: 'Blocked by dependencies (late or red upstream)',
      columns: cols(['Measure', 1], ['Title', 3.2], ['Steps up', 0.8, 'center'], ['Blocked by', 1], ['Upstream measure', 3.2], ['Why', 1.1], ['Its due date', 1.2]),
      rows: f.blocked.map((b) => [b.code, b.title, String(b.depth), b.culpritCode, b.culpritTitle, b.why, day(b.culpritDue, f.locale)]),
      empty: 'No measure is blocked by a late or red measure upstream.',
    },
  ];
}

export function escalatedMeasures(f: PackFacts): EscalatedMeasure[] {
  const byId = new Map(f.measures.map((m) => [m.id, m]));
  const out = new Map<string, EscalatedMeasure>();
  for (const e of liveEscalations(f)) {
    const m = e.measureId ? byId.get(e.measureId) : undefined;
    if (!m) continue;
    const em = out.get(m.id) ?? { code: m.code, title: m.title, owner: m.owner ?? '—', implementationStatus: m.implementationStatus, potentialStatus: m.potentialStatus, items: [] };
    em.items.push({ subject: e.subject, rule: e.ruleName, level: e.level, reason: e.reason, due: day(e.dueDate, f.locale) });
    out.set(m.id, em);
  }
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

const LIFECYCLE_LABELS: Record<FactMeasure['lifecycle'], string> = { active: 'Active', on_hold: 'On hold', cancelled: 'Cancelled', closed: 'Closed' };

/** "Closed" only at the top of the ladder; a measure closed below it says its value was not confirmed. */
export function lifecycleLabel(m: FactMeasure, topLevel: number): string {
  if (m.lifecycle === 'closed' && m.diLevel < topLevel) return `Closed at DI${m.diLevel}, value not confirmed`;
  return LIFECYCLE_LABELS[m.lifecycle];
}

/**
 * Every measure with its level and lifecycle. Only active measures carry status colours: an
 * on-hold, cancelled or closed measure is not reported on, and its forecast is out of the totals
 * (cancelled and on hold) or realised (closed).
 */
export function appendixMeasures(f: PackFacts): PackBlock[] {
  const names = new Map(f.dashboard.pipeline.map((l) => [l.level, l.name]));
  const top = Math.max(5, ...f.dashboard.pipeline.map((l) => l.level));
  const forecast = (m: FactMeasure): string =>
    m.lifecycle === 'cancelled' ? 'excluded (cancelled)' : m.lifecycle === 'on_hold' ? 'excluded (on hold)' : money(f.values[m.id]?.forecast ?? 0, moneyIn(f));
  return [
    {
      type: 'table',
      columns: cols(['Code', 0.9], ['Title', 3], ['Workstream', 1.7], ['Owner', 1.4], ['DI', 1.5], ['Lifecycle', 1.1], ['Delivery', 1.25], ['Value', 1.25], ['Forecast', 1.7, 'right']),
      rows: f.measures.map((m) => {
        const live = m.lifecycle === 'active';
        return [
          m.code,
          m.title,
          m.workstream || '—',
          m.owner ?? '—',
          `DI${m.diLevel} ${names.get(m.diLevel) ?? ''}`.trim(),
          lifecycleLabel(m, top),
          live ? rag(m.implementationStatus) : '—',
          live ? rag(m.potentialStatus) : '—',
          forecast(m),
        ];
      }),
      empty: 'No measures in this scope.',
    },
  ];
}

export function appendixRaid(f: PackFacts): PackBlock[] {
  return [
    {
      type: 'table',
      columns: cols(['Item', 0.9], ['Kind', 1], ['Title', 4], ['Measure', 1], ['Owner', 1.6], ['Status', 1.1], ['Due', 1.1]),
      rows: f.raid.map((r) => [r.code, r.kind, r.title, r.measureCode ?? '—', r.owner ?? '—', r.status, day(r.dueDate, f.locale)]),
      empty: 'The RAID log is empty for this scope.',
    },
  ];
}

export function appendixDecisions(f: PackFacts): PackBlock[] {
  return [
    {
      type: 'table',
      columns: cols(['Decision', 0.9], ['Date', 1.1], ['What was decided', 4.5], ['Decided by', 1.8], ['Meeting', 1.8], ['Concerns', 2.2]),
      rows: f.decisions.map((d) => [d.code, day(d.date, f.locale), d.text, d.decidedBy || '—', d.meetingTitle ?? '—', d.links || '—']),
      empty: 'The decision log is empty.',
    },
  ];
}
