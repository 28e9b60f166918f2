import type { Writer } from '../../db/changes.js';
import type { Database } from '../../db/connection.js';
import { listTemplates, writeTemplate } from '../../db/repositories/templates.js';
import type { TemplateInput } from '../../preload/contract.js';
import { checkTemplate } from './templates.js';

/** Templates in a saved engagement method: what the method carries and how a new workspace takes them. */

export function methodTemplates(db: Database): TemplateInput[] {
  return listTemplates(db).map(({ key, name, ownerRole, description, fields, checklist, gates, triggers, reporting }) => ({ key, name, ownerRole, description, fields, checklist, gates, triggers, reporting }));
}

/** The method's templates replace the built-in library of the new workspace: each checked as a save would be. */
export function applyMethodTemplates(w: Writer, db: Database, templates: TemplateInput[]): void {
  const keep = new Set(templates.map((t) => t.key));
  for (const t of listTemplates(db)) if (!keep.has(t.key)) w.remove('templates', t.id);
  templates.forEach((t, i) => {
    checkTemplate(db, t);
    writeTemplate(w, db, t, i + 1);
  });
}
