import type { BulkUpdateResult, CustomField, Measure, MeasureEdit, MeasurePatch } from '../../../preload/contract';
import type { Slice } from '../../app/store';
import { ApiCallError } from '../../app/api';
import { changedMeasureIds, type ChangeEvent } from '../../app/changes';
import { userLocale } from '../../app/locale';
import type { Reload } from '../../app/reloads';

/** Tables whose changes show in the measures list. */
export const MEASURE_LIST_TABLES = ['measures', 'people', 'nodes', 'custom_values', 'custom_fields', 'status_overrides'];

/** The list reloads just the rows a small change touched (a 20k-row list stays put). */
export const GRID_RELOADS: Reload[] = [{ tables: MEASURE_LIST_TABLES, run: (s, change) => s.loadMeasures(change) }];

export interface GridSlice {
  measures: Measure[];
  customFields: CustomField[];
  /** The measure whose detail panel is open. */
  detailId: string | null;
  openDetail(id: string | null): void;
  /**
   * Paste and bulk edit: one call, one transaction, one undo step. Returns the result, or
   * the refusal (every refused cell) — nothing of a refused edit is written.
   */
  bulkUpdate(edits: MeasureEdit[], label: string): Promise<{ ok: true; result: BulkUpdateResult } | { ok: false; message: string; issues: string[] }>;
  /** `shownAt`: the refusal is shown where it was typed (a typed cell, a panel field), so no notice. */
  updateCustom(id: string, key: string, value: string, shownAt?: 'field'): Promise<boolean>;
  /** Refusals shown in their cell, keyed "<measure id>:<field>". */
  cellErrors: Record<string, string>;
  /** The text of a refused edit, keyed like cellErrors: the cell's editor reopens with it for correction. */
  cellDrafts: Record<string, string>;
  /** The refused text of a cell, handed once to the editor that reopens it. */
  takeDraft(key: string): string | undefined;
  /** Reloads the list; after a change that only touched some measures, just those rows. */
  loadMeasures(change?: ChangeEvent): Promise<void>;
  updateMeasure(id: string, patch: MeasurePatch, shownAt?: 'field'): Promise<boolean>;
  createMeasure(nodeId: string): Promise<Measure | null>;
  deleteMeasures(ids: string[]): Promise<boolean>;
  moveMeasures(ids: string[], nodeId: string): Promise<boolean>;
  /** Only these measures in the grid (set from a dashboard click), with what they are. */
  idFilter: { ids: string[]; label: string } | null;
  setIdFilter(f: { ids: string[]; label: string } | null): void;
}

function sameMeasure(a: Measure, b: Measure): boolean {
  for (const k of Object.keys(b) as (keyof Measure)[]) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (typeof x === 'object' && typeof y === 'object' && JSON.stringify(x) === JSON.stringify(y)) continue;
    return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}

/**
 * Reuses the previous object of every row that did not change, so the grid (which compares
 * rows by reference) leaves them alone — an edit just started in another row survives a reload.
 */
export function keepUnchanged(prev: Measure[], next: Measure[]): Measure[] {
  if (prev.length === 0) return next;
  const byId = new Map(prev.map((m) => [m.id, m]));
  return next.map((m) => {
    const old = byId.get(m.id);
    return old && sameMeasure(old, m) ? old : m;
  });
}

/**
 * Replaces the rows of `ids` with their fresh versions, drops those that are gone (deleted,
 * or moved out of the shown subtree), appends new ones; other rows keep their objects.
 */
export function mergeRows(list: Measure[], ids: string[], fresh: Measure[]): Measure[] {
  const byId = new Map(fresh.map((m) => [m.id, m]));
  const touched = new Set(ids);
  const seen = new Set<string>();
  const out: Measure[] = [];
  for (const m of list) {
    if (!touched.has(m.id)) out.push(m);
    else {
      const f = byId.get(m.id);
      seen.add(m.id);
      if (f) out.push(sameMeasure(m, f) ? m : f);
    }
  }
  for (const f of fresh) if (!seen.has(f.id)) out.push(f);
  return out;
}

