import type { PackFacts } from '../../preload/contract/pack-facts.js';
import type { PackBlock, PackCell } from '../../preload/contract/pack-types.js';
import { RAG_LABELS, type Rag } from '../../preload/contract/types.js';
import { plural } from './pack-format.js';

/**
 * The pack's "Service workflows" section: per template, how many measures follow it and how
 * far their checklists are; then each workflow measure with what its next gate still needs,
 * its reporting fields and the triggers holding.
 */
export function workflowBlocks(f: PackFacts): PackBlock[] {
  const list = f.workflows ?? [];
  if (list.length === 0) return [{ type: 'note', text: 'No measure in scope follows a workflow template.' }];
  const byTemplate = new Map<string, typeof list>();
  for (const m of list) (byTemplate.get(m.template) ?? byTemplate.set(m.template, []).get(m.template)!).push(m);
  return [
    {
      type: 'table',
      title: 'By template',
      columns: [
        { label: 'Template', width: 3 },
        { label: 'Measures', width: 1, align: 'right' },
        { label: 'Checklist steps done', width: 2, align: 'right' },
        { label: 'Waiting at their next gate', width: 2, align: 'right' },
        { label: 'Escalation triggers holding', width: 2, align: 'right' },
      ],
      rows: [...byTemplate.entries()].map(([name, ms]) => [
        name,
        String(ms.length),
        `${ms.reduce((n, m) => n + m.done, 0)} of ${ms.reduce((n, m) => n + m.steps, 0)}`,
        plural(ms.filter((m) => m.nextGateOpen.length > 0).length, 'measure'),
        String(ms.reduce((n, m) => n + m.firing.length, 0)),
      ]),
      empty: 'No workflow measures.',
    },
    {
      type: 'table',
      title: 'Workflow measures',
      columns: [
        { label: 'Measure', width: 3 },
        { label: 'Template', width: 2 },
        { label: 'Checklist', width: 1, align: 'right' },
        { label: 'Next gate still needs', width: 3 },
        { label: 'Reporting fields', width: 4 },
        { label: 'Triggers holding', width: 3 },
      ],
      rows: list.map((m) => [`${m.code} ${m.title}`, m.template, `${m.done}/${m.steps}`, m.nextGateOpen.join(', ') || '—', m.reporting.join(' · ') || '—', m.firing.join('; ') || '—']),
      empty: 'No workflow measures.',
    },
  ];
}

/** The decision-rights matrix as a table: per decision, the roles that decide, approve, are consulted, are informed. */
export function rightsBlocks(f: PackFacts): PackBlock[] {
  const m = f.rights;
  if (!m) return [{ type: 'note', text: 'No decision rights recorded.' }];
  // Roles in the matrix's order (the workspace's roles, then the measure's own).
  const who = (type: string, right: string) =>
    m.roles
      .filter((r) => m.cells[type]?.[r.key] === right)
      .map((r) => r.label)
      .join(', ') || '—';
  return [
    {
      type: 'table',
      columns: [
        { label: 'Decision', width: 3 },
        { label: 'Decides', width: 3 },
        { label: 'Approves', width: 3 },
        { label: 'Consulted', width: 3 },
        { label: 'Informed', width: 3 },
      ],
      rows: m.types.map((t) => [t.label, who(t.key, 'decide'), who(t.key, 'approve'), who(t.key, 'consult'), who(t.key, 'inform')]),
      empty: 'No decisions.',
    },
  ];
}

/** The "Service KPIs" section: the article's ten figures, then every KPI in scope with its status. */
export function serviceKpiBlocks(f: PackFacts): PackBlock[] {
  const v = f.service;
  if (!v) return [{ type: 'note', text: 'No service KPIs in this pack.' }];
  const c = v.statusCounts;
  return [
    { type: 'kpis', items: v.figures.map((x) => ({ label: x.label, value: x.value, hint: x.hint, ...(x.rag ? { rag: x.rag } : {}) })) },
    {
      type: 'table',
      title: `KPIs: ${c.green} green · ${c.amber} amber · ${c.red} red · ${c.grey} not reported`,
      columns: [
        { label: 'KPI', width: 3 },
        { label: 'On', width: 4 },
        { label: 'Latest', width: 2, align: 'right' },
        { label: 'Target', width: 1, align: 'right' },
        { label: 'Status', width: 1 },
        { label: 'Why', width: 4 },
      ],
      rows: v.kpis.map((k): PackCell[] => [k.name, k.on, k.latest ? `${k.latest.value} ${k.unit}`.trim() : '—', k.target === null ? '—' : String(k.target), { text: RAG_LABELS[k.status], rag: k.status }, k.reason]),
      empty: 'No KPI defined in scope.',
    },
  ];
}

/** The executive summary's line on service KPIs: their statuses and the figures that need the committee. */
export function serviceSummaryItems(f: PackFacts): { label: string; value: string; hint?: string; rag?: Rag }[] {
  const v = f.service;
  if (!v || v.kpis.length === 0) return [];
  const c = v.statusCounts;
  const fig = (k: string) => v.figures.find((x) => x.key === k);
  return [
    {
      label: 'Service KPIs',
      value: `${c.red} red · ${c.amber} amber`,
      hint: `of ${v.kpis.length} KPIs · launch readiness ${fig('launch_readiness')?.value ?? '—'} · SLA risk ${fig('sla_risk')?.value ?? '—'} · escalation backlog ${fig('escalation_backlog')?.value ?? '—'} · open decisions ${fig('open_decisions')?.value ?? '—'}`,
      rag: c.red ? 'red' : c.amber ? 'amber' : c.green ? 'green' : 'grey',
    },
  ];
}
