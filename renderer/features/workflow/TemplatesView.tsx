import { useEffect, useState } from 'react';
import type { Template } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';
import { ConfirmDialog } from '../../components/Modal';
import { useWorkspaceTick } from '../detail/useWorkspaceTick';
import { TemplateEditor } from './TemplateEditor';
import './templates.css';

/** The template library, edited without code: the list on the left, the chosen template on the right. */
export function TemplatesView() {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const tick = useWorkspaceTick(['templates', 'measure_templates', 'roles', 'gate_levels', 'measures']);
  const workspacePath = useApp((s) => s.workspace?.path);
  const [list, setList] = useState<Template[] | null>(null);
  const [roles, setRoles] = useState<{ key: string; label: string }[]>([]);
  const [levels, setLevels] = useState<{ level: number; name: string }[]>([]);
  const [decisionTypes, setDecisionTypes] = useState<{ key: string; label: string }[]>([]);
  /** The key being edited, '' for a new template, null for none. */
  const [editing, setEditing] = useState<string | null>(null);
  /** Bumped to throw a draft away (Discard changes) or to start from what was saved. */
  const [generation, setGeneration] = useState(0);
  const [removal, setRemoval] = useState<{ t: Template; message: string } | null>(null);
  useEffect(() => {
    let live = true;
    void Promise.all([api.call('templates:list', {}), api.call('rights:matrix', {}), api.call('gates:config', {})]).then(([t, m, g]) => {
      if (!live) return;
      setList(t);
      setRoles(m.roles);
      setDecisionTypes(m.types.map((x) => ({ key: x.key, label: x.label })));
      setLevels(g.levels.map((l) => ({ level: l.level, name: l.name })));
    });
    return () => {
      live = false;
    };
  }, [api, tick, workspacePath]);
  if (!list) return <div className="loading">Loading…</div>;
  const current = editing ? (list.find((t) => t.key === editing) ?? null) : null;
  const remove = async (t: Template, keepMeasures?: boolean) => {
    try {
      const r = await api.call('templates:remove', { key: t.key, ...(keepMeasures ? { keepMeasures } : {}) });
      if (!r.removed) return setRemoval({ t, message: r.message });
      setRemoval(null);
      setEditing(null);
      notify('info', `${r.message} (Ctrl+Z brings it back)`);
    } catch (e) {
      notify('error', e instanceof ApiCallError ? e.message : String(e));
    }
  };
  return (
    <div className="templates-view">
      <nav className="tpl-list" aria-label="Templates">
        <button className="primary" onClick={() => (setEditing(''), setGeneration((n) => n + 1))}>
          + New template
        </button>
        <ul>
          {list.map((t) => (
            <li key={t.key}>
              <button aria-current={editing === t.key || undefined} onClick={() => (setEditing(t.key), setGeneration((n) => n + 1))}>
                <span>{t.name}</span>
                <span className="muted small">
                  {t.checklist.length} step{t.checklist.length === 1 ? '' : 's'} · {t.fields.length} field{t.fields.length === 1 ? '' : 's'}
                  {t.usedBy ? ` · ${t.usedBy} in use` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {editing === null ? (
        <p className="muted tpl-empty">Choose a template to see and change it, or add a new one. A change applies to the measures of the template at once.</p>
      ) : (
        <TemplateEditor
          key={`${editing}:${generation}`}
          initial={current}
          roles={roles}
          decisionTypes={decisionTypes}
          levels={levels}
          onSaved={(t) => {
            // The saved template is in the list before the editor reopens on it (the reload comes later): it opens filled in.
            setList((l) => (l ? (l.some((x) => x.key === t.key) ? l.map((x) => (x.key === t.key ? t : x)) : [...l, t]) : l));
            setEditing(t.key);
          }}
          onRemove={(t) => void remove(t)}
          onCancel={() => (editing === '' ? setEditing(null) : setGeneration((n) => n + 1))}
        />
      )}
      {removal && (
        <ConfirmDialog
          title={`Remove ${removal.t.name}?`}
          message={removal.message}
          confirmLabel="Remove; keep the measures as plain measures"
          onConfirm={() => void remove(removal.t, true)}
          onClose={() => setRemoval(null)}
        />
      )}
    </div>
  );
}
