import { attestationRefusal, decisionRefusal, LIFECYCLE_TARGET, lifecycleRefusal, requestRefusal } from '../../domain/gates.js';
import type { LifecycleAction } from '../../../preload/contract/gates-types.js';
import type { LineChange } from '../lines.js';
import { holdsRole, levelRules, MEASURE_ROLES, parseList, type TxView } from './view.js';
import { lifecycleDecisionType, rolesInWords, type LifecycleRights } from '../../domain/rights.js';

/**
 * The governed transitions of an imported action, checked as a local edit is: the DI level
 * moves only with an approved gate request; approvals, rejections, lifecycle decisions,
 * confirmations and controller validations only by a person entitled to them (in the
 * context the origin saw); the registry only by an administrator. Undo and redo may only
 * revert or repeat an action of the same copy; a conflict resolution of a governed cell
 * only picks a value the cell already had.
 */

/** Cells whose change needs a right, not just a valid value. */
const GOVERNED: Record<string, readonly string[] | '*'> = {
  measures: ['di_level', 'lifecycle'],
  gate_requests: '*',
  gate_decisions: '*',
  lifecycle_decisions: '*',
  gate_attestations: '*',
  value_validations: '*',
  effect_values: ['baseline', 'actual_validated'],
  sync_members: '*',
};

export function isGoverned(tbl: string, col: string): boolean {
  const g = GOVERNED[tbl];
  return g === '*' || (g !== undefined && g.includes(col));
}

const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Undo / redo name the action they replay: `undo:<tx>:<nonce>`. */
function replayOf(tx: string): { kind: 'undo' | 'redo'; of: string } | null {
  const m = /^(undo|redo):([^:]+):/.exec(tx);
  return m ? { kind: m[1] as 'undo' | 'redo', of: m[2]! } : null;
}

/** An undo or redo must revert (or repeat) exactly what an action of the same copy wrote to each cell. */
function replayRefusal(v: TxView, kind: 'undo' | 'redo', of: string, c: LineChange, history: (c: LineChange) => LineChange[]): string | null {
  const orig = history(c).find((x) => x.tx === of && x.replica === v.ctx.origin);
  if (!orig) return `is an ${kind} of an action this copy did not make`;
  const created = orig.col === 'deleted' && orig.baseHlc === null && orig.oldValue === null;
  const ok =
    kind === 'undo'
      ? (created ? c.decoded === 1 : c.value === orig.oldValue) && c.oldValue === orig.value
      : created
        ? c.decoded === 0
        : c.value === orig.value;
  return ok ? null : `does not ${kind} what that action wrote`;
}

function measureOf(v: TxView, tbl: string, rowId: string): string | null {
  if (tbl === 'measures') return rowId;
  if (tbl === 'gate_decisions') return str(v.get('gate_requests', String(v.get(tbl, rowId, 'request_id')), 'measure_id'));
  if (tbl === 'effect_values') return str(v.get('effect_lines', String(v.get(tbl, rowId, 'line_id')), 'measure_id'));
  return str(v.get(tbl, rowId, 'measure_id'));
}

function isSteering(v: TxView, person: string, measureId: string): boolean {
  return holdsRole(v, person, 'steering_sponsor', measureId);
}

