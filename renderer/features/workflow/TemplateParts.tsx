import { TEMPLATE_FIELD_TYPES, type ChecklistItem, type TemplateField, type TemplateFieldType } from '../../../preload/contract';
import { freeKey, issuesFor, keyOf, type Draft, type Issues } from './template-draft';

/** The parts of a template a consultant edits row by row: its own fields and its checklist. */

export interface PartProps {
  draft: Draft;
  set: (d: Draft) => void;
  issues: Issues;
  roles: { key: string; label: string }[];
  decisionTypes?: { key: string; label: string }[];
  /** Keys the saved template already has: measures hold values and ticks under them, so their key never follows the label. */
  saved: { fields: string[]; checklist: string[] };
}

/** A new row's key follows its label until the user types a key of their own. */
const follows = (key: string, label: string, saved: string[]) => !saved.includes(key) && (label === '' || key === keyOf(label) || /^(field|step)(_\d+)?$/.test(key));

const TYPE_LABELS: Record<TemplateFieldType, string> = { text: 'Text', choice: 'Choice', date: 'Date', number: 'Number' };

export function Problems(props: { list: string[]; id?: string }) {
  if (!props.list.length) return null;
  return (
    <div className="error-text tpl-problem" role="alert" id={props.id}>
      {props.list.map((m, i) => (
        <div key={i}>{m}</div>
      ))}
    </div>
  );
}

export function FieldsEditor({ draft, set, issues, saved }: PartProps) {
  const put = (i: number, f: Partial<TemplateField>) => set({ ...draft, fields: draft.fields.map((x, j) => (j === i ? { ...x, ...f } : x)) });
  const add = () => set({ ...draft, fields: [...draft.fields, { key: freeKey('field', draft.fields.map((f) => f.key)), label: '', type: 'text', choices: [] }] });
  return (
    <fieldset className="tpl-part">
      <legend>Template fields</legend>
      <p className="muted small">Only measures of this template have them: grid columns and detail-panel fields. A key may not be a workspace field's.</p>
      {draft.fields.map((f, i) => {
        const problems = issuesFor(issues, 'fields', f.key, i);
        const pid = `tpl-field-problem-${i}`;
        return (
          <div key={i} className={problems.length ? 'tpl-row invalid' : 'tpl-row'} data-testid={`tpl-field-${i}`}>
            <label>
              Label
              <input
                aria-label={`Field ${i + 1} label`}
                aria-invalid={problems.length > 0}
                aria-describedby={problems.length ? pid : undefined}
                value={f.label}
                onChange={(e) => put(i, { label: e.target.value, ...(follows(f.key, f.label, saved.fields) ? { key: keyOf(e.target.value) || f.key } : {}) })}
              />
            </label>
            <label>
              Key
              <input aria-label={`Field ${i + 1} key`} aria-invalid={problems.length > 0} value={f.key} onChange={(e) => put(i, { key: e.target.value })} />
            </label>
            <label>
              Type
              <select aria-label={`Field ${i + 1} type`} value={f.type} onChange={(e) => put(i, { type: e.target.value as TemplateFieldType })}>
                {TEMPLATE_FIELD_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {TYPE_LABELS[t]}
                  </option>
                ))}
              </select>
            </label>
            {f.type === 'choice' && (
              <label className="wide">
                Choices (comma separated)
                {/* Split without trimming, so what is typed stays as typed; trimmed when saved. */}
                <input aria-label={`Field ${i + 1} choices`} value={f.choices.join(',')} onChange={(e) => put(i, { choices: e.target.value.split(',') })} />
              </label>
            )}
            <button aria-label={`Remove field ${f.label || i + 1}`} onClick={() => set({ ...draft, fields: draft.fields.filter((_, j) => j !== i) })}>
              Remove
            </button>
            <Problems list={problems} id={pid} />
          </div>
        );
      })}
      <button onClick={add}>+ Field</button>
    </fieldset>
  );
}

export function ChecklistEditor({ draft, set, issues, roles, decisionTypes = [], saved }: PartProps) {
  const put = (i: number, c: Partial<ChecklistItem>) => set({ ...draft, checklist: draft.checklist.map((x, j) => (j === i ? { ...x, ...c } : x)) });
  const add = () => set({ ...draft, checklist: [...draft.checklist, { key: freeKey('step', draft.checklist.map((c) => c.key)), label: '', role: '', evidence: false }] });
  return (
    <fieldset className="tpl-part">
      <legend>Checklist</legend>
      <p className="muted small">
        Each step is ticked by someone holding its role (or, for a step that is a decision, whoever the decision rights let decide or approve it); a step that needs evidence is ticked with a file, link
        or note.
      </p>
      {draft.checklist.map((c, i) => {
        const problems = issuesFor(issues, 'checklist', c.key, i);
        const pid = `tpl-step-problem-${i}`;
        const known = roles.some((r) => r.key === c.role);
        return (
          <div key={i} className={problems.length ? 'tpl-row invalid' : 'tpl-row'} data-testid={`tpl-step-${i}`}>
            <label className="wide">
              Step
              <input
                aria-label={`Step ${i + 1}`}
                aria-invalid={problems.length > 0}
                aria-describedby={problems.length ? pid : undefined}
                value={c.label}
                onChange={(e) => put(i, { label: e.target.value, ...(follows(c.key, c.label, saved.checklist) ? { key: keyOf(e.target.value) || c.key } : {}) })}
              />
            </label>
            <label>
              Ticked by
              <select aria-label={`Step ${i + 1} role`} aria-invalid={problems.length > 0} value={c.role} onChange={(e) => put(i, { role: e.target.value })}>
                <option value="">— choose a role —</option>
                {!known && c.role && <option value={c.role}>{c.role} (not a role here)</option>}
                {roles.map((r) => (
                  <option key={r.key} value={r.key}>
                    {r.label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Decision
              <select aria-label={`Step ${i + 1} decision`} value={c.decision ?? ''} onChange={(e) => put(i, { decision: e.target.value || undefined })}>
                <option value="">— not a decision —</option>
                {c.decision && !decisionTypes.some((d) => d.key === c.decision) && <option value={c.decision}>{c.decision} (not a decision type here)</option>}
                {decisionTypes.map((d) => (
                  <option key={d.key} value={d.key}>
                    {d.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              <input type="checkbox" aria-label={`Step ${i + 1} needs evidence`} checked={c.evidence} onChange={(e) => put(i, { evidence: e.target.checked })} />
              Evidence needed
            </label>
            <button aria-label={`Remove step ${c.label || i + 1}`} onClick={() => set({ ...draft, checklist: draft.checklist.filter((_, j) => j !== i) })}>
              Remove
            </button>
            <Problems list={problems} id={pid} />
          </div>
        );
      })}
      <button onClick={add}>+ Step</button>
    </fieldset>
  );
}
