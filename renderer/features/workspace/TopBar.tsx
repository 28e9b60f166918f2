import { useState } from 'react';
import { useApp } from '../../app/context';
import { PromptDialog } from '../../components/Modal';
import { ApiCallError } from '../../app/api';
import type { View } from './slice';
import { SyncButton } from '../sync/SyncButton';

/** Workspace name, the File menu, undo/redo, who this copy acts as, and the views. */
export function TopBar() {
  const workspace = useApp((s) => s.workspace)!;
  const appInfo = useApp((s) => s.appInfo);
  const api = useApp((s) => s.api);
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const undoState = useApp((s) => s.undoState);
  const undo = useApp((s) => s.undo);
  const redo = useApp((s) => s.redo);
  const people = useApp((s) => s.people);
  const setActor = useApp((s) => s.setActor);
  const closeWorkspace = useApp((s) => s.closeWorkspace);
  const saveCopy = useApp((s) => s.saveCopy);
  const notify = useApp((s) => s.notify);
  const setStartOpen = useApp((s) => s.setStartOpen);
  const openImport = useApp((s) => s.openImport);
  const [menu, setMenu] = useState(false);
  const [copyDialog, setCopyDialog] = useState(false);

  const startCopy = async () => {
    setMenu(false);
    if (!appInfo?.nativeDialogs) return setCopyDialog(true);
    try {
      const r = await api.call('workspace:pickPath', { mode: 'copy' });
      if (r.path) await saveCopy(r.path);
    } catch (e) {
      notify('error', e instanceof ApiCallError ? e.message : String(e));
    }
  };
  const tabs: [View, string][] = [
    ['measures', 'Measures'],
    ['people', 'People'],
    ['raid', 'RAID'],
    ['meetings', 'Meetings'],
    ['approvals', 'Approvals'],
    ['gates', 'Gates'],
    ['dashboard', 'Dashboard'],
    ['pack', 'Steering pack'],
  ];
  return (
    <header className="topbar">
      <div className="menu">
        <button aria-haspopup="menu" aria-expanded={menu} onClick={() => setMenu(!menu)}>
          File
        </button>
        {menu && (
          <div className="menu-list" role="menu" onMouseLeave={() => setMenu(false)}>
            <button
              role="menuitem"
              onClick={() => {
                setMenu(false);
                setStartOpen(true);
              }}
            >
              New or open workspace…
            </button>
            <button role="menuitem" onClick={() => void startCopy()}>
              Save a copy…
            </button>
            <button
              role="menuitem"
              onClick={() => {
                setMenu(false);
                openImport({ kind: 'choose' });
              }}
            >
              Import measures…
            </button>
            <button role="menuitem" onClick={() => void closeWorkspace()}>
              Close workspace
            </button>
          </div>
        )}
      </div>
      <strong className="ws-name" title={workspace.path}>
        {workspace.name}
      </strong>
      <nav className="tabs" aria-label="Views">
        {tabs.map(([v, label]) => (
          <button key={v} className={view === v ? 'active' : ''} aria-pressed={view === v} onClick={() => setView(v)}>
            {label}
          </button>
        ))}
      </nav>
      <div className="spacer" />
      <SyncButton />
      <button disabled={!undoState.undo} title={undoState.undo ? `Undo ${undoState.undo} (Ctrl+Z)` : 'Nothing to undo'} onClick={() => void undo()}>
        ↶ Undo
      </button>
      <button disabled={!undoState.redo} title={undoState.redo ? `Redo ${undoState.redo} (Ctrl+Shift+Z)` : 'Nothing to redo'} onClick={() => void redo()}>
        ↷ Redo
      </button>
      <label className="actor">
        Acting as
        <select value={workspace.actorId ?? ''} onChange={(e) => void setActor(e.target.value || null)}>
          <option value="">(me, not in the list)</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      {copyDialog && (
        <PromptDialog
          title="Save a copy"
          label="New file"
          initial={workspace.path.replace(/\.steerco$/, ' copy.steerco')}
          submitLabel="Save copy"
          onClose={() => setCopyDialog(false)}
          onSubmit={(p) => void saveCopy(p).then((ok) => ok && setCopyDialog(false))}
        />
      )}
    </header>
  );
}
