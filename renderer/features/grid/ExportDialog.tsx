import { useEffect, useState } from 'react';
import type { ExportProgressEvent } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';
import { Modal } from '../../components/Modal';
import { today } from '../../app/clock';
import { userLocale } from '../../app/locale';

/** What the grid shows right now: its rows in order and its visible columns in order. */
export interface GridView {
  ids: string[];
  columns: string[];
}

const stem = (name: string) => name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'measures';

/**
 * Export measures for people without the app: an Excel workbook or CSV, either what the
 * grid shows (filtered and sorted rows, visible columns) or every measure of the node
 * with every column. Written by the app through a temporary file; progress as it goes.
 */
export function ExportDialog(props: { view: () => GridView; total: number; scopeName: string | null; nodeId: string | null; onClose: () => void }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const folder = useApp((s) => s.appInfo?.defaultFolder ?? '');
  const desktop = useApp((s) => s.appInfo?.nativeDialogs === true);
  const workspaceName = useApp((s) => s.workspace?.name ?? 'Workspace');
  const [view] = useState(props.view);
  const [format, setFormat] = useState<'xlsx' | 'csv'>('xlsx');
  const [scope, setScope] = useState<'view' | 'all'>('view');
  const [value, setValue] = useState(false);
  // Where the decimal mark is a comma, spreadsheets expect ";" between CSV fields.
  const [separator, setSeparator] = useState<',' | ';' | '\t'>(() => (new Intl.NumberFormat(userLocale()).format(1.5).includes(',') ? ';' : ','));
  const date = today();
  const [path, setPath] = useState(`${folder}/${stem(`${workspaceName} measures ${date}`)}.xlsx`);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ExportProgressEvent | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** The path the user agreed to replace: in this dialog, or in the native save dialog (which asks itself). */
  const [replaceOk, setReplaceOk] = useState<string | null>(null);
  const [askReplace, setAskReplace] = useState<string | null>(null);

  useEffect(() => api.on('export:progress', setProgress), [api]);

  const choose = (f: 'xlsx' | 'csv') => {
    setFormat(f);
    setPath((p) => p.replace(/\.(xlsx|csv)$/i, '') + `.${f}`);
  };
  const browse = async () => {
    try {
      const r = await api.call('measures:pickExportPath', { format, suggested: path });
      if (r.path) {
        setPath(r.path);
        setReplaceOk(r.path);
      }
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message : String(e));
    }
  };
  const run = async (replace = false) => {
    setBusy(true);
    setError(null);
    setAskReplace(null);
    try {
      const overwrite = replace || replaceOk === path;
      const options = format === 'xlsx' ? { value } : { separator, locale: userLocale() };
      const input =
        scope === 'view'
          ? { path, format, ids: view.ids, columns: view.columns, overwrite, ...options }
          : { path, format, overwrite, ...options, ...(props.nodeId ? { nodeId: props.nodeId } : {}) };
      const r = await api.call('measures:export', input);
      notify('info', `Exported ${r.rows} measure${r.rows === 1 ? '' : 's'} × ${r.columns} columns to ${r.path}`);
      props.onClose();
    } catch (e) {
      if (e instanceof ApiCallError && e.body.code === 'exists') setAskReplace(path);
      else setError(e instanceof ApiCallError ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title="Export measures"
      onClose={() => !busy && props.onClose()}
      testId="export-measures"
      actions={
        <>
          <button onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button className="primary" disabled={busy || !path.trim()} onClick={() => void run()}>
            {busy ? 'Exporting…' : 'Export'}
          </button>
        </>
      }
    >
      <fieldset className="radio-row">
        <legend>Format</legend>
        <label className="inline">
          <input type="radio" name="format" checked={format === 'xlsx'} onChange={() => choose('xlsx')} /> Excel workbook (.xlsx)
        </label>
        <label className="inline">
          <input type="radio" name="format" checked={format === 'csv'} onChange={() => choose('csv')} /> CSV (.csv)
        </label>
      </fieldset>
      {format === 'xlsx' ? (
        <label className="check">
          <input type="checkbox" checked={value} onChange={(e) => setValue(e.target.checked)} /> Add the Value sheet (plan, forecast and actual per effect line and month; imported back too)
        </label>
      ) : (
        <label>
          Separator (numbers use your locale's decimal mark)
          <select value={separator} onChange={(e) => setSeparator(e.target.value as ',' | ';' | '\t')}>
            <option value=",">Comma ,</option>
            <option value=";">Semicolon ; (Excel where the decimal mark is a comma)</option>
            <option value={'\t'}>Tab</option>
          </select>
        </label>
      )}
      <fieldset className="radio-row">
        <legend>What</legend>
        <label className="inline">
          <input type="radio" name="scope" checked={scope === 'view'} onChange={() => setScope('view')} /> The {view.ids.length} measures shown, visible columns in their order
        </label>
        <label className="inline">
          <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> All {props.total} measures{props.scopeName ? ` in ${props.scopeName}` : ''}, every column
        </label>
      </fieldset>
      <div className="row">
        <label className="grow">
          Save to
          <input value={path} onChange={(e) => setPath(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && !busy && void run()} />
        </label>
        {desktop && (
          <button disabled={busy} onClick={() => void browse()}>
            Browse…
          </button>
        )}
      </div>
      {busy && progress && (
        <p className="muted" role="status" data-testid="export-progress">
          {progress.phase === 'rows' ? `Writing rows… ${progress.done.toLocaleString('en')} of ${progress.total.toLocaleString('en')}` : 'Saving the file…'}
          <progress max={progress.total || 1} value={progress.phase === 'rows' ? progress.done : progress.total} />
        </p>
      )}
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {askReplace === path && (
        <div className="row" role="alert" data-testid="export-replace">
          <p className="grow">
            <strong>{path}</strong> already exists. Replace it with the export?
          </p>
          <button onClick={() => setAskReplace(null)}>Keep it</button>
          <button className="primary" onClick={() => void run(true)}>
            Replace
          </button>
        </div>
      )}
    </Modal>
  );
}
