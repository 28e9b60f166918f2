import type { FactDependency, FactRaid, PackFacts } from '../../preload/contract/pack-facts.js';
import type { EscalatedMeasure, PackBlock, PackCell } from '../../preload/contract/pack-types.js';
import { RAG, RAG_LABELS, type Rag } from '../../preload/contract/types.js';
import { cols } from './pack-changes.js';
import { money, pct, plural } from './pack-format.js';
import type { ValueTotals } from './pack-value.js';

const rag = (r: Rag): PackCell => ({ text: RAG_LABELS[r], rag: r });
const TOP_RISKS = 15;
const IMPACT: Record<string, number> = { critical: 4, high: 3, medium: 2, low: 1 };
const PROB: Record<string, number> = { high: 3, medium: 2, low: 1 };
const isOpen = (r: FactRaid) => r.status !== 'closed' && r.status !== 'mitigated';
export const severity = (r: FactRaid) => (IMPACT[r.impact ?? ''] ?? 1) * (PROB[r.probability ?? ''] ?? 1);

/** Dependencies still waiting on something: the measure waited on is not yet implemented, or an external party. */
const blocking = (d: FactDependency) => (d.onMeasureId ? !d.onDone : true);

export function summaryBlocks(f: PackFacts, t: ValueTotals): PackBlock[] {
  const cur = f.currency;
  const active = f.measures.filter((m) => m.lifecycle === 'active');
  const early = active.filter((m) => m.diLevel <= 2).length;
  const decided = active.filter((m) => m.diLevel === 3).length;
  const late = active.filter((m) => m.diLevel >= 4).length;
  const owners = new Set(f.measures.map((m) => m.owner).filter(Boolean)).size;
  const unowned = active.filter((m) => !m.owner).length;
  const credible = f.measures.filter((m) => m.potentialStatus === 'green').length;
  const escalations = f.raid.filter((r) => r.escalated && isOpen(r)).length;
  const blockingDeps = f.dependencies.filter(blocking).length;
  const redDelivery = active.filter((m) => m.implementationStatus === 'red').length;
  const closed = f.measures.filter((m) => m.diLevel === 5 || m.lifecycle === 'closed').length;
  const x = f.texts;
  return [
    {
      type: 'kpis',
      items: [{ label: 'Overall status', value: RAG_LABELS[x.overallStatus], hint: x.statusReason || 'No reason written yet.', rag: x.overallStatus }],
    },
    { type: 'text', title: 'Summary', text: x.summary || 'No summary written yet.' },
    { type: 'text', title: 'Key achievement', text: x.keyAchievement || '—' },
    { type: 'text', title: 'Key concern / ask of the committee', text: x.keyConcern || '—' },
    {
      type: 'kpis',
      items: [
        { label: '1. What work is in progress?', value: plural(active.length, 'active measure'), hint: `DI0–2: ${early} · DI3: ${decided} · DI4–5: ${late}` },
        { label: '2. Who owns it?', value: plural(owners, 'owner'), hint: `${plural(unowned, 'active measure')} without an owner` },
        {
          label: '3. What value is expected?',
          value: money(t.forecast, cur),
          hint: `risk-weighted ${money(t.riskWeighted, cur)} · target ${money(t.target, cur)} · value credible (green) for ${pct(credible, f.measures.length)}`,
        },
        { label: '4. What is blocking delivery?', value: plural(escalations, 'escalation'), hint: `${plural(blockingDeps, 'blocking dependency', 'blocking dependencies')} · ${redDelivery} red on delivery` },
        { label: '5. What evidence proves it works?', value: money(t.actualValidated, cur), hint: `validated actuals · ${plural(closed, 'measure')} closed` },
      ],
    },
  ];
}

export function decisionBlocks(f: PackFacts): PackBlock[] {
  const pending = f.decisions.filter((d) => d.pending);
  return [
    {
      type: 'table',
      columns: cols(['Decision', 2.4], ['Context', 3], ['Options', 2.4], ['Recommendation', 2.4], ['Deadline', 1.1]),
      rows: pending.map((d) => [d.title, d.context, d.options, d.recommendation, d.deadline ?? '—']),
      empty: 'No decisions are required at this meeting.',
    },
  ];
}

export function actionBlocks(f: PackFacts): PackBlock[] {
  return [
    {
      type: 'table',
      columns: cols(['Action', 5], ['Owner', 1.8], ['Due', 1.1], ['Status', 1.2]),
      rows: f.actions.map((a) => [a.title, a.owner ?? '—', a.dueDate ?? '—', a.status]),
      empty: 'No actions were recorded at the last meeting.',
    },
  ];
}

