import { useEffect } from 'react';
import { useApp, useStore } from '../../app/context';
import { SyncPanel } from './SyncPanel';

/** Top-bar entry to sync: the open-conflicts badge, and the panel (kept fresh by SYNC_RELOADS). */
export function SyncButton() {
  const store = useStore();
  const open = useApp((s) => s.syncOpen);
  const setOpen = useApp((s) => s.setSyncOpen);
  const count = useApp((s) => s.conflicts.length);
  const running = useApp((s) => s.syncRunning);
  useEffect(() => {
    const s = () => store.getState();
    void s().loadSync();
    const offProgress = s().api.on('sync:progress', (p) => s().setSyncProgress(p.phase === 'done' ? null : p));
    return () => offProgress();
  }, [store]);
  return (
    <>
      <button className="sync-button" aria-label={`Sync${count ? `, ${count} open conflicts` : ''}`} onClick={() => setOpen(true)}>
        {running ? '⟳ Syncing…' : '⇅ Sync'}
        {count > 0 && (
          <span className="badge" data-testid="conflict-badge" title={`${count} open conflicts`}>
            {count}
          </span>
        )}
      </button>
      {open && <SyncPanel onClose={() => setOpen(false)} />}
    </>
  );
}
