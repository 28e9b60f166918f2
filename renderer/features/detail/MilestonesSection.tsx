import { useCallback, useEffect, useRef, useState } from 'react';
import type { Milestone } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';
import { useWorkspaceTick } from './useWorkspaceTick';
import { dateHint, parseDay } from '../../../preload/contract';
import { showDay } from '../../app/dates';
import { userLocale } from '../../app/locale';
import { DayPicker } from '../../components/DayPicker';

/**
 * A milestone's title, owner or due date, edited in place: saved on Enter or leaving the
 * field; a date is read by the one parser and refused beside the field, the text kept.
 */
function SavedInput(props: { label: string; value: string; list?: string; date?: boolean; onSave: (v: string) => Promise<boolean> }) {
  const [v, setV] = useState(props.value);
  const [problem, setProblem] = useState<string | null>(null);
  const ref = useRef<HTMLInputElement>(null);
  // A reload that arrives while the user types here does not replace what is being typed.
  useEffect(() => {
    if (document.activeElement !== ref.current) setV(props.value);
  }, [props.value]);
  const commit = () => {
    const text = v.trim();
    if (text === props.value) return setProblem(null);
    if (props.date && text) {
      const r = parseDay(text, userLocale());
      if (!r.ok) return setProblem(r.message);
      setProblem(null);
      // Once saved, the day reads like every date shown.
      return void props.onSave(r.value).then((ok) => ok && setV(showDay(r.value)));
    }
    setProblem(null);
    void props.onSave(text);
  };
  const input = (
    <input
      ref={ref}
      aria-label={props.label}
      list={props.list}
      value={v}
      className={problem ? 'input-error' : undefined}
      aria-invalid={problem ? true : undefined}
      title={problem ?? undefined}
      onChange={(e) => setV(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
    />
  );
  return (
    <>
      {props.date ? (
        <span className="field-input">
          {input}
          <DayPicker
            text={v}
            label={`Pick ${props.label}`}
            onPick={(iso) => {
              setV(showDay(iso));
              void props.onSave(iso);
            }}
          />
        </span>
      ) : (
        input
      )}
      {problem && <small className="error-text">{problem}</small>}
    </>
  );
}

/** The measure's milestone plan: title, owner, due date, done. Every change is one undo step. */
export function MilestonesSection({ measureId }: { measureId: string }) {
  const api = useApp((s) => s.api);
  const people = useApp((s) => s.people);
  const tick = useWorkspaceTick(['milestones', 'people']);
  const [list, setList] = useState<Milestone[]>([]);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    void api.call('milestones:list', { measureId }).then((l) => live && setList(l));
    return () => {
      live = false;
    };
  }, [api, measureId, tick]);
  const guard = useCallback(
    async (f: () => Promise<unknown>) => {
      try {
        await f();
        setError('');
        return true;
      } catch (e) {
        const msg = e instanceof ApiCallError ? e.message : String(e);
        // Said under the milestones, where it was typed (no notice).
        setError(msg);
        return false;
      }
    },
    [],
  );
  const add = async () => {
    // The due date is read by the app's one parser (ISO or the locale's order), refused here when unreadable.
    const day = due.trim() ? parseDay(due, userLocale()) : null;
    if (day && !day.ok) return setError(`Due date: ${day.message}`);
    if (await guard(() => api.call('milestones:create', { measureId, title, owner: owner || null, dueDate: day?.value ?? null }))) {
      setTitle('');
      setOwner('');
      setDue('');
    }
  };
  return (
    <div className="milestones">
      <table className="table compact">
        <thead>
          <tr>
            <th>Done</th>
            <th>Milestone</th>
            <th>Owner</th>
            <th>Due</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.map((ms) => (
            <tr key={ms.id}>
              <td>
                <input type="checkbox" aria-label={`${ms.title} done`} checked={ms.done} onChange={(e) => void guard(() => api.call('milestones:update', { id: ms.id, done: e.target.checked }))} />
              </td>
              <td>
                <SavedInput label={`${ms.title} title`} value={ms.title} onSave={(v) => guard(() => api.call('milestones:update', { id: ms.id, title: v }))} />
              </td>
              <td>
                <SavedInput label={`${ms.title} owner`} value={ms.owner ?? ''} list="ms-owners" onSave={(v) => guard(() => api.call('milestones:update', { id: ms.id, owner: v || null }))} />
              </td>
              <td>
                <SavedInput label={`${ms.title} due date`} value={showDay(ms.dueDate, '')} date onSave={(v) => guard(() => api.call('milestones:update', { id: ms.id, dueDate: v || null }))} />
              </td>
              <td>
                <button aria-label={`Delete milestone ${ms.title}`} onClick={() => void guard(() => api.call('milestones:delete', { id: ms.id }))}>
                  ×
                </button>
              </td>
            </tr>
          ))}
          {list.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                No milestones yet.
              </td>
            </tr>
          )}
        </tbody>
      </table>
      <div className="row milestone-new">
        <input aria-label="New milestone title" placeholder="New milestone…" value={title} onChange={(e) => setTitle(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void add()} />
        <input aria-label="New milestone owner" placeholder="Owner" list="ms-owners" value={owner} onChange={(e) => setOwner(e.target.value)} />
        <datalist id="ms-owners">
          {people.map((p) => (
            <option key={p.id} value={p.name} />
          ))}
        </datalist>
        <span className="field-input">
          <input aria-label="New milestone due date" placeholder={dateHint(userLocale()).replace(/^use /, '')} value={due} onChange={(e) => setDue(e.target.value)} />
          <DayPicker text={due} label="Pick the new milestone's due date" onPick={(iso) => setDue(showDay(iso))} />
        </span>
        <button onClick={() => void add()}>Add</button>
      </div>
      {error && <small className="error-text">{error}</small>}
    </div>
  );
}
