import { useEffect, useState } from 'react';
import { MEASURE_FIELDS, type CustomField, type Measure, type MeasureFieldDef, type MeasureFieldKind, type MeasurePatch } from '../../../preload/contract';
import { useApp } from '../../app/context';
import { DayPicker } from '../../components/DayPicker';
import { typedProblem, typedText } from '../grid/typed-values';
import { StatusField } from '../status/StatusField';

type Kind = 'text' | 'long' | 'person' | 'rag' | 'date' | 'number' | 'money';
const KIND_OF: Record<MeasureFieldKind, Kind> = { line: 'text', long: 'long', person: 'person', date: 'date', status: 'rag' };
/** The registry's fields in its order, long texts last (they take the panel's full width). */
const FIELDS: [keyof MeasurePatch, string, Kind][] = (MEASURE_FIELDS as readonly MeasureFieldDef[])
  .map((f): [keyof MeasurePatch, string, Kind] => [f.key as keyof MeasurePatch, f.label, KIND_OF[f.kind]])
  .sort((a, b) => Number(a[2] === 'long') - Number(b[2] === 'long'));

/** A field that saves when it loses focus (or on Enter for one line); each save is one undo step. */
function Field(props: { label: string; value: string; kind: Kind; options?: string[]; error?: string; onSave: (v: string) => void }) {
  const [v, setV] = useState(props.value);
  // Text the one parser cannot read is refused here, with the reason, and stays for correction.
  const [unreadable, setUnreadable] = useState<string | null>(null);
  useEffect(() => setV(props.value), [props.value]);
  const typed = props.kind === 'date' || props.kind === 'number' || props.kind === 'money';
  const commit = (text = v) => {
    const problem = typed ? typedProblem(props.kind as 'date' | 'number' | 'money', text) : null;
    setUnreadable(problem);
    if (!problem && text !== props.value) props.onSave(text);
  };
  const change = (text: string) => {
    setV(text);
    if (unreadable) setUnreadable(typed ? typedProblem(props.kind as 'date' | 'number' | 'money', text) : null);
  };
  const error = unreadable ?? props.error;
  const listId = props.options ? `opts-${props.label.replace(/\W/g, '')}` : undefined;
  const errorId = `err-${props.label.replace(/\W/g, '')}`;
  return (
    <label className={props.kind === 'long' ? 'wide' : undefined}>
      {props.label}
      {props.kind === 'long' ? (
        <textarea rows={4} value={v} onChange={(e) => setV(e.target.value)} onBlur={() => commit()} />
      ) : (
        <span className="field-input">
          <input
            value={v}
            list={listId}
            className={error ? 'input-error' : undefined}
            // Named by the label alone; the reason is its description.
            aria-label={props.label}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => change(e.target.value)}
            onBlur={() => commit()}
            onKeyDown={(e) => e.key === 'Enter' && commit()}
          />
          {props.kind === 'date' && (
            <DayPicker
              text={v}
              label={`Pick ${props.label}`}
              onPick={(iso) => {
                change(typedText('date', iso));
                commit(typedText('date', iso));
              }}
            />
          )}
        </span>
      )}
      {listId && (
        <datalist id={listId}>
          {props.options!.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
      )}
      {error && (
        <small id={errorId} className="error-text">
          {error}
        </small>
      )}
    </label>
  );
}

function customOptions(f: CustomField, people: string[]): string[] | undefined {
  if (f.type === 'person') return people;
  if (f.type === 'checkbox') return ['yes', 'no'];
  return f.choices.length ? f.choices : undefined;
}

const customKind = (f: CustomField): Kind => (f.type === 'date' || f.type === 'number' || f.type === 'money' ? f.type : 'text');
const customText = (f: CustomField, m: Measure) => typedText(f.type === 'money' || f.type === 'number' || f.type === 'date' ? f.type : 'text', m.custom?.[f.key]);

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
            value={kind === 'date' ? typedText('date', m[key as keyof Measure]) : String(m[key as keyof Measure] ?? '')}
            options={kind === 'person' ? names : undefined}
            error={cellErrors[`${m.id}:${key}`]}
            onSave={(v) => void updateMeasure(m.id, { [key]: v }, 'field')}
          />
        ),
      )}
      {customFields.map((f) => (
        <Field
          key={f.id}
          label={f.label}
          kind={customKind(f)}
          value={customText(f, m)}
          options={customOptions(f, names)}
          error={cellErrors[`${m.id}:custom.${f.key}`]}
          onSave={(v) => void updateCustom(m.id, f.key, v, 'field')}
        />
      ))}
    </div>
  );
}
