import type { AttestationKey, CriterionResult, GateFacts, LifecycleAction } from '../../preload/contract/gates-types.js';
import type { LifecycleRights } from './rights.js';

/**
 * Stage-gate rules: which entry criteria a measure meets, who may approve, what a
 * request or a lifecycle decision may do. Pure functions over facts the api loads.
 */

export const CRITERIA_LABELS: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  expected_effect: 'Expected effect',
  business_unit: 'Business unit',
  function: 'Function',
  owner: 'Owner',
  sponsor: 'Sponsor',
  controller: 'Controller',
  baseline: 'Baseline',
  target_value: 'Target value',
  first_risks: 'First risks',
  milestone_plan: 'Milestone plan',
  financial_plan: 'Financial plan per period',
  dependencies_reviewed: 'Dependencies reviewed',
  business_case_validated: 'Business case validated by controller',
  approval_recommendation: 'Approval recommendation',
  all_milestones_done: 'All milestones done',
  value_confirmed: 'Value confirmed by controller',
  closure_evidence: 'Closure evidence',
};

export const MEASURE_ROLES: Record<string, string> = { owner: 'Owner', sponsor: 'Sponsor', controller: 'Controller' };


export type { GateFacts };

/** "1 risk", "2 risks", "0 dependencies": English plurals of the words the criteria use. */
const plural = (n: number, word: string) => `${n} ${n === 1 ? word : word.endsWith('y') ? `${word.slice(0, -1)}ies` : `${word}s`}`;
const filled = (v: string | null) => v !== null && v.trim() !== '';

export function criterionLabel(key: string, custom: GateFacts['custom'] = {}): string {
  if (key.startsWith('custom:')) return custom[key.slice(7)]?.label ?? key.slice(7);
  return CRITERIA_LABELS[key] ?? key;
}

function evaluateOne(key: string, f: GateFacts): { met: boolean; detail: string } {
  const text = (v: string | null) => ({ met: filled(v), detail: filled(v) ? 'filled' : 'empty' });
  const att = (k: string) => {
    const a = f.attestations[k];
    return a ? { met: true, detail: `confirmed by ${a.person} on ${a.at.slice(0, 10)}` } : { met: false, detail: 'not confirmed yet' };
  };
  switch (key) {
    case 'title':
      return text(f.title);
    case 'description':
      return text(f.description);
    case 'business_unit':
      return text(f.businessUnit);
    case 'function':
      return text(f.function);
    case 'owner':
    case 'sponsor':
    case 'controller': {
      const id = key === 'owner' ? f.ownerId : key === 'sponsor' ? f.sponsorId : f.controllerId;
      return { met: id !== null, detail: id ? 'assigned' : 'nobody assigned' };
    }
    case 'expected_effect':
      return { met: f.effectLines > 0, detail: f.effectLines ? plural(f.effectLines, 'effect line') : 'no effect line' };
    case 'baseline':
      return { met: f.baselineValues > 0, detail: f.baselineValues ? plural(f.baselineValues, 'baseline value') : 'no baseline value' };
    case 'target_value':
      return { met: f.targets > 0, detail: f.targets ? plural(f.targets, 'line') + ' with a target' : 'no target on any effect line' };
    case 'first_risks':
      return { met: f.risks > 0, detail: f.risks ? plural(f.risks, 'risk') : 'no risk recorded' };
    case 'milestone_plan':
      if (f.milestones === 0) return { met: false, detail: 'no milestones' };
      return f.milestonesDated === f.milestones
        ? { met: true, detail: `${plural(f.milestones, 'milestone')}, all dated` }
        : { met: false, detail: `${f.milestones - f.milestonesDated} of ${f.milestones} milestones have no due date` };
    case 'financial_plan':
      return { met: f.planPeriods > 0, detail: f.planPeriods ? `plan in ${plural(f.planPeriods, 'period')}` : 'no planned values' };
    case 'all_milestones_done':
      if (f.milestones === 0) return { met: false, detail: 'no milestones' };
      return { met: f.milestonesDone === f.milestones, detail: `${f.milestonesDone} of ${f.milestones} done` };
    case 'closure_evidence':
      return { met: f.evidence > 0, detail: f.evidence ? plural(f.evidence, 'evidence item') : 'no evidence attached' };
    case 'dependencies_reviewed': {
      const r = att(key);
      return { met: r.met, detail: `${plural(f.dependencies, 'dependency')} recorded; ${r.detail}` };
    }
    case 'business_case_validated':
    case 'approval_recommendation':
    case 'value_confirmed':
      return att(key);
    default:
      if (key.startsWith('custom:')) {
        const c = f.custom[key.slice(7)];
        if (!c) return { met: false, detail: 'no such custom field' };
        return { met: c.filled, detail: c.filled ? 'filled' : 'empty' };
      }
      return { met: false, detail: 'unknown criterion' };
  }
}

