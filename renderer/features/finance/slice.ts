import type { DashboardData, MeasureValue, ValueField } from '../../../preload/contract';
import type { Slice } from '../../app/store';
import type { Reload } from '../../app/reloads';
import { ApiCallError } from '../../app/api';
import { userLocale } from '../../app/locale';

export interface CellEdit {
  lineId: string;
  period: string;
  field: ValueField;
  value: string | null;
}

export interface ValueSlice {
  /** The measure whose effects drawer is open. */
  effectsMeasureId: string | null;
  measureValue: MeasureValue | null;
  /** Refusals keyed '<line>:<YYYY-MM>:<field>'. */
  valueErrors: Record<string, string>;
  dashboard: DashboardData | null;
  dashboardNodeId: string | null;
  openEffects(id: string | null): Promise<void>;
  loadValue(): Promise<void>;
  setCells(cells: CellEdit[]): Promise<boolean>;
  valueAction(fn: () => Promise<MeasureValue>): Promise<boolean>;
  loadDashboard(): Promise<void>;
  setDashboardNode(id: string | null): Promise<void>;
  /** A chart click: the measures grid, scoped to the node, filtered to these measures. */
  showInGrid(nodeId: string | null, ids: string[], label: string): Promise<void>;
}

export const createValueSlice: Slice<ValueSlice> = (set, get) => {
  const fail = (e: unknown) => {
    const err = e instanceof ApiCallError ? e : new ApiCallError({ code: 'internal', message: String(e) });
    get().notify('error', err.message);
    return err;
  };
  return {
    effectsMeasureId: null,
    measureValue: null,
    valueErrors: {},
    dashboard: null,
    dashboardNodeId: null,
    openEffects: async (id) => {
      set({ effectsMeasureId: id, measureValue: null, valueErrors: {} });
      if (id) await get().loadValue();
    },
    loadValue: async () => {
      const id = get().effectsMeasureId;
      if (!id) return;
      try {
        const v = await get().api.call('value:get', { measureId: id });
        if (get().effectsMeasureId === id) set({ measureValue: v });
      } catch (e) {
        fail(e);
        set({ effectsMeasureId: null, measureValue: null });
      }
    },
    setCells: async (cells) => {
      const id = get().effectsMeasureId;
      if (!id) return false;
      const keys = cells.map((c) => `${c.lineId}:${c.period}:${c.field}`);
      try {
        const v = await get().api.call('value:setCells', { measureId: id, cells, locale: userLocale() });
        set((s) => {
          const valueErrors = { ...s.valueErrors };
          keys.forEach((k) => delete valueErrors[k]);
          return { measureValue: v, valueErrors };
        });
        return true;
      } catch (e) {
        const err = fail(e);
        set((s) => {
          const valueErrors = { ...s.valueErrors };
          for (const i of err.body.issues ?? []) if (i.field) valueErrors[i.field] = i.message;
          return { valueErrors };
        });
        return false;
      }
    },
    valueAction: async (fn) => {
      try {
        set({ measureValue: await fn() });
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    loadDashboard: async () => {
      if (get().view !== 'dashboard') return;
      const nodeId = get().dashboardNodeId;
      try {
        const d = await get().api.call('value:dashboard', nodeId ? { nodeId } : {});
        if (get().dashboardNodeId === nodeId) set({ dashboard: d });
      } catch (e) {
        fail(e);
      }
    },
    setDashboardNode: async (id) => {
      set({ dashboardNodeId: id });
      await get().loadDashboard();
    },
    showInGrid: async (nodeId, ids, label) => {
      get().setIdFilter({ ids, label });
      get().setView('measures');
      await get().selectNode(nodeId);
    },
  };
};

const VALUE_TABLES = ['measures', 'effect_lines', 'effect_values', 'value_validations', 'status_overrides', 'milestones', 'value_settings', 'gate_levels', 'dependencies'];

/** The effects drawer (when open) and the dashboard (when shown). */
export const VALUE_RELOADS: Reload[] = [
  { tables: VALUE_TABLES, when: (s) => s.effectsMeasureId !== null, run: (s) => s.loadValue() },
  { tables: VALUE_TABLES, when: (s) => s.view === 'dashboard', run: (s) => s.loadDashboard() },
];
