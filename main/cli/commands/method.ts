import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CliError, newApi, withWorkspace, type Command } from '../context.js';

/** The engagement method as a file, and templates from JSON: the app's Gates tab, headless. */
export const methodCommands: Command[] = [
  {
    path: ['method', 'export'],
    usage: 'method export FILE --out METHOD_FILE [--force]',
    summary: 'Save the method: gates, roles, fields, pack layout, templates, rights, escalation rules, tolerance, KPI definitions',
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, force: { type: 'boolean' } } });
      if (!values.out) throw new CliError('--out METHOD_FILE is required: where the method file goes.');
      return withWorkspace(positionals[0], async (api) => {
        const r = await api.call('method:export', { path: values.out!, overwrite: values.force ?? false });
        const m = r.method;
        io.out(`Saved ${r.path}: ${m.gates.length} gates, ${m.templates?.length ?? 0} templates, ${m.decisionRights?.length ?? 0} decision rights, ${m.escalationRules?.length ?? 0} escalation rules, ${m.kpis?.length ?? 0} KPI definitions.`);
        return 0;
      });
    },
  },
  {
    path: ['method', 'new'],
    usage: 'method new METHOD_FILE --out FILE [--name NAME]',
    summary: 'Create a new, empty workspace set up with a saved method (refused with the reason, nothing written, when the file does not hold together)',
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, name: { type: 'string' } } });
      if (!positionals[0]) throw new CliError('A METHOD_FILE is required (one saved by steerco method export or the app).');
      if (!values.out) throw new CliError('--out FILE is required: the new workspace.');
      const api = await newApi();
      try {
        const info = await api.call('method:newWorkspace', { path: values.out, methodPath: positionals[0], ...(values.name ? { name: values.name } : {}) });
        const templates = (await api.call('templates:list', {})).length;
        io.out(`Created ${info.path}: "${info.name}" with the method's ${templates} templates.`);
      } finally {
        api.close();
      }
      return 0;
    },
  },
  {
    path: ['templates', 'save'],
    usage: 'templates save FILE TEMPLATE_JSON',
    summary: 'Create or change a workflow template from a JSON file (the shape templates list --json --full prints); refused with every reason, nothing written',
    async run(args, io) {
      const { positionals } = parseArgs({ args, allowPositionals: true });
      if (!positionals[1]) throw new CliError('Usage: steerco templates save FILE TEMPLATE_JSON');
      let template: unknown;
      try {
        template = JSON.parse(readFileSync(positionals[1], 'utf8'));
      } catch (e) {
        throw new CliError(`${positionals[1]} cannot be read as JSON (${e instanceof Error ? e.message.split('\n')[0] : String(e)}).`);
      }
      return withWorkspace(positionals[0], async (api) => {
        const t = await api.call('templates:save', { template: template as never });
        io.out(`Saved template ${t.key} "${t.name}": ${t.fields.length} fields, ${t.checklist.length} steps, ${t.triggers.length} triggers; ${t.usedBy} measures use it.`);
        return 0;
      });
    },
  },
];
