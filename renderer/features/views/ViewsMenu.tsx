import { useCallback, useEffect, useState } from 'react';
import type { SavedView, ViewState } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';
import { PromptDialog } from '../../components/Modal';
import { MenuButton } from '../../components/MenuButton';
import { PRESETS } from '../grid/quick-filters';

/**
 * Built-in presets and the acting person's saved views (kept in the workspace). A view
 * restores visible columns, their order and widths, column filters, sort, chips and search.
 */
export function ViewsMenu(props: { getState: () => ViewState; applyState: (s: ViewState) => void }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const workspace = useApp((s) => s.workspace);
  const people = useApp((s) => s.people);
  const [views, setViews] = useState<SavedView[]>([]);
  const [current, setCurrent] = useState('preset:all');
  const [saving, setSaving] = useState(false);
  const actorName = people.find((p) => p.id === workspace?.actorId)?.name ?? null;

  const load = useCallback(() => {
    void api.call('views:list', {}).then(setViews, () => setViews([]));
  }, [api]);
  useEffect(load, [load, workspace?.actorId]);

  const choose = (id: string) => {
    const preset = PRESETS.find((p) => p.id === id);
    if (preset) {
      const chips = preset.chips(actorName);
      if (!chips) {
        notify('error', 'Choose who you are under "Acting as" to see your measures.');
        return;
      }
      props.applyState({ chips, columns: undefined, filters: {}, search: '' });
    } else {
      const v = views.find((x) => x.id === id);
      if (v) props.applyState(v.state);
    }
    setCurrent(id);
  };
  const save = async (name: string) => {
    try {
      const v = await api.call('views:save', { name, state: props.getState() as Record<string, unknown> });
      notify('info', `Saved view "${v.name}"`);
      setSaving(false);
      load();
      setCurrent(v.id);
    } catch (e) {
      notify('error', e instanceof ApiCallError ? e.message : String(e));
    }
  };
  const remove = async () => {
    const v = views.find((x) => x.id === current);
    if (!v) return;
    await api.call('views:delete', { id: v.id });
    notify('info', `Deleted view "${v.name}"`);
    setCurrent('preset:all');
    load();
  };
  const own = views.find((x) => x.id === current);
  return (
    <div className="views-menu">
      <select aria-label="Saved view" title="View: presets and your saved views" value={current} onChange={(e) => choose(e.target.value)}>
        <optgroup label="Presets">
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </optgroup>
        {views.length > 0 && (
          <optgroup label={actorName ? `${actorName}'s views` : 'My views'}>
            {views.map((v) => (
              <option key={v.id} value={v.id}>
                {v.name}
              </option>
            ))}
          </optgroup>
        )}
      </select>
      <MenuButton label="▾" className="views-actions" ariaLabel="View actions" title="Save or delete a named view">
        {(close) => (
          <>
            <button role="menuitem" title="Save the columns, filters, sort and chips as a named view" onClick={() => (close(), setSaving(true))}>
              Save view…
            </button>
            {own && (
              <button role="menuitem" aria-label={`Delete view ${own.name}`} onClick={() => (close(), void remove())}>
                Delete view
              </button>
            )}
          </>
        )}
      </MenuButton>
      {saving && (
        <PromptDialog title="Save view" label="View name" initial={own?.name ?? ''} submitLabel="Save" onClose={() => setSaving(false)} onSubmit={(n) => void save(n)} />
      )}
    </div>
  );
}
