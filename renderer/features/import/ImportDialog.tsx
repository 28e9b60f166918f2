import './import.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImportPreview, ImportProgressEvent } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';
import { userLocale } from '../../app/locale';
import { Modal } from '../../components/Modal';
import { ImportPreviewView } from './ImportPreview';
import { fileSource, type ImportSource } from './slice';
import { showStamp } from '../../app/dates';

const PHASES: Record<ImportProgressEvent['phase'], string> = {
  reading: 'Reading the file…',
  checking: 'Checking every cell…',
  writing: 'Writing the changes (one step)…',
  done: 'Done',
};

function summary(p: ImportPreview, takes: number, duplicates: number): string {
  const c = p.counts;
  const parts = [
    `${c.measures} measure${c.measures === 1 ? '' : 's'} change (${c.cells} cell${c.cells === 1 ? '' : 's'})`,
    `${c.creates + duplicates} new`,
    c.valueCells ? `${c.valueCells} amount${c.valueCells === 1 ? '' : 's'}` : null,
    c.packages ? `${c.packages} new package${c.packages === 1 ? '' : 's'}` : null,
    c.conflicts ? `${c.conflicts} conflict${c.conflicts === 1 ? '' : 's'} (${takes} taken from the file)` : null,
    c.refused ? `${c.refused} refused` : null,
    `${c.unchanged} unchanged`,
  ];
  return parts.filter(Boolean).join(' · ');
}

/**
 * Import measures from a workbook or CSV: choose the file (path, the desktop's open dialog,
 * a file chosen or dropped in the page), read its preview — every changed cell old → new,
 * new measures, refusals with row and column, conflicts with Steerco's later edits — then
 * apply it in one step (one undo), or change the file and preview again.
 */
