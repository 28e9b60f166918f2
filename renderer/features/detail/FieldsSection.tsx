import { useEffect, useState } from 'react';
import type { CustomField, Measure, MeasurePatch } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { StatusField } from '../status/StatusField';

type Kind = 'text' | 'long' | 'person' | 'rag' | 'date';
const FIELDS: [keyof MeasurePatch, string, Kind][] = [
  ['title', 'Title', 'text'],
  ['owner', 'Owner', 'person'],
  ['sponsor', 'Sponsor', 'person'],
  ['controller', 'Controller', 'person'],
  ['businessUnit', 'Business unit', 'text'],
  ['function', 'Function', 'text'],
  ['legalEntity', 'Legal entity', 'text'],
  ['startDate', 'Start date', 'date'],
  ['dueDate', 'Due date', 'date'],
  ['implementationStatus', 'Implementation status', 'rag'],
  ['potentialStatus', 'Potential status', 'rag'],
  ['description', 'Description', 'long'],
  ['closureCriteria', 'Closure criteria', 'long'],
];

/** A field that saves when it loses focus (or on Enter for one line); each save is one undo step. */
function Field(props: { label: string; value: string; kind: Kind; options?: string[]; error?: string; onSave: (v: string) => void }) {
  const [v, setV] = useState(props.value);
  useEffect(() => setV(props.value), [props.value]);
  const commit = () => {
    if (v !== props.value) props.onSave(v);
  };
  const listId = props.options ? `opts-${props.label.replace(/\W/g, '')}` : undefined;
  return (
    <label className={props.kind === 'long' ? 'wide' : undefined}>
      {props.label}
      {props.kind === 'long' ? (
        <textarea rows={4} value={v} onChange={(e) => setV(e.target.value)} onBlur={commit} />
      ) : (
        <input
          value={v}
          list={listId}
          type={props.kind === 'date' ? 'date' : 'text'}
          className={props.error ? 'input-error' : undefined}
          onChange={(e) => setV(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
        />
      )}
      {listId && (
        <datalist id={listId}>
          {props.options!.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      )}
      {props.error && <small className="error-text">{props.error}</small>}
    </label>
  );
}

function customOptions(f: CustomField, people: string[]): string[] | undefined {
  if (f.type === 'person') return people;
  if (f.type === 'checkbox') return ['yes', 'no'];
  return f.choices.length ? f.choices : undefined;
}

const customText = (f: CustomField, m: Measure) => {
  const v = m.custom?.[f.key];
  if (v === undefined || v === null) return '';
  return f.type === 'money' && typeof v === 'number' ? (v / 100).toFixed(2) : String(v);
};

export function FieldsSection({ measureId }: { measureId: string }) {
  const m = useApp((s) => s.measures.find((x) => x.id === measureId));
  const people = useApp((s) => s.people);
  const customFields = useApp((s) => s.customFields);
  const cellErrors = useApp((s) => s.cellErrors);
  const updateMeasure = useApp((s) => s.updateMeasure);
  const updateCustom = useApp((s) => s.updateCustom);
  if (!m) return null;
  const names = people.map((p) => p.name);
  return (
    <div className="detail-fields">
      {FIELDS.map(([key, label, kind]) =>
        // A status is set by hand only through the status dialog (with its reason), as in the grid.
        kind === 'rag' ? (
          <StatusField key={key} m={m} kind={key === 'implementationStatus' ? 'implementation' : 'potential'} />
        ) : (
          <Field
            key={key}
            label={label}
            kind={kind}
            value={String(m[key as keyof Measure] ?? '')}
            options={kind === 'person' ? names : undefined}
            error={cellErrors[`${m.id}:${key}`]}
            onSave={(v) => void updateMeasure(m.id, { [key]: v })}
          />
        ),
      )}
      {customFields.map((f) => (
        <Field
          key={f.id}
          label={f.label}
          kind={f.type === 'date' ? 'date' : 'text'}
          value={customText(f, m)}
          options={customOptions(f, names)}
          error={cellErrors[`${m.id}:custom.${f.key}`]}
          onSave={(v) => void updateCustom(m.id, f.key, v)}
        />
      ))}
    </div>
  );
}
