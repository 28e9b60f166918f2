import type { SyncConflictView, SyncProgressEvent, SyncStatus, SyncSummary } from '../../../preload/contract';
import type { Slice } from '../../app/store';
import { ApiCallError } from '../../app/api';
import type { Reload } from '../../app/reloads';

export interface SyncSlice {
  syncStatus: SyncStatus | null;
  conflicts: SyncConflictView[];
  /** `<measure id>:<grid field>` of measure cells with an open conflict (the grid flags them). */
  conflictCells: Set<string>;
  syncOpen: boolean;
  syncRunning: boolean;
  syncProgress: SyncProgressEvent | null;
  syncSummary: SyncSummary | null;
  setSyncOpen(open: boolean): void;
  setSyncProgress(p: SyncProgressEvent | null): void;
  loadSync(): Promise<void>;
  setSyncFolder(folder: string | null, auto: boolean): Promise<boolean>;
  syncNow(): Promise<void>;
  resolveConflict(id: string, choice: { value: string | number | null } | { restore: boolean }): Promise<boolean>;
  addMember(name: string, out: string): Promise<string | null>;
  retireMember(replicaId: string, reason: string): Promise<boolean>;
  setStaleDays(days: number): Promise<boolean>;
}

/** measures.owner_id → owner, implementation_status → implementationStatus: the grid's field names. */
export const gridField = (col: string): string => col.replace(/_id$/, '').replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

export const createSyncSlice: Slice<SyncSlice> = (set, get) => {
  const fail = (e: unknown) => get().notify('error', e instanceof ApiCallError ? e.message : String(e));
  return {
    syncStatus: null,
    conflicts: [],
    conflictCells: new Set(),
    syncOpen: false,
    syncRunning: false,
    syncProgress: null,
    syncSummary: null,
    setSyncOpen: (syncOpen) => set({ syncOpen }),
    setSyncProgress: (syncProgress) => set({ syncProgress }),
    loadSync: async () => {
      if (!get().workspace) return;
      try {
        const [syncStatus, conflicts] = await Promise.all([get().api.call('sync:status', {}), get().api.call('conflicts:list', {})]);
        const conflictCells = new Set(conflicts.filter((c) => c.kind === 'cell' && c.tbl === 'measures').map((c) => `${c.rowId}:${gridField(c.col)}`));
        set({ syncStatus, conflicts, conflictCells, syncSummary: get().syncSummary ?? syncStatus.lastSync });
      } catch (e) {
        fail(e);
      }
    },
    setSyncFolder: async (folder, auto) => {
      try {
        set({ syncStatus: await get().api.call('sync:setFolder', { folder, auto }) });
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    syncNow: async () => {
      set({ syncRunning: true, syncProgress: { phase: 'import', done: 0, total: 0, file: null } });
      try {
        const syncSummary = await get().api.call('sync:now', {});
        set({ syncSummary });
        await get().loadSync();
      } catch (e) {
        fail(e);
      } finally {
        set({ syncRunning: false, syncProgress: null });
      }
    },
    resolveConflict: async (id, choice) => {
      try {
        await get().api.call('conflicts:resolve', { id, ...choice });
        await get().loadSync();
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    retireMember: async (replicaId, reason) => {
      try {
        set({ syncStatus: await get().api.call('members:retire', { replicaId, reason: reason || undefined }) });
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    setStaleDays: async (staleDays) => {
      const st = get().syncStatus;
      try {
        set({ syncStatus: await get().api.call('sync:setFolder', { folder: st?.folder ?? null, staleDays }) });
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    addMember: async (name, out) => {
      try {
        const r = await get().api.call('members:add', { name, out });
        await get().loadSync();
        get().notify('info', `Member copy for ${name} written to ${r.path}`);
        return r.path;
      } catch (e) {
        fail(e);
        return null;
      }
    },
  };
};

/**
 * The conflict badge changes with the conflicts and the members; the open sync panel (status,
 * members, the conflicts' current values) with anything.
 */
export const SYNC_RELOADS: Reload[] = [
  { tables: ['sync_conflicts', 'sync_members'], when: (s) => !s.syncOpen, onDay: false, run: (s) => s.loadSync() },
  { tables: 'all', when: (s) => s.syncOpen, run: (s) => s.loadSync() },
];
