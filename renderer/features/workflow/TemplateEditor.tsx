import { useState } from 'react';
import type { Template, TemplateInput, TemplateTrigger } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';
import { emptyDraft, keyOf, topIssues, type Draft, type Issues } from './template-draft';
import { ChecklistEditor, FieldsEditor, Problems } from './TemplateParts';
import { GatesEditor, ReportingEditor, TriggersEditor } from './TemplateRules';

/** Only what the user filled in: empty optional parts are left out, so a refusal names what is missing, not a shape. */
function cleaned(d: Draft): TemplateInput {
  const opt = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined)) as T;
  return {
    key: d.key,
    name: d.name,
    ownerRole: d.ownerRole,
    description: d.description,
    gates: d.gates,
    reporting: d.reporting,
    fields: d.fields.map((f) => ({ key: f.key, label: f.label, type: f.type, choices: f.type === 'choice' ? f.choices.map((c) => c.trim()).filter(Boolean) : [] })),
    checklist: d.checklist.map(({ decision, ...c }) => ({ ...c, ...(decision ? { decision } : {}) })),
    triggers: d.triggers.map((t) => {
      const kept = opt<TemplateTrigger>(t);
      // The trigger's kind is what the user chose, even while its field is not chosen yet.
      if (t.unticked !== undefined) kept.unticked ??= '';
      if (t.blank !== undefined) kept.blank ??= '';
      return kept;
    }),
  };
}

/**
 * One template, edited as a draft: nothing is written until Save, and a refusal shows beside
 * the part it is about while everything typed stays.
 */
export function TemplateEditor(props: {
  initial: Template | null;
  roles: { key: string; label: string }[];
  /** The decision types of the rights matrix: a step may name one, whose deciders and approvers may tick it too. */
  decisionTypes?: { key: string; label: string }[];
  levels: { level: number; name: string }[];
  onSaved: (t: Template) => void;
  onRemove: (t: Template) => void;
  onCancel: () => void;
}) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const saved = props.initial;
  const [draft, setDraft] = useState<Draft>(() => (saved ? structuredClone(saved) : emptyDraft()));
  const [issues, setIssues] = useState<Issues>([]);
  const [error, setError] = useState('');
  const [keyTouched, setKeyTouched] = useState(false);
  const savedKeys = { fields: saved?.fields.map((f) => f.key) ?? [], checklist: saved?.checklist.map((c) => c.key) ?? [] };
  const parts = { draft, set: setDraft, issues, roles: props.roles, decisionTypes: props.decisionTypes ?? [], saved: savedKeys };
  const save = async () => {
    try {
      const t = await api.call('templates:save', { template: cleaned(draft) });
      setIssues([]);
      setError('');
      notify('info', `Template "${t.name}" saved`);
      props.onSaved(t);
    } catch (e) {
      const err = e instanceof ApiCallError ? e : null;
      setIssues(err?.body.issues ?? []);
      setError(err ? err.message : String(e));
    }
  };
  const ownerRoles = props.roles.filter((r) => !['owner', 'sponsor', 'controller'].includes(r.key));
  const nameIssues = topIssues(issues, 'name');
  const keyIssues = topIssues(issues, 'key');
  const ownerIssues = topIssues(issues, 'ownerRole');
  return (
    <section className="tpl-editor" aria-label={saved ? `Template ${saved.name}` : 'New template'}>
      <div className="tpl-head">
        <h3>{saved ? saved.name : 'New template'}</h3>
        {saved && <span className="muted">{saved.usedBy ? `${saved.usedBy} measure${saved.usedBy === 1 ? '' : 's'} use it` : 'no measure uses it yet'}</span>}
        <span style={{ flex: 1 }} />
        <button onClick={props.onCancel}>{saved ? 'Discard changes' : 'Cancel'}</button>
        {saved && (
          <button className="danger" onClick={() => props.onRemove(saved)}>
            Remove template…
          </button>
        )}
        <button className="primary" onClick={() => void save()}>
          Save template
        </button>
      </div>
      {error && (
        <p className="error-text" role="alert" data-testid="tpl-error">
          {error}
        </p>
      )}
      <fieldset className="tpl-part tpl-basics">
        <legend>Template</legend>
        <label>
          Name
          <input
            aria-label="Template name"
            aria-invalid={nameIssues.length > 0}
            value={draft.name}
            onChange={(e) => setDraft({ ...draft, name: e.target.value, ...(!saved && !keyTouched ? { key: keyOf(e.target.value) } : {}) })}
          />
          <Problems list={nameIssues} />
        </label>
        <label>
          Key
          <input
            aria-label="Template key"
            aria-invalid={keyIssues.length > 0}
            readOnly={!!saved}
            title={saved ? 'Measures refer to the template by its key; it stays' : 'Lower-case letters, digits and _'}
            value={draft.key}
            onChange={(e) => (setKeyTouched(true), setDraft({ ...draft, key: e.target.value }))}
          />
          <Problems list={keyIssues} />
        </label>
        <label>
          Owner role
          <select aria-label="Owner role" aria-invalid={ownerIssues.length > 0} value={draft.ownerRole} onChange={(e) => setDraft({ ...draft, ownerRole: e.target.value })}>
            <option value="">— none —</option>
            {draft.ownerRole && !ownerRoles.some((r) => r.key === draft.ownerRole) && <option value={draft.ownerRole}>{draft.ownerRole} (not a role here)</option>}
            {ownerRoles.map((r) => (
              <option key={r.key} value={r.key}>
                {r.label}
              </option>
            ))}
          </select>
          <Problems list={ownerIssues} />
        </label>
        <label className="wide">
          Description
          <textarea aria-label="Template description" rows={2} value={draft.description} onChange={(e) => setDraft({ ...draft, description: e.target.value })} />
        </label>
      </fieldset>
      <FieldsEditor {...parts} />
      <ChecklistEditor {...parts} />
      <GatesEditor {...parts} levels={props.levels} />
      <TriggersEditor {...parts} />
      <ReportingEditor {...parts} />
    </section>
  );
}
