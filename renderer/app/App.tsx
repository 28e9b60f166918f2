import { useEffect, useRef } from 'react';
import { useDialogFocus } from '../components/useDialogFocus';
import { useApp, useStore } from './context';
import { StartScreen } from '../features/workspace/StartScreen';
import { TopBar } from '../features/workspace/TopBar';
import { HierarchyTree } from '../features/tree/HierarchyTree';
import { MeasuresGrid } from '../features/grid/MeasuresGrid';
import { PeoplePanel } from '../features/people/PeoplePanel';
import { Notices } from '../features/history/Notices';
import { useGlobalKeys } from '../features/history/useGlobalKeys';
import { PackView } from '../features/pack/PackView';
import { RaidView } from '../features/raid/RaidView';
import { MeetingsView } from '../features/meetings/MeetingsView';
import { ApprovalsView } from '../features/gates/ApprovalsView';
import { GateDrawer } from '../features/gates/GateDrawer';
import { Dashboard } from '../features/dashboard/Dashboard';
import { EffectsDrawer } from '../features/finance/EffectsDrawer';
import { StatusDialog } from '../features/status/StatusDialog';
import { ImportHost } from '../features/import/ImportHost';
import { setToday } from './clock';
import '../features/workflow/register';
import { MethodView } from '../features/workflow/MethodView';

/** Listens to the workspace's events and reloads only what the change touched. */
function useWorkspaceEvents(): void {
  const store = useStore();
  useEffect(() => {
    const s = () => store.getState();
    // One registry runs what each change calls for (each slice declares what it shows).
    const offChanged = s().api.on('workspace:changed', (change) => void s().reloads.changed(change));
    // A new local day: everything that depends on today (overdue, due soon, stale, the
    // statuses re-derived for it) is read again.
    const offDay = s().api.on('clock:day', ({ today }) => {
      setToday(today);
      void s().reloads.day();
    });
    const offOpened = s().api.on('workspace:opened', ({ workspace }) => {
      const current = s().workspace;
      store.setState(workspace?.path === current?.path ? { workspace } : { workspace, notices: [] });
      if (workspace && workspace.path !== current?.path) void s().reloadAll().then(() => s().loadGateReadiness());
    });
    void s()
      .loadAppInfo()
      .then(() => s().reloadAll())
      .then(() => s().loadGateReadiness());
    return () => {
      offChanged();
      offDay();
      offOpened();
    };
  }, [store]);
}

/** File › New or open, over the open workspace: Esc goes back to it, and the focus with it. */
function StartOverlay(props: { onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useDialogFocus(ref, props.onClose);
  return (
    <div className="start-overlay" role="dialog" aria-modal="true" aria-label="New or open workspace" ref={ref} tabIndex={-1}>
      <StartScreen onCancel={props.onClose} />
    </div>
  );
}

export function App() {
  useWorkspaceEvents();
  useGlobalKeys();
  const workspace = useApp((s) => s.workspace);
  const appInfo = useApp((s) => s.appInfo);
  const view = useApp((s) => s.view);
  const startOpen = useApp((s) => s.startOpen);
  const setStartOpen = useApp((s) => s.setStartOpen);
  const presentation = useApp((s) => s.presentation);
  if (!appInfo) return <div className="loading">Loading…</div>;
  return (
    <div className={presentation ? 'app presentation' : 'app'}>
      {workspace && startOpen ? <StartOverlay onClose={() => setStartOpen(false)} /> : null}
      {workspace ? (
        <>
          <TopBar />
          {view === 'measures' ? (
            <div className="workbench">
              <HierarchyTree />
              <MeasuresGrid />
            </div>
          ) : view === 'pack' ? (
            <PackView />
          ) : view === 'raid' ? (
            <RaidView />
          ) : view === 'meetings' ? (
            <MeetingsView />
          ) : view === 'approvals' ? (
            <ApprovalsView />
          ) : view === 'gates' ? (
            <MethodView />
          ) : view === 'dashboard' ? (
            <Dashboard />
          ) : (
            <PeoplePanel />
          )}
          <GateDrawer />
          <EffectsDrawer />
          <StatusDialog />
          <ImportHost />
        </>
      ) : (
        <StartScreen />
      )}
      <Notices />
    </div>
  );
}
