import { parseArgs } from 'node:util';
import type { ChainNode, DepLink } from '../../../preload/contract.js';
import { findByCode } from './measures.js';
import { CliError, withWorkspace, type Command } from '../context.js';

const flags = (x: { late: boolean; red: boolean }) => [x.late ? 'late' : '', x.red ? 'red' : ''].filter(Boolean).join(', ');

export const raidCommands: Command[] = [
  {
    path: ['raid', 'list'],
    usage: 'raid list FILE [--kind KIND] [--json]',
    summary: 'List the RAID log with overdue and stale flags',
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, kind: { type: 'string' } } });
      const kinds = ['risk', 'assumption', 'issue', 'dependency'] as const;
      const kind = values.kind as (typeof kinds)[number] | undefined;
      if (kind && !kinds.includes(kind)) throw new CliError(`--kind must be one of ${kinds.join(', ')}.`);
      return withWorkspace(positionals[0], async (api) => {
        const items = await api.call('raid:list', kind ? { kind } : {});
        if (values.json) {
          const out = items.map((r) => ({
            code: r.code,
            kind: r.kind,
            title: r.title,
            measure: r.measureCode,
            node: r.nodeName,
            owner: r.owner,
            impact: r.impact,
            probability: r.probability,
            nextAction: r.nextAction,
            dueDate: r.dueDate,
            status: r.status,
            escalated: r.escalated,
            escalationLevel: r.escalationLevel,
            updatedAt: r.updatedAt,
            overdue: r.overdue,
            stale: r.stale,
          }));
          io.out(JSON.stringify(out, null, 2));
        } else {
          for (const r of items) {
            const f = [r.overdue ? 'OVERDUE' : '', r.stale ? 'STALE' : '', r.escalated ? `ESCALATED:${r.escalationLevel}` : ''].filter(Boolean).join(' ');
            io.out(`${r.code}  ${r.kind.padEnd(10)} ${r.status.padEnd(11)} ${r.dueDate ?? '          '}  ${r.title}  (${r.owner ?? 'no owner'}${r.measureCode ? `, ${r.measureCode}` : ''}) ${f}`);
          }
        }
        return 0;
      });
    },
  },
  {
    path: ['deps'],
    usage: 'deps FILE CODE [--json]',
    summary: 'What a measure waits on and what waits on it (transitive chains, flags)',
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
      const [file, code] = positionals;
      if (!code) throw new CliError('Usage: steerco deps FILE CODE [--json]');
      return withWorkspace(file, async (api) => {
        const m = await findByCode(api, code);
        const v = await api.call('deps:forMeasure', { measureId: m.id });
        const node = (c: ChainNode) => ({ code: c.code, title: c.title, function: c.function, depth: c.depth, via: c.viaCode, dueDate: c.dueDate, implementationStatus: c.implementationStatus, late: c.late, red: c.red });
        const link = (l: DepLink) => ({ code: l.measure?.code ?? null, title: l.measure?.title ?? null, externalParty: l.externalParty, neededBy: l.neededBy, status: l.status, flagged: l.flagged });
        if (values.json) {
          io.out(
            JSON.stringify(
              {
                code: v.measure.code,
                title: v.measure.title,
                late: v.measure.late,
                red: v.measure.red,
                blockedBy: v.blockedBy,
                waitsOn: v.waitsOn.map(link),
                waitedOnBy: v.waitedOnBy.map(link),
                upstream: v.upstream.map(node),
                downstream: v.downstream.map(node),
              },
              null,
              2,
            ),
          );
          return 0;
        }
        io.out(`${v.measure.code} ${v.measure.title}${v.blockedBy ? `  — BLOCKED by ${v.blockedBy.code} (${v.blockedBy.reason})` : ''}`);
        io.out('Waits on (upstream):');
        for (const c of v.upstream) io.out(`${'  '.repeat(c.depth)}${c.code} ${c.title} [${c.function}] ${flags(c)}`);
        for (const l of v.waitsOn.filter((x) => x.externalParty)) io.out(`  external: ${l.externalParty}${l.neededBy ? ` needed by ${l.neededBy}` : ''}${l.flagged ? ' LATE' : ''}`);
        io.out('Waited on by (downstream):');
        for (const c of v.downstream) io.out(`${'  '.repeat(c.depth)}${c.code} ${c.title} [${c.function}] ${flags(c)}`);
        return 0;
      });
    },
  },
];