/** Each configured criterion of a level, met or not, with the reason in words. */
export function evaluateCriteria(criteria: readonly string[], facts: GateFacts): CriterionResult[] {
  return criteria.map((key) => {
    const r = evaluateOne(key, facts);
    return { key, label: criterionLabel(key, facts.custom), met: r.met, detail: r.detail };
  });
}

/** "DI3 needs: Controller ✗, Milestone plan ✗" — the refusal message of a request. */
export function missingMessage(level: number, results: CriterionResult[]): string {
  const missing = results.filter((r) => !r.met);
  return `DI${level} needs: ${missing.map((r) => `${r.label} (${r.detail})`).join(', ')}.`;
}

export interface ApproverContext {
  ownerId: string | null;
  sponsorId: string | null;
  controllerId: string | null;
  /** Workspace role key → people holding it. */
  roleHolders: Record<string, string[]>;
}

/** The people who may fill an approver slot: the measure's person for owner/sponsor/controller, else the role's holders. */
export function holdersOf(role: string, ctx: ApproverContext): string[] {
  if (role === 'owner') return ctx.ownerId ? [ctx.ownerId] : [];
  if (role === 'sponsor') return ctx.sponsorId ? [ctx.sponsorId] : [];
  if (role === 'controller') return ctx.controllerId ? [ctx.controllerId] : [];
  return ctx.roleHolders[role] ?? [];
}

export interface RequestRefusal {
  diLevel: number;
  toLevel: number;
  lifecycle: string;
  hasPending: boolean;
  maxLevel: number;
  /** The current level's approval was reset by an edit: re-requesting the same level is allowed. */
  reapproval?: boolean;
}

/** Why a gate request may not be made (null when it may); criteria are checked separately. */
export function requestRefusal(r: RequestRefusal): string | null {
  if (r.lifecycle !== 'active') return `The measure is ${r.lifecycle.replace('_', ' ')}; only active measures can request a gate.`;
  if (r.reapproval && r.toLevel === r.diLevel) return r.hasPending ? 'A request for this measure is already waiting for approval; decide or withdraw it first.' : null;
  if (r.diLevel >= r.maxLevel) return `The measure is already at DI${r.diLevel}, the top of the ladder.`;
  if (r.toLevel !== r.diLevel + 1) {
    return r.toLevel <= r.diLevel
      ? `The measure is already at DI${r.diLevel}; it can only request DI${r.diLevel + 1}.`
      : `Levels cannot be skipped: the measure is at DI${r.diLevel}, so the next gate is DI${r.diLevel + 1}, not DI${r.toLevel}.`;
  }
  if (r.hasPending) return 'A request for this measure is already waiting for approval; decide or withdraw it first.';
  return null;
}

export interface SlotCandidates {
  /** The slot's label ("Sponsor", "Steering committee sponsor"). */
  label: string;
  /** Who holds it, and whether they can approve where this gate wants it (their own copy). */
  holders: { id: string; name: string; canApproveHere: boolean }[];
}

/**
 * Why a request could never be approved (null when every approver slot has someone who
 * may fill it): nobody holds a slot's role, its only holder is the requester and the gate
 * does not allow approving one's own request, or its holders have no copy of their own
 * while the gate wants approvals from the approver's own copy.
 */
