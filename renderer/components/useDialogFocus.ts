import { useEffect, type RefObject } from 'react';

/** Where the focus was: the element, and the grid cell it was in (a grid may redraw the cell). */
export interface FocusOrigin {
  el: HTMLElement | null;
  cell: { row: string; col: string } | null;
}

/** Notes what has the focus now, to give it back later (restoreFocus). */
export function focusOrigin(): FocusOrigin {
  const el = document.activeElement as HTMLElement | null;
  const c = el?.closest('.ag-cell');
  const row = c?.closest('.ag-row')?.getAttribute('row-id');
  const col = c?.getAttribute('col-id');
  return { el, cell: row && col ? { row, col } : null };
}

/**
 * Gives the focus back to where it was: the element when it is still on the page, else the
 * same grid cell redrawn (row and column), so the arrows go on from there.
 */
export function restoreFocus(o: FocusOrigin | null): void {
  if (!o) return;
  if (o.el?.isConnected && o.el !== document.body) return o.el.focus();
  if (o.cell) document.querySelector<HTMLElement>(`.ag-row[row-id="${CSS.escape(o.cell.row)}"] .ag-cell[col-id="${CSS.escape(o.cell.col)}"]`)?.focus();
}

/**
 * A panel that opens over the work (drawer, overlay) takes the keyboard focus, so Esc closes
 * it at once however it was opened (a double-click leaves the focus in the grid), and gives
 * the focus back to where it was when it closes.
 */
export function useDialogFocus(ref: RefObject<HTMLElement | null>, onEscape: () => void): void {
  useEffect(() => {
    const prev = focusOrigin();
    const el = ref.current;
    if (el && !el.contains(document.activeElement)) el.focus();
    return () => restoreFocus(prev);
  }, [ref]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      onEscape();
    };
    el.addEventListener('keydown', onKey);
    return () => el.removeEventListener('keydown', onKey);
  });
}
