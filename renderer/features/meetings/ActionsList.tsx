import { useState } from 'react';
import { ACTION_STATUSES, type ActionItem, type ActionStatus } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { readDay, showDay } from '../../app/dates';
import { DayInput } from '../../components/DayInput';

/** Actions with owner, due date and status (editable); the form adds one to the selected meeting. */
export function ActionsList({ actions, empty, withForm }: { actions: ActionItem[]; empty: string; withForm?: boolean }) {
  const setStatus = useApp((s) => s.setActionStatus);
  const addAction = useApp((s) => s.addAction);
  const people = useApp((s) => s.people);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [tried, setTried] = useState(false);
  const add = () => {
    // The due date is read by the one parser; unreadable text is refused beside the field and kept.
    setTried(true);
    const day = readDay(due);
    if (!day.ok || !title.trim()) return;
    void addAction({ title: title.trim(), owner, dueDate: day.value ?? undefined }).then((ok) => {
      if (ok) {
        setTitle('');
        setOwner('');
        setDue('');
        setTried(false);
      }
    });
  };
  return (
    <>
      <table className="table">
        <tbody>
          {actions.map((a) => (
            <tr key={a.id} data-testid="action">
              <td>{a.code}</td>
              <td>{a.title}</td>
              <td>{a.owner}</td>
              <td>
                {showDay(a.dueDate)} {a.overdue && <span className="flag flag-overdue">Overdue</span>}
              </td>
              <td>
                <select aria-label={`Status of ${a.code}`} value={a.status} onChange={(e) => void setStatus(a.id, e.target.value as ActionStatus)}>
                  {ACTION_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {s.replace('_', ' ')}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
          {actions.length === 0 && (
            <tr>
              <td className="muted">{empty}</td>
            </tr>
          )}
        </tbody>
      </table>
      {withForm && (
        <div className="row add-action">
          <input aria-label="Action" placeholder="New action" value={title} onChange={(e) => setTitle(e.target.value)} />
          <select aria-label="Action owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">Owner…</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <DayInput label="Action due date" text={due} onText={setDue} check={tried} />
          <button disabled={!title.trim()} onClick={add}>
            + Add action
          </button>
        </div>
      )}
    </>
  );
}