export function unapprovableRefusal(level: number, slots: SlotCandidates[], requesterId: string, selfApproval: boolean): string | null {
  for (const s of slots) {
    if (s.holders.length === 0) return `Nobody could approve this request: nobody holds the ${s.label} role that DI${level} needs. Assign it first.`;
    const others = selfApproval ? s.holders : s.holders.filter((h) => h.id !== requesterId);
    if (others.length === 0) {
      return `Nobody could approve this request: the ${s.label} approval can only come from ${s.holders[0]!.name}, who is making the request, and DI${level} does not allow approving one's own request. Ask someone else to request it, or give the role to another person.`;
    }
    if (!others.some((h) => h.canApproveHere)) {
      return `Nobody could approve this request: DI${level} approvals come from the approver's own copy, and ${others.map((h) => h.name).join(' or ')} ${others.length === 1 ? 'has' : 'have'} no copy of this workspace. Create a member copy for them first.`;
    }
  }
  return null;
}

export interface DecisionCheck {
  status: string;
  measureDeleted: boolean;
  actorId: string;
  requesterId: string;
  selfApproval: boolean;
  /** Open slots the actor holds. */
  actorSlots: string[];
  /** Every slot role the actor holds, open or already filled. */
  actorRoles: string[];
  approverRoles: string[];
}

/** Why the actor may not approve or reject this request (null when they may). */
export function decisionRefusal(d: DecisionCheck): { code: 'validation' | 'forbidden'; message: string } | null {
  if (d.status !== 'pending') return { code: 'validation', message: `This request is already ${d.status}; it cannot be decided again.` };
  if (d.measureDeleted) return { code: 'validation', message: 'The measure of this request was deleted; the request can no longer be decided.' };
  if (d.actorRoles.length === 0) {
    return { code: 'forbidden', message: `You are not an approver of this gate; it needs ${d.approverRoles.join(' + ')}.` };
  }
  if (d.actorSlots.length === 0) return { code: 'validation', message: 'Your approval is already recorded on this request.' };
  if (!d.selfApproval && d.actorId === d.requesterId) {
    return { code: 'forbidden', message: 'This gate does not allow approving your own request; another approver must decide.' };
  }
  return null;
}

/** Approvals that still count: with reset-on-edit, an edit of the definition after an approval voids it. */
export function approvalStillValid(approvedHlc: string, lastDefinitionEditHlc: string | null, resetOnEdit: boolean): boolean {
  return !resetOnEdit || lastDefinitionEditHlc === null || lastDefinitionEditHlc <= approvedHlc;
}

/** Whole days between two ISO instants (the "approval aging" of the pack). */
export function ageDays(fromIso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(fromIso)) / 86_400_000));
}

export interface LifecycleCheck {
  action: LifecycleAction;
  lifecycle: string;
  reason: string;
  reviewDate: string | null;
  actorId: string;
  sponsorId: string | null;
  controllerId: string | null;
  /** The actor holds the workspace's steering committee sponsor role. */
  actorIsSteering: boolean;
  evidence: number;
  /** From the decision-rights matrix, when it names who decides this action (else the brief's defaults below). */
  rights?: LifecycleRights | null;
}

export const LIFECYCLE_TARGET: Record<LifecycleAction, string> = { hold: 'on_hold', resume: 'active', cancel: 'cancelled', close: 'closed' };
const FROM: Record<LifecycleAction, string[]> = { hold: ['active'], resume: ['on_hold'], cancel: ['active', 'on_hold'], close: ['active', 'on_hold'] };

/**
 * Who decides: hold, resume and cancel the measure's sponsor or a steering committee
 * sponsor; close the measure's controller, with evidence attached.
 */