export const createGridSlice: Slice<GridSlice> = (set, get) => ({
  measures: [],
  customFields: [],
  detailId: null,
  cellErrors: {},
  cellDrafts: {},
  takeDraft: (key) => {
    const text = get().cellDrafts[key];
    if (text !== undefined)
      set((s) => {
        const cellDrafts = { ...s.cellDrafts };
        delete cellDrafts[key];
        return { cellDrafts };
      });
    return text;
  },
  openDetail: (detailId) => set({ detailId }),
  idFilter: null,
  setIdFilter: (idFilter) => set({ idFilter }),
  loadMeasures: async (change) => {
    const nodeId = get().selectedNodeId;
    const ids = changedMeasureIds(change, MEASURE_LIST_TABLES, 5000);
    if (ids) {
      if (ids.length === 0) return;
      const fresh = await get().api.call('measures:list', nodeId ? { nodeId, ids } : { ids });
      if (get().selectedNodeId !== nodeId) return;
      set((s) => ({ measures: mergeRows(s.measures, ids, fresh) }));
      return;
    }
    const [measures, customFields] = await Promise.all([get().api.call('measures:list', nodeId ? { nodeId } : {}), get().api.call('customFields:list', {})]);
    set({ measures: keepUnchanged(get().measures, measures), customFields });
  },
  bulkUpdate: async (edits, label) => {
    try {
      const result = await get().api.call('measures:bulkUpdate', { edits, label, locale: userLocale() });
      return { ok: true, result };
    } catch (e) {
      const err = e instanceof ApiCallError ? e : new ApiCallError({ code: 'internal', message: String(e) });
      return { ok: false, message: err.message, issues: (err.body.issues ?? [{ message: err.message }]).map((i) => i.message) };
    }
  },
  updateCustom: async (id, key, value, shownAt) => {
    const cellKey = `${id}:custom.${key}`;
    try {
      // The row itself comes back once, with the change's reload (GRID_RELOADS), not from the answer too.
      await get().api.call('measures:update', { id, patch: {}, custom: { [key]: value }, locale: userLocale() });
      set((s) => {
        const cellErrors = { ...s.cellErrors };
        const cellDrafts = { ...s.cellDrafts };
        delete cellErrors[cellKey];
        delete cellDrafts[cellKey];
        return { cellErrors, cellDrafts };
      });
      return true;
    } catch (e) {
      const message = e instanceof ApiCallError ? e.message : String(e);
      // Shown at the cell and the panel's field: the place where it was typed. A value chosen
      // from a list has no editor to reopen, so it is also said in a notice.
      set((s) => ({ cellErrors: { ...s.cellErrors, [cellKey]: message }, cellDrafts: { ...s.cellDrafts, [cellKey]: value } }));
      if (!shownAt) get().notify('error', `${get().measures.find((x) => x.id === id)?.code ?? ''} not saved — ${message}`);
      return false;
    }
  },
  updateMeasure: async (id, patch, shownAt) => {
    const keys = Object.keys(patch).map((f) => `${id}:${f}`);
    try {
      // The row itself comes back once, with the change's reload (GRID_RELOADS), not from the answer too.
      await get().api.call('measures:update', { id, patch, locale: userLocale() });
      set((s) => {
        const cellErrors = { ...s.cellErrors };
        const cellDrafts = { ...s.cellDrafts };
        keys.forEach((k) => (delete cellErrors[k], delete cellDrafts[k]));
        return { cellErrors, cellDrafts };
      });
      return true;
    } catch (e) {
      const err = e instanceof ApiCallError ? e : new ApiCallError({ code: 'internal', message: String(e) });
      const fields = Object.keys(patch);
      set((s) => {
        const cellErrors = { ...s.cellErrors };
        // A one-field edit is refused at that field, whatever other field the rule names
        // ("start after due" typed in Start marks Start, where the text is to be corrected).
        const messages = new Map<string, string[]>();
        for (const issue of err.body.issues ?? [{ field: fields[0], message: err.message }]) {
          const at = `${id}:${fields.length === 1 ? fields[0]! : (issue.field ?? fields[0]!)}`;
          messages.set(at, [...(messages.get(at) ?? []), issue.message]);
        }
        for (const [k, m] of messages) cellErrors[k] = m.join('; ');
        // What was typed stays for correction (an edit of one cell: the grid reopens it with this text).
        const cellDrafts = { ...s.cellDrafts };
        for (const [f, v] of Object.entries(patch)) cellDrafts[`${id}:${f}`] = v ?? '';
        return { cellErrors, cellDrafts };
      });
      if (!shownAt) get().notify('error', `${get().measures.find((x) => x.id === id)?.code ?? ''} not saved — ${err.message}`);
      return false;
    }
  },
  createMeasure: async (nodeId) => {
    try {
      const m = await get().api.call('measures:create', { nodeId, patch: { title: 'New measure' }, locale: userLocale() });
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
