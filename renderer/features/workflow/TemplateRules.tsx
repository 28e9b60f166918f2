import { ESC_LEVELS, type TemplateGate, type TemplateTrigger } from '../../../preload/contract';
import { freeKey, issuesFor, keyOf, topIssues } from './template-draft';
import { Problems, type PartProps } from './TemplateParts';

/** What a template adds to each gate, its escalation triggers and its reporting fields. */

const MEASURE_DATES = [
  ['due_date', 'Due date of the measure'],
  ['start_date', 'Start date of the measure'],
] as const;

const toggle = (list: string[], k: string) => (list.includes(k) ? list.filter((x) => x !== k) : [...list, k]);

export function GatesEditor({ draft, set, issues, roles, levels }: PartProps & { levels: { level: number; name: string }[] }) {
  const gateOf = (level: number): TemplateGate => draft.gates.find((g) => g.level === level) ?? { level, fields: [], checklist: [], approvers: [], evidence: '' };
  const put = (level: number, patch: Partial<TemplateGate>) => {
    const next = { ...gateOf(level), ...patch };
    const rest = draft.gates.filter((g) => g.level !== level);
    const empty = !next.fields.length && !next.checklist.length && !next.approvers.length && !next.evidence;
    set({ ...draft, gates: (empty ? rest : [...rest, next]).sort((a, b) => a.level - b.level) });
  };
  return (
    <fieldset className="tpl-part">
      <legend>Per gate: extra entry criteria, approvers and evidence</legend>
      {levels.map(({ level, name }) => {
        const g = gateOf(level);
        const problems = issuesFor(issues, 'gates', level, draft.gates.indexOf(g));
        const count = g.fields.length + g.checklist.length + g.approvers.length + (g.evidence ? 1 : 0);
        return (
          <details key={level} className={problems.length ? 'tpl-gate invalid' : 'tpl-gate'} open={problems.length > 0 || undefined} data-testid={`tpl-gate-${level}`}>
            <summary>
              DI{level} {name} <span className="muted">{count ? `· ${count} requirement${count === 1 ? '' : 's'}` : '· nothing extra'}</span>
            </summary>
            <div className="tpl-gate-body">
              <div>
                <strong className="small">Fields filled</strong>
                {draft.fields.map((f) => (
                  <label key={f.key} className="inline">
                    <input type="checkbox" aria-label={`DI${level} needs field ${f.label || f.key}`} checked={g.fields.includes(f.key)} onChange={() => put(level, { fields: toggle(g.fields, f.key) })} />
                    {f.label || f.key}
                  </label>
                ))}
                {g.fields.filter((k) => !draft.fields.some((f) => f.key === k)).map((k) => (
                  <label key={k} className="inline">
                    <input type="checkbox" aria-label={`DI${level} needs field ${k}`} checked onChange={() => put(level, { fields: toggle(g.fields, k) })} />
                    {k} (not a field)
                  </label>
                ))}
              </div>
              <div>
                <strong className="small">Steps ticked</strong>
                {draft.checklist.map((c) => (
                  <label key={c.key} className="inline">
                    <input type="checkbox" aria-label={`DI${level} needs step ${c.label || c.key}`} checked={g.checklist.includes(c.key)} onChange={() => put(level, { checklist: toggle(g.checklist, c.key) })} />
                    {c.label || c.key}
                  </label>
                ))}
              </div>
              <div>
                <strong className="small">Extra approvers</strong>
                {roles.map((r) => (
                  <label key={r.key} className="inline">
                    <input type="checkbox" aria-label={`DI${level} approver ${r.label}`} checked={g.approvers.includes(r.key)} onChange={() => put(level, { approvers: toggle(g.approvers, r.key) })} />
                    {r.label}
                  </label>
                ))}
              </div>
              <label>
                Evidence the gate needs
                <input aria-label={`DI${level} evidence`} value={g.evidence} placeholder="e.g. Signed go/no-go minutes" onChange={(e) => put(level, { evidence: e.target.value })} />
              </label>
            </div>
            <Problems list={problems} />
          </details>
        );
      })}
    </fieldset>
  );
}

type Kind = 'value' | 'step' | 'blank';
const kindOf = (t: TemplateTrigger): Kind => (t.unticked !== undefined ? 'step' : t.blank !== undefined ? 'blank' : 'value');

