import type { PackFacts } from '../../preload/contract/pack-facts.js';
import type { PackBlock } from '../../preload/contract/pack-types.js';
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