export function ImportDialog(props: { source: ImportSource; onClose: () => void }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const desktop = useApp((s) => s.appInfo?.nativeDialogs === true);
  const [path, setPath] = useState(props.source.kind === 'path' ? props.source.path : '');
  const [upload, setUpload] = useState(props.source.kind === 'file' ? props.source : null);
  const [sheet, setSheet] = useState('');
  const [createPackages, setCreatePackages] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [takeFile, setTakeFile] = useState(new Set<string>());
  const [createDuplicates, setCreateDuplicates] = useState(new Set<number>());
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportProgressEvent | null>(null);
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => api.on('import:progress', setProgress), [api]);

  const source = useCallback(
    () => ({ ...(upload ? { content: { name: upload.name, base64: upload.base64 } } : { path }), ...(sheet.trim() ? { sheet: sheet.trim() } : {}), locale: userLocale(), createPackages }),
    [upload, path, sheet, createPackages],
  );
  const runPreview = useCallback(
    async (message?: string) => {
      setBusy(true);
      setError(message ?? null);
      setProgress(null);
      try {
        const r = await api.call('measures:import', { ...source(), dryRun: true });
        setPreview(r.preview);
        const conflictIds = new Set(r.preview.conflicts.map((c) => c.id));
        setTakeFile((t) => new Set([...t].filter((id) => conflictIds.has(id))));
      } catch (e) {
        setPreview(null);
        setError(e instanceof ApiCallError ? e.message : String(e));
      } finally {
        setBusy(false);
      }
    },
    [api, source],
  );
  // A file given by the menu, a drop or "Choose file…" is read at once.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || props.source.kind === 'choose') return;
    started.current = true;
    void runPreview();
  }, [props.source.kind, runPreview]);
  // "Create missing packages" changes what is refused: preview again.
  const firstPackages = useRef(true);
  useEffect(() => {
    if (firstPackages.current) {
      firstPackages.current = false;
      return;
    }
    if (preview) void runPreview();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [createPackages]);

  const browse = async () => {
    try {
      const r = await api.call('measures:pickImportPath', {});
      if (r.path) {
        setUpload(null);
        setPath(r.path);
        setPreview(null);
      }
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message : String(e));
    }
  };
  const choose = async (file: File | undefined) => {
    if (!file) return;
    const s = await fileSource(file);
    if (s.kind === 'file') setUpload(s);
    setPreview(null);
  };
  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const r = await api.call('measures:import', { ...source(), token: preview.token, takeFile: [...takeFile], createDuplicates: [...createDuplicates] });
      const a = r.applied;
      notify(
        'info',
        a
          ? `Imported ${r.preview.file.name}: ${a.measures} measure${a.measures === 1 ? '' : 's'} changed (${a.cells} cell${a.cells === 1 ? '' : 's'}), ${a.created} created${a.packages ? `, ${a.packages} packages` : ''}${a.valueCells ? `, ${a.valueCells} amounts` : ''}. Ctrl+Z undoes it in one step.`
          : `Nothing to change in ${r.preview.file.name}; nothing was written.`,
      );
      props.onClose();
    } catch (e) {
      const stale = e instanceof ApiCallError && e.body.issues?.[0]?.field === 'token';
      if (stale) await runPreview((e as ApiCallError).message);
      else setError(e instanceof ApiCallError ? e.message : String(e));
      setBusy(false);
    }
  };

  const writes = preview ? preview.counts.cells + preview.counts.creates + createDuplicates.size + preview.counts.valueCells + takeFile.size : 0;
  const hasSource = upload !== null || path.trim() !== '';
  return (
    <Modal
      title="Import measures"
      wide
      onClose={() => !busy && props.onClose()}
      testId="import-measures"
      actions={
        <>
          <button onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button disabled={busy || !hasSource} onClick={() => void runPreview()}>
            {preview ? 'Preview again' : 'Preview'}
          </button>
          <button className="primary" disabled={busy || !preview || !preview.canApply || writes === 0} onClick={() => void apply()}>
            {busy && progress?.phase === 'writing' ? 'Applying…' : preview && writes === 0 && preview.canApply ? 'Nothing to apply' : preview?.canApply ? `Apply ${writes} change${writes === 1 ? '' : 's'}` : 'Apply'}
          </button>
        </>
      }
    >
      <div className="row import-source">
        <label className="grow">
          File to import (.xlsx or .csv)
          <input
            value={upload ? upload.name : path}
            readOnly={upload !== null}
            onChange={(e) => {
              setPath(e.target.value);
              setPreview(null);
            }}
            onKeyDown={(e) => e.key === 'Enter' && hasSource && !busy && void runPreview()}
          />
        </label>
        {desktop && (
          <button disabled={busy} onClick={() => void browse()}>
            Browse…
          </button>
        )}
        <button disabled={busy} onClick={() => fileInput.current?.click()}>
          Choose file…
        </button>
        <input ref={fileInput} type="file" accept=".xlsx,.xlsm,.csv,.tsv,.txt" hidden aria-label="Choose a file to import" onChange={(e) => void choose(e.target.files?.[0])} />
        <label>
          Sheet
          <input value={sheet} placeholder={preview?.file.sheet ?? 'first'} size={12} onChange={(e) => setSheet(e.target.value)} />
        </label>
      </div>
      <label className="check">
        <input type="checkbox" checked={createPackages} onChange={(e) => setCreatePackages(e.target.checked)} /> Create missing packages (rows naming a package Steerco does not have)
      </label>
      {busy && progress && progress.phase !== 'done' && (
        <p className="muted" role="status" data-testid="import-progress">
          {PHASES[progress.phase]} {progress.total > 0 && progress.phase === 'checking' ? `${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')} rows` : ''}
          <progress max={progress.total || 1} value={progress.phase === 'checking' ? progress.done : undefined} />
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <>
          <div className="import-head" data-testid="import-summary">
            <p>
              <strong>{preview.file.name}</strong>
              {preview.file.format === 'xlsx' ? `, sheet "${preview.file.sheet}"` : `, CSV (${preview.file.separator === '\t' ? 'tab' : preview.file.separator}, ${preview.file.encoding})`} · header in row {preview.file.headerRow} ·{' '}
              {preview.file.rows.toLocaleString('en')} rows
              {preview.exported?.at ? ` · exported by Steerco ${showStamp(preview.exported.at)}` : ''}
            </p>
            <p className="summary">{summary(preview, takeFile.size, createDuplicates.size)}</p>
            {!preview.conflictsChecked && (
              <p className="muted small">
                This file does not say when it was exported (CSV, or a workbook not made by Steerco): cells changed in Steerco since cannot be told apart, so every cell that differs counts as an edit in the file.
              </p>
            )}
            {preview.notes.length > 0 && (
              <ul className="notes">
                {preview.notes.map((n, i) => (
                  <li key={i}>{n}</li>
                ))}
              </ul>
            )}
          </div>
          <ImportPreviewView
            preview={preview}
            takeFile={takeFile}
            onTake={(id, take) => setTakeFile((s) => (take ? new Set([...s, id]) : new Set([...s].filter((x) => x !== id))))}
            createDuplicates={createDuplicates}
            onDuplicate={(row, create) => setCreateDuplicates((s) => (create ? new Set([...s, row]) : new Set([...s].filter((x) => x !== row))))}
          />
        </>
      )}
    </Modal>
  );
}
