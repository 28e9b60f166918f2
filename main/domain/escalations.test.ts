import { describe, expect, it } from 'vitest';
import { approvalAgeRule, evaluateRules, isOverdue, isStale, reconcile, redStreak, type EscalationRule } from './escalations.js';

const rule = (key: EscalationRule['key'], threshold: number, enabled = true): EscalationRule => ({ key, threshold, level: 'program', enabled });

describe('escalation rules', () => {
  it('red implementation status counts consecutive updates, latest last', () => {
    expect(redStreak(['green', 'red', 'red'])).toBe(2);
    expect(redStreak(['red', 'red', 'amber'])).toBe(0);
    expect(redStreak([])).toBe(0);
    const facts = { today: '2026-06-10', approvals: [], lateDependencies: [], raidItems: [] };
    const history = [
      { measureId: 'a', code: 'M-1', statuses: ['amber', 'red', 'red'] },
      { measureId: 'b', code: 'M-2', statuses: ['amber', 'red'] },
    ];
    expect(evaluateRules([rule('red_status', 2)], { ...facts, statusHistory: history }).map((t) => t.subjectId)).toEqual(['a']);
    expect(evaluateRules([rule('red_status', 2, false)], { ...facts, statusHistory: history })).toEqual([]);
  });

  it('approval older than N days, from the gate requests’ facts', () => {
    const facts = [
      { requestId: 'g1', measureId: 'm1', createdAt: '2026-05-01T10:00:00Z' },
      { requestId: 'g2', measureId: 'm2', createdAt: '2026-06-05' },
    ];
    const t = approvalAgeRule({ ...rule('approval_age', 14), level: 'steering' }, facts, '2026-06-10');
    expect(t).toEqual([expect.objectContaining({ subjectId: 'g1', level: 'steering', subjectKey: 'approval_age:g1', reason: expect.stringContaining('40 days') })]);
  });

  it('dependency overdue beyond the grace days; RAID items overdue and stale', () => {
    const base = { today: '2026-06-10', statusHistory: [], approvals: [], raidItems: [] };
    const late = [{ dependencyId: 'd1', waitingCode: 'M-2', upstreamLabel: 'M-1 IT config', lateSince: '2026-06-08' }];
    expect(evaluateRules([rule('dependency_overdue', 0)], { ...base, lateDependencies: late })[0]!.reason).toBe('M-2 waits on M-1 IT config, late by 2 days');
    expect(evaluateRules([rule('dependency_overdue', 5)], { ...base, lateDependencies: late })).toEqual([]);
    const r = { id: 'r', code: 'R-1', status: 'open', dueDate: '2026-06-01', updatedAt: '2026-05-01T00:00:00Z' };
    expect(isOverdue(r, '2026-06-10')).toBe(true);
    expect(isOverdue({ ...r, status: 'closed' }, '2026-06-10')).toBe(false);
    expect(isStale(r, '2026-06-10', 14)).toBe(true);
    expect(isStale(r, '2026-05-10', 14)).toBe(false);
    const t = evaluateRules([rule('raid_overdue', 7), rule('raid_stale', 14)], { ...base, lateDependencies: [], raidItems: [r] });
    expect(t.map((x) => x.ruleKey)).toEqual(['raid_overdue', 'raid_stale']);
  });

  it('reconcile raises new triggers once and resolves the ones that are gone', () => {
    const t = { subjectKey: 'k1', ruleKey: 'raid_stale' as const, subjectKind: 'raid_item' as const, subjectId: 'r', level: 'project' as const, reason: '' };
    expect(reconcile([t], new Map())).toEqual({ raise: [t], resolve: [] });
    expect(reconcile([t], new Map([['k1', 'e1']]))).toEqual({ raise: [], resolve: [] });
    expect(reconcile([], new Map([['k1', 'e1']]))).toEqual({ raise: [], resolve: ['e1'] });
  });
});
