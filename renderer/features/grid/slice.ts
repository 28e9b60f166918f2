import type { Measure, MeasurePatch } from '../../../preload/contract';
import type { Slice } from '../../app/store';
import { ApiCallError } from '../../app/api';

export interface GridSlice {
  measures: Measure[];
  /** Refusals shown in their cell, keyed "<measure id>:<field>". */
  cellErrors: Record<string, string>;
  loadMeasures(): Promise<void>;
  updateMeasure(id: string, patch: MeasurePatch): Promise<boolean>;
  createMeasure(nodeId: string): Promise<Measure | null>;
  deleteMeasures(ids: string[]): Promise<boolean>;
  moveMeasures(ids: string[], nodeId: string): Promise<boolean>;
  /** Only these measures in the grid (set from a dashboard click), with what they are. */
  idFilter: { ids: string[]; label: string } | null;
  setIdFilter(f: { ids: string[]; label: string } | null): void;
}

export const createGridSlice: Slice<GridSlice> = (set, get) => ({
  measures: [],
  cellErrors: {},
  idFilter: null,
  setIdFilter: (idFilter) => set({ idFilter }),
  loadMeasures: async () => {
    const nodeId = get().selectedNodeId;
    const measures = await get().api.call('measures:list', nodeId ? { nodeId } : {});
    set({ measures });
  },
  updateMeasure: async (id, patch) => {
    const keys = Object.keys(patch).map((f) => `${id}:${f}`);
    try {
      const m = await get().api.call('measures:update', { id, patch });
      set((s) => {
        const cellErrors = { ...s.cellErrors };
        keys.forEach((k) => delete cellErrors[k]);
        return { measures: s.measures.map((x) => (x.id === id ? m : x)), cellErrors };
      });
      return true;
    } catch (e) {
      const err = e instanceof ApiCallError ? e : new ApiCallError({ code: 'internal', message: String(e) });
      const code = get().measures.find((x) => x.id === id)?.code ?? '';
      set((s) => {
        const cellErrors = { ...s.cellErrors };
        for (const issue of err.body.issues ?? [{ field: Object.keys(patch)[0], message: err.message }]) {
          cellErrors[`${id}:${issue.field ?? Object.keys(patch)[0]}`] = issue.message;
        }
        return { cellErrors };
      });
      get().notify('error', `${code} not saved — ${err.message}`);
      return false;
    }
  },
  createMeasure: async (nodeId) => {
    try {
      const m = await get().api.call('measures:create', { nodeId, patch: { title: 'New measure' } });
      await get().loadMeasures();
      return m;
    } catch (e) {
      get().notify('error', e instanceof ApiCallError ? e.message : String(e));
      return null;
    }
  },
  deleteMeasures: async (ids) => {
    try {
      const r = await get().api.call('measures:delete', { ids });
      get().notify('info', `Deleted ${r.deleted} measure${r.deleted === 1 ? '' : 's'} (Ctrl+Z to undo)`);
      return true;
    } catch (e) {
      get().notify('error', e instanceof ApiCallError ? e.message : String(e));
      return false;
    }
  },
  moveMeasures: async (ids, nodeId) => {
    try {
      await get().api.call('measures:move', { ids, nodeId });
      return true;
    } catch (e) {
      get().notify('error', e instanceof ApiCallError ? e.message : String(e));
      return false;
    }
  },
});
