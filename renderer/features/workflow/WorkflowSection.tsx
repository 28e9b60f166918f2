import { useCallback, useEffect, useState } from 'react';
import type { MeasureWorkflow, Template, TemplateField, WorkflowCheck } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';
import { useWorkspaceTick } from '../detail/useWorkspaceTick';
import { localDay, readDay, showDay } from '../../app/dates';
import { dateHint } from '../../../preload/contract';
import { userLocale } from '../../app/locale';
import { WORKFLOW_TABLES } from './tables';
import './workflow.css';

/**
 * The measure's workflow in the detail panel: its template (or none), the template's own
 * fields and its checklist, ticked with evidence by the role each step names.
 */
export function WorkflowSection({ measureId }: { measureId: string }) {
  const api = useApp((s) => s.api);
  const actorId = useApp((s) => s.workspace?.actorId);
  const openGate = useApp((s) => s.openGate);
  const tick = useWorkspaceTick(WORKFLOW_TABLES);
  const [wf, setWf] = useState<MeasureWorkflow | null>(null);
  const [templates, setTemplates] = useState<Template[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    let live = true;
    void api.call('templates:measure', { measureId }).then((w) => live && setWf(w), () => live && setWf(null));
    void api.call('templates:list', {}).then((l) => live && setTemplates(l));
    return () => {
      live = false;
    };
  }, [api, measureId, tick, actorId]);
  const run = useCallback(
    async (f: () => Promise<MeasureWorkflow>): Promise<boolean> => {
      try {
        setWf(await f());
        setError('');
        return true;
      } catch (e) {
        setError(e instanceof ApiCallError ? e.message : String(e));
        return false;
      }
    },
    [],
  );
  if (!wf) return <div className="muted">Loading…</div>;
  return (
    <div className="workflow" data-testid="workflow-section">
      <label className="row">
        Template
        <select
          aria-label="Workflow template"
          value={wf.template?.key ?? ''}
          onChange={(e) => void run(() => api.call('templates:assign', { measureId, templateKey: e.target.value || null }))}
        >
          <option value="">None (plain measure)</option>
          {templates.map((t) => (
            <option key={t.key} value={t.key}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {wf.template && (
        <>
          {wf.template.description && <p className="muted">{wf.template.description}</p>}
          <button onClick={() => openGate(measureId)}>Open gate panel</button>
          {wf.firing.length > 0 && (
            <ul className="workflow-firing" aria-label="Escalation triggers holding">
              {wf.firing.map((f) => (
                <li key={f.key} className={`esc-${f.level}`}>
                  ⚠ {f.name}: {f.reason}
                </li>
              ))}
            </ul>
          )}
          <div className="workflow-fields" aria-label="Template fields">
            {wf.fields.map((f) => (
              <TemplateFieldInput key={f.key} field={f} value={f.value} onRefuse={(why) => setError(`${f.label}: ${why}`)} onSave={(v) => run(() => api.call('templates:setField', { measureId, key: f.key, value: v, locale: userLocale() }))} />
            ))}
          </div>
          <h4>Checklist</h4>
          <ul className="workflow-checklist" aria-label="Checklist">
            {wf.checklist.map((c) => (
              <CheckItem key={c.key} item={c} onTick={(done, note) => run(() => api.call('templates:tick', { measureId, item: c.key, done, ...(note ? { evidence: { kind: 'note' as const, note } } : {}) }))} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** One template field; saves on blur or Enter; a refused value stays typed, with the reason beside it. */
function TemplateFieldInput(props: { field: TemplateField; value: string; onSave: (v: string) => Promise<boolean>; onRefuse: (why: string) => void }) {
  const { field } = props;
  // A date field shows and reads the day like every date (the user's locale, the one parser).
  const isDate = field.type === 'date';
  const shown = isDate ? showDay(props.value, '') : props.value;
  const [v, setV] = useState(shown);
  const [bad, setBad] = useState(false);
  useEffect(() => setV(shown), [shown]);
  const commit = async (text: string) => {
    if (text === shown) return;
    let value = text;
    if (isDate) {
      const day = readDay(text);
      if (!day.ok) {
        setBad(true);
        return props.onRefuse(day.message);
      }
      value = day.value ?? '';
    }
    setBad(!(await props.onSave(value)));
  };
  return (
    <label>
      {field.label}
      {field.type === 'choice' ? (
        <select aria-label={field.label} value={v} onChange={(e) => (setV(e.target.value), void commit(e.target.value))}>
          <option value="">—</option>
          {field.choices.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      ) : (
        <input
          aria-label={field.label}
          aria-invalid={bad || undefined}
          className={bad ? 'input-error' : undefined}
          placeholder={isDate ? dateHint(userLocale()).replace(/^use /, '') : undefined}
          value={v}
          onChange={(e) => setV(e.target.value)}
          onBlur={() => void commit(v)}
          onKeyDown={(e) => e.key === 'Enter' && void commit(v)}
        />
      )}
    </label>
  );
}

function CheckItem(props: { item: WorkflowCheck; onTick: (done: boolean, note: string) => Promise<boolean> }) {
  const c = props.item;
  const [note, setNote] = useState('');
  return (
    <li className={c.done ? 'done' : 'open'} data-testid={`check-${c.key}`}>
      <span className="mark" aria-label={c.done ? 'done' : 'open'}>
        {c.done ? '✓' : '○'}
      </span>
      <span className="check-label">
        {c.label}
        <span className="muted">
          {' '}
          · {c.roleLabel}
          {c.evidence ? ' · evidence needed' : ''}
        </span>
        {c.done && (
          <span className="muted check-by">
            {' '}
            — ticked by {c.by} on {showDay(localDay(c.at))}
            {c.proof ? `: ${c.proof.kind === 'note' ? c.proof.note : c.proof.kind === 'link' ? c.proof.url : c.proof.name}` : ''}
          </span>
        )}
      </span>
      {!c.done && c.evidence && c.canTick && <input aria-label={`Evidence for ${c.label}`} placeholder="Evidence note…" value={note} onChange={(e) => setNote(e.target.value)} />}
      <button disabled={!c.canTick} title={c.whyNot} onClick={() => void props.onTick(!c.done, note.trim()).then((ok) => ok && setNote(''))}>
        {c.done ? 'Untick' : 'Tick'}
      </button>
    </li>
  );
}
