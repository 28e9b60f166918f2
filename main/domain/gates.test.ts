import { describe, expect, it } from 'vitest';
import { ageDays, approvalStillValid, attestationRefusal, decisionRefusal, evaluateCriteria, holdersOf, lifecycleRefusal, missingMessage, requestRefusal, unapprovableRefusal, type GateFacts } from './gates.js';

const facts = (over: Partial<GateFacts> = {}): GateFacts => ({
  title: 'Tiered pricing',
  description: 'Three tiers',
  businessUnit: 'Services',
  function: 'Sales',
  ownerId: 'o',
  sponsorId: 's',
  controllerId: null,
  effectLines: 0,
  targets: 0,
  baselineValues: 0,
  planPeriods: 0,
  risks: 0,
  milestones: 0,
  milestonesDated: 0,
  milestonesDone: 0,
  dependencies: 0,
  evidence: 0,
  attestations: {},
  custom: {},
  ...over,
});

describe('evaluateCriteria', () => {
  it('says which built-in criteria are met and why', () => {
    const r = evaluateCriteria(['title', 'controller', 'milestone_plan', 'financial_plan'], facts({ milestones: 3, milestonesDated: 2 }));
    expect(r.map((c) => [c.key, c.met])).toEqual([
      ['title', true],
      ['controller', false],
      ['milestone_plan', false],
      ['financial_plan', false],
    ]);
    expect(r[2]!.detail).toBe('1 of 3 milestones have no due date');
    expect(missingMessage(3, r)).toBe('DI3 needs: Controller (nobody assigned), Milestone plan (1 of 3 milestones have no due date), Financial plan per period (no planned values).');
  });

  it('treats whitespace as empty and counts milestones, risks, plan periods and evidence', () => {
    const f = facts({ description: '  ', risks: 2, planPeriods: 12, milestones: 2, milestonesDated: 2, milestonesDone: 2, evidence: 1 });
    const r = Object.fromEntries(evaluateCriteria(['description', 'first_risks', 'financial_plan', 'milestone_plan', 'all_milestones_done', 'closure_evidence'], f).map((c) => [c.key, c.met]));
    expect(r).toEqual({ description: false, first_risks: true, financial_plan: true, milestone_plan: true, all_milestones_done: true, closure_evidence: true });
    expect(evaluateCriteria(['all_milestones_done'], facts())[0]!.met).toBe(false);
  });

  it('uses attestations with who and when, and custom fields by key', () => {
    const f = facts({ attestations: { business_case_validated: { person: 'Sofia Almeida', at: '2026-03-02T10:00:00Z' } }, custom: { sla: { label: 'SLA tier', filled: false } } });
    const r = evaluateCriteria(['business_case_validated', 'value_confirmed', 'custom:sla', 'custom:gone'], f);
    expect(r[0]).toMatchObject({ met: true, detail: 'confirmed by Sofia Almeida on 2026-03-02' });
    expect(r[1]!.met).toBe(false);
    expect(r[2]).toMatchObject({ label: 'SLA tier', met: false });
    expect(r[3]).toMatchObject({ met: false, detail: 'no such custom field' });
  });
});

describe('request and decision rules', () => {
  const base = { diLevel: 2, toLevel: 3, lifecycle: 'active', hasPending: false, maxLevel: 5 };
  it('refuses skipping, going back, the top, inactive measures and a second request', () => {
    expect(requestRefusal(base)).toBeNull();
    expect(requestRefusal({ ...base, toLevel: 4 })).toMatch(/cannot be skipped/);
    expect(requestRefusal({ ...base, toLevel: 2 })).toMatch(/already at DI2/);
    expect(requestRefusal({ ...base, diLevel: 5, toLevel: 6 })).toMatch(/top of the ladder/);
    expect(requestRefusal({ ...base, lifecycle: 'on_hold' })).toMatch(/on hold/);
    expect(requestRefusal({ ...base, hasPending: true })).toMatch(/already waiting/);
  });

  it('resolves measure-relative and workspace roles', () => {
    const ctx = { ownerId: 'o', sponsorId: 's', controllerId: null, roleHolders: { steering_sponsor: ['h', 'm'] } };
    expect(holdersOf('sponsor', ctx)).toEqual(['s']);
    expect(holdersOf('controller', ctx)).toEqual([]);
    expect(holdersOf('steering_sponsor', ctx)).toEqual(['h', 'm']);
  });

  it('refuses decisions on closed requests, by non-holders, twice, and self-approval where forbidden', () => {
    const d = { status: 'pending', measureDeleted: false, actorId: 's', requesterId: 'o', selfApproval: false, actorSlots: ['sponsor'], actorRoles: ['sponsor'], approverRoles: ['Sponsor'] };
    expect(decisionRefusal(d)).toBeNull();
    expect(decisionRefusal({ ...d, status: 'approved' })?.message).toMatch(/already approved/);
    expect(decisionRefusal({ ...d, measureDeleted: true })?.message).toMatch(/deleted/);
    expect(decisionRefusal({ ...d, actorRoles: [], actorSlots: [] })).toMatchObject({ code: 'forbidden' });
    expect(decisionRefusal({ ...d, actorSlots: [] })?.message).toMatch(/already recorded/);
    expect(decisionRefusal({ ...d, requesterId: 's' })).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/own request/) });
    expect(decisionRefusal({ ...d, requesterId: 's', selfApproval: true })).toBeNull();
  });

  it('voids approvals older than the last definition edit only when reset-on-edit is on', () => {
    expect(approvalStillValid('000000000000002.000000', '000000000000003.000000', true)).toBe(false);
    expect(approvalStillValid('000000000000002.000000', '000000000000003.000000', false)).toBe(true);
    expect(approvalStillValid('000000000000004.000000', '000000000000003.000000', true)).toBe(true);
    expect(approvalStillValid('000000000000004.000000', null, true)).toBe(true);
  });

  it('ages requests in whole days', () => {
    expect(ageDays('2026-01-01T12:00:00Z', new Date('2026-01-04T11:00:00Z'))).toBe(2);
  });
});