function requestRules(v: TxView, id: string, actor: string): string | null {
  const measure = str(v.get('gate_requests', id, 'measure_id'));
  if (!measure || !v.live('measures', measure)) return 'is a gate request for a measure this copy does not have';
  const code = String(v.get('measures', measure, 'code') ?? measure);
  if (v.creates('gate_requests', id)) {
    if (v.get('gate_requests', id, 'requester_id') !== actor) return `is a gate request for ${code} in someone else's name`;
    if (v.get('gate_requests', id, 'status') !== 'pending') return `creates a gate request for ${code} that is already decided`;
    const di = num(v.ctx.value('measures', measure, 'di_level')) ?? 0;
    const to = num(v.get('gate_requests', id, 'to_level')) ?? -1;
    if (num(v.get('gate_requests', id, 'from_level')) !== di) return `is a gate request for ${code} from a level it was not at`;
    const hasPending = v.rowsWhere('gate_requests', 'measure_id', measure).some((r) => r !== id && v.get('gate_requests', r, 'status') === 'pending');
    const lifecycle = String(v.ctx.value('measures', measure, 'lifecycle') ?? 'active');
    const refusal = requestRefusal({ diLevel: di, toLevel: to, lifecycle, hasPending, maxLevel: 5, reapproval: to === di });
    return refusal ? `${code}: ${refusal}` : null;
  }
  const before = v.ctx.value('gate_requests', id, 'status');
  const status = v.get('gate_requests', id, 'status');
  if (!v.writes('gate_requests', id, 'status') || status === before) return `changes a gate request of ${code} without deciding it`;
  if (before !== 'pending') return `changes a gate request of ${code} that was already ${String(before)}`;
  const decisions = v.rowsOf('gate_decisions').filter((d) => v.creates('gate_decisions', d) && v.get('gate_decisions', d, 'request_id') === id);
  if (status === 'approved') {
    if (!decisions.some((d) => v.get('gate_decisions', d, 'decision') === 'approve')) return `approves a gate request of ${code} without an approval`;
    const to = num(v.get('gate_requests', id, 'to_level')) ?? -1;
    const rules = levelRules(v, to);
    const filled = new Set<string>();
    for (const d of v.rowsWhere('gate_decisions', 'request_id', id)) {
      if (v.get('gate_decisions', d, 'decision') === 'approve') parseList(v.get('gate_decisions', d, 'roles')).forEach((r) => filled.add(r));
    }
    const open = (rules?.approverRoles ?? []).filter((r) => !filled.has(r));
    if (open.length) return `approves DI${to} for ${code} while ${open.join(' + ')} had not approved`;
    const di = num(v.ctx.value('measures', measure, 'di_level')) ?? 0;
    if (to !== di && v.get('measures', measure, 'di_level') !== to) return `approves DI${to} for ${code} without moving it there`;
    return null;
  }
  if (status === 'rejected') return decisions.some((d) => v.get('gate_decisions', d, 'decision') === 'reject') ? null : `rejects a gate request of ${code} without a rejection`;
  if (status === 'withdrawn') {
    if (v.ctx.value('gate_requests', id, 'requester_id') === actor) return null;
    const lifecycleMove = v.rowsOf('lifecycle_decisions').some((d) => v.creates('lifecycle_decisions', d) && v.get('lifecycle_decisions', d, 'measure_id') === measure);
    return lifecycleMove ? null : `withdraws a gate request of ${code} that someone else made`;
  }
  return `sets a gate request of ${code} back to ${String(status)}`;
}

function decisionRules(v: TxView, id: string, actor: string): string | null {
  if (!v.creates('gate_decisions', id)) return 'changes a gate decision already taken';
  const req = String(v.get('gate_decisions', id, 'request_id'));
  const measure = str(v.get('gate_requests', req, 'measure_id'));
  if (!measure) return 'decides a gate request this copy does not have';
  const code = String(v.get('measures', measure, 'code') ?? measure);
  const person = String(v.get('gate_decisions', id, 'person_id'));
  if (person !== actor) return `records a gate decision on ${code} in someone else's name`;
  const to = num(v.ctx.value('gate_requests', req, 'to_level')) ?? -1;
  const rules = levelRules(v, to);
  if (!rules) return `decides DI${to} for ${code}, a level this workspace does not have`;
  const held = rules.approverRoles.filter((r) => holdsRole(v, person, r, measure));
  const claimed = parseList(v.get('gate_decisions', id, 'roles'));
  if (claimed.some((r) => !held.includes(r))) return `decides DI${to} for ${code} for a role its person does not hold (${claimed.filter((r) => !held.includes(r)).join(', ')})`;
  const refusal = decisionRefusal({
    status: String(v.ctx.value('gate_requests', req, 'status')),
    measureDeleted: !v.ctx.live('measures', measure),
    actorId: person,
    requesterId: String(v.ctx.value('gate_requests', req, 'requester_id')),
    selfApproval: rules.selfApproval,
    actorSlots: claimed.length ? claimed : v.get('gate_decisions', id, 'decision') === 'reject' ? held : [],
    actorRoles: held,
    approverRoles: rules.approverRoles,
  });
  if (refusal) return `DI${to} for ${code}: ${refusal.message}`;
  if (rules.ownCopy && v.enteredBy !== null) return `DI${to} for ${code}: approvals of this gate must come from the approver's own copy, not be entered for them`;
  return null;
}

