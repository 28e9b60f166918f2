import type { Database } from '../../db/connection.js';
import { listTemplates, templateLinks, templateValues } from '../../db/repositories/templates.js';
import type { Template, TemplateColumn, TemplateGrid } from '../../preload/contract.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';

/**
 * The measures grid's view of the workflows: a column per template field key (templates sharing
 * a key share the column), and per workflow measure its template and the values of that
 * template's own fields (a value left from a field its template no longer has is not shown).
 */
export function templateGrid(db: Database): TemplateGrid {
  const templates = listTemplates(db);
  const columns = templateColumnsOf(templates);
  const byId = new Map(templates.map((t) => [t.id, t]));
  const values = templateValues(db, null);
  const live = new Set((db.prepare('SELECT id FROM measures WHERE deleted = 0').pluck().all() as string[]));
  const measures: TemplateGrid['measures'] = {};
  for (const [measureId, templateId] of templateLinks(db)) {
    const t = byId.get(templateId);
    if (!t || !live.has(measureId)) continue;
    const own = values.get(measureId) ?? {};
    const kept: Record<string, string> = {};
    for (const f of t.fields) if (own[f.key] !== undefined) kept[f.key] = own[f.key]!;
    measures[measureId] = { template: t.key, name: t.name, values: kept };
  }
  return { columns, measures };
}

/** A column per template field key, in the templates' order (templates sharing a key share it). */
export function templateColumnsOf(templates: readonly Template[]): TemplateColumn[] {
  const columns = new Map<string, TemplateColumn>();
  for (const t of templates) {
    for (const f of t.fields) {
      const c = columns.get(f.key);
      if (c) c.templates.push({ key: t.key, name: t.name });
      else columns.set(f.key, { ...f, templates: [{ key: t.key, name: t.name }] });
    }
  }
  return [...columns.values()];
}

export function templateGridHandlers(s: ApiSession): Pick<Handlers, 'templates:grid'> {
  return { 'templates:grid': () => templateGrid(s.db()) };
}
