import { useCallback, useEffect, useState } from 'react';
import type { Milestone } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';
import { useWorkspaceTick } from './useWorkspaceTick';

/** The measure's milestone plan: title, owner, due date, done. Every change is one undo step. */
export function MilestonesSection({ measureId }: { measureId: string }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
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
        setError(msg);
        notify('error', msg);
        return false;
      }
    },
    [notify],
  );
  const add = async () => {
    if (await guard(() => api.call('milestones:create', { measureId, title, owner: owner || null, dueDate: due || null }))) {
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
              <td>{ms.title}</td>
              <td>{ms.owner ?? '—'}</td>
              <td>
                <input
                  type="date"
                  aria-label={`${ms.title} due date`}
                  defaultValue={ms.dueDate ?? ''}
                  key={ms.dueDate ?? ''}
                  onBlur={(e) => e.target.value !== (ms.dueDate ?? '') && void guard(() => api.call('milestones:update', { id: ms.id, dueDate: e.target.value || null }))}
                />
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
        <input aria-label="New milestone due date" type="date" value={due} onChange={(e) => setDue(e.target.value)} />
        <button onClick={() => void add()}>Add</button>
      </div>
      {error && <small className="error-text">{error}</small>}
    </div>
  );
}
