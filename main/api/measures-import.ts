import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { getMeta } from '../../db/connection.js';
import { ValidationError } from '../../db/errors.js';
import { fileError, requireRegularFile } from '../../db/files.js';
import { cachedStatement } from '../../db/statements.js';
import type { ImportPreview, ImportRefusal, ParsedInput } from '../../preload/contract.js';
import { readAbout } from '../exchange/about-sheet.js';
import { ImportFileError, MAX_IMPORT_BYTES, readImportFile, type ImportFile } from '../exchange/import-read.js';
import { findValueHeader } from '../exchange/import-columns.js';
import { ApiError } from './errors.js';
import type { Handlers } from './handlers.js';
import { applyImport } from './import-apply.js';
import { decide } from './import-decide.js';
import { analyzeMeasures } from './import-plan.js';
import { changesSinceExport } from './import-since.js';
import type { Analysis } from './import-types.js';
import { analyzeValue } from './import-value.js';
import { peopleRefs } from './measure-edits.js';
import type { ApiSession } from './session.js';

type K = 'measures:import' | 'measures:pickImportPath';

const MAX_LISTED = 200;

/** The last file read and the last analysis, so a preview's apply (or a changed decision) does not read the file again. */
interface Cache {
  fileKey: string;
  file: ImportFile;
  token?: string;
  analysis?: Analysis;
}

async function loadBytes(input: ParsedInput<'measures:import'>): Promise<{ name: string; buf: Buffer }> {
  if (input.content) {
    const buf = Buffer.from(input.content.base64, 'base64');
    return { name: basename(input.content.name), buf };
  }
  const file = resolve(input.path!);
  requireRegularFile(file, 'file');
  const size = statSync(file).size;
  if (size > MAX_IMPORT_BYTES) throw new ImportFileError(basename(file), `it is ${(size / 1024 / 1024).toFixed(1)} MB; Steerco imports files up to ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it.`);
  try {
    return { name: basename(file), buf: await readFile(file) };
  } catch (e) {
    throw fileError(e, file, 'read');
  }
}

const where = (r: ImportRefusal) => [r.row !== null ? `row ${r.row}` : null, r.column ? `column ${r.column}${r.header ? ` (${r.header})` : ''}` : null].filter(Boolean).join(', ');

/** Every refusal as the error of an apply: the count, the first one in words, the list (row, column, reason). */
function refusedError(p: ImportPreview): ValidationError {
  const n = p.refused.length;
  const first = p.refused[0]!;
  const issues = p.refused.slice(0, MAX_LISTED).map((r) => ({ row: r.row !== null ? String(r.row) : undefined, field: r.column ?? undefined, message: `${where(r)}${where(r) ? ': ' : ''}${r.reason}` }));
  if (n > MAX_LISTED) issues.push({ row: undefined, field: undefined, message: `… and ${n - MAX_LISTED} more` });
  return new ValidationError(`${n === 1 ? '1 cell was' : `${n} cells were`} refused; nothing was written. ${where(first) ? `${where(first)}: ` : ''}${first.reason}`, issues);
}

