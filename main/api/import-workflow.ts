import type { Database } from '../../db/connection.js';
import { listTemplates, templateLinks, templateValues } from '../../db/repositories/templates.js';
import type { Template, TemplateColumn } from '../../preload/contract.js';
import { parseDay, parseNumber } from '../../preload/contract/parse.js';
import { fieldValue } from '../domain/templates.js';
import { templateColumnsOf } from './template-grid.js';

/*
 * The workflow columns of an import: a row's Template cell names the template a measure
 * has (given one, changed, or made plain, as in the detail panel), and each template
 * field column is read like the grid's cell of that field — dates and numbers by the one
 * parser in the user's locale, then the template's own rule (choices, lengths) — and only
 * on measures whose template has the field.
 */

/** A template as an import names it; `ownerRole` owns the measures created from it. */
export type TemplateRef = { id: string; key: string; name: string; ownerRole: string } | null;

export interface WorkflowReader {
  /** The template field columns a file may have (the grid's workflow columns). */
  columns: TemplateColumn[];
  /** The template a Template cell names (by name or key, case ignored; empty: a plain measure), or why it names none. */
  template(text: string): { ref: TemplateRef } | { problem: string };
  /** The measure's template now (null: a plain measure). */
  current(measureId: string): TemplateRef;
  /** The stored value of a template field of a measure ('' when none). */
  stored(measureId: string, key: string): string;
  /**
   * A template field cell read for a measure of `t`: the value to store, why it cannot be
   * stored, or null when there is nothing to do (an empty cell of a field the template lacks).
   */
  field(t: TemplateRef, c: TemplateColumn, text: string, code: string, locale?: string): { value: string } | { problem: string } | null;
  /** A template by id, as a person reads it (the Template column's text). */
  name(id: string | null): string;
}

export function workflowReader(db: Database): WorkflowReader {
  const templates = listTemplates(db);
  const byId = new Map<string, Template>(templates.map((t) => [t.id, t]));
  const byName = new Map<string, Template>();
  for (const t of templates) byName.set(t.key.toLowerCase(), t);
  for (const t of templates) byName.set(t.name.trim().toLowerCase(), t);
  const links = templateLinks(db);
  const values = templateValues(db, null);
  const ref = (t: Template | undefined): TemplateRef => (t ? { id: t.id, key: t.key, name: t.name, ownerRole: t.ownerRole } : null);
  return {
    columns: templateColumnsOf(templates),
    template(text) {
      const v = text.trim();
      if (v === '') return { ref: null };
      const t = byName.get(v.toLowerCase());
      if (t) return { ref: ref(t) };
      return { problem: `Template: there is no template "${v.slice(0, 60)}" in this workspace (${templates.length ? `its templates: ${templates.map((x) => x.name).join(', ')}` : 'it has none'}); empty the cell for a plain measure` };
    },
    current: (measureId) => ref(byId.get(links.get(measureId) ?? '')),
    stored: (measureId, key) => values.get(measureId)?.[key] ?? '',
    field(t, c, text, code, locale) {
      const v = text.trim();
      const f = t ? byId.get(t.id)?.fields.find((x) => x.key === c.key) : undefined;
      if (!f) {
        if (v === '') return null;
        const owners = c.templates.map((x) => x.name).join(', ');
        return { problem: `${c.label}: only measures of ${owners} have this field; ${code} is ${t ? `a measure of ${t.name}` : 'a plain measure'}. Give it the template first (Template column or the detail panel), or empty the cell` };
      }
      if (v === '') return { value: '' };
      let typed = v;
      if (f.type === 'date' || f.type === 'number') {
        const p = f.type === 'date' ? parseDay(v, locale) : parseNumber(v, locale);
        if (!p.ok) return { problem: `${f.label}: ${p.message}` };
        typed = p.value;
      }
      const r = fieldValue(f, typed);
      return 'problem' in r ? { problem: r.problem } : { value: r.value };
    },
    name: (id) => (id ? (byId.get(id)?.name ?? id) : ''),
  };
}
