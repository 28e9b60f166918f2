import { existsSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { z } from 'zod';
import { runAction, type Writer } from '../../db/changes.js';
import type { Database } from '../../db/connection.js';
import { ValidationError, WorkspaceError } from '../../db/errors.js';
import { acquireLock } from '../../db/lock.js';
import { gateLevelId, getGateLevels, getGateSettings } from '../../db/repositories/gates.js';
import { listRoles } from '../../db/repositories/people.js';
import type { GateConfig, MethodFile } from '../../preload/contract.js';
import { CRITERIA_LABELS, MEASURE_ROLES } from '../domain/gates.js';
import { getMeta } from '../../db/connection.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';
import { createWorkspaceFile, WORKSPACE_EXT } from './workspace.js';
import { nowIso } from '../../db/clock.js';
import { checkWriteTarget, fileError, requireRegularFile } from '../../db/files.js';
import { packSettingsSchema } from '../../preload/contract/pack.js';
import { checkBranding } from '../domain/pack-branding.js';
import { normalizeSettings } from '../domain/pack.js';
import { readPackSettings, writePackSettings } from '../../db/repositories/pack.js';
import { RIGHTS, templateInputSchema } from '../../preload/contract/workflow.js';
import { applyMethodRights, methodRights } from './rights.js';
import { applyMethodTemplates, methodTemplates } from './template-method.js';
import { applyMethodExtras, methodExtras, methodExtrasSchema } from './method-extras.js';

type K = 'gates:config' | 'gates:updateLevel' | 'gates:updateSettings' | 'method:export' | 'method:newWorkspace';

function customFields(db: Database) {
  return db
    .prepare('SELECT key, label, type, choices, required_from_di AS requiredFromDi FROM custom_fields WHERE deleted = 0 ORDER BY sort_order, key')
    .all() as MethodFile['customFields'];
}

export function gateConfig(db: Database): GateConfig {
  return {
    levels: getGateLevels(db),
    settings: getGateSettings(db),
    criteriaCatalog: [
      ...Object.entries(CRITERIA_LABELS).map(([key, label]) => ({ key, label })),
      ...customFields(db).map((f) => ({ key: `custom:${f.key}`, label: `${f.label} (custom field)` })),
    ],
    approverCatalog: [
      ...Object.entries(MEASURE_ROLES).map(([key, label]) => ({ key, label: `${label} of the measure` })),
      ...listRoles(db).map((r) => ({ key: r.key, label: r.name })),
    ],
  };
}

function checkKeys(db: Database, criteria?: string[], approverRoles?: string[]): void {
  const cfg = gateConfig(db);
  const badC = (criteria ?? []).filter((k) => !cfg.criteriaCatalog.some((c) => c.key === k));
  if (badC.length) throw new ValidationError(`Unknown criterion ${badC.map((k) => `"${k}"`).join(', ')}.`, [{ field: 'criteria', message: 'Unknown criterion' }]);
  const badR = (approverRoles ?? []).filter((k) => !cfg.approverCatalog.some((c) => c.key === k));
  if (badR.length) throw new ValidationError(`Unknown approver role ${badR.map((k) => `"${k}"`).join(', ')}.`, [{ field: 'approverRoles', message: 'Unknown role' }]);
}

const methodSchema = z.object({
  format: z.literal('steerco-method'),
  version: z.literal(1),
  name: z.string().max(500),
  exportedAt: z.string().max(100),
  gates: z
    .array(
      z.object({
        level: z.number().int().min(0).max(5),
        name: z.string().trim().min(1).max(100),
        criteria: z.array(z.string().max(200)).max(50),
        approverRoles: z.array(z.string().max(200)).min(1).max(10),
        riskWeightPct: z.number().int().min(0).max(100),
        selfApproval: z.boolean(),
        ownCopy: z.boolean().optional(),
      }),
    )
    .max(6),
  settings: z.object({ resetOnEdit: z.boolean(), evidenceMaxBytes: z.number().int().min(1024).max(41_943_040) }),
  roles: z.array(z.object({ key: z.string().regex(/^[a-z0-9_]+$/).max(100), name: z.string().trim().min(1).max(200) })).max(200),
  customFields: z
    .array(
      z.object({
        key: z.string().regex(/^[A-Za-z0-9_]+$/).max(100),
        label: z.string().trim().min(1).max(200),
        type: z.enum(['text', 'number', 'money', 'date', 'choice', 'multi', 'person', 'checkbox']),
        choices: z.string().max(100_000),
        requiredFromDi: z.number().int().min(0).max(5).nullable(),
      }),
    )
    .max(500),
  pack: packSettingsSchema.optional(),
  templates: z.array(templateInputSchema).max(200).optional(),
  decisionRights: z.array(z.object({ decisionType: z.string().min(1).max(100), role: z.string().min(1).max(100), right: z.enum(RIGHTS) })).max(5000).optional(),
  ...methodExtrasSchema,
});

/** Writes a method into a workspace: gates by level, settings, roles and custom fields by key, then templates, rights and the extras. */
function applyMethod(w: Writer, db: Database, m: z.infer<typeof methodSchema>): void {
  const roles = listRoles(db);
  for (const r of m.roles) {
    const have = roles.find((x) => x.key === r.key);
    if (have) w.update('roles', have.id, { name: r.name });
    else w.insert('roles', { key: r.key, name: r.name });
  }
  for (const [i, f] of m.customFields.entries()) {
    const have = db.prepare('SELECT id FROM custom_fields WHERE key = ?').get(f.key) as { id: string } | undefined;
    const v = { label: f.label, type: f.type, choices: f.choices, required_from_di: f.requiredFromDi, sort_order: i };
    if (have) w.update('custom_fields', have.id, { ...v, deleted: 0 });
    else w.insert('custom_fields', { key: f.key, ...v });
  }
  for (const g of m.gates) {
    const id = gateLevelId(db, g.level);
    const v = { name: g.name, criteria: JSON.stringify(g.criteria), approver_roles: JSON.stringify(g.approverRoles), risk_weight_pct: g.riskWeightPct, self_approval: g.selfApproval ? 1 : 0, own_copy: (g.ownCopy ?? (g.level === 3 || g.level === 5)) ? 1 : 0 };
    if (id) w.update('gate_levels', id, v);
    else w.insert('gate_levels', { level: g.level, ...v }, `di${g.level}`);
  }
  w.update('gate_settings', 'gates', { reset_on_edit: m.settings.resetOnEdit ? 1 : 0, evidence_max_bytes: m.settings.evidenceMaxBytes });
  if (m.pack) {
    const checked = checkBranding(m.pack.branding);
    if ('issues' in checked) throw new ValidationError(`The method's pack branding cannot be used: ${checked.issues.map((i) => i.message).join('; ')}.`);
    writePackSettings(w, db, normalizeSettings({ ...m.pack, branding: checked.branding }));
  }
  checkKeys(db, m.gates.flatMap((g) => g.criteria), m.gates.flatMap((g) => g.approverRoles));
  if (m.templates) applyMethodTemplates(w, db, m.templates);
  if (m.decisionRights) applyMethodRights(w, db, m.decisionRights);
  applyMethodExtras(w, db, m);
}

/** A method file is a few kilobytes; anything far larger is not one. */
const MAX_METHOD_BYTES = 5_000_000;

export function gateConfigHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'gates:config': () => gateConfig(s.db()),
    'gates:updateLevel': ({ level, name, criteria, approverRoles, riskWeightPct, selfApproval, ownCopy }) => {
      const db = s.db();
      const id = gateLevelId(db, level);
      if (!id) throw new ValidationError(`There is no gate DI${level}.`);
      checkKeys(db, criteria, approverRoles);
      const v: Record<string, string | number> = {};
      if (name !== undefined) v.name = name;
      if (criteria !== undefined) v.criteria = JSON.stringify([...new Set(criteria)]);
      if (approverRoles !== undefined) v.approver_roles = JSON.stringify([...new Set(approverRoles)]);
      if (riskWeightPct !== undefined) v.risk_weight_pct = riskWeightPct;
      if (selfApproval !== undefined) v.self_approval = selfApproval ? 1 : 0;
      if (ownCopy !== undefined) v.own_copy = ownCopy ? 1 : 0;
      s.act(`Configure gate DI${level}`, (w) => w.update('gate_levels', id, v));
      return gateConfig(db);
    },
    'gates:updateSettings': ({ resetOnEdit, evidenceMaxBytes }) => {
      const v: Record<string, number> = {};
      if (resetOnEdit !== undefined) v.reset_on_edit = resetOnEdit ? 1 : 0;
      if (evidenceMaxBytes !== undefined) v.evidence_max_bytes = evidenceMaxBytes;
      s.act('Change gate settings', (w) => w.update('gate_settings', 'gates', v));
      return gateConfig(s.db());
    },
    'method:export': ({ path, overwrite }) => {
      const db = s.db();
      const cfg = gateConfig(db);
      const method: MethodFile = {
        format: 'steerco-method',
        version: 1,
        name: getMeta(db, 'name') ?? 'Method',
        exportedAt: nowIso(),
        gates: cfg.levels,
        settings: cfg.settings,
        roles: listRoles(db).map((r) => ({ key: r.key, name: r.name })),
        customFields: customFields(db),
        pack: normalizeSettings(readPackSettings(db)),
        templates: methodTemplates(db),
        decisionRights: methodRights(db),
        ...methodExtras(db),
      };
      if (!path) return { method, path: null };
      const abs = resolve(extname(path) ? path : `${path}.steerco-method.json`);
      checkWriteTarget(abs, { overwrite });
      const tmp = `${abs}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, JSON.stringify(method, null, 2));
        renameSync(tmp, abs);
      } catch (e) {
        rmSync(tmp, { force: true });
        throw fileError(e, abs, 'write');
      }
      return { method, path: abs };
    },
    'method:newWorkspace': ({ path, methodPath, name }) => {
      const methodFile = resolve(methodPath);
      requireRegularFile(methodFile, 'method file');
      if (statSync(methodFile).size > MAX_METHOD_BYTES) throw new ValidationError(`${methodFile} is over ${MAX_METHOD_BYTES / 1_000_000} MB; a method file is much smaller. Choose the file Steerco exported.`);
      let text: string;
      try {
        text = readFileSync(methodFile, 'utf8');
      } catch (e) {
        throw fileError(e, methodFile, 'read');
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        // JSON.parse's message quotes the text; the refusal names the file, never its contents.
        throw new ValidationError(`${methodFile} is not a Steerco method file (it is not JSON). Choose the file Steerco exported.`);
      }
      const parsed = methodSchema.safeParse(raw);
      if (!parsed.success) throw new ValidationError(`${methodPath} is not a Steerco method file: ${z.prettifyError(parsed.error)}`);
      const abs = resolve(extname(path) ? path : `${path}${WORKSPACE_EXT}`);
      if (existsSync(abs)) throw new WorkspaceError('exists', `A file already exists at ${abs}; choose another name or open it.`);
      const release = acquireLock(abs);
      try {
        const db = createWorkspaceFile(abs, { name });
        try {
          runAction(db, { actor: 'system', label: `Apply method ${parsed.data.name}`, undoable: false }, (w) => applyMethod(w, db, parsed.data));
        } catch (e) {
          // Never leave a half-set-up workspace behind.
          db.close();
          for (const f of [abs, `${abs}-wal`, `${abs}-shm`]) rmSync(f, { force: true });
          throw e;
        }
        s.attach(db, abs, release);
        return s.info();
      } catch (e) {
        release();
        throw e;
      }
    },
  };
}
