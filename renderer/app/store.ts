import { create, type StateCreator } from 'zustand';
import type { ApiClient } from './api';
import { createWorkspaceSlice, type WorkspaceSlice } from '../features/workspace/slice';
import { createTreeSlice, type TreeSlice } from '../features/tree/slice';
import { createGridSlice, type GridSlice } from '../features/grid/slice';
import { createPeopleSlice, type PeopleSlice } from '../features/people/slice';
import { createHistorySlice, type HistorySlice } from '../features/history/slice';
import { createNoticeSlice, type NoticeSlice } from '../features/history/notice-slice';
import { createRaidSlice, type RaidSlice } from '../features/raid/slice';
import { createMeetingsSlice, type MeetingsSlice } from '../features/meetings/slice';

import { createGatesSlice, type GatesSlice } from '../features/gates/slice';
export type AppState = WorkspaceSlice & TreeSlice & GridSlice & PeopleSlice & HistorySlice & NoticeSlice & RaidSlice & MeetingsSlice & GatesSlice & ValueSlice & SyncSlice & PackSlice & StatusSlice & ImportSlice & LayoutSlice & { api: ApiClient };
import { createValueSlice, type ValueSlice } from '../features/finance/slice';
import { createSyncSlice, type SyncSlice } from '../features/sync/slice';
import { createPackSlice, type PackSlice } from '../features/pack/slice';
import { createStatusSlice, type StatusSlice } from '../features/status/slice';
import { createImportSlice, type ImportSlice } from '../features/import/slice';
import { createLayoutSlice, type LayoutSlice } from '../features/layout/slice';
export type Slice<T> = StateCreator<AppState, [], [], T>;

/** One store composed of feature slices; components select narrowly. */
export function createAppStore(api: ApiClient) {
  return create<AppState>()((...a) => ({
    api,
    ...createWorkspaceSlice(...a),
    ...createTreeSlice(...a),
    ...createGridSlice(...a),
    ...createPeopleSlice(...a),
    ...createHistorySlice(...a),
    ...createNoticeSlice(...a),
    ...createRaidSlice(...a),
    ...createMeetingsSlice(...a),
    ...createGatesSlice(...a),
    ...createValueSlice(...a),
    ...createSyncSlice(...a),
    ...createPackSlice(...a),
    ...createStatusSlice(...a),
    ...createImportSlice(...a),
    ...createLayoutSlice(...a),
  }));
}

export type AppStore = ReturnType<typeof createAppStore>;
