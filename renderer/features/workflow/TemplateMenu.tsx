import { useEffect, useRef, useState } from 'react';
import type { Template } from '../../../preload/contract';
import { ApiCallError } from '../../app/api';
import { useApp } from '../../app/context';

/** "▾" beside "+ Add measure": a new measure of a workflow template, in the selected package. */
export function TemplateMenu({ nodeId }: { nodeId: string | null }) {
  const api = useApp((s) => s.api);
  const notify = useApp((s) => s.notify);
  const openDetail = useApp((s) => s.openDetail);
  const [open, setOpen] = useState(false);
  const [templates, setTemplates] = useState<Template[]>([]);
  const ref = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  // Set by Esc: once the menu is gone, the focus is on its button even if a redraw took it away.
  const refocus = useRef(false);
  useEffect(() => {
    if (open || !refocus.current) return;
    refocus.current = false;
    if (!ref.current?.contains(document.activeElement)) buttonRef.current?.focus();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    void api.call('templates:list', {}).then(setTemplates);
    const close = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [api, open]);
  // Like every menu: the first item takes the focus once the templates are there, so arrows and Esc work at once.
  useEffect(() => {
    if (open && !ref.current?.querySelector('ul')?.contains(document.activeElement)) ref.current?.querySelector<HTMLElement>('[role=menuitem]')?.focus();
  }, [open, templates]);
  const create = async (t: Template) => {
    setOpen(false);
    try {
      const m = await api.call('templates:createMeasure', { nodeId: nodeId!, templateKey: t.key });
      notify('info', `${m.code} added from the template ${t.name}`);
      openDetail(m.id);
    } catch (e) {
      notify('error', e instanceof ApiCallError ? e.message : String(e));
    }
  };
  return (
    <div
      className="template-menu"
      ref={ref}
      onKeyDown={(e) => {
        if (!open) return;
        if (e.key === 'Escape') {
          // Esc closes the menu and gives the focus back to its button (never a trap).
          e.stopPropagation();
          refocus.current = true;
          setOpen(false);
          buttonRef.current?.focus();
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? [])];
          const at = items.indexOf(document.activeElement as HTMLElement);
          items[(at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
          e.preventDefault();
        }
      }}
    >
      <button
        ref={buttonRef}
        className="primary"
        aria-label="Add a measure from a template"
        aria-haspopup="menu"
        aria-expanded={open}
        disabled={!nodeId}
        title={nodeId ? 'Add a measure of a workflow template' : 'Select a measure package in the hierarchy to add a measure'}
        onClick={() => setOpen(!open)}
      >
        ▾
      </button>
      {open && (
        <ul role="menu" aria-label="Templates" className="template-menu-list">
          {templates.map((t) => (
            <li key={t.key} role="none">
              <button role="menuitem" onClick={() => void create(t)}>
                {t.name}
                <span className="muted"> · {t.checklist.length} steps</span>
              </button>
            </li>
          ))}
          {templates.length === 0 && <li className="muted">No templates in this workspace.</li>}
        </ul>
      )}
    </div>
  );
}
