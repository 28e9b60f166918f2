import { parseArgs } from 'node:util';
import type { Api } from '../../api/index.js';
import type { GateRequest } from '../../../preload/contract.js';
import { CliError, withWorkspace, type Command, type CliIO } from '../context.js';
import { findByCode } from './measures.js';

/**
 * Runs `fn` as the named person: gate decisions are checked against the acting person, as in
 * the app. The file's own "acting as" choice is restored afterwards.
 */
export async function asPerson<T>(api: Api, name: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!name) throw new CliError('--as PERSON is required: gate decisions are taken by a person of the workspace.');
  const person = (await api.call('people:list', {})).find((p) => p.name.toLowerCase() === name.toLowerCase() || p.email.toLowerCase() === name.toLowerCase());
  if (!person) throw new CliError(`No person "${name}" in this workspace.`);
  const before = (await api.call('app:info', {})).workspace?.actorId ?? null;
  await api.call('session:setActor', { personId: person.id });
  try {
    return await fn();
  } finally {
    await api.call('session:setActor', { personId: before });
  }
}

function printRequest(io: CliIO, r: GateRequest): void {
  io.out(`${r.id}  ${r.code}  DI${r.fromLevel} → DI${r.toLevel} ${r.toName}  ${r.status}  (${r.ageDays} d)`);
  for (const s of r.slots) io.out(`  ${s.label.padEnd(28)} ${s.filledBy ? `approved by ${s.filledBy}` : `waiting for ${s.holders.map((h) => h.name).join(' or ') || 'nobody (no holder)'}`}`);
  if (r.closeReason) io.out(`  reason: ${r.closeReason}`);
}

function parseLevel(v: string | undefined): number {
  const m = /^(?:DI)?([0-5])$/i.exec(v ?? '');
  if (!m) throw new CliError(`--to must be a level DI0…DI5, not "${v ?? ''}".`);
  return Number(m[1]);
}

const decide = (decision: 'approve' | 'reject'): Command => ({
  path: ['gate', decision],
  usage: `gate ${decision} FILE REQUEST_ID --as PERSON [--comment TEXT]`,
  summary: decision === 'approve' ? 'Approve a gate request as a person holding an approver role' : 'Reject a gate request (a comment gives the reason)',
  async run(args, io) {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { as: { type: 'string' }, comment: { type: 'string' } } });
    const [file, requestId] = positionals;
    if (!requestId) throw new CliError(`Usage: steerco gate ${decision} FILE REQUEST_ID --as PERSON`);
    return withWorkspace(file, async (api) => {
      const r = await asPerson(api, values.as, () => api.call('gates:decide', { requestId, decision, comment: values.comment }));
      printRequest(io, r);
      return 0;
    });
  },
});

export const gateCommands: Command[] = [
  {
    path: ['gate', 'request'],
    usage: 'gate request FILE CODE --to DI3 --as PERSON [--comment TEXT] [--link URL] [--note TEXT]',
    summary: 'Request the next gate for a measure (refused with what is missing)',
    async run(args, io) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { to: { type: 'string' }, as: { type: 'string' }, comment: { type: 'string' }, link: { type: 'string' }, note: { type: 'string' } },
      });
      const [file, code] = positionals;
      if (!code) throw new CliError('Usage: steerco gate request FILE CODE --to DI3 --as PERSON');
      const toLevel = parseLevel(values.to);
      const evidence = [
        ...(values.link ? [{ kind: 'link' as const, url: values.link }] : []),
        ...(values.note ? [{ kind: 'note' as const, note: values.note }] : []),
      ];
      return withWorkspace(file, async (api) => {
        const m = await findByCode(api, code);
        const r = await asPerson(api, values.as, () => api.call('gates:request', { measureId: m.id, toLevel, comment: values.comment, evidence }));
        printRequest(io, r);
        return 0;
      });
    },
  },
  decide('approve'),
  decide('reject'),
  {
    path: ['gate', 'status'],
    usage: 'gate status FILE CODE [--json]',
    summary: "A measure's level, next gate criteria (met / missing), open request and history",
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
      const [file, code] = positionals;
      if (!code) throw new CliError('Usage: steerco gate status FILE CODE [--json]');
      return withWorkspace(file, async (api) => {
        const m = await findByCode(api, code);
        const st = await api.call('gates:status', { measureId: m.id });
        if (values.json) {
          io.out(JSON.stringify(st, null, 2));
          return 0;
        }
        io.out(`${st.code}  DI${st.diLevel} ${st.levelName}  ${st.lifecycle}`);
        if (st.next) {
          io.out(`Next: DI${st.next.level} ${st.next.name} — ${st.next.ready ? 'ready' : 'not ready'}`);
          for (const c of st.next.criteria) io.out(`  ${c.met ? '✓' : '✗'} ${c.label}: ${c.detail}`);
        }
        for (const r of st.requests) printRequest(io, r);
        return 0;
      });
    },
  },
  {
    path: ['gate', 'inbox'],
    usage: 'gate inbox FILE [--json]',
    summary: 'Pending gate requests, oldest first, with who they wait for',
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
      return withWorkspace(positionals[0], async (api) => {
        const list = await api.call('gates:inbox', {});
        if (values.json) io.out(JSON.stringify(list, null, 2));
        else for (const r of list) printRequest(io, r);
        return 0;
      });
    },
  },
];