export function measuresImportHandlers(s: ApiSession): Pick<Handlers, K> {
  let cache: Cache | null = null;
  const progress = async (phase: 'reading' | 'checking' | 'writing' | 'done', done = 0, total = 0) => {
    s.emit('import:progress', { phase, done, total });
    // Let the event reach the page (the HTTP host's stream) before the next synchronous step.
    await new Promise((r) => setImmediate(r));
  };
  s.on('workspace:opened', () => (cache = null));

  return {
    'measures:pickImportPath': async () => {
      const pick = s.options.shell?.pickImportPath;
      if (!pick) throw new ApiError({ code: 'unsupported', message: 'Native file dialogs are only available in the desktop app; type a path or choose the file instead.' });
      return { path: await pick() };
    },
    'measures:import': async (input) => {
      const db = s.db();
      await progress('reading');
      const { name, buf } = await loadBytes(input);
      const sha = createHash('sha256').update(buf).digest('hex');
      const fileKey = `${sha}\u0000${input.sheet ?? ''}\u0000${name.toLowerCase().endsWith('.csv') ? 'csv' : 'x'}`;
      let file: ImportFile;
      if (cache?.fileKey === fileKey) file = cache.file;
      else {
        file = await readImportFile(buf, name, input.sheet);
        cache = { fileKey, file };
      }
      const workspaceId = getMeta(db, 'workspace_id') ?? '';
      const about = file.about ? readAbout(file.about) : null;
      if (about?.workspaceId && about.workspaceId !== workspaceId) {
        throw new ImportFileError(
          name,
          `it was exported from another workspace${about.title ? ` ("${about.title}")` : ''}: its codes name that workspace's measures, not these. Import it into that workspace, or, to match its rows by code here anyway, delete its About sheet.`,
        );
      }
      const head = (cachedStatement(db, 'SELECT coalesce(max(seq), 0) AS n FROM change_log').get() as { n: number }).n;
      const token = createHash('sha256').update(`${fileKey}\u0000${input.locale ?? ''}\u0000${workspaceId}\u0000${head}`).digest('hex').slice(0, 32);

      let analysis = cache.token === token ? cache.analysis : undefined;
      if (!analysis) {
        await progress('checking', 0, file.main.rows.length);
        analysis = analyze(s, file, input.locale, about, (done, total) => s.emit('import:progress', { phase: 'checking', done, total }));
        cache.token = token;
        cache.analysis = analysis;
      }
      const { preview, write } = decide(
        analysis,
        { createPackages: input.createPackages === true, createDuplicates: new Set(input.createDuplicates ?? []), takeFile: new Set(input.takeFile ?? []) },
        token,
      );
      if (input.dryRun) {
        await progress('done');
        return { preview, applied: null };
      }
      if (input.token && input.token !== token) {
        const message = 'The workspace or the file changed since the preview (another edit, a sync, or the file was saved again); nothing was written. Review the new preview and apply it.';
        throw new ValidationError(message, [{ field: 'token', message }]);
      }
      if (!preview.canApply) throw refusedError(preview);
      const c = preview.counts;
      if (write.cells.length + write.creates.length + write.value.length === 0) {
        await progress('done');
        return { preview, applied: null };
      }
      await progress('writing', 0, write.cells.length + write.creates.length + write.value.length);
      const parts = [c.measures ? `${c.measures} measure${c.measures === 1 ? '' : 's'} changed` : null, c.creates ? `${c.creates} created` : null, c.valueCells ? `${c.valueCells} amounts` : null].filter(Boolean);
      const applied = applyImport(s, write, `Import ${name}: ${parts.join(', ') || `${c.cells} change${c.cells === 1 ? '' : 's'}`}`);
      cache = null;
      await progress('done', 1, 1);
      return { preview, applied };
    },
  };
}

/** Reads the file's sheets against the workspace (nothing is written). */
function analyze(s: ApiSession, file: ImportFile, locale: string | undefined, about: ReturnType<typeof readAbout> | null, onProgress: (done: number, total: number) => void): Analysis {
  const db = s.db();
  const since = changesSinceExport(db, about);
  const personName = new Map(peopleRefs(s).map((p) => [p.id, p.name]));
  // A sheet with month columns ("Plan 2026-01") is a Value sheet, chosen on its own (--sheet Value).
  const valueOnly = findValueHeader(file.main) !== null;
  const measures = valueOnly
    ? { headerRow: 1, rows: 0, columns: [], notes: [] as string[], cells: [], creates: [], missing: new Map(), packageRefusals: [], refused: [], kept: [] as Analysis['kept'], unchanged: 0 }
    : analyzeMeasures({ s, table: file.main, fileName: file.name, locale, since, progress: onProgress });
  const valueTable = valueOnly ? file.main : file.value;
  const value = valueTable ? analyzeValue(s, valueTable, { locale, since, personName, kept: measures.kept }) : null;
  if (valueTable && !value) measures.notes.push(`The sheet "${valueTable.name}" has no Code and month columns ("Plan 2026-01" …); it was not imported.`);
  return {
    file: {
      name: file.name,
      format: file.format,
      sheet: file.main.name,
      sheets: file.sheets,
      separator: file.separator,
      encoding: file.encoding,
      headerRow: measures.headerRow,
      rows: measures.rows,
    },
    exported: about ? { at: about.exportedAt, workspace: about.title, position: about.position } : null,
    conflictsChecked: since !== null,
    columns: measures.columns,
    notes: [...file.notes, ...measures.notes, ...(value?.notes ?? [])],
    cells: measures.cells,
    creates: measures.creates,
    missing: measures.missing,
    packageRefusals: measures.packageRefusals,
    refused: [...measures.refused, ...(value?.refused ?? [])],
    kept: measures.kept,
    unchanged: measures.unchanged,
    value: value?.analysis ?? null,
  };
}
