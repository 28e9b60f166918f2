import type { GateReadiness } from '../../../preload/contract';
import type { Slice } from '../../app/store';
import type { Reload } from '../../app/reloads';
import { ApiCallError } from '../../app/api';
import { changedMeasureIds, type ChangeEvent } from '../../app/changes';

export interface GatesSlice {
  /** "Ready for next gate" per measure id (the grid column). */
  gateReadiness: Record<string, GateReadiness>;
  /** The measure whose gate drawer is open. */
  gateMeasureId: string | null;
  /** Reloads readiness; after an edit of a few measures' own fields, just theirs. */
  loadGateReadiness(change?: ChangeEvent): Promise<void>;
  openGate(measureId: string | null): void;
}

export const createGatesSlice: Slice<GatesSlice> = (set, get) => ({
  gateReadiness: {},
  gateMeasureId: null,
  loadGateReadiness: async (change) => {
    if (!get().workspace) return;
    try {
      const ids = changedMeasureIds(change, GATE_TABLES, 200);
      if (ids) {
        if (ids.length === 0) return;
        const list = await get().api.call('gates:readiness', { ids });
        set((s) => {
          const next = { ...s.gateReadiness };
          for (const id of ids) delete next[id];
          for (const r of list) next[r.measureId] = r;
          return { gateReadiness: next };
        });
        return;
      }
      const list = await get().api.call('gates:readiness', {});
      set({ gateReadiness: Object.fromEntries(list.map((r) => [r.measureId, r])) });
    } catch (e) {
      get().notify('error', e instanceof ApiCallError ? e.message : String(e));
    }
  },
  // A refusal about one measure's gate is not about the next one's: it goes with its panel.
  openGate: (gateMeasureId) => set((s) => (gateMeasureId && s.gateMeasureId && s.gateMeasureId !== gateMeasureId ? { gateMeasureId, notices: [] } : { gateMeasureId })),
});

/** Tables whose changes move readiness or requests. */
export const GATE_TABLES = [
  'measures',
  'measure_templates',
  'template_values',
  'template_checks',
  'templates',
  'gate_levels',
  'gate_settings',
  'gate_requests',
  'gate_decisions',
  'gate_attestations',
  'gate_evidence',
  'lifecycle_decisions',
  'milestones',
  'effect_lines',
  'effect_values',
  'raid_items',
  'dependencies',
  'custom_values',
  'custom_fields',
  'role_assignments',
];

/** Reads a picked file as base64 (without the data: prefix) for the evidence contract. */
export function readFileBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result).replace(/^data:[^,]*,/, ''));
    r.onerror = () => reject(r.error ?? new Error(`Could not read ${file.name}`));
    r.readAsDataURL(file);
  });
}

/** Offers base64 content as a download (browser mode) / save (desktop). */
export function downloadBase64(name: string, mime: string, content: string): void {
  const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}


/** Readiness of just the measures a small change touched. */
export const GATES_RELOADS: Reload[] = [{ tables: GATE_TABLES, run: (s, change) => s.loadGateReadiness(change) }];
