import { NotFoundError } from '../../db/errors.js';
import type { SavedView, ViewState } from '../../preload/contract/grid-types.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';

type K = 'views:list' | 'views:save' | 'views:delete';

/** Saved grid views, named per person and kept in the workspace (synced with it). */
export function viewHandlers(s: ApiSession): Pick<Handlers, K> {
  const list = (): SavedView[] =>
    (s.db().prepare('SELECT id, name, state FROM saved_views WHERE actor = ? AND deleted = 0 ORDER BY name').all(s.actor()) as { id: string; name: string; state: string }[]).map(
      (r) => ({ id: r.id, name: r.name, state: JSON.parse(r.state) as ViewState }),
    );
  return {
    'views:list': list,
    'views:save': ({ id, name, state }) => {
      const json = JSON.stringify(state);
      const existing = id ?? list().find((v) => v.name.toLowerCase() === name.toLowerCase())?.id;
      const { value } = s.act(
        `Save view ${name}`,
        (w, db) => {
        if (!existing) return w.insert('saved_views', { actor: s.actor(), name, state: json });
        const row = db.prepare('SELECT actor FROM saved_views WHERE id = ? AND deleted = 0').get(existing) as { actor: string } | undefined;
        if (!row || row.actor !== s.actor()) throw new NotFoundError(`No saved view ${existing} of yours.`);
        w.update('saved_views', existing, { name, state: json });
        return existing;
      },
        // A view is not program data: Ctrl+Z after saving one undoes the last edit, not the view.
        { undoable: false },
      );
      return list().find((v) => v.id === value)!;
    },
    'views:delete': ({ id }) => {
      const v = list().find((x) => x.id === id);
      if (!v) throw new NotFoundError(`No saved view ${id} of yours.`);
      s.act(`Delete view ${v.name}`, (w) => w.remove('saved_views', id));
      return null;
    },
  };
}
