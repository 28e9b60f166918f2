import { useMemo, useState } from 'react';
import { dateFormat, MEASURE_FIELDS, type CustomField, type MeasureEdit, type MeasureFieldDef } from '../../../preload/contract';
import { userLocale } from '../../app/locale';
import { useApp } from '../../app/context';
import { Modal } from '../../components/Modal';
import { KIND_OF_FIELD } from '../status/manual-text';

interface Target {
  key: string;
  label: string;
  options?: string[];
  custom?: boolean;
}

/** Sets one field to one value on every selected measure: one call, one transaction, one undo step. */
export function BulkEditDialog(props: { ids: string[]; customFields: CustomField[]; onClose: () => void }) {
  const people = useApp((s) => s.people);
  const measures = useApp((s) => s.measures);
  const bulkUpdate = useApp((s) => s.bulkUpdate);
  const notify = useApp((s) => s.notify);
  const openStatusDialog = useApp((s) => s.openStatusDialog);
  const [field, setField] = useState('owner');
  const [value, setValue] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const targets = useMemo<Target[]>(() => {
    const names = people.map((p) => p.name);
    // Dates are read as ISO or in the user's order (the one parser); the label shows both.
    const dates = `(${dateFormat(userLocale()).example} or 2026-12-31)`;
    const fns = [...new Set(measures.map((m) => m.function).filter(Boolean))].sort();
    return [
      // The registry's bulk fields; a status opens the status dialog (its label says so with "…").
      ...(MEASURE_FIELDS as readonly MeasureFieldDef[])
        .filter((f) => f.bulk)
        .map((f): Target => ({
          key: f.key,
          label: f.kind === 'status' ? `${f.label}…` : f.kind === 'date' ? `${f.label} ${dates}` : f.label,
          ...(f.kind === 'person' ? { options: names } : f.key === 'function' ? { options: fns } : {}),
        })),
      ...props.customFields.map((f) => ({
        key: f.key,
        label: f.label,
        custom: true,
        options: f.type === 'person' ? names : f.type === 'checkbox' ? ['yes', 'no'] : f.choices.length ? f.choices : undefined,
      })),
    ];
  }, [people, measures, props.customFields]);
  const t = targets.find((x) => x.key === field) ?? targets[0]!;
  const pick = (key: string) => {
    const kind = KIND_OF_FIELD[key];
    if (!kind) {
      setField(key);
      setProblems([]);
      return;
    }
    // A status is set by hand with its reason: the status dialog takes over, for the same ticked rows (one undo step).
    props.onClose();
    openStatusDialog({ ids: props.ids, kind, chooseKind: true });
  };
  const apply = async () => {
    setBusy(true);
    const edits: MeasureEdit[] = props.ids.map((id) => (t.custom ? { id, custom: { [t.key]: value } } : { id, patch: { [t.key]: value } }));
    const n = props.ids.length;
    const r = await bulkUpdate(edits, `Set ${t.label.replace(/ \(.*\)$/, '')} on ${n} measure${n === 1 ? '' : 's'}`);
    setBusy(false);
    if (r.ok) {
      notify('info', `${r.result.label}: ${r.result.measures} changed — one undo step (Ctrl+Z)`);
      props.onClose();
    } else setProblems(r.issues);
  };
  return (
    <Modal
      title={`Set a field on ${props.ids.length} measure${props.ids.length === 1 ? '' : 's'}`}
      onClose={props.onClose}
      testId="bulk-edit"
      actions={
        <>
          <button onClick={props.onClose}>Cancel</button>
          <button className="primary" disabled={busy} onClick={() => void apply()}>
            Apply to {props.ids.length}
          </button>
        </>
      }
    >
      <label>
        Field
        <select value={field} onChange={(e) => pick(e.target.value)}>
          {targets.map((x) => (
            <option key={x.key} value={x.key}>
              {x.label}
            </option>
          ))}
        </select>
      </label>
      <label>
        New value (empty clears)
        <input list="bulk-options" value={value} onChange={(e) => setValue(e.target.value)} onKeyDown={(e) => e.key === 'Enter' && void apply()} />
        <datalist id="bulk-options">
          {t.options?.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      </label>
      {problems.length > 0 && (
        <div className="problems" role="alert">
          <strong>Nothing was changed:</strong>
          <ul>
            {problems.slice(0, 20).map((p, i) => (
              <li key={i}>{p}</li>
            ))}
            {problems.length > 20 && <li>… and {problems.length - 20} more</li>}
          </ul>
        </div>
      )}
    </Modal>
  );
}
