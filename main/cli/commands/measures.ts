import { parseArgs } from 'node:util';
import { EDITABLE_MEASURE_FIELDS, type EditableMeasureField, type Measure, type MeasurePatch } from '../../../preload/contract.js';
import { CliError, withWorkspace, type Command } from '../context.js';
import { parseRag } from '../../domain/measures.js';

/** The JSON shape of `measures list --json`: contract names, people by name. */
export function measureJson(m: Measure, template?: string | null): Record<string, unknown> {
  return {
    code: m.code,
    title: m.title,
    owner: m.owner,
    sponsor: m.sponsor,
    controller: m.controller,
    businessUnit: m.businessUnit,
    function: m.function,
    startDate: m.startDate,
    dueDate: m.dueDate,
    diLevel: m.diLevel,
    lifecycle: m.lifecycle,
    implementationStatus: m.implementationStatus,
    potentialStatus: m.potentialStatus,
    // Only for measures with a status set by hand (status, reason, who, when).
    ...(m.manual ? { manual: m.manual } : {}),
    // The workflow template's key (null for a plain measure), when the caller looked it up.
    ...(template !== undefined ? { template } : {}),
  };
}

export async function findByCode(api: Parameters<Parameters<typeof withWorkspace>[1]>[0], code: string): Promise<Measure> {
  const m = (await api.call('measures:list', {})).find((x) => x.code.toLowerCase() === code.toLowerCase());
  if (!m) throw new CliError(`No measure with code ${code}.`);
  return m;
}

export const measureCommands: Command[] = [
  {
    path: ['measures', 'list'],
    usage: 'measures list FILE [--node ID] [--json]',
    summary: 'List measures (all, or under a hierarchy node)',
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, node: { type: 'string' } } });
      return withWorkspace(positionals[0], async (api) => {
        const list = await api.call('measures:list', values.node ? { nodeId: values.node } : {});
        if (values.json) {
          const links = new Map((await api.call('templates:links', {})).map((l) => [l.measureId, l.templateKey]));
          io.out(JSON.stringify(list.map((m) => measureJson(m, links.get(m.id) ?? null)), null, 2));
        }
        else for (const m of list) io.out(`${m.code}  DI${m.diLevel}  ${m.implementationStatus.padEnd(5)} ${m.potentialStatus.padEnd(5)}  ${m.title}  (${m.owner ?? 'no owner'})`);
        return 0;
      });
    },
  },
  {
    path: ['measures', 'set'],
    usage: 'measures set FILE CODE field=value… [--reason TEXT] [--locale TAG]',
    summary: `Edit fields of a measure (${EDITABLE_MEASURE_FIELDS.join(', ')}); same rules as the grid; dates read as YYYY-MM-DD or in --locale's order (default: the system's). A status (green, amber, red, grey) is set by hand and needs --reason; status=derived clears it`,
    async run(args, io) {
      const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { reason: { type: 'string' }, locale: { type: 'string' } } });
      const [file, code, ...pairs] = positionals;
      if (!code || pairs.length === 0) throw new CliError('Usage: steerco measures set FILE CODE field=value… [--reason TEXT]');
      const patch: MeasurePatch = {};
      for (const pair of pairs) {
        const eq = pair.indexOf('=');
        if (eq <= 0) throw new CliError(`"${pair}" is not field=value.`);
        const field = pair.slice(0, eq);
        if (!(EDITABLE_MEASURE_FIELDS as readonly string[]).includes(field)) {
          throw new CliError(`Unknown field "${field}"; editable fields: ${EDITABLE_MEASURE_FIELDS.join(', ')}.`);
        }
        patch[field as EditableMeasureField] = pair.slice(eq + 1);
      }
      // A bad status value is left to the API's message ("not a status"); a good one without --reason is refused here, with the hint.
      const stated = (['implementationStatus', 'potentialStatus'] as const).filter((f) => parseRag(patch[f] ?? '') !== null);
      if (stated.length && values.reason === undefined) {
        throw new CliError(`${stated.map((f) => `${f}=${patch[f]}`).join(' ')}: a status set by hand needs its reason: add --reason "…" (or ${stated[0]}=derived to go back to the derived status).`);
      }
      return withWorkspace(file, async (api) => {
        const m = await findByCode(api, code);
        const updated = await api.call('measures:update', {
          id: m.id,
          patch,
          ...(values.locale ? { locale: values.locale } : {}),
          ...(values.reason !== undefined ? { reason: values.reason } : {}),
        });
        io.out(JSON.stringify(measureJson(updated)));
        return 0;
      });
    },
  },
  {
    path: ['measures', 'export'],
    usage: 'measures export FILE OUT.xlsx|OUT.csv [--node ID] [--columns key,key…] [--value] [--separator ,|;|tab] [--locale TAG] [--force]',
    summary: 'Export measures to an Excel workbook (--value adds the Value sheet) or CSV (--separator, numbers in --locale); written through a temporary file',
    async run(args, io) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: { node: { type: 'string' }, columns: { type: 'string' }, force: { type: 'boolean' }, value: { type: 'boolean' }, separator: { type: 'string' }, locale: { type: 'string' } },
      });
      const [file, out] = positionals;
      if (!out) throw new CliError('Usage: steerco measures export FILE OUT.xlsx|OUT.csv [--node ID] [--columns key,key…] [--value] [--separator ,|;|tab] [--locale TAG] [--force]');
      const separator = values.separator === undefined ? undefined : values.separator === 'tab' ? '\t' : values.separator;
      if (separator !== undefined && separator !== ',' && separator !== ';' && separator !== '\t') throw new CliError(`--separator is , ; or tab, not "${values.separator}".`);
      const format = out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : out.toLowerCase().endsWith('.csv') ? 'csv' : null;
      if (!format) throw new CliError(`"${out}" must end in .xlsx (Excel) or .csv.`);
      return withWorkspace(file, async (api) => {
        const off = api.session.on('export:progress', (p) => {
          if (p.phase === 'rows' && p.done > 0) io.err(`  ${p.done} of ${p.total} rows`);
        });
        try {
          const r = await api.call('measures:export', {
            path: out,
            format,
            overwrite: values.force === true,
            ...(values.node ? { nodeId: values.node } : {}),
            ...(values.columns ? { columns: values.columns.split(',').map((c) => c.trim()) } : {}),
            ...(values.value ? { value: true } : {}),
            ...(separator ? { separator } : {}),
            ...(values.locale ? { locale: values.locale } : {}),
          });
          io.out(`Exported ${r.rows} measures × ${r.columns} columns to ${r.path}`);
          return 0;
        } finally {
          off();
        }
      });
    },
  },
];