export function lifecycleRefusal(c: LifecycleCheck): { code: 'validation' | 'forbidden'; message: string } | null {
  if (!FROM[c.action].includes(c.lifecycle)) {
    return { code: 'validation', message: `A measure that is ${c.lifecycle.replace('_', ' ')} cannot be ${verb(c.action)}.` };
  }
  const r = c.rights;
  if (c.action === 'close') {
    if (r ? !r.decides : c.actorId !== c.controllerId) {
      return {
        code: 'forbidden',
        message: !r || (r.roles.length === 1 && r.roles[0] === 'controller') ? "Closing needs the controller's confirmation: only the measure's controller may close it." : `Only ${r.inWords} may close a measure (decision rights).`,
      };
    }
    if (c.evidence === 0) return { code: 'validation', message: 'Closing needs closure evidence: attach a file, link or note first.' };
  } else if (r ? !r.decides : c.actorId !== c.sponsorId && !c.actorIsSteering) {
    return { code: 'forbidden', message: `Only ${r ? r.inWords : "the measure's sponsor or a steering committee sponsor"} may ${c.action} a measure.` };
  }
  if ((c.action === 'hold' || c.action === 'cancel' || c.action === 'close') && c.reason.trim() === '') {
    return { code: 'validation', message: `A reason is required to ${c.action === 'hold' ? 'put a measure on hold' : c.action + ' a measure'}.` };
  }
  if (c.action === 'hold') {
    if (!c.reviewDate) return { code: 'validation', message: 'Putting a measure on hold needs a review date.' };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(c.reviewDate) || Number.isNaN(Date.parse(c.reviewDate))) return { code: 'validation', message: `"${c.reviewDate}" is not a date (YYYY-MM-DD).` };
  }
  return null;
}

export interface CloseCheck {
  diLevel: number;
  topLevel: number;
  /** The controller's value confirmation is recorded, or given with the close. */
  valueConfirmed: boolean;
  withoutValueConfirmation: boolean;
}

/**
 * How closing moves the level: from the level below the top it passes the top gate ("value
 * realised and confirmed by controller"), so the confirmation is required; anywhere else (or
 * when the closer says so) the measure closes at its level, explicitly without confirmed value.
 * Returns the level after closing, or the refusal.
 */
export function closeOutcome(c: CloseCheck): { toLevel: number } | { refusal: string } {
  if (c.withoutValueConfirmation || c.diLevel >= c.topLevel) return { toLevel: c.diLevel };
  if (c.diLevel < c.topLevel - 1) {
    return {
      refusal: `The measure is at DI${c.diLevel}: closing it cannot confirm its value (DI${c.topLevel} needs DI${c.topLevel - 1} first). Close it explicitly without value confirmation; it stays at DI${c.diLevel}.`,
    };
  }
  if (!c.valueConfirmed) {
    return {
      refusal: `Closing at DI${c.diLevel} passes DI${c.topLevel}: the controller confirms the realised value first, or the measure is closed explicitly without value confirmation (it stays at DI${c.diLevel}).`,
    };
  }
  return { toLevel: c.topLevel };
}

function verb(a: LifecycleAction): string {
  return { hold: 'put on hold', resume: 'resumed', cancel: 'cancelled', close: 'closed' }[a];
}

export interface AttestationPeople {
  ownerId: string | null;
  sponsorId: string | null;
  controllerId: string | null;
  /** The person holds the workspace's steering committee sponsor role. */
  isSteering: boolean;
}

/**
 * Who may confirm what: the controller the controller's confirmations (business case
 * validated, value confirmed); the approval recommendation and the dependency review
 * someone with a role on the measure (its owner, sponsor or controller) or a steering
 * committee sponsor. Nobody else, so a confirmation always has a role behind it.
 */
export function attestationRefusal(key: AttestationKey | string, actorId: string, m: AttestationPeople): string | null {
  const label = CRITERIA_LABELS[key] ?? key;
  if (key === 'business_case_validated' || key === 'value_confirmed') {
    return actorId === m.controllerId ? null : `Only the measure's controller may confirm "${label}".`;
  }
  if (key === 'approval_recommendation' || key === 'dependencies_reviewed') {
    return [m.ownerId, m.sponsorId, m.controllerId].includes(actorId) || m.isSteering
      ? null
      : `Only the measure's owner, sponsor or controller, or a steering committee sponsor, may confirm "${label}".`;
  }
  return `"${label}" is not something a person confirms.`;
}
