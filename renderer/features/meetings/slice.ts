import type { ActionStatus, Decision, DecisionLink, Meeting, MeetingDetail, MeetingStatus, PackHoldCheck } from '../../../preload/contract';
import type { Slice } from '../../app/store';
import { ApiCallError } from '../../app/api';
import { userLocale } from '../../app/locale';

export interface MeetingsSlice {
  meetings: Meeting[];
  selectedMeetingId: string | null;
  meetingDetail: MeetingDetail | null;
  decisionLog: Decision[];
  decisionQuery: string;
  selectMeeting(id: string | null): void;
  reloadMeetings(): Promise<void>;
  searchDecisions(query: string): Promise<void>;
  createMeeting(input: { title: string; date: string }): Promise<boolean>;
  updateMeeting(id: string, patch: { title?: string; date?: string; status?: MeetingStatus; agenda?: string; attendees?: string[] }): Promise<boolean>;
  recordDecision(input: { text: string; decidedBy?: string; links: Pick<DecisionLink, 'kind' | 'id'>[] }): Promise<boolean>;
  addAction(input: { title: string; owner: string; dueDate?: string }): Promise<boolean>;
  setActionStatus(id: string, status: ActionStatus): Promise<void>;
  /** A meeting about to be held whose pack has empty texts: the Meetings tab asks first. */
  pendingHold: PackHoldCheck | null;
  cancelHold(): void;
  holdMeeting(id: string, acceptEmpty?: boolean): Promise<boolean>;
}

export const createMeetingsSlice: Slice<MeetingsSlice> = (set, get) => {
  const guarded = async (fn: () => Promise<unknown>): Promise<boolean> => {
    try {
      await fn();
      return true;
    } catch (e) {
      get().notify('error', e instanceof ApiCallError ? e.message : String(e));
      return false;
    }
  };
  return {
    meetings: [],
    selectedMeetingId: null,
    meetingDetail: null,
    decisionLog: [],
    decisionQuery: '',
    selectMeeting: (selectedMeetingId) => {
      set({ selectedMeetingId });
      void get().reloadMeetings();
    },
    reloadMeetings: async () => {
      if (!get().workspace || get().view !== 'meetings') return;
      const api = get().api;
      const meetings = await api.call('meetings:list', {});
      // Default to the next planned meeting, else the latest.
      let id = get().selectedMeetingId;
      if (!id || !meetings.some((m) => m.id === id)) id = ([...meetings].reverse().find((m) => m.status === 'planned') ?? meetings[0])?.id ?? null;
      const q = get().decisionQuery;
      const [meetingDetail, decisionLog] = await Promise.all([id ? api.call('meetings:get', { id }) : null, api.call('decisions:list', q ? { query: q } : {})]);
      set({ meetings, selectedMeetingId: id, meetingDetail, decisionLog });
    },
    searchDecisions: async (decisionQuery) => {
      set({ decisionQuery });
      const decisionLog = await get().api.call('decisions:list', decisionQuery ? { query: decisionQuery } : {});
      if (get().decisionQuery === decisionQuery) set({ decisionLog });
    },
    createMeeting: (input) =>
      guarded(async () => {
        const m = await get().api.call('meetings:create', input);
        set({ selectedMeetingId: m.id });
        await get().reloadMeetings();
      }),
    updateMeeting: (id, patch) =>
      guarded(async () => {
        if (patch.status !== 'held') {
          await get().api.call('meetings:update', { id, ...patch });
          return;
        }
        // Holding a meeting freezes its steering pack with its texts (one undo step), like "Hold meeting" in the pack view;
        // empty texts are shown first, and a pack that cannot be frozen leaves the meeting as it was.
        const { status: _held, ...rest } = patch;
        if (Object.keys(rest).length) await get().api.call('meetings:update', { id, ...rest });
        const check = await get().api.call('pack:holdCheck', { meetingId: id, scopeId: get().packScopeId });
        if (check.held) {
          await get().api.call('meetings:update', { id, status: 'held' });
          return;
        }
        if (check.empty.length) {
          set({ pendingHold: check });
          return;
        }
        await get().holdMeeting(id);
      }),
    pendingHold: null,
    cancelHold: () => set({ pendingHold: null }),
    holdMeeting: (id, acceptEmpty) =>
      guarded(async () => {
        set({ pendingHold: null });
        await get().api.call('pack:freeze', { meetingId: id, scopeId: get().packScopeId, acceptEmpty, locale: userLocale() });
        // Freezing marks a planned meeting held; one closed before keeps its pack and is set held as asked.
        const status = get().meetings.find((x) => x.id === id)?.status;
        if (status === 'closed') await get().api.call('meetings:update', { id, status: 'held' });
        get().notify('info', 'Meeting held: its steering pack is frozen with its texts (Steering pack › Frozen packs)');
      }),
    recordDecision: (input) =>
      guarded(async () => {
        const meetingId = get().selectedMeetingId;
        if (!meetingId) throw new Error('Choose a meeting first.');
        await get().api.call('decisions:create', { meetingId, text: input.text, decidedBy: input.decidedBy, links: input.links });
      }),
    addAction: (input) =>
      guarded(async () => {
        const meetingId = get().selectedMeetingId ?? undefined;
        await get().api.call('actions:create', { meetingId, title: input.title, owner: input.owner, ...(input.dueDate ? { dueDate: input.dueDate } : {}) });
      }),
    setActionStatus: async (id, status) => {
      await guarded(() => get().api.call('actions:update', { id, status }));
    },
  };
};
