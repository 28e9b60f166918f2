import { parseArgs } from 'node:util';
import type { SyncSummary } from '../../../preload/contract.js';
import { CliError, withWorkspace, type CliIO, type Command } from '../context.js';

function printSummary(io: CliIO, s: SyncSummary): void {
  io.out(`changes in: ${s.changesIn}, out: ${s.changesOut}; bundles imported: ${s.imported}, skipped: ${s.skipped}, refused: ${s.refused.length}`);
  if (s.exported) io.out(`wrote ${s.exported}`);
  for (const r of s.refused) io.out(`refused ${r.file}: ${r.reason}`);
  for (const r of s.refusedChanges) io.out(`refused a change from ${r.from}'s copy: ${r.reason}`);
  for (const g of s.gaps) io.out(`waiting: ${g}`);
  if (s.pruned) io.out(`removed ${s.pruned} of this copy's bundles every member has`);
  if (s.checkpoint) io.out(`wrote checkpoint ${s.checkpoint}`);
  io.out(`conflicts: ${s.newConflicts} new, ${s.openConflicts} open`);
}

const display = (v: string | number | null): string => (v === null ? '(empty)' : JSON.stringify(v));

export const syncCommands: Command[] = [
  {
    path: ['sync', 'export'],
    usage: 'sync export FILE --out DIR',
    summary: "Write this copy's bundle of changes the other members have not acknowledged",
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
      if (!values.out) throw new CliError('Usage: steerco sync export FILE --out DIR');
      return withWorkspace(positionals[0], async (api) => {
        const r = await api.call('sync:export', { dir: values.out! });
        io.out(r.file ? `Wrote ${r.file} (${r.changes} changes).` : 'Nothing new to export.');
        return 0;
      });
    },
  },
  {
    path: ['sync', 'import'],
    usage: 'sync import FILE BUNDLE…|DIR',
    summary: 'Verify and import bundles (each all or nothing); repeats are skipped',
    async run(args, io) {
      const { positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
      if (positionals.length < 2) throw new CliError('Usage: steerco sync import FILE BUNDLE…|DIR');
      return withWorkspace(positionals[0], async (api) => {
        api.session.on('sync:progress', (p) => {
          if (p.phase === 'import' && p.file) io.err(`importing ${p.file} (${p.done}/${p.total})`);
        });
        const s = await api.call('sync:import', { paths: positionals.slice(1) });
        printSummary(io, s);
        return s.refused.length > 0 ? 1 : 0;
      });
    },
  },
  {
    path: ['sync', 'status'],
    usage: 'sync status FILE [--json]',
    summary: 'Replicas, version vector and open conflicts',
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
      return withWorkspace(positionals[0], async (api) => {
        const st = await api.call('sync:status', {});
        const conflicts = await api.call('conflicts:list', {});
        if (values.json) io.out(JSON.stringify({ ...st, conflicts }, null, 2));
        else {
          io.out(`this copy: ${st.replicaId}`);
          for (const m of st.members) io.out(`${m.isSelf ? '*' : ' '} ${m.name.padEnd(24)} ${m.replicaId}  ${st.vector[m.replicaId] ?? '-'}`);
          io.out(`sync folder: ${st.folder ?? '(none)'}; open conflicts: ${st.openConflicts}`);
        }
        return 0;
      });
    },
  },
  {
    path: ['member', 'add'],
    usage: 'member add FILE --name NAME --out COPY',
    summary: "Write a member's own copy of the workspace (own replica and signing key)",
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { name: { type: 'string' }, out: { type: 'string' } } });
      if (!values.name || !values.out) throw new CliError('Usage: steerco member add FILE --name NAME --out COPY');
      return withWorkspace(positionals[0], async (api) => {
        const r = await api.call('members:add', { name: values.name!, out: values.out! });
        io.out(`Wrote ${r.path} for ${values.name} (copy ${r.replicaId}).`);
        return 0;
      });
    },
  },
  {
    path: ['member', 'list'],
    usage: 'member list FILE [--json]',
    summary: 'Members, their role, when each last synced and what waiting for them costs',
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
      return withWorkspace(positionals[0], async (api) => {
        const st = await api.call('sync:status', {});
        if (values.json) io.out(JSON.stringify(st.members, null, 2));
        else
          for (const m of st.members) {
            const state = m.status === 'retired' ? `retired${m.retiredReason ? ` (${m.retiredReason})` : ''}` : m.isSelf ? 'this copy' : `last synced ${m.lastSyncAt?.slice(0, 10) ?? 'never'}${m.stale ? ', not syncing' : ''}`;
            const cost = m.holdsBack.files ? `; holds back ${m.holdsBack.files} bundles (${Math.ceil(m.holdsBack.bytes / 1024)} KB)` : '';
            io.out(`${m.name.padEnd(24)} ${m.role.padEnd(6)} ${m.replicaId}  ${state}${cost}`);
          }
        return 0;
      });
    },
  },
  {
    path: ['member', 'retire'],
    usage: 'member retire FILE NAME|COPY_ID [--reason TEXT]',
    summary: "Retire a member's copy (administrators): its later bundles are refused, its work kept",
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { reason: { type: 'string' } } });
      const who = positionals[1];
      if (!who) throw new CliError('Usage: steerco member retire FILE NAME|COPY_ID [--reason TEXT]');
      return withWorkspace(positionals[0], async (api) => {
        const st = await api.call('sync:status', {});
        const matches = st.members.filter((m) => m.replicaId === who || m.name.toLowerCase() === who.toLowerCase());
        if (matches.length === 0) throw new CliError(`No member "${who}"; see steerco member list.`);
        if (matches.length > 1) throw new CliError(`Several members are called "${who}"; give the copy id (steerco member list).`);
        await api.call('members:retire', { replicaId: matches[0]!.replicaId, reason: values.reason });
        io.out(`Retired ${matches[0]!.name}'s copy (${matches[0]!.replicaId}).`);
        return 0;
      });
    },
  },
  {
    path: ['conflicts', 'list'],
    usage: 'conflicts list FILE [--json]',
    summary: 'Open conflicts: both values, who and when',
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
      return withWorkspace(positionals[0], async (api) => {
        const list = await api.call('conflicts:list', {});
        if (values.json) io.out(JSON.stringify(list, null, 2));
        else if (list.length === 0) io.out('No open conflicts.');
        else
          for (const c of list) {
            io.out(`${c.id}  ${c.label}`);
            io.out(`  now:   ${c.kind === 'delete' ? 'deleted' : display(c.current.value)}  (${c.current.who}, ${c.current.copy}, ${c.current.at})`);
            for (const o of c.others) io.out(`  other: ${c.kind === 'delete' ? `${o.col} = ` : ''}${display(o.value)}  (${o.who}, ${o.copy}, ${o.at})`);
          }
        return 0;
      });
    },
  },
  {
    path: ['conflicts', 'resolve'],
    usage: 'conflicts resolve FILE ID (--value TEXT | --null | --restore | --keep-deleted)',
    summary: 'Resolve a conflict with a value (or restore / keep a deleted row)',
    async run(args, io) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { value: { type: 'string' }, null: { type: 'boolean' }, restore: { type: 'boolean' }, 'keep-deleted': { type: 'boolean' } },
      });
      const id = positionals[1];
      const usage = 'Usage: steerco conflicts resolve FILE ID (--value TEXT | --null | --restore | --keep-deleted)';
      if (!id) throw new CliError(usage);
      const input = id.startsWith('delete:')
        ? values.restore || values['keep-deleted']
          ? { id, restore: !!values.restore }
          : null
        : values.value !== undefined || values.null
          ? { id, value: values.null ? null : values.value! }
          : null;
      if (!input) throw new CliError(usage);
      return withWorkspace(positionals[0], async (api) => {
        await api.call('conflicts:resolve', input);
        io.out(`Resolved ${id}.`);
        return 0;
      });
    },
  },
];