describe('lifecycle rules', () => {
  const c = { action: 'hold' as const, lifecycle: 'active', reason: 'Budget', reviewDate: '2026-09-01', actorId: 's', sponsorId: 's', controllerId: 'c', actorIsSteering: false, evidence: 0 };
  it('lets the sponsor or a steering sponsor hold, resume and cancel, with reason and review date', () => {
    expect(lifecycleRefusal(c)).toBeNull();
    expect(lifecycleRefusal({ ...c, actorId: 'x' })).toMatchObject({ code: 'forbidden' });
    expect(lifecycleRefusal({ ...c, actorId: 'x', actorIsSteering: true })).toBeNull();
    expect(lifecycleRefusal({ ...c, reason: ' ' })?.message).toMatch(/reason is required/);
    expect(lifecycleRefusal({ ...c, reviewDate: null })?.message).toMatch(/review date/);
    expect(lifecycleRefusal({ ...c, reviewDate: '2026-13-45' })?.message).toMatch(/not a date/);
    expect(lifecycleRefusal({ ...c, action: 'resume' })?.message).toMatch(/cannot be resumed/);
    expect(lifecycleRefusal({ ...c, action: 'cancel', lifecycle: 'closed' })?.message).toMatch(/closed cannot be cancelled/);
  });
  it('lets only the controller close, with evidence', () => {
    expect(lifecycleRefusal({ ...c, action: 'close' })).toMatchObject({ code: 'forbidden' });
    expect(lifecycleRefusal({ ...c, action: 'close', actorId: 'c' })?.message).toMatch(/closure evidence/);
    expect(lifecycleRefusal({ ...c, action: 'close', actorId: 'c', evidence: 1 })).toBeNull();
  });
});

describe('a request nobody could approve', () => {
  const sofia = { id: 's', name: 'Sofia Lind', canApproveHere: true };
  const tom = { id: 't', name: 'Tom Eriksen', canApproveHere: false };
  it('names the slot and why: nobody holds it, only the requester, or no one with a copy of their own', () => {
    expect(unapprovableRefusal(3, [{ label: 'Sponsor', holders: [sofia] }], 's', false)).toMatch(/the Sponsor approval can only come from Sofia Lind, who is making the request, and DI3 does not allow/);
    expect(unapprovableRefusal(3, [{ label: 'Sponsor', holders: [sofia] }], 's', true)).toBeNull();
    expect(unapprovableRefusal(2, [{ label: 'Steering committee sponsor', holders: [] }], 's', false)).toMatch(/nobody holds the Steering committee sponsor role/);
    expect(unapprovableRefusal(5, [{ label: 'Controller', holders: [tom] }], 's', false)).toMatch(/DI5 approvals come from the approver's own copy, and Tom Eriksen has no copy/);
    expect(unapprovableRefusal(3, [{ label: 'Sponsor', holders: [sofia, tom] }], 't', false)).toBeNull();
  });
});

describe('who may confirm what', () => {
  const m = { ownerId: 'o', sponsorId: 's', controllerId: 'c', isSteering: false };
  it('the controller its confirmations; the approval recommendation someone with a role on the measure', () => {
    expect(attestationRefusal('business_case_validated', 'c', m)).toBeNull();
    expect(attestationRefusal('business_case_validated', 's', m)).toMatch(/Only the measure's controller/);
    expect(attestationRefusal('approval_recommendation', 'o', m)).toBeNull();
    expect(attestationRefusal('approval_recommendation', 'tom', m)).toMatch(/owner, sponsor or controller, or a steering committee sponsor/);
    expect(attestationRefusal('approval_recommendation', 'tom', { ...m, isSteering: true })).toBeNull();
  });
});
