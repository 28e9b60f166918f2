import type { AppInfo, WorkspaceInfo } from '../../../preload/contract';
import type { Slice } from '../../app/store';
import { ApiCallError } from '../../app/api';
import { setToday } from '../../app/clock';

export type View = 'measures' | 'people' | 'dashboard' | 'raid' | 'meetings' | 'approvals' | 'gates' | 'pack';

export interface WorkspaceSlice {
  appInfo: AppInfo | null;
  workspace: WorkspaceInfo | null;
  view: View;
  busy: boolean;
  /** The start screen shown over an open workspace (File › New / Open). */
  startOpen: boolean;
  setStartOpen(open: boolean): void;
  setView(v: View): void;
  loadAppInfo(): Promise<void>;
  openWorkspace(path: string): Promise<boolean>;
  createWorkspace(path: string, opts?: { name?: string; demo?: boolean }): Promise<boolean>;
  closeWorkspace(): Promise<void>;
  saveCopy(path: string): Promise<boolean>;
  setActor(personId: string | null): Promise<void>;
  /** Reloads everything a workspace shows (after open, or when another window changed it). */
  reloadAll(): Promise<void>;
}

export const createWorkspaceSlice: Slice<WorkspaceSlice> = (set, get) => {
  const guarded = async (fn: () => Promise<void>): Promise<boolean> => {
    set({ busy: true });
    try {
      await fn();
      return true;
    } catch (e) {
      get().notify('error', e instanceof ApiCallError ? e.message : String(e));
      return false;
    } finally {
      set({ busy: false });
    }
  };
  const opened = async (ws: WorkspaceInfo) => {
    set({ workspace: ws, selectedNodeId: null, cellErrors: {}, cellDrafts: {}, startOpen: false, notices: [] });
    await get().reloadAll();
    await get().loadAppInfo();
  };
  return {
    appInfo: null,
    workspace: null,
    view: 'measures',
    busy: false,
    startOpen: false,
    setStartOpen: (startOpen) => set({ startOpen }),
    setView: (view) => set({ view }),
    loadAppInfo: async () => {
      const info = await get().api.call('app:info', {});
      setToday(info.today);
      set({ appInfo: info, workspace: info.workspace });
    },
    openWorkspace: (path) => guarded(async () => opened(await get().api.call('workspace:open', { path }))),
    createWorkspace: (path, opts) => guarded(async () => opened(await get().api.call('workspace:create', { path, ...opts }))),
    closeWorkspace: async () => {
      await guarded(async () => {
        await get().api.call('workspace:close', {});
        set({ workspace: null, measures: [], nodes: [], people: [], notices: [], cellErrors: {}, cellDrafts: {} });
        await get().loadAppInfo();
      });
    },
    saveCopy: (path) =>
      guarded(async () => {
        const r = await get().api.call('workspace:saveCopy', { path });
        get().notify('info', `Saved a copy to ${r.path}`);
      }),
    setActor: async (personId) => {
      await guarded(async () => set({ workspace: await get().api.call('session:setActor', { personId }) }));
    },
    reloadAll: async () => {
      if (!get().workspace) return;
      // Nodes first: they restore the selected node the measures are filtered by.
      await get().loadNodes();
      await Promise.all([get().loadPeople(), get().loadMeasures(), get().refreshUndo()]);
    },
  };
};
