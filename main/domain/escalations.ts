/**
 * Escalation triggers: configurable rules evaluated over facts read from the workspace.
 * Pure: the caller loads the facts (status history from the change log, gate requests,
 * late upstream measures, RAID items) and persists what this returns.
 */
import { daysBetween } from './dependencies.js';

export type EscalationLevel = 'project' | 'program' | 'steering';
export const RULE_KEYS = ['red_status', 'approval_age', 'dependency_overdue', 'raid_overdue', 'raid_stale'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

export interface EscalationRule {
  key: RuleKey;
  threshold: number;
  level: EscalationLevel;
  enabled: boolean;
}

export type SubjectKind = 'measure' | 'raid_item' | 'dependency' | 'gate_request';

/** A condition that holds now and calls for an escalation. `subjectKey` makes it idempotent. */
export interface Trigger {
  subjectKey: string;
  ruleKey: RuleKey;
  subjectKind: SubjectKind;
  subjectId: string;
  level: EscalationLevel;
  reason: string;
}

/** A measure's implementation status after each of its updates, oldest first. */
export interface StatusHistory {
  measureId: string;
  code: string;
  statuses: string[];
}

/** How many of the latest updates in a row left the status red. */
export function redStreak(statuses: readonly string[]): number {
  let n = 0;
  for (let i = statuses.length - 1; i >= 0 && statuses[i] === 'red'; i--) n++;
  return n;
}

export function redStatusRule(rule: EscalationRule, history: readonly StatusHistory[]): Trigger[] {
  const out: Trigger[] = [];
  for (const h of history) {
    const n = redStreak(h.statuses);
    if (n >= Math.max(1, rule.threshold)) {
      out.push({
        subjectKey: `red_status:${h.measureId}`,
        ruleKey: 'red_status',
        subjectKind: 'measure',
        subjectId: h.measureId,
        level: rule.level,
        reason: `${h.code} implementation status red for ${n} updates in a row`,
      });
    }
  }
  return out;
}

/** A pending gate approval (the gates feature's requests). */
export interface ApprovalFact {
  requestId: string;
  measureId: string;
  createdAt: string;
  code?: string;
}

export function approvalAgeRule(rule: EscalationRule, facts: readonly ApprovalFact[], today: string): Trigger[] {
  const out: Trigger[] = [];
  for (const f of facts) {
    const age = daysBetween(f.createdAt, today);
    if (age > rule.threshold) {
      out.push({
        subjectKey: `approval_age:${f.requestId}`,
        ruleKey: 'approval_age',
        subjectKind: 'gate_request',
        subjectId: f.requestId,
        level: rule.level,
        reason: `${f.code ?? 'Gate request'} approval pending for ${age} days (limit ${rule.threshold})`,
      });
    }
  }
  return out;
}

/** A dependency whose upstream is late: the waiting measure, and by how many days. */
export interface LateDependencyFact {
  dependencyId: string;
  waitingCode: string;
  upstreamLabel: string;
  /** The upstream's due date (measure) or needed-by date (external party). */
  lateSince: string;
}

export function dependencyOverdueRule(rule: EscalationRule, facts: readonly LateDependencyFact[], today: string): Trigger[] {
  const out: Trigger[] = [];
  for (const f of facts) {
    const late = daysBetween(f.lateSince, today);
    if (late > rule.threshold) {
      out.push({
        subjectKey: `dependency_overdue:${f.dependencyId}`,
        ruleKey: 'dependency_overdue',
        subjectKind: 'dependency',
        subjectId: f.dependencyId,
        level: rule.level,
        reason: `${f.waitingCode} waits on ${f.upstreamLabel}, late by ${late} day${late === 1 ? '' : 's'}`,
      });
    }
  }
  return out;
}

export interface RaidFact {
  id: string;
  code: string;
  status: string;
  dueDate: string | null;
  updatedAt: string | null;
}

const isOpen = (r: RaidFact) => r.status !== 'closed' && r.status !== 'mitigated';

/** Open item past its due date (0 = due today is not overdue yet). */
export function isOverdue(r: RaidFact, today: string, graceDays = 0): boolean {
  return isOpen(r) && !!r.dueDate && daysBetween(r.dueDate, today) > graceDays;
}

/** Open item with no update for more than `days` days — the stale RAID log. */
export function isStale(r: RaidFact, today: string, days: number): boolean {
  return isOpen(r) && !!r.updatedAt && daysBetween(r.updatedAt, today) > days;
}

export function raidRules(overdue: EscalationRule | undefined, stale: EscalationRule | undefined, items: readonly RaidFact[], today: string): Trigger[] {
  const out: Trigger[] = [];
  for (const r of items) {
    if (overdue?.enabled && isOverdue(r, today, overdue.threshold)) {
      out.push({
        subjectKey: `raid_overdue:${r.id}`,
        ruleKey: 'raid_overdue',
        subjectKind: 'raid_item',
        subjectId: r.id,
        level: overdue.level,
        reason: `${r.code} is ${daysBetween(r.dueDate!, today)} days past its due date`,
      });
    }
    if (stale?.enabled && isStale(r, today, stale.threshold)) {
      out.push({
        subjectKey: `raid_stale:${r.id}`,
        ruleKey: 'raid_stale',
        subjectKind: 'raid_item',
        subjectId: r.id,
        level: stale.level,
        reason: `${r.code} not updated for ${daysBetween(r.updatedAt!, today)} days`,
      });
    }
  }
  return out;
}

export interface EscalationFacts {
  today: string;
  statusHistory: StatusHistory[];
  approvals: ApprovalFact[];
  lateDependencies: LateDependencyFact[];
  raidItems: RaidFact[];
}

/** Every trigger of every enabled rule. */
export function evaluateRules(rules: readonly EscalationRule[], f: EscalationFacts): Trigger[] {
  const by = new Map(rules.filter((r) => r.enabled).map((r) => [r.key, r]));
  const out: Trigger[] = [];
  const red = by.get('red_status');
  if (red) out.push(...redStatusRule(red, f.statusHistory));
  const age = by.get('approval_age');
  if (age) out.push(...approvalAgeRule(age, f.approvals, f.today));
  const dep = by.get('dependency_overdue');
  if (dep) out.push(...dependencyOverdueRule(dep, f.lateDependencies, f.today));
  out.push(...raidRules(by.get('raid_overdue'), by.get('raid_stale'), f.raidItems, f.today));
  return out;
}

/** What to write: triggers not yet raised, and raised escalations whose trigger is gone. */
export function reconcile(triggers: readonly Trigger[], openKeys: ReadonlyMap<string, string>): { raise: Trigger[]; resolve: string[] } {
  const now = new Set(triggers.map((t) => t.subjectKey));
  return {
    raise: triggers.filter((t) => !openKeys.has(t.subjectKey)),
    resolve: [...openKeys].filter(([key]) => !now.has(key)).map(([, id]) => id),
  };
}
