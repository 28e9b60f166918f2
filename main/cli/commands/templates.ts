import { parseArgs } from 'node:util';
import { CliError, withWorkspace, type Command } from '../context.js';
import { asPerson } from './gates.js';
import { measureJson } from './measures.js';

/** Workflow templates: list them, add a measure from one. */
export const templateCommands: Command[] = [
  {
    path: ['templates', 'list'],
    usage: 'templates list FILE [--json [--full]]',
    summary: 'List the workflow templates (key, name, owner role, checklist, measures using each)',
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, full: { type: 'boolean' } } });
      return withWorkspace(positionals[0], async (api) => {
        const list = await api.call('templates:list', {});
        // --full: each template whole, in the shape templates save takes back.
        if (values.json && values.full) io.out(JSON.stringify(list.map(({ id: _id, usedBy: _used, ...t }) => t), null, 2));
        else if (values.json) {
          io.out(JSON.stringify(list.map((t) => ({ key: t.key, name: t.name, ownerRole: t.ownerRole, fields: t.fields.map((f) => f.key), checklist: t.checklist.map((c) => c.key), usedBy: t.usedBy })), null, 2));
        } else for (const t of list) io.out(`${t.key.padEnd(24)} ${t.name.padEnd(30)} ${String(t.checklist.length).padStart(2)} steps  ${String(t.usedBy).padStart(3)} measures`);
        return 0;
      });
    },
  },
  {
    path: ['measures', 'add'],
    usage: 'measures add FILE --template KEY --package NODE_ID --title TEXT [--as PERSON]',
    summary: 'Add a measure of a workflow template to a measure package',
    async run(args, io) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { template: { type: 'string' }, package: { type: 'string' }, title: { type: 'string' }, as: { type: 'string' } },
      });
      if (!values.template) throw new CliError('--template KEY is required (see steerco templates list FILE).');
      if (!values.package) throw new CliError('--package NODE_ID is required: the measure package the measure goes into.');
      return withWorkspace(positionals[0], async (api) => {
        const add = () => api.call('templates:createMeasure', { nodeId: values.package!, templateKey: values.template!, ...(values.title ? { title: values.title } : {}) });
        const m = values.as ? await asPerson(api, values.as, add) : await add();
        const links = await api.call('templates:links', {});
        io.out(JSON.stringify(measureJson(m, links.find((l) => l.measureId === m.id)?.templateKey ?? null)));
        return 0;
      });
    },
  },
];
