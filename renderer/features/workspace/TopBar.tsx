import { useState } from 'react';
import { useApp } from '../../app/context';
import { PromptDialog } from '../../components/Modal';
import { ApiCallError } from '../../app/api';
import type { View } from './slice';
import { SyncButton } from '../sync/SyncButton';
import { MenuButton } from '../../components/MenuButton';
import { ViewTabs } from './ViewTabs';

const TABS: [View, string][] = [
  ['measures', 'Measures'],
  ['people', 'People'],
  ['raid', 'RAID'],
  ['meetings', 'Meetings'],
  ['approvals', 'Approvals'],
  ['gates', 'Gates'],
  ['dashboard', 'Dashboard'],
  ['pack', 'Steering pack'],
];

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
  const presentation = useApp((s) => s.presentation);
  const setPresentation = useApp((s) => s.setPresentation);
  const [copyDialog, setCopyDialog] = useState(false);

  const startCopy = async () => {
    if (!appInfo?.nativeDialogs) return setCopyDialog(true);
    try {
      const r = await api.call('workspace:pickPath', { mode: 'copy' });
      if (r.path) await saveCopy(r.path);
    } catch (e) {
      notify('error', e instanceof ApiCallError ? e.message : String(e));
    }
  };
  return (
    <header className="topbar">
      <MenuButton label="File" menuLabel="File">
        {(close) => (
          <>
            <button role="menuitem" onClick={() => (close(), setStartOpen(true))}>
              New or open workspace…
            </button>
            <button role="menuitem" onClick={() => (close(), void startCopy())}>
              Save a copy…
            </button>
            <button role="menuitem" onClick={() => (close(), openImport({ kind: 'choose' }))}>
              Import measures…
            </button>
            <button role="menuitemcheckbox" aria-checked={presentation} title="Larger type for a projector (Ctrl+Shift+P)" onClick={() => (close(), setPresentation(!presentation))}>
              Presentation mode (larger type)
            </button>
            <button role="menuitem" onClick={() => (close(), void closeWorkspace())}>
              Close workspace
            </button>
          </>
        )}
      </MenuButton>
      <strong className="ws-name" title={`${workspace.name} — ${workspace.path}`}>
        {workspace.name}
      </strong>
      <ViewTabs tabs={TABS} view={view} setView={setView} />
      <SyncButton />
      <button className="icon" aria-label="Undo" disabled={!undoState.undo} title={undoState.undo ? `Undo ${undoState.undo} (Ctrl+Z)` : 'Nothing to undo'} onClick={() => void undo()}>
        ↶
      </button>
      <button className="icon" aria-label="Redo" disabled={!undoState.redo} title={undoState.redo ? `Redo ${undoState.redo} (Ctrl+Shift+Z)` : 'Nothing to redo'} onClick={() => void redo()}>
        ↷
      </button>
      <button
        className={presentation ? 'icon toggle on' : 'icon toggle'}
        aria-pressed={presentation}
        aria-label="Presentation mode"
        title="Presentation mode: larger type for a projector (Ctrl+Shift+P)"
        onClick={() => setPresentation(!presentation)}
      >
        A<small>A</small>
      </button>
      <label className="actor">
        <span>Acting as</span>
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