function Choice(props: { label: string; value: string; options: { key: string; label: string }[]; onChange: (v: string) => void; invalid: boolean }) {
  const known = props.options.some((o) => o.key === props.value);
  return (
    <label>
      {props.label.replace(/^Trigger \d+ /, '')}
      <select aria-label={props.label} aria-invalid={props.invalid} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">— choose —</option>
        {!known && props.value && <option value={props.value}>{props.value} (unknown)</option>}
        {props.options.map((o) => (
          <option key={o.key} value={o.key}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

export function TriggersEditor({ draft, set, issues }: PartProps) {
  const put = (i: number, t: TemplateTrigger) => set({ ...draft, triggers: draft.triggers.map((x, j) => (j === i ? t : x)) });
  const add = () => set({ ...draft, triggers: [...draft.triggers, { key: freeKey('trigger', draft.triggers.map((t) => t.key)), name: '', level: 'program', field: '', equals: '', updates: 1 }] });
  const fields = draft.fields.map((f) => ({ key: f.key, label: f.label || f.key }));
  const dates = [...draft.fields.filter((f) => f.type === 'date').map((f) => ({ key: f.key, label: f.label || f.key })), ...MEASURE_DATES.map(([key, label]) => ({ key, label }))];
  const reshape = (t: TemplateTrigger, kind: Kind): TemplateTrigger => {
    const base = { key: t.key, name: t.name, level: t.level };
    if (kind === 'value') return { ...base, field: '', equals: '', updates: 1 };
    return { ...base, ...(kind === 'step' ? { unticked: '' } : { blank: '' }), date: '', daysBefore: 5 };
  };
  return (
    <fieldset className="tpl-part">
      <legend>Escalation triggers</legend>
      <p className="muted small">A field value held for N updates (SLA risk High for 2 updates), or a step or field still open N days before a date.</p>
      {draft.triggers.map((t, i) => {
        const problems = issuesFor(issues, 'triggers', t.key, i);
        const kind = kindOf(t);
        const bad = problems.length > 0;
        const n = `Trigger ${i + 1}`;
        return (
          <div key={i} className={bad ? 'tpl-row invalid' : 'tpl-row'} data-testid={`tpl-trigger-${i}`}>
            <label className="wide">
              Name
              <input
                aria-label={`${n} name`}
                aria-invalid={bad}
                value={t.name}
                onChange={(e) => put(i, { ...t, name: e.target.value, ...(/^trigger(_\d+)?$/.test(t.key) || t.key === keyOf(t.name) ? { key: keyOf(e.target.value) || t.key } : {}) })}
              />
            </label>
            <label>
              Raised to
              <select aria-label={`${n} level`} value={t.level} onChange={(e) => put(i, { ...t, level: e.target.value as TemplateTrigger['level'] })}>
                {ESC_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </select>
            </label>
            <label>
              When
              <select aria-label={`${n} kind`} value={kind} onChange={(e) => put(i, reshape(t, e.target.value as Kind))}>
                <option value="value">a field holds a value</option>
                <option value="step">a step is not ticked before a date</option>
                <option value="blank">a field is empty before a date</option>
              </select>
            </label>
            {kind === 'value' ? (
              <>
                <Choice label={`${n} field`} value={t.field ?? ''} options={fields} invalid={bad} onChange={(v) => put(i, { ...t, field: v })} />
                <label>
                  equals
                  <input aria-label={`${n} value`} value={t.equals ?? ''} onChange={(e) => put(i, { ...t, equals: e.target.value })} />
                </label>
                <label>
                  for updates
                  <input aria-label={`${n} updates`} type="number" min={1} max={100} value={t.updates ?? 1} onChange={(e) => put(i, { ...t, updates: Math.max(1, Math.round(Number(e.target.value) || 1)) })} />
                </label>
              </>
            ) : (
              <>
                {kind === 'step' ? (
                  <Choice label={`${n} step`} value={t.unticked ?? ''} options={draft.checklist.map((c) => ({ key: c.key, label: c.label || c.key }))} invalid={bad} onChange={(v) => put(i, { ...t, unticked: v })} />
                ) : (
                  <Choice label={`${n} field`} value={t.blank ?? ''} options={fields} invalid={bad} onChange={(v) => put(i, { ...t, blank: v })} />
                )}
                <label>
                  days before
                  <input aria-label={`${n} days before`} type="number" min={-365} max={365} value={t.daysBefore ?? 0} onChange={(e) => put(i, { ...t, daysBefore: Math.round(Number(e.target.value) || 0) })} />
                </label>
                <Choice label={`${n} date`} value={t.date ?? ''} options={dates} invalid={bad} onChange={(v) => put(i, { ...t, date: v })} />
              </>
            )}
            <button aria-label={`Remove trigger ${t.name || i + 1}`} onClick={() => set({ ...draft, triggers: draft.triggers.filter((_, j) => j !== i) })}>
              Remove
            </button>
            <Problems list={problems} />
          </div>
        );
      })}
      <button onClick={add}>+ Trigger</button>
    </fieldset>
  );
}

export function ReportingEditor({ draft, set, issues }: PartProps) {
  return (
    <fieldset className="tpl-part">
      <legend>Reporting fields</legend>
      <p className="muted small">What the template feeds into the pack's workflow lines and the KPI roll-ups.</p>
      {draft.fields.map((f) => (
        <label key={f.key} className="inline">
          <input type="checkbox" aria-label={`Report ${f.label || f.key}`} checked={draft.reporting.includes(f.key)} onChange={() => set({ ...draft, reporting: toggle(draft.reporting, f.key) })} />
          {f.label || f.key}
        </label>
      ))}
      {draft.fields.length === 0 && <span className="muted small">Add template fields to report them.</span>}
      <Problems list={topIssues(issues, 'reporting')} />
    </fieldset>
  );
}
