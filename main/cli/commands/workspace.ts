import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CliError, newApi, withWorkspace, type Command } from '../context.js';

export const workspaceCommands: Command[] = [
  {
    path: ['demo'],
    usage: 'demo FILE',
    summary: 'Create the demo workspace (a tiered managed-service launch) in FILE',
    async run(args, io) {
      const { positionals } = parseArgs({ args, allowPositionals: true });
      const file = positionals[0];
      if (!file) throw new CliError('Usage: steerco demo FILE');
      if (existsSync(file)) throw new CliError(`${file} already exists; choose another name.`);
      const api = await newApi();
      try {
        const info = await api.call('workspace:create', { path: file, demo: true });
        const n = (await api.call('measures:list', {})).length;
        io.out(`Created ${info.path}: "${info.name}" with ${n} measures.`);
      } finally {
        api.close();
      }
      return 0;
    },
  },
  {
    path: ['check'],
    usage: 'check FILE [--json]',
    summary: 'Integrity check, schema version and row counts',
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
      return withWorkspace(positionals[0], async (api) => {
        const r = await api.call('workspace:check', {});
        if (values.json) io.out(JSON.stringify({ file: resolve(positionals[0]!), ...r }, null, 2));
        else {
          io.out(`integrity: ${r.integrity}`);
          io.out(`schema version: ${r.schemaVersion}`);
          for (const [t, n] of Object.entries(r.counts)) io.out(`${t.padEnd(20)} ${n}`);
        }
        return r.integrity === 'ok' ? 0 : 1;
      });
    },
  },
];
