import { create, type StateCreator } from 'zustand';
import type { ApiClient } from './api';
import { TREE_RELOADS } from '../features/tree/slice';
import { GRID_RELOADS } from '../features/grid/slice';
import { PEOPLE_RELOADS } from '../features/people/slice';
import { RAID_RELOADS } from '../features/raid/reloads';
import { GATES_RELOADS } from '../features/gates/slice';
import { VALUE_RELOADS } from '../features/finance/slice';
import { PACK_RELOADS } from '../features/pack/slice';
import { SYNC_RELOADS } from '../features/sync/slice';
import { HISTORY_RELOADS } from '../features/history/slice';
import { createReloadRegistry, type Reload, type ReloadRegistry } from './reloads';
import { createWorkspaceSlice, type WorkspaceSlice } from '../features/workspace/slice';
import { createTreeSlice, type TreeSlice } from '../features/tree/slice';
import { createGridSlice, type GridSlice } from '../features/grid/slice';
import { createPeopleSlice, type PeopleSlice } from '../features/people/slice';
import { createHistorySlice, type HistorySlice } from '../features/history/slice';
import { createNoticeSlice, type NoticeSlice } from '../features/history/notice-slice';
import { createRaidSlice, type RaidSlice } from '../features/raid/slice';
import { createMeetingsSlice, type MeetingsSlice } from '../features/meetings/slice';

import { createGatesSlice, type GatesSlice } from '../features/gates/slice';
export type AppState = WorkspaceSlice & TreeSlice & GridSlice & PeopleSlice & HistorySlice & NoticeSlice & RaidSlice & MeetingsSlice & GatesSlice & ValueSlice & SyncSlice & PackSlice & StatusSlice & ImportSlice & LayoutSlice & { api: ApiClient; reloads: ReloadRegistry };
import { createValueSlice, type ValueSlice } from '../features/finance/slice';
import { createSyncSlice, type SyncSlice } from '../features/sync/slice';
import { createPackSlice, type PackSlice } from '../features/pack/slice';
import { createStatusSlice, type StatusSlice } from '../features/status/slice';
import { createImportSlice, type ImportSlice } from '../features/import/slice';
import { createLayoutSlice, type LayoutSlice } from '../features/layout/slice';
export type Slice<T> = StateCreator<AppState, [], [], T>;

/** What each slice shows, declared by the slice (see reloads.ts). */
const RELOADS: readonly Reload[] = [
  ...TREE_RELOADS,
  ...GRID_RELOADS,
  ...PEOPLE_RELOADS,
  ...RAID_RELOADS,
  ...GATES_RELOADS,
  ...VALUE_RELOADS,
  ...PACK_RELOADS,
  ...SYNC_RELOADS,
  ...HISTORY_RELOADS,
];

/** One store composed of feature slices; components select narrowly. */
export function createAppStore(api: ApiClient) {
  return create<AppState>()((...a) => ({
    api,
    reloads: createReloadRegistry(a[1], RELOADS),
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