function lifecycleRules(v: TxView, id: string, actor: string): string | null {
  if (!v.creates('lifecycle_decisions', id)) return 'changes a lifecycle decision already taken';
  const measure = String(v.get('lifecycle_decisions', id, 'measure_id'));
  const code = String(v.get('measures', measure, 'code') ?? measure);
  if (v.get('lifecycle_decisions', id, 'person_id') !== actor) return `records a lifecycle decision on ${code} in someone else's name`;
  const action = String(v.get('lifecycle_decisions', id, 'action')) as LifecycleAction;
  const lifecycle = String(v.ctx.value('measures', measure, 'lifecycle') ?? 'active');
  if (v.get('lifecycle_decisions', id, 'from_state') !== lifecycle) return `${code}: records a lifecycle decision from a state it was not in`;
  if (LIFECYCLE_TARGET[action] !== v.get('lifecycle_decisions', id, 'to_state') || v.get('measures', measure, 'lifecycle') !== LIFECYCLE_TARGET[action]) {
    return `${code}: a lifecycle decision that does not match the measure's new state`;
  }
  const refusal = lifecycleRefusal({
    action,
    lifecycle,
    reason: String(v.get('lifecycle_decisions', id, 'reason') ?? ''),
    reviewDate: str(v.get('lifecycle_decisions', id, 'review_date')),
    actorId: actor,
    sponsorId: str(v.ctx.value('measures', measure, 'sponsor_id')),
    controllerId: str(v.ctx.value('measures', measure, 'controller_id')),
    actorIsSteering: isSteering(v, actor, measure),
    evidence: v.rowsWhere('gate_evidence', 'measure_id', measure).length,
    rights: lifecycleRightsOf(v, action, actor, measure),
  });
  return refusal ? `${code}: ${refusal.message}` : null;
}

function attestationRules(v: TxView, id: string, actor: string): string | null {
  const measure = String(v.get('gate_attestations', id, 'measure_id'));
  const code = String(v.get('measures', measure, 'code') ?? measure);
  const creates = v.creates('gate_attestations', id);
  if (creates && v.get('gate_attestations', id, 'person_id') !== actor) return `records a confirmation on ${code} in someone else's name`;
  if (!creates && !(v.writes('gate_attestations', id, 'deleted') && v.get('gate_attestations', id, 'deleted') === 1)) return `changes a confirmation on ${code}`;
  const m = {
    ownerId: str(v.ctx.value('measures', measure, 'owner_id')),
    sponsorId: str(v.ctx.value('measures', measure, 'sponsor_id')),
    controllerId: str(v.ctx.value('measures', measure, 'controller_id')),
    isSteering: isSteering(v, actor, measure),
  };
  const refusal = attestationRefusal(String(v.get('gate_attestations', id, 'key')), actor, m);
  return refusal ? `${code}: ${refusal}` : null;
}

function measureRules(v: TxView, id: string, c: LineChange): string | null {
  // A new measure's starting level and state need no lookup at all when they are the usual ones.
  if (c.col === 'di_level' ? c.decoded === 0 : c.decoded === 'active') if (v.creates('measures', id)) return null;
  const code = String(v.get('measures', id, 'code') ?? id);
  if (v.creates('measures', id)) {
    if (c.col === 'di_level' && c.decoded !== 0) return `creates ${code} at DI${String(c.decoded)}; a measure starts at DI0 and climbs by its gates`;
    if (c.col === 'lifecycle' && c.decoded !== 'active') return `creates ${code} ${String(c.decoded)}; a measure starts active`;
    return null;
  }
  if (c.col === 'di_level') {
    const approved = v
      .rowsOf('gate_requests')
      .some((r) => v.get('gate_requests', r, 'measure_id') === id && v.writes('gate_requests', r, 'status') && v.get('gate_requests', r, 'status') === 'approved' && v.get('gate_requests', r, 'to_level') === c.decoded);
    return approved ? null : `moves ${code} from DI${String(v.ctx.value('measures', id, 'di_level'))} to DI${String(c.decoded)} without an approved gate request`;
  }
  const decided = v.rowsOf('lifecycle_decisions').some((d) => v.creates('lifecycle_decisions', d) && v.get('lifecycle_decisions', d, 'measure_id') === id);
  return decided ? null : `changes the lifecycle of ${code} to ${String(c.decoded)} without a lifecycle decision`;
}

