import type { UndoState } from '../../../preload/contract';
import type { Slice } from '../../app/store';
import { ApiCallError } from '../../app/api';
import type { Reload } from '../../app/reloads';

export interface HistorySlice {
  undoState: UndoState;
  refreshUndo(): Promise<void>;
  /** After a change: the undo state it carries (a person's action), else read again. */
  undoChanged(undo?: UndoState): Promise<void>;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

/** Undo and redo are app commands served by the workspace, so they survive grid reloads. */
export const createHistorySlice: Slice<HistorySlice> = (set, get) => {
  const step = async (method: 'history:undo' | 'history:redo') => {
    try {
      const r = await get().api.call(method, {});
      set({ undoState: { undo: r.undo, redo: r.redo } });
      if (r.done) get().notify('info', `${method === 'history:undo' ? 'Undone' : 'Redone'}: ${r.done}`);
    } catch (e) {
      get().notify('error', e instanceof ApiCallError ? e.message : String(e));
    }
  };
  return {
    undoState: { undo: null, redo: null },
    refreshUndo: async () => {
      if (!get().workspace) return;
      set({ undoState: await get().api.call('history:state', {}) });
    },
    undoChanged: async (undo) => {
      if (undo) set({ undoState: undo });
      else await get().refreshUndo();
    },
    undo: () => step('history:undo'),
    redo: () => step('history:redo'),
  };
};

/** Every change may move the undo menu; a person's action says how in its event. */
export const HISTORY_RELOADS: Reload[] = [{ tables: 'all', onDay: false, run: (s, change) => s.undoChanged(change?.undo) }];
