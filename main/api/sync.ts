import { existsSync, mkdirSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { getLocal, setLocal } from '../../db/connection.js';
import { replicaId } from '../../db/changes.js';
import { ValidationError } from '../../db/errors.js';
import type { SyncStatus, SyncSummary } from '../../preload/contract.js';
import { exportBlobs, importBlobs } from '../sync/blobs.js';
import { openConflicts, resolveConflict } from '../sync/conflicts.js';
import { bundleFiles, exportToFolder, importFiles, summarize, syncFolder, type SyncSummary as CoreSummary } from '../sync/folder.js';
import { addMemberCopy, retireMember } from '../sync/identity.js';
import { conflictView, syncStatus } from './sync-status.js';
import { ApiError } from './errors.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';
import { nowIso } from '../../db/clock.js';

type K = 'sync:status' | 'sync:setFolder' | 'sync:now' | 'sync:export' | 'sync:import' | 'members:add' | 'members:retire' | 'conflicts:list' | 'conflicts:resolve';

interface SyncState {
  watcher: FSWatcher | null;
  running: Promise<SyncSummary> | null;
  timer: NodeJS.Timeout | null;
}

export function syncHandlers(s: ApiSession): Pick<Handlers, K> {
  const st: SyncState = { watcher: null, running: null, timer: null };

  const status = (): SyncStatus => syncStatus(s.db());

  const finish = (core: CoreSummary): SyncSummary => {
    const { tables, ...rest } = core;
    const summary: SyncSummary = { at: nowIso(), ...rest };
    setLocal(s.db(), 'sync_last', JSON.stringify(summary));
    s.emit('workspace:changed', { tables: [...tables, 'sync_conflicts'] });
    return summary;
  };

  const syncNow = (): Promise<SyncSummary> => {
    if (st.running) return st.running;
    const db = s.db();
    const folder = getLocal(db, 'sync_folder');
    if (!folder) return Promise.reject(new ValidationError('Choose a sync folder first.', [{ field: 'folder', message: 'Choose a sync folder first.' }]));
    st.running = syncFolder(db, s.actor(), folder, (p) => s.emit('sync:progress', p))
      .then(finish)
      .finally(() => {
        st.running = null;
      });
    return st.running;
  };

  /** Automatic sync: another machine wrote a bundle into the folder (never our own, never a temp file). */
  const rewatch = (): void => {
    st.watcher?.close();
    st.watcher = null;
    if (!s.isOpen) return;
    const db = s.db();
    const folder = getLocal(db, 'sync_folder');
    if (!folder || getLocal(db, 'sync_auto') !== '1') return;
    const me = replicaId(db);
    try {
      mkdirSync(folder, { recursive: true });
      st.watcher = watch(folder, (_event, name) => {
        const f = name ? basename(String(name)) : '';
        // Another copy's finished bundle that is there: never our own, a temp file, or a
        // file just removed (pruning) — so a sync that writes nothing lets the watcher go quiet.
        if (!f.endsWith('.stbundle') || f.startsWith(me) || !existsSync(join(folder, f))) return;
        if (st.timer) clearTimeout(st.timer);
        st.timer = setTimeout(() => {
          st.timer = null;
          if (s.isOpen) syncNow().catch(() => undefined);
        }, 800);
      });
      // The watcher must not keep a CLI run alive; the desktop app and host stay up anyway.
      st.watcher.unref();
    } catch {
      st.watcher = null;
    }
  };
  s.on('workspace:opened', () => rewatch());

  const who = (actor: string): string => {
    if (actor === 'sync') return 'Steerco (sync)';
    if (actor.startsWith('user:')) return actor.slice(5);
    const p = s.db().prepare('SELECT name FROM people WHERE id = ?').get(actor) as { name: string } | undefined;
    return p?.name ?? actor;
  };

  return {
    // Read-only: the copy registers itself as a member on its first export or member copy.
    'sync:status': () => status(),
    'sync:setFolder': ({ folder, auto, staleDays }) => {
      const db = s.db();
      setLocal(db, 'sync_folder', folder === null ? null : resolve(folder));
      if (auto !== undefined) setLocal(db, 'sync_auto', auto ? '1' : null);
      if (staleDays !== undefined) setLocal(db, 'sync_stale_days', String(staleDays));
      rewatch();
      return status();
    },
    'sync:now': () => syncNow(),
    'sync:export': ({ dir }) => {
      // Evidence contents go beside the bundle (dir/blobs), where an import looks for them.
      exportBlobs(s.db(), resolve(dir));
      const r = exportToFolder(s.db(), s.actor(), resolve(dir));
      return { file: r.file, changes: r.changes };
    },
    'sync:import': async ({ paths }) => {
      const db = s.db();
      let files: string[];
      try {
        files = bundleFiles(db, paths.map((p) => resolve(p)));
      } catch (e) {
        throw new ValidationError(`Cannot read ${paths.join(', ')}: ${(e as Error).message}`);
      }
      const outcomes = await importFiles(db, files, (p) => s.emit('sync:progress', p));
      const blobs = importBlobs(db, [...new Set(files.map((f) => dirname(f)))]);
      return finish(summarize(db, outcomes, null, 0, { blobsIn: blobs.imported, blobsOut: 0, blobsMissing: blobs.missing }));
    },
    'members:add': async ({ name, out }) => {
      const r = await addMemberCopy(s.db(), s.actor(), name, resolve(out), s.enteredBy());
      s.emit('workspace:changed', { tables: ['sync_members'] });
      return { path: r.path, replicaId: r.replica };
    },
    'members:retire': ({ replicaId: id, reason }) => {
      retireMember(s.db(), s.actor(), id, reason ?? '', s.enteredBy());
      s.emit('workspace:changed', { tables: ['sync_members'] });
      return status();
    },
    'conflicts:list': () => openConflicts(s.db()).map((c) => conflictView(s.db(), c, who)),
    'conflicts:resolve': ({ id, value, restore }) => {
      const db = s.db();
      const kind = id.startsWith('delete:') ? 'delete' : 'cell';
      if (kind === 'cell' && value === undefined) throw new ValidationError('Pick a value or type a new one.', [{ field: 'value', message: 'Pick a value or type a new one.' }]);
      if (kind === 'delete' && restore === undefined) throw new ValidationError('Choose to keep the row deleted or to restore it.');
      let closed;
      try {
        closed = resolveConflict(db, s.actor(), id, kind === 'cell' ? { value: value ?? null } : { restore: restore ?? false }, s.enteredBy());
      } catch (e) {
        throw new ValidationError(`That value cannot be stored: ${(e as Error).message}`);
      }
      if (!closed) throw new ApiError({ code: 'not_found', message: `No open conflict ${id}; it may have been resolved already.` });
      s.emit('workspace:changed', { tables: [...new Set([closed.tbl, 'sync_conflicts', ...closed.derivedTables])] });
      return { resolved: id };
    },
  };
}
