import type { Pack, PackBranding, PackMeetingRef, PackSettings, PackSnapshotInfo, PackTexts, PackTextsState } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import type { Slice } from '../../app/store';
import type { Reload } from '../../app/reloads';
import { showDay } from '../../app/dates';
import { userLocale } from '../../app/locale';

export interface PackSlice {
  packScopeId: string | null;
  packMeetingId: string | null;
  /** A frozen pack being viewed instead of the live one. */
  packSnapshotId: string | null;
  pack: Pack | null;
  packError: string | null;
  packLoading: boolean;
  packSettings: PackSettings | null;
  packTexts: PackTexts | null;
  /** Whether the texts shown are the meeting's own, carried over from the draft, or none yet. */
  packTextsSource: PackTextsState['source'];
  /** The texts form has edits not saved yet (they would be missing from a frozen pack). */
  packTextsDirty: boolean;
  setPackTextsDirty(dirty: boolean): void;
  packSnapshots: PackSnapshotInfo[];
  packMeetings: PackMeetingRef[];
  setPackTarget(t: { scopeId?: string | null; meetingId?: string | null }): Promise<void>;
  openSnapshot(id: string | null): Promise<void>;
  loadPack(): Promise<void>;
  /** Rebuilds the pack after an edit elsewhere, only while the pack view is open (building is not free). */
  reloadPackIfShown(): Promise<void>;
  savePackTexts(t: PackTexts): Promise<boolean>;
  savePackSettings(s: PackSettings): Promise<boolean>;
  /** Saves the branding; a refusal comes back per field (colour, font, logo) to show beside it, nothing saved. */
  savePackBranding(b: PackBranding): Promise<{ ok: true } | { ok: false; issues: { field?: string; message: string }[] }>;
  /** Holds the chosen meeting; `acceptEmpty` once the person saw which texts are empty. */
  freezePack(acceptEmpty?: boolean): Promise<boolean>;
  exportPackPptx(path: string): Promise<boolean>;
  /** Desktop app: PDF through Electron's printToPDF. */
  exportPackPdf(path: string): Promise<boolean>;
}

/** Tables whose changes show in a pack. */
export const PACK_TABLES = [
  'nodes',
  'measures',
  'people',
  'milestones',
  'effect_lines',
  'effect_values',
  'raid_items',
  'dependencies',
  'gate_levels',
  'pack_settings',
  'pack_texts',
  'pack_snapshots',
];

const message = (e: unknown) => (e instanceof ApiCallError ? e.message : String(e));

export const createPackSlice: Slice<PackSlice> = (set, get) => {
  // The pack writes its dates in the user's locale (frozen so: the committee sees what it was shown).
  const where = () => ({ scopeId: get().packScopeId, meetingId: get().packMeetingId });
  const target = () => ({ ...where(), locale: userLocale() });
  const attempt = async (fn: () => Promise<void>): Promise<boolean> => {
    try {
      await fn();
      return true;
    } catch (e) {
      get().notify('error', message(e));
      return false;
    }
  };
  return {
    packScopeId: null,
    packMeetingId: null,
    packSnapshotId: null,
    pack: null,
    packError: null,
    packLoading: false,
    packSettings: null,
    packTexts: null,
    packTextsSource: 'none',
    packTextsDirty: false,
    setPackTextsDirty: (packTextsDirty) => set({ packTextsDirty }),
    packSnapshots: [],
    packMeetings: [],
    setPackTarget: async (t) => {
      // A held meeting shows the pack it was shown (its snapshot), as the CLI prints it.
      const held = t.meetingId ? (get().packMeetings.find((m) => m.id === t.meetingId)?.snapshotId ?? null) : null;
      set({ ...('scopeId' in t ? { packScopeId: t.scopeId ?? null } : {}), ...('meetingId' in t ? { packMeetingId: t.meetingId ?? null } : {}), packSnapshotId: held });
      await get().loadPack();
    },
    openSnapshot: async (id) => {
      set({ packSnapshotId: id });
      await get().loadPack();
    },
    loadPack: async () => {
      const api = get().api;
      set({ packLoading: true });
      try {
        const [settings, snapshots, meetings] = await Promise.all([api.call('pack:settings', {}), api.call('pack:snapshots', {}), api.call('pack:meetings', {})]);
        set({ packSettings: settings, packSnapshots: snapshots, packMeetings: meetings });
        const snap = get().packSnapshotId;
        const texts = snap ? null : await api.call('pack:texts', where());
        const pack = snap ? await api.call('pack:snapshot', { id: snap }) : await api.call('pack:build', target());
        set({ pack, packTexts: texts?.texts ?? pack.texts, packTextsSource: texts?.source ?? 'meeting', packError: null });
      } catch (e) {
        set({ pack: null, packError: message(e) });
      } finally {
        set({ packLoading: false });
      }
    },
    reloadPackIfShown: async () => {
      if (get().view === 'pack') await get().loadPack();
    },
    savePackTexts: (texts) =>
      attempt(async () => {
        await get().api.call('pack:saveTexts', { ...where(), texts });
        await get().loadPack();
      }),
    savePackSettings: (settings) =>
      attempt(async () => {
        // Show the change at once (a checkbox must not wait for the round trip); the saved value follows.
        const before = get().packSettings;
        set({ packSettings: settings });
        try {
          set({ packSettings: await get().api.call('pack:saveSettings', { settings }) });
        } catch (e) {
          set({ packSettings: before });
          throw e;
        }
        await get().loadPack();
      }),
    savePackBranding: async (branding) => {
      const settings = get().packSettings;
      if (!settings) return { ok: false, issues: [{ message: 'The pack settings are not loaded yet.' }] };
      try {
        set({ packSettings: await get().api.call('pack:saveSettings', { settings: { ...settings, branding } }) });
      } catch (e) {
        if (e instanceof ApiCallError && (e.body.code === 'validation' || e.body.code === 'bad_input')) return { ok: false, issues: e.body.issues?.length ? e.body.issues : [{ message: e.message }] };
        throw e;
      }
      await get().loadPack();
      return { ok: true };
    },
    freezePack: (acceptEmpty) =>
      attempt(async () => {
        const snap = await get().api.call('pack:freeze', { ...target(), acceptEmpty });
        get().notify('info', `Pack frozen for ${snap.meetingTitle} on ${showDay(snap.date)}; it can be reprinted identically from "Frozen packs".`);
        set({ packSnapshotId: snap.id });
        await get().loadPack();
      }),
    exportPackPdf: (path) =>
      attempt(async () => {
        const snapshotId = get().packSnapshotId ?? undefined;
        const r = await get().api.call('pack:exportPdf', { ...target(), snapshotId, path });
        get().notify('info', `Saved ${r.pages} pages to ${r.path}`);
      }),
    exportPackPptx: (path) =>
      attempt(async () => {
        const snapshotId = get().packSnapshotId ?? undefined;
        const r = await get().api.call('pack:exportPptx', { ...target(), snapshotId, path });
        get().notify('info', `Saved ${r.slides} slides to ${r.path}`);
      }),
  };
};

export const PACK_RELOADS: Reload[] = [{ tables: PACK_TABLES, when: (s) => s.view === 'pack', run: (s) => s.reloadPackIfShown() }];
