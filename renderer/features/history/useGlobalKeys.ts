import { useEffect } from 'react';
import { useStore } from '../../app/context';

function isTextEditing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

/** Ctrl/Cmd+Z undoes and Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes app actions, except inside a text field; Ctrl+Shift+P toggles presentation mode. */
export function useGlobalKeys(): void {
  const store = useStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || isTextEditing(e.target) || !store.getState().workspace) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void store.getState().undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        void store.getState().redo();
      } else if (key === 'p' && e.shiftKey) {
        // Presentation mode (larger type) on and off, for the projector.
        e.preventDefault();
        store.getState().setPresentation(!store.getState().presentation);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
