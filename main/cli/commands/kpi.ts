import { parseArgs } from 'node:util';
import { withWorkspace, type Command } from '../context.js';

/** Service KPIs: the article's ten figures and the KPIs, or their roll-up by a choice field. */
export const kpiCommands: Command[] = [
  {
    path: ['kpi'],
    usage: 'kpi FILE [--node ID] [--by FIELD] [--json]',
    summary: 'Print the service figures and KPIs with their status (or the KPI roll-up by a field, e.g. customer_segment)',
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, node: { type: 'string' }, by: { type: 'string' } } });
      return withWorkspace(positionals[0], async (api) => {
        const node = values.node ? { nodeId: values.node } : {};
        if (values.by) {
          const rows = await api.call('kpi:rollup', { ...node, by: values.by });
          if (values.json) io.out(JSON.stringify({ by: values.by, rows }, null, 2));
          else {
            io.out(['kpi', values.by, 'count', 'green', 'amber', 'red', 'grey', 'average', 'status'].join('\t'));
            for (const r of rows) io.out([r.key, r.group ?? '', r.count, r.green, r.amber, r.red, r.grey, r.average === null ? '' : Number(r.average.toFixed(4)), r.status].join('\t'));
          }
          return 0;
        }
        const f = await api.call('kpi:figures', node);
        if (values.json) {
          io.out(
            JSON.stringify(
              {
                figures: f.figures.map((x) => ({ key: x.key, label: x.label, value: x.value, raw: x.raw, hint: x.hint, ...(x.rag ? { rag: x.rag } : {}) })),
                statusCounts: f.statusCounts,
                kpis: f.kpis.map((k) => ({ key: k.key, name: k.name, on: k.on, unit: k.unit, direction: k.direction, target: k.target, amber: k.amber, red: k.red, latest: k.latest, status: k.status, reason: k.reason })),
              },
              null,
              2,
            ),
          );
        } else {
          for (const x of f.figures) io.out(`${x.label.padEnd(30)} ${x.value.padEnd(24)} ${x.hint}`);
          io.out('');
          for (const k of f.kpis) io.out(`${k.status.padEnd(5)}  ${k.name.padEnd(28)} ${k.on.padEnd(50)} ${k.reason}`);
        }
        return 0;
      });
    },
  },
];
