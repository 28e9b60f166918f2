import type { Writer } from '../../db/changes.js';
import type { Database } from '../../db/connection.js';
import { NotFoundError, ValidationError } from '../../db/errors.js';
import { getGateLevels, listEvidence, personNames } from '../../db/repositories/gates.js';
import { insertMeasure } from '../../db/repositories/measures.js';
import { getNode } from '../../db/repositories/nodes.js';
import { listRoles } from '../../db/repositories/people.js';
import {
  getTemplateByKey,
  listTemplates,
  setMeasureTemplate,
  templateChecks,
  templateOfMeasure,
  templateValues,
  upsertKeyed,
  writeTemplate,
} from '../../db/repositories/templates.js';
import type { ChecklistItem, MeasureWorkflow, Template, TemplateInput, WorkflowCheck } from '../../preload/contract.js';
import { holdersOf, type ApproverContext } from '../domain/gates.js';
import { decisionTypes, holdersWithRight } from './rights.js';
import { TEMPLATE_LIBRARY } from '../domain/template-library.js';
import { templateProblems } from '../domain/templates.js';
import { nowIso } from '../../db/clock.js';
import { ApiError } from './errors.js';
import { actingPerson, approverContext, checkEvidence, measurePeople, roleLabel, storeEvidence } from './gates-view.js';
import type { Handlers } from './handlers.js';
import { mustMeasure } from './measures.js';
import { applyEdits } from './measure-edits.js';
import type { ApiSession } from './session.js';
import { measureFiring } from './template-triggers.js';

type K =
  | 'templates:list'
  | 'templates:save'
  | 'templates:remove'
  | 'templates:createMeasure'
  | 'templates:assign'
  | 'templates:measure'
  | 'templates:setField'
  | 'templates:tick'
  | 'templates:links';

/** Seeds the built-in library (new workspaces, the demo); afterwards the rows are the workspace's own. */
export function seedTemplates(w: Writer, db: Database): void {
  TEMPLATE_LIBRARY.forEach((t, i) => writeTemplate(w, db, t, i + 1));
}

/** Refuses a template that does not hold together, with every reason; nothing is written. */
export function checkTemplate(db: Database, t: TemplateInput): void {
  const workspaceFields = (db.prepare('SELECT key FROM custom_fields WHERE deleted = 0').all() as { key: string }[]).map((r) => r.key);
  const problems = templateProblems(t, { workspaceFields, roles: listRoles(db).map((r) => r.key), levels: getGateLevels(db).map((l) => l.level), decisionTypes: decisionTypes(db).map((d) => d.key) });
  if (problems.length) throw new ValidationError(`The template "${t.name}" cannot be saved: ${problems.map((p) => p.message).join(' ')}`, problems);
}

function mustTemplate(db: Database, key: string): Template {
  const t = getTemplateByKey(db, key);
  if (!t) throw new NotFoundError(`No template "${key}"; see templates list for the workspace's templates.`);
  return t;
}

function mustLiveMeasure(db: Database, id: string): void {
  if (!db.prepare('SELECT 1 FROM measures WHERE id = ? AND deleted = 0').get(id)) throw new NotFoundError(`No measure ${id} (it may have been deleted).`);
}

