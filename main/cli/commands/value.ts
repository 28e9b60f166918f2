import { parseArgs } from 'node:util';
import { ROLLUP_DIMS, type RollupDim } from '../../../preload/contract.js';
import { minorDigits, minorToDecimal } from '../../domain/value-money.js';
import { CliError, withWorkspace, type CliIO, type Command } from '../context.js';

const BY: Record<string, RollupDim[]> = { di: ['di'], function: ['function'], period: ['period'] };
const AMOUNTS = ['plan', 'baseline', 'forecast', 'actual', 'runRate', 'riskWeightedPlan', 'riskWeightedForecast', 'target', 'gap'] as const;

/** `value --by FIELD`: the roll-up summed per value of a choice field (e.g. customer_segment). */
async function byField(file: string | undefined, field: string, node: string | undefined, json: boolean, io: CliIO): Promise<number> {
  return withWorkspace(file, async (api) => {
    const currency = (await api.call('app:info', {})).workspace?.currency ?? 'EUR';
    const r = await api.call('value:byField', { field, ...(node ? { nodeId: node } : {}) });
    const rows = r.rows.map((x) => ({ [field]: x.group, measures: x.measures, ...Object.fromEntries(AMOUNTS.map((a) => [a, minorToDecimal(x[a], minorDigits(currency))])) }));
    if (json) io.out(JSON.stringify({ currency, by: [field], rows }, null, 2));
    else {
      io.out([field, 'measures', ...AMOUNTS].join('\t'));
      for (const x of rows) io.out([field, 'measures', ...AMOUNTS].map((k) => String((x as Record<string, unknown>)[k] ?? '')).join('\t'));
      io.out(`(${currency})`);
    }
    return 0;
  });
}

export const valueCommands: Command[] = [
  {
    path: ['value'],
    usage: 'value FILE [--node ID] [--by di|function|period|…|FIELD] [--json]',
    summary: 'Print the value roll-up (the numbers the dashboard shows)',
    async run(args, io) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { json: { type: 'boolean' }, node: { type: 'string' }, by: { type: 'string', multiple: true } },
      });
      const by = (values.by ?? []).flatMap((b) => b.split(',')).map((b) => b.trim()).filter(Boolean);
      const isDim = (b: string) => b in BY || (ROLLUP_DIMS as readonly string[]).includes(b);
      // Any other --by names a choice field of the measures (customer_segment, a template field): one at a time.
      const field = by.find((b) => !isDim(b));
      if (field && by.length > 1) throw new CliError(`--by ${field} (a field of the measures) cannot be combined with other --by; use one of ${ROLLUP_DIMS.join(', ')} to combine.`);
      if (field) return byField(positionals[0], field, values.node, values.json ?? false, io);
      const dims = by.flatMap((b) => BY[b] ?? [b as RollupDim]);
      return withWorkspace(positionals[0], async (api) => {
        const info = await api.call('app:info', {});
        const currency = info.workspace?.currency ?? 'EUR';
        const rows = await api.call('value:rollup', { by: dims, ...(values.node ? { nodeId: values.node } : {}) });
        // Amounts as exact decimal strings: JSON numbers would invite float parsing downstream.
        const json: Record<string, unknown>[] = rows.map((r) => ({ ...r.keys, ...(r.label ? { label: r.label } : {}), measures: r.measures, ...Object.fromEntries(AMOUNTS.map((a) => [a, minorToDecimal(r[a], minorDigits(currency))])) }));
        if (values.json) io.out(JSON.stringify({ currency, by: dims, rows: json }, null, 2));
        else {
          io.out([...dims, 'measures', ...AMOUNTS].join('\t'));
          for (const r of json) io.out([...dims, 'measures', ...AMOUNTS].map((k) => String(r[k] ?? '')).join('\t'));
          io.out(`(${currency})`);
        }
        return 0;
      });
    },
  },
];
