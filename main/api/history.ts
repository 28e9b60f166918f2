import { redo, undo, undoState } from '../../db/changes.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';

type K = 'history:state' | 'history:undo' | 'history:redo';

export function historyHandlers(s: ApiSession): Pick<Handlers, K> {
  const step = (fn: typeof undo) => {
    const r = fn(s.db(), s.actor(), s.enteredBy());
    if (r) s.changed(r);
    return { ...undoState(s.db()), done: r?.value ?? null };
  };
  return {
    'history:state': () => undoState(s.db()),
    'history:undo': () => step(undo),
    'history:redo': () => step(redo),
  };
}
