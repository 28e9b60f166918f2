import { useState } from 'react';
import type { Person } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { ConfirmDialog, Modal } from '../../components/Modal';
import type { PersonDraft } from './slice';
import { RightsMatrix } from '../workflow/RightsMatrix';

const EMPTY: PersonDraft = { name: '', email: '', function: '', roles: [] };

/** The workspace's people and the roles they hold (owner/sponsor/controller pick from them). */
export function PeoplePanel() {
  const people = useApp((s) => s.people);
  const roles = useApp((s) => s.roles);
  const savePerson = useApp((s) => s.savePerson);
  const removePerson = useApp((s) => s.removePerson);
  const [editing, setEditing] = useState<{ id: string | null; draft: PersonDraft } | null>(null);
  const [removing, setRemoving] = useState<Person | null>(null);
  const roleName = (key: string) => roles.find((r) => r.key === key)?.name ?? key;
  const draft = editing?.draft;
  const setDraft = (d: Partial<PersonDraft>) => setEditing((e) => e && { ...e, draft: { ...e.draft, ...d } });

  return (
    <>
    <section className="people" aria-label="People">
      <div className="grid-toolbar">
        <button className="primary" onClick={() => setEditing({ id: null, draft: EMPTY })}>
          + Add person
        </button>
        <span className="muted">{people.length} people</span>
      </div>
      <table className="table">
        <thead>
          <tr>
            <th>Name</th>
            <th>Email</th>
            <th>Function</th>
            <th>Roles</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.id}>
              <td>{p.name}</td>
              <td>{p.email}</td>
              <td>{p.function}</td>
              <td>{p.roles.map(roleName).join(', ')}</td>
              <td className="actions">
                <button onClick={() => setEditing({ id: p.id, draft: { name: p.name, email: p.email, function: p.function, roles: p.roles } })}>Edit</button>
                <button onClick={() => setRemoving(p)}>Remove</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && draft && (
        <Modal
          title={editing.id ? `Edit ${draft.name}` : 'Add person'}
          onClose={() => setEditing(null)}
          actions={
            <>
              <button onClick={() => setEditing(null)}>Cancel</button>
              <button className="primary" disabled={!draft.name.trim()} onClick={() => void savePerson(editing.id, draft).then((ok) => ok && setEditing(null))}>
                Save
              </button>
            </>
          }
        >
          <label>
            Name
            <input value={draft.name} onChange={(e) => setDraft({ name: e.target.value })} />
          </label>
          <label>
            Email
            <input type="email" value={draft.email} onChange={(e) => setDraft({ email: e.target.value })} />
          </label>
          <label>
            Function
            <input value={draft.function} onChange={(e) => setDraft({ function: e.target.value })} />
          </label>
          <fieldset>
            <legend>Roles</legend>
            {roles.map((r) => (
              <label key={r.key} className="check">
                <input
                  type="checkbox"
                  checked={draft.roles.includes(r.key)}
                  onChange={(e) => setDraft({ roles: e.target.checked ? [...draft.roles, r.key] : draft.roles.filter((k) => k !== r.key) })}
                />
                {r.name}
              </label>
            ))}
          </fieldset>
        </Modal>
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          message="They will no longer be offered as owner, sponsor or controller. Ctrl+Z brings them back."
          confirmLabel="Remove"
          onClose={() => setRemoving(null)}
          onConfirm={() => void removePerson(removing.id).then(() => setRemoving(null))}
        />
      )}
    </section>
    <RightsMatrix />
    </>
  );
}
