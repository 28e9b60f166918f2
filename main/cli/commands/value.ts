import { parseArgs } from 'node:util';
import { ROLLUP_DIMS, type RollupDim } from '../../../preload/contract.js';
import { minorDigits, minorToDecimal } from '../../domain/value-money.js';
import { CliError, withWorkspace, type Command } from '../context.js';

const BY: Record<string, RollupDim[]> = { di: ['di'], function: ['function'], period: ['period'] };
const AMOUNTS = ['plan', 'baseline', 'forecast', 'actual', 'runRate', 'riskWeightedPlan', 'riskWeightedForecast', 'target', 'gap'] as const;

export const valueCommands: Command[] = [
  {
    path: ['value'],
    usage: 'value FILE [--node ID] [--by di|function|period|…] [--json]',
    summary: 'Print the value roll-up (the numbers the dashboard shows)',
    async run(args, io) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { json: { type: 'boolean' }, node: { type: 'string' }, by: { type: 'string', multiple: true } },
      });
      const by = (values.by ?? []).flatMap((b) => b.split(',')).map((b) => b.trim()).filter(Boolean);
      for (const b of by) if (!(b in BY) && !(ROLLUP_DIMS as readonly string[]).includes(b)) throw new CliError(`Unknown --by "${b}"; use one of ${ROLLUP_DIMS.join(', ')}.`);
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