/** The measure's template, fields with values and checklist with who ticked what. */
export function measureWorkflow(s: ApiSession, measureId: string): MeasureWorkflow {
  const db = s.db();
  mustLiveMeasure(db, measureId);
  const template = templateOfMeasure(db, measureId) ?? null;
  if (!template) return { measureId, template: null, fields: [], checklist: [], firing: [] };
  const values = templateValues(db, measureId).get(measureId) ?? {};
  const checks = new Map(templateChecks(db, measureId).map((c) => [c.itemKey, c]));
  const names = personNames(db);
  const evidence = new Map(listEvidence(db, measureId).map((e) => [e.id, e]));
  const ctx = approverContext(db, measurePeople(db, measureId)!);
  const actor = s.actor();
  const checklist = template.checklist.map((item): WorkflowCheck => {
    const c = checks.get(item.key);
    const may = tickers(db, item, ctx).includes(actor);
    const label = roleLabel(db, item.role);
    return {
      ...item,
      roleLabel: label,
      done: c?.done === 1,
      by: c?.done === 1 && c.personId ? (names.get(c.personId) ?? c.personId) : null,
      at: c?.done === 1 ? c.at : null,
      note: c?.done === 1 ? c.note : '',
      proof: c?.done === 1 && c.evidenceId ? (evidence.get(c.evidenceId) ?? null) : null,
      canTick: may,
      whyNot: may ? '' : `Ticked by the ${label}${holdersOf(item.role, ctx).length ? ` (${holdersOf(item.role, ctx).map((id) => names.get(id) ?? id).join(', ')})` : ' (nobody holds the role)'}.`,
    };
  });
  return { measureId, template, fields: template.fields.map((f) => ({ ...f, value: values[f.key] ?? '' })), checklist, firing: measureFiring(db, measureId, template) };
}

/** Who may tick a step: holders of its role, and those who decide or approve its decision (decision rights). */
function tickers(db: Database, item: ChecklistItem, ctx: ApproverContext): string[] {
  const own = holdersOf(item.role, ctx);
  return item.decision ? [...new Set([...own, ...holdersWithRight(db, item.decision, ['decide', 'approve'], ctx)])] : own;
}

/** The new measure's owner: the acting person when they hold the template's owner role, else its one holder. */
/** Who owns a new measure of a template: the acting person when they hold its owner role, else the role's only holder. */
export function defaultOwner(db: Database, role: string, actor: string): string | null {
  if (!role) return null;
  const rows = db
    .prepare('SELECT DISTINCT a.person_id AS id FROM role_assignments a JOIN roles r ON r.id = a.role_id JOIN people p ON p.id = a.person_id WHERE r.key = ? AND a.deleted = 0 AND r.deleted = 0 AND p.deleted = 0')
    .all(role) as { id: string }[];
  if (rows.some((r) => r.id === actor)) return actor;
  return rows.length === 1 ? rows[0]!.id : null;
}

