import { useEffect, useState } from 'react';
import type { HistoryEntry } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { useWorkspaceTick } from './useWorkspaceTick';
import { authorText } from '../gates/author';
import { showDay, showStamp } from '../../app/dates';

/** A value that is a stored day is shown like every date; anything else as recorded. */
const dayText = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? showDay(s) : s);
const short = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}…` : s);

/** Every change of the measure, its custom values and milestones: who, when, old → new, from the change log. */
export function HistorySection({ measureId }: { measureId: string }) {
  const api = useApp((s) => s.api);
  const tick = useWorkspaceTick(['measures', 'custom_values', 'milestones', 'custom_fields', 'status_overrides']);
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [field, setField] = useState('');
  useEffect(() => {
    let live = true;
    void api.call('measures:history', { id: measureId }).then((h) => live && setEntries(h));
    return () => {
      live = false;
    };
  }, [api, measureId, tick]);
  const labels = [...new Set(entries.map((e) => e.label ?? e.field))].sort();
  const shown = field ? entries.filter((e) => (e.label ?? e.field) === field) : entries;
  return (
    <div className="history">
      <label className="inline">
        Field
        <select aria-label="History of field" value={field} onChange={(e) => setField(e.target.value)}>
          <option value="">all fields</option>
          {labels.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <ol className="history-list" aria-label="Changes">
        {shown.map((e, i) => (
          <li key={i}>
            <div className="muted" title={e.copy ? `Made on ${e.copy}'s copy` : undefined}>
              {showStamp(e.at)} · <span data-testid="history-author">{authorText(e.actor, e.enteredBy ?? null)}</span>
            </div>
            <div>
              <strong>{e.label ?? e.field}</strong>: <span className="old">{short(dayText(e.oldText ?? String(e.oldValue ?? ''))) || '(empty)'}</span> →{' '}
              <span className="new">{short(dayText(e.newText ?? String(e.newValue ?? ''))) || '(empty)'}</span>
            </div>
          </li>
        ))}
        {shown.length === 0 && <li className="muted">No changes recorded.</li>}
      </ol>
    </div>
  );
}
