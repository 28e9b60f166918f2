import { parseArgs } from 'node:util';
import type { ImportPreview } from '../../../preload/contract.js';
import { CliError, withWorkspace, type CliIO, type Command } from '../context.js';

const USAGE =
  'measures import FILE IN.xlsx|IN.csv [--dry-run] [--json] [--sheet NAME] [--locale TAG] [--create-packages] [--create-duplicates ROW,…|all] [--take-file ID,…|all]';

const LISTED = 50;

function list<T>(io: CliIO, title: string, items: T[], line: (x: T) => string): void {
  if (items.length === 0) return;
  io.out(`${title} (${items.length}):`);
  for (const x of items.slice(0, LISTED)) io.out(`  ${line(x)}`);
  if (items.length > LISTED) io.out(`  … and ${items.length - LISTED} more (--json lists all)`);
}

const at = (row: number | null, column: string | null) => [row !== null ? `row ${row}` : null, column ? `column ${column}` : null].filter(Boolean).join(', ');

/** The preview in words: what would change, be created, be kept, and what is refused. */
export function printPreview(io: CliIO, p: ImportPreview): void {
  const f = p.file;
  const where = f.format === 'xlsx' ? `sheet "${f.sheet}"` : `CSV, "${f.separator === '\t' ? 'tab' : f.separator}"-separated, ${f.encoding}`;
  io.out(`${f.name}: ${where}, header in row ${f.headerRow}, ${f.rows} row${f.rows === 1 ? '' : 's'}${p.exported?.at ? `; exported by Steerco ${p.exported.at}` : ''}.`);
  if (!p.conflictsChecked) io.out('  (No export position in the file: edits made in Steerco since cannot be told apart; every differing cell counts as an edit in the file.)');
  const c = p.counts;
  io.out(
    `${c.measures} measure${c.measures === 1 ? '' : 's'} to change (${c.cells} cell${c.cells === 1 ? '' : 's'}), ${c.creates} to create, ${c.packages} package${c.packages === 1 ? '' : 's'} to create, ${c.valueCells} amount${c.valueCells === 1 ? '' : 's'}, ${c.unchanged} unchanged; ${c.conflicts} conflict${c.conflicts === 1 ? '' : 's'}, ${c.refused} refused.`,
  );
  list(io, 'Changes', p.updates.flatMap((u) => u.changes.map((x) => ({ u, x }))), ({ u, x }) => `${u.code} (row ${u.row}) ${x.label}: ${x.old || '(empty)'} → ${x.new || '(empty)'}`);
  list(io, 'New measures', p.creates, (x) => `row ${x.row} "${x.title}" in ${x.packagePath}${x.newPackage ? ' (new package)' : ''}`);
  list(io, 'Packages to create (--create-packages)', p.packages, (x) => x);
  list(io, 'Likely duplicates', p.duplicates, (x) => `row ${x.row} "${x.title}" is like ${x.like} in ${x.packagePath}: ${x.create ? 'created' : 'skipped (--create-duplicates to create it)'}`);
  list(io, 'Amounts', p.value?.changes ?? [], (x) => `${x.code} (row ${x.row}) ${x.line} ${x.field} ${x.period}: ${x.old || '(empty)'} → ${x.new || '(empty)'}`);
  list(
    io,
    'Conflicts (changed in Steerco since the export and in the file)',
    p.conflicts,
    (x) => `${x.id}: ${x.code} ${x.label}: exported "${x.exported}", Steerco "${x.steerco}" (${x.changedBy}${x.changedAt ? `, ${x.changedAt}` : ''}), file "${x.file}" → ${x.take ? "the file's" : "Steerco's kept"}`,
  );
  list(io, "Kept (changed in Steerco since the export, unchanged in the file)", p.kept, (x) => `${x.code} (row ${x.row}) ${x.label}: ${x.steerco}`);
  list(io, 'Refused', p.refused, (x) => `${at(x.row, x.column)}${x.header ? ` (${x.header})` : ''}: ${x.reason}`);
  for (const n of p.notes) io.out(`Note: ${n}`);
}

const rows = (v: string | undefined, all: number[]): number[] | undefined => {
  if (!v) return undefined;
  if (v === 'all') return all;
  const out = v.split(',').map((x) => Number(x.trim()));
  if (out.some((n) => !Number.isInteger(n) || n < 1)) throw new CliError(`--create-duplicates takes row numbers (as the preview lists them) or "all"; got "${v}".`);
  return out;
};

export const measureImportCommands: Command[] = [
  {
    path: ['measures', 'import'],
    usage: USAGE,
    summary: 'Import measures from an Excel workbook or CSV, matched by code (a preview first; all or nothing; exit 2 when anything is refused)',
    async run(args, io) {
      const { positionals, values } = parseArgs({
        args,
        allowPositionals: true,
        options: {
          'dry-run': { type: 'boolean' },
          json: { type: 'boolean' },
          sheet: { type: 'string' },
          locale: { type: 'string' },
          'create-packages': { type: 'boolean' },
          'create-duplicates': { type: 'string' },
          'take-file': { type: 'string' },
        },
      });
      const [file, input] = positionals;
      if (!input) throw new CliError(`Usage: steerco ${USAGE}`);
      return withWorkspace(file, async (api) => {
        const base = {
          path: input,
          ...(values.sheet ? { sheet: values.sheet } : {}),
          ...(values.locale ? { locale: values.locale } : {}),
          createPackages: values['create-packages'] === true,
        };
        const off = values.json ? () => undefined : api.session.on('import:progress', (e) => e.phase !== 'done' && io.err(`  ${e.phase}…`));
        try {
          const first = (await api.call('measures:import', { ...base, dryRun: true })).preview;
          const decisions = {
            createDuplicates: rows(values['create-duplicates'], first.duplicates.map((d) => d.row)),
            takeFile: values['take-file'] === 'all' ? first.conflicts.map((c) => c.id) : values['take-file']?.split(',').map((x) => x.trim()),
          };
          const preview = decisions.createDuplicates || decisions.takeFile ? (await api.call('measures:import', { ...base, ...decisions, dryRun: true })).preview : first;
          const show = () => (values.json ? io.out(JSON.stringify({ preview, applied: null }, null, 2)) : printPreview(io, preview));
          if (!preview.canApply) {
            show();
            io.err(`steerco measures import: ${preview.counts.refused} refused; nothing was written.`);
            return 2;
          }
          if (values['dry-run']) {
            show();
            return 0;
          }
          const r = await api.call('measures:import', { ...base, ...decisions, token: preview.token });
          if (values.json) io.out(JSON.stringify(r, null, 2));
          else {
            printPreview(io, r.preview);
            io.out(r.applied ? `Applied: ${r.applied.label} (one step: Edit › Undo in the app takes it back).` : 'Nothing to change; nothing was written.');
          }
          return 0;
        } finally {
          off();
        }
      });
    },
  },
];