function valueRules(v: TxView, tbl: string, id: string, c: LineChange, actor: string): string | null {
  const measure = measureOf(v, tbl, id);
  if (!measure) return 'changes value data of a measure this copy does not have';
  const code = String(v.get('measures', measure, 'code') ?? measure);
  const controller = v.ctx.value('measures', measure, 'controller_id');
  if (tbl === 'value_validations') return controller === actor ? null : `validates or reopens ${code}'s actuals, which only its controller may do`;
  if (c.col === 'actual_validated') {
    if (c.decoded !== 1) return null;
    const period = v.get('effect_values', id, 'period');
    const validated = v.rowsOf('value_validations').some((r) => v.get('value_validations', r, 'measure_id') === measure && v.get('value_validations', r, 'period') === period && v.get('value_validations', r, 'state') === 'validated');
    return validated ? null : `marks ${code}'s actuals validated without the controller's validation`;
  }
  // Baseline: copied from the plan once, when the measure is at DI3 or above.
  if (c.decoded === null) return `clears ${code}'s baseline, which is locked`;
  if ((num(v.get('measures', measure, 'di_level')) ?? 0) < 3) return `sets a baseline of ${code} before DI3`;
  if (v.ctx.value(tbl, id, 'baseline') !== null && v.ctx.value(tbl, id, 'baseline') !== undefined) return `changes ${code}'s locked baseline`;
  return v.get(tbl, id, 'plan') === c.decoded ? null : `sets ${code}'s baseline to something other than its plan`;
}

function registryRules(v: TxView, id: string, c: LineChange, firstCopy: boolean): string | null {
  if (firstCopy) return null;
  const role = v.ctx.value('sync_members', v.ctx.origin, 'role');
  const status = v.ctx.value('sync_members', v.ctx.origin, 'status');
  if (role !== 'admin' || status === 'retired') return 'changes the member registry, which only an administrator may do';
  if (c.col === 'public_key' && !v.creates('sync_members', id)) return "replaces a copy's key; retire the copy and make a new member copy instead";
  return null;
}

/** The first copy registering itself, in a registry that has no member yet. */
export function isFirstRegistration(v: TxView, hasAnyMember: boolean): boolean {
  return !hasAnyMember && v.creates('sync_members', v.ctx.origin) && v.rowsOf('sync_members').length === 1;
}

/** Why a governed change of this action is refused, or null. */
export function governedRefusal(v: TxView, c: LineChange, firstCopy: boolean, history: (c: LineChange) => LineChange[]): string | null {
  const replay = replayOf(c.tx);
  if (replay) return replayRefusal(v, replay.kind, replay.of, c, history);
  if (c.tx.startsWith('resolve:')) {
    const values = history(c).map((x) => x.value);
    return values.includes(c.value) ? null : 'resolves a conflict of a governed field with a value it never had';
  }
  const actor = v.actor;
  switch (c.tbl) {
    case 'measures':
      return measureRules(v, c.rowId, c);
    case 'gate_requests':
      return requestRules(v, c.rowId, actor);
    case 'gate_decisions':
      return decisionRules(v, c.rowId, actor);
    case 'lifecycle_decisions':
      return lifecycleRules(v, c.rowId, actor);
    case 'gate_attestations':
      return attestationRules(v, c.rowId, actor);
    case 'value_validations':
    case 'effect_values':
      return valueRules(v, c.tbl, c.rowId, c, actor);
    case 'sync_members':
      return registryRules(v, c.rowId, c, firstCopy);
    default:
      return null;
  }
}

/** The decision-rights matrix as the origin saw it: who decides a lifecycle action (null: the defaults). */
function lifecycleRightsOf(v: TxView, action: LifecycleAction, actor: string, measure: string): LifecycleRights | null {
  const type = lifecycleDecisionType(action);
  const roles = v
    .rowsWhere('decision_rights', 'decision_type', type)
    .filter((id) => v.get('decision_rights', id, 'right') === 'decide')
    .map((id) => String(v.get('decision_rights', id, 'role_key')))
    .sort();
  if (roles.length === 0) return null;
  roles.sort((a, b) => Number(!MEASURE_ROLES.has(a)) - Number(!MEASURE_ROLES.has(b)));
  const roleName = (key: string) => {
    const id = v.rowsWhere('roles', 'key', key)[0];
    return id ? String(v.get('roles', id, 'name') ?? key) : key;
  };
  return { decides: roles.some((r) => holdsRole(v, actor, r, measure)), roles, inWords: rolesInWords(roles, roleName) };
}
