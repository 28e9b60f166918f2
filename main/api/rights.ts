import type { Writer } from '../../db/changes.js';
import type { Database } from '../../db/connection.js';
import { NotFoundError, ValidationError } from '../../db/errors.js';
import { gateLevelId, getGateLevels } from '../../db/repositories/gates.js';
import { listRoles } from '../../db/repositories/people.js';
import { BUSINESS_DECISIONS, LIFECYCLE_DECISIONS, type DecisionType, type LifecycleAction, type Right, type RightsMatrix } from '../../preload/contract.js';
import { holdersOf, MEASURE_ROLES, type ApproverContext } from '../domain/gates.js';
import { lifecycleDecisionType, rolesInWords, type LifecycleRights } from '../domain/rights.js';
import type { Handlers } from './handlers.js';
import type { ApiSession } from './session.js';

/**
 * The decision-rights matrix. Gate approvers live in gate_levels (the approval slots read them),
 * so a gate's approve cells are read from and written to there; every other cell is a row of
 * decision_rights. Lifecycle decisions are checked against it (see lifecycleRights).
 */

type K = 'rights:matrix' | 'rights:set';

interface RightRow {
  id: string;
  type: string;
  role: string;
  right: Right;
}

function rows(db: Database): RightRow[] {
  return db.prepare('SELECT id, decision_type AS type, role_key AS role, right FROM decision_rights WHERE deleted = 0').all() as RightRow[];
}

export function decisionTypes(db: Database): DecisionType[] {
  return [
    ...BUSINESS_DECISIONS.map((d) => ({ ...d, kind: 'business' as const })),
    ...getGateLevels(db)
      .filter((l) => l.level > 0)
      .map((l) => ({ key: `gate_${l.level}`, label: `Gate DI${l.level} ${l.name}`, kind: 'gate' as const })),
    ...LIFECYCLE_DECISIONS.map((d) => ({ ...d, kind: 'lifecycle' as const })),
  ];
}

export function rightsMatrix(db: Database): RightsMatrix {
  const types = decisionTypes(db);
  const roles = [...listRoles(db).map((r) => ({ key: r.key, label: r.name })), ...Object.entries(MEASURE_ROLES).map(([key, label]) => ({ key, label: `${label} of the measure` }))];
  const cells: RightsMatrix['cells'] = Object.fromEntries(types.map((t) => [t.key, {}]));
  for (const r of rows(db)) if (cells[r.type] && r.right !== 'none') cells[r.type]![r.role] = r.right;
  for (const l of getGateLevels(db)) {
    const c = cells[`gate_${l.level}`];
    if (c) for (const role of l.approverRoles) c[role] = 'approve';
  }
  return { types, roles, cells };
}

/** Method files carry the matrix rows (gate approvers travel with the gates). */
export function methodRights(db: Database): { decisionType: string; role: string; right: string }[] {
  return rows(db).filter((r) => r.right !== 'none').map((r) => ({ decisionType: r.type, role: r.role, right: r.right }));
}

function writeCell(w: Writer, db: Database, type: string, role: string, right: Right): void {
  const id = `${type}:${role}`;
  const have = db.prepare('SELECT deleted FROM decision_rights WHERE id = ?').get(id) as { deleted: number } | undefined;
  if (have) w.update('decision_rights', id, { right, deleted: 0 });
  else if (right !== 'none') w.insert('decision_rights', { decision_type: type, role_key: role, right }, id);
}

export function applyMethodRights(w: Writer, db: Database, list: { decisionType: string; role: string; right: string }[]): void {
  const keep = new Set(list.map((r) => `${r.decisionType}:${r.role}`));
  for (const r of rows(db)) if (!keep.has(r.id)) w.update('decision_rights', r.id, { right: 'none' });
  for (const r of list) writeCell(w, db, r.decisionType, r.role, r.right as Right);
}

/** Roles that decide a lifecycle action by the matrix; null when the matrix names none (the brief's defaults apply). */
export function lifecycleRights(db: Database, action: LifecycleAction, actor: string, ctx: ApproverContext): LifecycleRights | null {
  const type = lifecycleDecisionType(action);
  const roles = rows(db)
    .filter((r) => r.type === type && r.right === 'decide')
    .map((r) => r.role)
    .sort();
  if (roles.length === 0) return null;
  // Measure roles first, as the brief's sentences name them.
  roles.sort((a, b) => Number(!MEASURE_ROLES[a]) - Number(!MEASURE_ROLES[b]));
  const names = new Map(listRoles(db).map((r) => [r.key, r.name]));
  return { decides: roles.some((r) => holdersOf(r, ctx).includes(actor)), roles, inWords: rolesInWords(roles, (k) => names.get(k) ?? k) };
}

export function rightsHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'rights:matrix': () => rightsMatrix(s.db()),
    'rights:set': ({ decisionType, role, right }) => {
      const db = s.db();
      const m = rightsMatrix(db);
      const type = m.types.find((t) => t.key === decisionType);
      if (!type) throw new NotFoundError(`No decision type "${decisionType}"; the matrix has ${m.types.map((t) => t.key).join(', ')}.`);
      const r = m.roles.find((x) => x.key === role);
      if (!r) throw new ValidationError(`"${role}" is not a role of this workspace.`, [{ field: 'role', message: 'Unknown role' }]);
      const label = `${type.label}: ${r.label} ${right === 'none' ? '—' : right}`;
      if (type.kind === 'gate') {
        const level = Number(decisionType.slice(5));
        const gate = getGateLevels(db).find((l) => l.level === level)!;
        const approves = right === 'approve' || right === 'decide';
        const next = approves ? [...new Set([...gate.approverRoles, role])] : gate.approverRoles.filter((x) => x !== role);
        if (next.length === 0) throw new ValidationError(`DI${level} needs at least one approver role; give another role approve first.`, [{ field: 'right', message: 'Last approver' }]);
        s.act(`Decision rights: ${label}`, (w) => {
          if (next.length !== gate.approverRoles.length) w.update('gate_levels', gateLevelId(db, level)!, { approver_roles: JSON.stringify(next) });
          writeCell(w, db, decisionType, role, approves ? 'none' : right);
        });
        return rightsMatrix(db);
      }
      if (type.kind === 'lifecycle' && right !== 'decide' && m.cells[decisionType]?.[role] === 'decide') {
        const others = Object.entries(m.cells[decisionType] ?? {}).filter(([k, v]) => k !== role && v === 'decide');
        if (others.length === 0) throw new ValidationError(`Somebody must decide "${type.label}": give another role decide first.`, [{ field: 'right', message: 'Last decider' }]);
      }
      s.act(`Decision rights: ${label}`, (w) => writeCell(w, db, decisionType, role, right));
      return rightsMatrix(db);
    },
  };
}

/** Who holds a role with `right` (or a stronger one) on a decision type, for a measure. */
export function holdersWithRight(db: Database, decisionType: string, rights: Right[], ctx: ApproverContext): string[] {
  const roles = rows(db).filter((r) => r.type === decisionType && rights.includes(r.right)).map((r) => r.role);
  return [...new Set(roles.flatMap((r) => holdersOf(r, ctx)))];
}
