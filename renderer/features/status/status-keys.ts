import type { Rag, StatusKind } from '../../../preload/contract';
import { KIND_OF_FIELD } from './manual-text';

/** Letters that choose a status, on a grid cell and in the dialog. */
export const STATUS_KEYS: Record<string, Rag> = { g: 'green', a: 'amber', r: 'red', n: 'grey' };

/**
 * A key on a grid cell: on a status cell (which has no editor), Enter, F2 or typing opens
 * the status dialog, and a status letter (g, a, r, n) chooses that status in it. Returns
 * true when the key was the dialog's (the caller stops there).
 */
export function statusCellKey(colId: string, measureId: string, ev: KeyboardEvent, open: (id: string, kind: StatusKind, preset?: Rag) => void): boolean {
  const kind = KIND_OF_FIELD[colId];
  if (!kind || ev.ctrlKey || ev.metaKey || ev.altKey) return false;
  const k = ev.key;
  if (k === 'Enter' || k === 'F2') open(measureId, kind);
  else if (k.length === 1 && k !== ' ') open(measureId, kind, STATUS_KEYS[k.toLowerCase()]);
  else return false;
  // The typed letter must not land in the dialog's reason field.
  ev.preventDefault();
  return true;
}
