import type { Decision, DependencyView, Escalation, EscalationRuleRow, RaidItem, RaidKind, RaidPatch } from '../../../preload/contract';
import type { Slice } from '../../app/store';
import { ApiCallError } from '../../app/api';
import { userLocale } from '../../app/locale';

export type RaidTab = 'log' | 'deps' | 'escalations';

export interface RaidSlice {
  raidItems: RaidItem[];
  /** Refusals shown in their cell, keyed "<item id>:<field>". */
  raidCellErrors: Record<string, string>;
  raidTab: RaidTab;
  /** The measure the RAID view is focused on (log filter, dependencies, decisions). */
  raidMeasureId: string | null;
  depView: DependencyView | null;
  measureDecisions: Decision[];
  escalations: Escalation[];
  escalationRules: EscalationRuleRow[];
  setRaidTab(t: RaidTab): void;
  /** Opens the RAID view on one measure (from the measures grid). */
  openMeasureRaid(measureId: string | null, tab?: RaidTab): void;
  reloadRaid(): Promise<void>;
  updateRaid(id: string, patch: RaidPatch): Promise<boolean>;
  createRaid(kind: RaidKind): Promise<RaidItem | null>;
  deleteRaid(ids: string[]): Promise<boolean>;
  createDependency(input: { onMeasureId?: string; externalParty?: string; neededBy?: string; description?: string }): Promise<boolean>;
  removeDependency(id: string): Promise<void>;
  resolveDependency(id: string, status: 'open' | 'resolved'): Promise<void>;
  updateRule(id: string, patch: { threshold?: number; level?: EscalationRuleRow['level']; enabled?: boolean }): Promise<void>;
}

const message = (e: unknown) => (e instanceof ApiCallError ? e.message : String(e));

export const createRaidSlice: Slice<RaidSlice> = (set, get) => {
  const loadFocus = async () => {
    const id = get().raidMeasureId;
    if (!id) return set({ depView: null, measureDecisions: [] });
    try {
      const [depView, measureDecisions] = await Promise.all([get().api.call('deps:forMeasure', { measureId: id }), get().api.call('measures:decisions', { id })]);
      set({ depView, measureDecisions });
    } catch {
      // The measure was deleted meanwhile: drop the focus.
      set({ raidMeasureId: null, depView: null, measureDecisions: [] });
    }
  };
  return {
    raidItems: [],
    raidCellErrors: {},
    raidTab: 'log',
    raidMeasureId: null,
    depView: null,
    measureDecisions: [],
    escalations: [],
    escalationRules: [],
    setRaidTab: (raidTab) => {
      set({ raidTab });
      void get().reloadRaid();
    },
    openMeasureRaid: (raidMeasureId, tab) => {
      set({ raidMeasureId, view: 'raid', ...(tab ? { raidTab: tab } : {}) });
      void get().reloadRaid();
    },
    reloadRaid: async () => {
      // Evaluating escalations reads the whole workspace: only while the view shows them.
      if (!get().workspace || get().view !== 'raid') return;
      const api = get().api;
      const measureId = get().raidMeasureId ?? undefined;
      const [raidItems, escalations, escalationRules] = await Promise.all([
        api.call('raid:list', measureId ? { measureId } : {}),
        api.call('escalations:list', {}),
        api.call('escalations:rules', {}),
      ]);
      set({ raidItems, escalations, escalationRules });
      await loadFocus();
    },
    updateRaid: async (id, patch) => {
      const keys = Object.keys(patch).map((f) => `${id}:${f}`);
      try {
        const r = await get().api.call('raid:update', { id, patch, locale: userLocale() });
        set((s) => {
          const raidCellErrors = { ...s.raidCellErrors };
          keys.forEach((k) => delete raidCellErrors[k]);
          return { raidItems: s.raidItems.map((x) => (x.id === id ? r : x)), raidCellErrors };
        });
        return true;
      } catch (e) {
        const err = e instanceof ApiCallError ? e : new ApiCallError({ code: 'internal', message: String(e) });
        const code = get().raidItems.find((x) => x.id === id)?.code ?? '';
        set((s) => {
          const raidCellErrors = { ...s.raidCellErrors };
          for (const issue of err.body.issues ?? [{ field: Object.keys(patch)[0], message: err.message }]) {
            raidCellErrors[`${id}:${issue.field ?? Object.keys(patch)[0]}`] = issue.message;
          }
          return { raidCellErrors };
        });
        get().notify('error', `${code} not saved — ${err.message}`);
        return false;
      }
    },
    createRaid: async (kind) => {
      try {
        // On the focused measure, else on the node selected in the hierarchy tree.
        const measureId = get().raidMeasureId ?? undefined;
        const nodeId = measureId ? undefined : (get().selectedNodeId ?? undefined);
        const r = await get().api.call('raid:create', { kind, ...(measureId ? { measureId } : {}), ...(nodeId ? { nodeId } : {}) });
        await get().reloadRaid();
        return r;
      } catch (e) {
        get().notify('error', message(e));
        return null;
      }
    },
    deleteRaid: async (ids) => {
      try {
        const r = await get().api.call('raid:delete', { ids });
        get().notify('info', `Deleted ${r.deleted} RAID item${r.deleted === 1 ? '' : 's'} (Ctrl+Z to undo)`);
        return true;
      } catch (e) {
        get().notify('error', message(e));
        return false;
      }
    },
    createDependency: async (input) => {
      const measureId = get().raidMeasureId;
      if (!measureId) return false;
      try {
        set({ depView: await get().api.call('deps:create', { measureId, ...input }) });
        return true;
      } catch (e) {
        get().notify('error', message(e));
        return false;
      }
    },
    removeDependency: async (id) => {
      try {
        set({ depView: await get().api.call('deps:delete', { id }) });
      } catch (e) {
        get().notify('error', message(e));
      }
    },
    resolveDependency: async (id, status) => {
      try {
        set({ depView: await get().api.call('deps:update', { id, status }) });
      } catch (e) {
        get().notify('error', message(e));
      }
    },
    updateRule: async (id, patch) => {
      try {
        await get().api.call('escalations:updateRule', { id, ...patch });
      } catch (e) {
        get().notify('error', message(e));
      }
    },
  };
};
