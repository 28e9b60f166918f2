import { useEffect, type RefObject } from 'react';

/**
 * A panel that opens over the work (drawer, overlay) takes the keyboard focus, so Esc closes
 * it at once however it was opened (a double-click leaves the focus in the grid), and gives
 * the focus back to where it was when it closes.
 */
export function useDialogFocus(ref: RefObject<HTMLElement | null>, onEscape: () => void): void {
  useEffect(() => {
    const prev = document.activeElement as HTMLElement | null;
    const el = ref.current;
    if (el && !el.contains(document.activeElement)) el.focus();
    return () => {
      if (prev?.isConnected) prev.focus();
    };
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
