import { useState } from 'react';
import { useApp } from '../../app/context';
import { ApiCallError } from '../../app/api';

/** Shown when no workspace is open: create, create the demo, open, recent files. */
export function StartScreen({ onCancel }: { onCancel?: () => void }) {
  const appInfo = useApp((s) => s.appInfo);
  const api = useApp((s) => s.api);
  const busy = useApp((s) => s.busy);
  const openWorkspace = useApp((s) => s.openWorkspace);
  const createWorkspace = useApp((s) => s.createWorkspace);
  const notify = useApp((s) => s.notify);
  const folder = appInfo?.defaultFolder ?? '';
  const [newPath, setNewPath] = useState(`${folder}/My program.steerco`);
  const [openPath, setOpenPath] = useState('');

  const browse = async (mode: 'open' | 'create', then: (p: string) => void) => {
    try {
      const r = await api.call('workspace:pickPath', { mode });
      if (r.path) then(r.path);
    } catch (e) {
      notify('error', e instanceof ApiCallError ? e.message : String(e));
    }
  };

  return (
    <main className="start" aria-label="Start">
      {onCancel && (
        <button className="start-close" onClick={onCancel} aria-label="Back to the open workspace">
          ← Back to workspace
        </button>
      )}
      <h1>Steerco</h1>
      <p className="tagline">Measures, gates, value and the steering pack — in one local file, offline.</p>
      <section className="start-grid">
        <div className="card">
          <h2>New workspace</h2>
          <label>
            File
            <input aria-label="New workspace file" value={newPath} onChange={(e) => setNewPath(e.target.value)} />
          </label>
          <div className="row">
            {appInfo?.nativeDialogs && <button onClick={() => void browse('create', setNewPath)}>Browse…</button>}
            <button className="primary" disabled={busy || !newPath.trim()} onClick={() => void createWorkspace(newPath.trim())}>
              Create
            </button>
            <button disabled={busy || !newPath.trim()} onClick={() => void createWorkspace(newPath.trim(), { demo: true })}>
              Create demo program
            </button>
          </div>
        </div>
        <div className="card">
          <h2>Open workspace</h2>
          <label>
            File
            <input
              aria-label="Workspace file to open"
              placeholder={`${folder}/….steerco`}
              value={openPath}
              onChange={(e) => setOpenPath(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && openPath.trim() && void openWorkspace(openPath.trim())}
            />
          </label>
          <div className="row">
            {appInfo?.nativeDialogs && <button onClick={() => void browse('open', (p) => void openWorkspace(p))}>Browse…</button>}
            <button className="primary" disabled={busy || !openPath.trim()} onClick={() => void openWorkspace(openPath.trim())}>
              Open
            </button>
          </div>
        </div>
        <div className="card recent">
          <h2>Recent</h2>
          {appInfo?.recent.length ? (
            <ul>
              {appInfo.recent.map((p) => (
                <li key={p}>
                  <button className="link" title={p} onClick={() => void openWorkspace(p)}>
                    {p.split(/[\\/]/).pop()}
                    <small>{p}</small>
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No recent workspaces yet.</p>
          )}
        </div>
      </section>
    </main>
  );
}
