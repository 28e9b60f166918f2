import type { Database } from '../../db/connection.js';
import { NotFoundError } from '../../db/errors.js';
import { listRaid } from '../../db/repositories/raid.js';
import { listEscalations, listRules, openEscalationKeys, pendingApprovals, redStatusHistories } from '../../db/repositories/raid-escalations.js';
import type { Escalation } from '../../preload/contract.js';
import { evaluateRules, reconcile, type EscalationRule, type Trigger } from '../domain/escalations.js';
import type { Handlers } from './handlers.js';
import { lateDependencyFacts } from './raid-deps.js';
import { today } from './raid-common.js';
import type { ApiSession } from './session.js';
import { nowIso } from '../../db/clock.js';
import { templateRuleName, templateTriggers } from './template-triggers.js';

type K = 'escalations:list' | 'escalations:rules' | 'escalations:updateRule';

/** Every trigger that holds now, from the workspace's facts and its configured rules. */
export function currentTriggers(db: Database, day = today()): Trigger[] {
  const rules = listRules(db) as unknown as EscalationRule[];
  return evaluateRules(rules, {
    today: day,
    statusHistory: redStatusHistories(db),
    approvals: pendingApprovals(db),
    lateDependencies: lateDependencyFacts(db, day),
    raidItems: listRaid(db),
  }).concat(templateTriggers(db, day));
}

/** What an escalation is about, in words, and the measure to open for it. */
function describeSubjects(db: Database): (kind: string, id: string) => { subject: string; measureId: string | null } {
  const measures = new Map((db.prepare('SELECT id, code, title FROM measures').all() as { id: string; code: string; title: string }[]).map((m) => [m.id, m]));
  const raid = new Map((db.prepare('SELECT id, code, title, measure_id AS measureId FROM raid_items').all() as { id: string; code: string; title: string; measureId: string | null }[]).map((r) => [r.id, r]));
  const deps = new Map((db.prepare('SELECT id, measure_id AS measureId FROM dependencies').all() as { id: string; measureId: string }[]).map((d) => [d.id, d.measureId]));
  return (kind, id) => {
    if (kind === 'measure') {
      const m = measures.get(id);
      return { subject: m ? `${m.code} ${m.title}` : id, measureId: m ? id : null };
    }
    if (kind === 'raid_item') {
      const r = raid.get(id);
      return { subject: r ? `${r.code} ${r.title}` : id, measureId: r?.measureId ?? null };
    }
    if (kind === 'dependency') {
      const m = measures.get(deps.get(id) ?? '');
      return { subject: m ? `${m.code} ${m.title}` : 'Dependency', measureId: m?.id ?? null };
    }
    return { subject: 'Gate request', measureId: null };
  };
}

/** A rule's name with its threshold in place of "N": "Gate approval pending for more than 14 days". */
export function ruleTitle(r: { name: string; threshold: number }): string {
  return r.name.replace(/\bN\b/g, r.threshold.toLocaleString('en-US'));
}

export function escalationHandlers(s: ApiSession): Pick<Handlers, K> {
  return {
    'escalations:list': ({ includeResolved }) => {
      const db = s.db();
      const triggers = currentTriggers(db);
      const { raise, resolve } = reconcile(triggers, openEscalationKeys(db));
      if (raise.length || resolve.length) {
        // Raising is the system noticing, not a user edit: not an undo step.
        const now = nowIso();
        s.act(
          'Evaluate escalation rules',
          (w) => {
            for (const t of raise) {
              w.insert('escalations', { subject_key: t.subjectKey, rule_key: t.ruleKey, subject_kind: t.subjectKind, subject_id: t.subjectId, level: t.level, reason: t.reason, raised_at: now, status: 'open', resolved_at: null });
            }
            for (const id of resolve) w.update('escalations', id, { status: 'resolved', resolved_at: now });
          },
          { undoable: false },
        );
      }
      const names = new Map(listRules(db).map((r) => [r.key, ruleTitle(r)]));
      const describe = describeSubjects(db);
      const raised: Escalation[] = listEscalations(db, includeResolved ?? false).map((e) => ({
        id: e.id,
        ruleKey: e.ruleKey,
        ruleName: names.get(e.ruleKey) ?? templateRuleName(db, e.ruleKey) ?? e.ruleKey,
        subjectKind: e.subjectKind,
        subjectId: e.subjectId,
        ...describe(e.subjectKind, e.subjectId),
        level: e.level as Escalation['level'],
        reason: e.reason,
        raisedAt: e.raisedAt,
        status: e.status,
      }));
      // Items escalated by hand in the RAID log are escalations too.
      const manual: Escalation[] = listRaid(db)
        .filter((r) => r.escalated === 1 && r.status !== 'closed')
        .map((r) => ({
          id: `raid:${r.id}`,
          ruleKey: 'manual',
          ruleName: 'Escalated in the RAID log',
          subjectKind: 'raid_item',
          subjectId: r.id,
          subject: `${r.code} ${r.title}`,
          measureId: r.measureId,
          level: r.escalationLevel ?? 'project',
          reason: r.nextAction ? `Next action: ${r.nextAction}` : 'Escalated by its owner',
          raisedAt: r.updatedAt ?? '',
          status: 'open' as const,
        }));
      const rank = { steering: 0, program: 1, project: 2 };
      return [...manual, ...raised].sort((a, b) => rank[a.level] - rank[b.level] || b.raisedAt.localeCompare(a.raisedAt));
    },
    'escalations:rules': () => listRules(s.db()),
    'escalations:updateRule': ({ id, threshold, level, enabled }) => {
      const rule = listRules(s.db()).find((r) => r.id === id);
      if (!rule) throw new NotFoundError(`No escalation rule ${id}.`);
      const cols: Record<string, string | number> = {};
      if (threshold !== undefined) cols.threshold = threshold;
      if (level) cols.level = level;
      if (enabled !== undefined) cols.enabled = enabled ? 1 : 0;
      s.act(`Edit escalation rule ${rule.name}`, (w) => w.update('escalation_rules', id, cols));
      return listRules(s.db()).find((r) => r.id === id)!;
    },
  };
}