export function templateHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'templates:list': () => listTemplates(s.db()),
    'templates:save': ({ template }) => {
      const db = s.db();
      checkTemplate(db, template);
      const had = getTemplateByKey(db, template.key);
      s.act(`${had ? 'Change' : 'Add'} template ${template.name}`, (w) => writeTemplate(w, db, template));
      return mustTemplate(db, template.key);
    },
    'templates:remove': ({ key, keepMeasures }) => {
      const db = s.db();
      const t = mustTemplate(db, key);
      if (t.usedBy > 0 && !keepMeasures) {
        return {
          removed: false,
          usedBy: t.usedBy,
          message: `${t.usedBy} measure${t.usedBy === 1 ? ' uses' : 's use'} the template "${t.name}". Remove it anyway? They stay, as plain measures (their template fields and checklist are no longer shown or required).`,
        };
      }
      s.act(`Remove template ${t.name}`, (w) => {
        const links = db.prepare('SELECT id FROM measure_templates WHERE template_id = ? AND deleted = 0').all(t.id) as { id: string }[];
        for (const l of links) w.remove('measure_templates', l.id);
        w.remove('templates', t.id);
      });
      return { removed: true, usedBy: t.usedBy, message: `Template "${t.name}" removed${t.usedBy ? `; ${t.usedBy} measure${t.usedBy === 1 ? ' is' : 's are'} now plain` : ''}.` };
    },
    'templates:createMeasure': ({ nodeId, templateKey, title }) => {
      const db = s.db();
      const t = mustTemplate(db, templateKey);
      const node = getNode(db, nodeId);
      if (!node) throw new NotFoundError(`No hierarchy node ${nodeId} (it may have been deleted).`);
      if (node.level !== 'package') throw new ValidationError(`Measures live in measure packages; "${node.name}" is a ${node.level}.`);
      const name = title ?? `New ${t.name.toLowerCase()}`;
      const { value } = s.act(`Add measure ${name} from template ${t.name}`, (w) => {
        const max = db.prepare('SELECT coalesce(max(sort_order), 0) + 1 AS n FROM measures WHERE node_id = ?').get(nodeId) as { n: number };
        const id = insertMeasure(w, db, { node_id: nodeId, title: name, owner_id: defaultOwner(db, t.ownerRole, s.actor()), sort_order: max.n });
        setMeasureTemplate(w, db, id, t.id);
        return id;
      });
      return mustMeasure(s, value);
    },
    'templates:assign': ({ measureId, templateKey }) => {
      const db = s.db();
      mustLiveMeasure(db, measureId);
      const t = templateKey ? mustTemplate(db, templateKey) : null;
      const code = (db.prepare('SELECT code FROM measures WHERE id = ?').get(measureId) as { code: string }).code;
      s.act(t ? `Give ${code} the template ${t.name}` : `Make ${code} a plain measure`, (w) => setMeasureTemplate(w, db, measureId, t?.id ?? null));
      return measureWorkflow(s, measureId);
    },
    'templates:measure': ({ measureId }) => measureWorkflow(s, measureId),
    'templates:setField': ({ measureId, key, value, locale }) => {
      const db = s.db();
      mustLiveMeasure(db, measureId);
      const t = templateOfMeasure(db, measureId);
      if (!t) throw new ValidationError('This measure has no template, so it has no template fields; give it a template first.');
      const f = t.fields.find((x) => x.key === key);
      if (!f) throw new ValidationError(`The template "${t.name}" has no field "${key}".`, [{ field: key, message: 'Unknown field' }]);
      // The one measure-edit path: dates and numbers read in the user's locale, then the field's rule.
      applyEdits(s, [{ id: measureId, workflow: { [key]: value } }], { locale });
      return measureWorkflow(s, measureId);
    },
    'templates:tick': ({ measureId, item, done, note, evidence }) => {
      const db = s.db();
      const actor = actingPerson(s);
      mustLiveMeasure(db, measureId);
      const t = templateOfMeasure(db, measureId);
      if (!t) throw new ValidationError('This measure has no template, so it has no checklist; give it a template first.');
      const it = t.checklist.find((c) => c.key === item);
      if (!it) throw new ValidationError(`The template "${t.name}" has no checklist item "${item}".`);
      const holders = tickers(db, it, approverContext(db, measurePeople(db, measureId)!));
      if (!holders.includes(actor)) {
        const names = personNames(db);
        throw new ApiError({
          code: 'forbidden',
          message: `"${it.label}" is ticked by the ${roleLabel(db, it.role)}${holders.length ? ` (${holders.map((h) => names.get(h) ?? h).join(', ')})` : ''}; ${names.get(actor) ?? actor} does not hold that role.`,
        });
      }
      if (done && it.evidence && !evidence) {
        throw new ValidationError(`"${it.label}" needs evidence: attach a file, a link or a note with the tick.`, [{ field: 'evidence', message: 'Evidence needed' }]);
      }
      if (evidence) checkEvidence(db, [evidence]);
      const code = (db.prepare('SELECT code FROM measures WHERE id = ?').get(measureId) as { code: string }).code;
      s.act(`${done ? 'Tick' : 'Untick'} ${code} ${it.label}`, (w) => {
        const evidenceId = done && evidence ? storeEvidence(w, db, measureId, null, [evidence], actor)[0]! : null;
        upsertKeyed(w, db, 'template_checks', `${measureId}:${item}`, {
          measure_id: measureId,
          item_key: item,
          done: done ? 1 : 0,
          person_id: actor,
          note: note ?? '',
          evidence_id: evidenceId,
          at: nowIso(),
        });
      });
      return measureWorkflow(s, measureId);
    },
    'templates:links': () =>
      s
        .db()
        .prepare(
          `SELECT l.measure_id AS measureId, t.key AS templateKey, t.name AS templateName FROM measure_templates l
           JOIN templates t ON t.id = l.template_id AND t.deleted = 0 JOIN measures m ON m.id = l.measure_id AND m.deleted = 0 WHERE l.deleted = 0`,
        )
        .all() as { measureId: string; templateKey: string; templateName: string }[],
  };
}
