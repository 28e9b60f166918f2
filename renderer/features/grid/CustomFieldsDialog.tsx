import { useState } from 'react';
import { CUSTOM_FIELD_TYPES, CUSTOM_FIELD_TYPE_LABELS, DI_NAMES, type CustomField, type CustomFieldType } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';
import { Modal } from '../../components/Modal';

/** One defined field, edited in place: its name, its choices and from which level it is required (its type stays). */
function FieldRow(props: { field: CustomField; onError: (m: string) => void; onDelete: () => void }) {
  const api = useApp((s) => s.api);
  const f = props.field;
  const [label, setLabel] = useState(f.label);
  const [choices, setChoices] = useState(f.choices.join(', '));
  const save = async (patch: { label?: string; choices?: string[]; requiredFromDi?: number | null }) => {
    try {
      await api.call('customFields:update', { id: f.id, ...patch });
      props.onError('');
    } catch (e) {
      props.onError(e instanceof ApiCallError ? e.message : String(e));
      setLabel(f.label);
      setChoices(f.choices.join(', '));
    }
  };
  const hasChoices = f.type === 'choice' || f.type === 'multi';
  return (
    <tr>
      <td>
        <input aria-label={`Name of field ${f.label}`} value={label} onChange={(e) => setLabel(e.target.value)} onBlur={() => label.trim() && label.trim() !== f.label && void save({ label: label.trim() })} />
      </td>
      <td>{CUSTOM_FIELD_TYPE_LABELS[f.type]}</td>
      <td>
        {hasChoices ? (
          <input
            aria-label={`Choices of field ${f.label}`}
            value={choices}
            onChange={(e) => setChoices(e.target.value)}
            onBlur={() => {
              const next = choices.split(',').map((c) => c.trim()).filter(Boolean);
              if (next.join('\n') !== f.choices.join('\n')) void save({ choices: next });
            }}
          />
        ) : (
          '—'
        )}
      </td>
      <td>
        <select aria-label={`${f.label} required from`} value={f.requiredFromDi === null ? '' : String(f.requiredFromDi)} onChange={(e) => void save({ requiredFromDi: e.target.value === '' ? null : Number(e.target.value) })}>
          <option value="">never</option>
          {DI_NAMES.map((n, i) => (
            <option key={i} value={String(i)}>
              DI{i} {n}
            </option>
          ))}
        </select>
      </td>
      <td>
        <button aria-label={`Delete field ${f.label}`} onClick={props.onDelete}>
          Delete
        </button>
      </td>
    </tr>
  );
}

/** Defines the workspace's own measure fields, no code: they become grid columns and detail panel fields. */
export function CustomFieldsDialog(props: { onClose: () => void }) {
  const api = useApp((s) => s.api);
  const fields = useApp((s) => s.customFields);
  const notify = useApp((s) => s.notify);
  const [label, setLabel] = useState('');
  const [type, setType] = useState<CustomFieldType>('text');
  const [choices, setChoices] = useState('');
  const [required, setRequired] = useState('');
  const [error, setError] = useState('');
  const needsChoices = type === 'choice' || type === 'multi';
  const add = async () => {
    try {
      const f = await api.call('customFields:create', {
        label,
        type,
        choices: needsChoices ? choices.split(',').map((c) => c.trim()).filter(Boolean) : undefined,
        requiredFromDi: required === '' ? null : Number(required),
      });
      notify('info', `Added field "${f.label}": it is now a column of the grid`);
      setLabel('');
      setChoices('');
      setError('');
    } catch (e) {
      setError(e instanceof ApiCallError ? e.message : String(e));
    }
  };
  const remove = async (id: string, name: string) => {
    await api.call('customFields:delete', { id });
    notify('info', `Deleted field "${name}" (Ctrl+Z brings it back)`);
  };
  return (
    <Modal title="Custom fields" onClose={props.onClose} testId="custom-fields" actions={<button onClick={props.onClose}>Close</button>}>
      {fields.length > 0 ? (
        <table className="table compact">
          <thead>
            <tr>
              <th>Label</th>
              <th>Type</th>
              <th>Choices</th>
              <th>Required from</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <FieldRow key={f.id} field={f} onError={setError} onDelete={() => void remove(f.id, f.label)} />
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No custom fields yet.</p>
      )}
      <fieldset>
        <legend>New field</legend>
        <label>
          Label
          <input value={label} onChange={(e) => setLabel(e.target.value)} />
        </label>
        <label>
          Type
          <select value={type} onChange={(e) => setType(e.target.value as CustomFieldType)}>
            {CUSTOM_FIELD_TYPES.map((t) => (
              <option key={t} value={t}>
                {CUSTOM_FIELD_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </label>
        {needsChoices && (
          <label>
            Choices (comma separated)
            <input value={choices} onChange={(e) => setChoices(e.target.value)} />
          </label>
        )}
        <label>
          Required from DI level
          <select value={required} onChange={(e) => setRequired(e.target.value)}>
            <option value="">never</option>
            {DI_NAMES.map((n, i) => (
              <option key={i} value={String(i)}>
                DI{i} {n}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p className="error-text" role="alert">
            {error}
          </p>
        )}
        <button className="primary" disabled={!label.trim()} onClick={() => void add()}>
          Add field
        </button>
      </fieldset>
    </Modal>
  );
}