export function statusBlocks(f: PackFacts): PackBlock[] {
  const live = f.measures.filter((m) => m.lifecycle !== 'cancelled');
  const matrix: PackCell[][] = RAG.map((impl) => [
    rag(impl),
    ...RAG.map((pot) => String(live.filter((m) => m.implementationStatus === impl && m.potentialStatus === pot).length)),
  ]);
  const split = live.filter((m) => m.implementationStatus === 'green' && (m.potentialStatus === 'red' || m.potentialStatus === 'amber'));
  return [
    {
      type: 'table',
      title: 'Measures by delivery (rows) and value (columns) status',
      columns: cols(['Delivery \\ Value', 2], ...RAG.map((r): [string, number, 'center'] => [RAG_LABELS[r], 1, 'center'])),
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

export function milestoneBlocks(f: PackFacts): PackBlock[] {
  return [
    {
      type: 'table',
      columns: cols(['Plan date', 1.1], ['Forecast', 1.1], ['Measure', 1], ['Milestone', 4], ['Owner', 1.8], ['Status', 1.1]),
      rows: f.milestones.map((m) => [
        m.dueDate ?? '—',
        m.forecastDate && m.dueDate && m.forecastDate > m.dueDate ? `${m.forecastDate} (late)` : (m.forecastDate ?? '—'),
        m.measureCode,
        `${m.title} (${m.measureTitle})`,
        m.owner ?? '—',
        rag(m.status),
      ]),
      empty: 'No open milestones are due in the next 90 days.',
    },
  ];
}

function chains(f: PackFacts): string[] {
  const open = f.dependencies.filter(blocking);
  const byMeasure = new Map<string, FactDependency[]>();
  for (const d of open) byMeasure.set(d.measureId, [...(byMeasure.get(d.measureId) ?? []), d]);
  const waitedOn = new Set(open.map((d) => d.onMeasureId).filter((x): x is string => x !== null));
  const code = new Map(f.measures.map((m) => [m.id, `${m.code} ${m.title}`]));
  const out: string[] = [];
  const walk = (id: string, path: string[], seen: Set<string>) => {
    const deps = byMeasure.get(id) ?? [];
    if (deps.length === 0 || seen.size > 8) return void out.push(path.join(' ← waits on ← '));
    for (const d of deps) {
      const next = d.onMeasureId ? (code.get(d.onMeasureId) ?? `${d.onCode} ${d.onTitle}`) : `${d.externalParty} (external)`;
      if (d.onMeasureId && seen.has(d.onMeasureId)) out.push([...path, `${next} (cycle)`].join(' ← waits on ← '));
      else if (d.onMeasureId) walk(d.onMeasureId, [...path, next], new Set([...seen, d.onMeasureId]));
      else out.push([...path, next].join(' ← waits on ← '));
    }
  };
  for (const id of byMeasure.keys()) if (!waitedOn.has(id)) walk(id, [code.get(id) ?? id], new Set([id]));
  return out;
}

export function riskBlocks(f: PackFacts): PackBlock[] {
  const open = f.raid.filter(isOpen).filter((r) => r.kind === 'risk' || r.kind === 'issue');
  open.sort((a, b) => severity(b) - severity(a) || a.code.localeCompare(b.code));
  const esc = f.raid.filter((r) => r.escalated && isOpen(r));
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
      columns: cols(['Item', 0.9], ['Level', 1], ['Title', 3.6], ['Measure', 1], ['Owner', 1.6], ['Due', 1.1], ['Next action', 2.6]),
      rows: esc.map((r) => [r.code, r.escalationLevel ?? '—', r.title, r.measureCode ?? '—', r.owner ?? '—', r.dueDate ?? '—', r.nextAction || '—']),
      empty: 'Nothing is escalated.',
    },
    { type: 'table', title: 'Blocking dependency chains', columns: cols(['Chain (who waits on whom)', 1]), rows: chains(f).map((c) => [c]), empty: 'No blocking dependencies.' },
  ];
}

export function escalatedMeasures(f: PackFacts): EscalatedMeasure[] {
  const byId = new Map(f.measures.map((m) => [m.id, m]));
  const out = new Map<string, EscalatedMeasure>();
  for (const r of f.raid) {
    const m = r.measureId ? byId.get(r.measureId) : undefined;
    if (!r.escalated || !isOpen(r) || !m) continue;
    const e = out.get(m.id) ?? {
      code: m.code,
      title: m.title,
      owner: m.owner ?? '—',
      implementationStatus: m.implementationStatus,
      potentialStatus: m.potentialStatus,
      items: [],
    };
    e.items.push({ code: r.code, kind: r.kind, title: r.title, level: r.escalationLevel ?? '—', nextAction: r.nextAction, due: r.dueDate ?? '—' });
    out.set(m.id, e);
  }
  return [...out.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function appendixMeasures(f: PackFacts): PackBlock[] {
  return [
    {
      type: 'table',
      columns: cols(['Code', 0.9], ['Title', 3.6], ['Workstream', 2], ['Owner', 1.6], ['DI', 0.5, 'center'], ['Delivery', 1], ['Value', 1], ['Forecast', 1.5, 'right']),
      rows: f.measures.map((m) => [
        m.code,
        m.title,
        m.workstream || '—',
        m.owner ?? '—',
        String(m.diLevel),
        rag(m.implementationStatus),
        rag(m.potentialStatus),
        money(f.values[m.id]?.forecast ?? 0, f.currency),
      ]),
      empty: 'No measures in this scope.',
    },
  ];
}

export function appendixRaid(f: PackFacts): PackBlock[] {
  return [
    {
      type: 'table',
      columns: cols(['Item', 0.9], ['Kind', 1], ['Title', 4], ['Measure', 1], ['Owner', 1.6], ['Status', 1.1], ['Due', 1.1]),
      rows: f.raid.map((r) => [r.code, r.kind, r.title, r.measureCode ?? '—', r.owner ?? '—', r.status, r.dueDate ?? '—']),
      empty: 'The RAID log is empty for this scope.',
    },
  ];
}

export function appendixDecisions(f: PackFacts): PackBlock[] {
  return [
    {
      type: 'table',
      columns: cols(['Decision', 1], ['Date', 1.1], ['Title', 4.5], ['Decided by', 1.8], ['Measures', 2]),
      rows: f.decisions.filter((d) => !d.pending).map((d) => [d.code, d.date, d.title, d.decidedBy || '—', d.measures || '—']),
      empty: 'The decision log is empty.',
    },
  ];
}
