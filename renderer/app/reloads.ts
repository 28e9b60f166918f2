import type { ChangeEvent } from './changes';
import type { AppState } from './store';

/**
 * What a piece of the renderer shows, declared once: the tables (and for some tables, only
 * the columns) it is read from. One registry runs the reloads a `workspace:changed` event
 * calls for, and nothing else: a title edit touches the measures list and gate readiness,
 * not the tree (which counts measures by package) nor the sync badge.
 */
export interface Reload {
  /** Tables whose change reloads it; 'all' for any change. */
  tables: readonly string[] | 'all';
  /** For these tables only a change of these columns counts (when the event lists its columns). */
  columns?: Readonly<Record<string, readonly string[]>>;
  /** Skipped while false (a view not shown loads when it is shown). */
  when?: (s: AppState) => boolean;
  /** Run again when the local day changes (default: yes). */
  onDay?: boolean;
  /** Reloads; `change` says which rows changed, so a list can reload just those. */
  run: (s: AppState, change?: ChangeEvent) => Promise<void> | void;
}

/** Whether a change touches what `r` shows. */
export function affects(r: Reload, change: ChangeEvent): boolean {
  if (r.tables === 'all') return true;
  const tables = r.tables;
  return change.tables.some((t) => {
    if (!tables.includes(t)) return false;
    const only = r.columns?.[t];
    const changed = change.columns?.[t];
    return !only || !changed || changed.some((c) => only.includes(c));
  });
}

export interface ReloadRegistry {
  /** Adds a reload (a view's own state); returns its removal. */
  add(r: Reload): () => void;
  /** Runs the reloads a change calls for. */
  changed(change: ChangeEvent): Promise<void>;
  /** A new local day: everything that depends on today is read again. */
  day(): Promise<void>;
}

export function createReloadRegistry(get: () => AppState, declared: readonly Reload[]): ReloadRegistry {
  const entries = new Set<Reload>(declared);
  const runAll = async (list: Reload[], change?: ChangeEvent) => {
    const s = get();
    await Promise.all(list.filter((r) => !r.when || r.when(s)).map((r) => r.run(s, change)));
  };
  return {
    add: (r) => {
      entries.add(r);
      return () => entries.delete(r);
    },
    changed: (change) => runAll([...entries].filter((r) => affects(r, change)), change),
    day: () => runAll([...entries].filter((r) => r.onDay !== false)),
  };
}
