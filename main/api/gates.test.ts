import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../db/changes.js';
import type { Measure } from '../../preload/contract.js';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';

let api: Api;
let cleanup: () => void;
beforeEach(async () => {
  ({ api, cleanup } = await apiWithWorkspace());
});
afterEach(() => cleanup());

const db = () => api.session.db();
const changes = () => (db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
const as = (personId: string | null) => api.call('session:setActor', { personId });
const atLevel = async (level: number): Promise<Measure> =>
  (await api.call('measures:list', {})).find((m) => m.diLevel === level && m.lifecycle === 'active' && m.controllerId && m.sponsorId !== m.ownerId && m.controllerId !== m.ownerId && m.sponsorId !== m.controllerId)!;
const personWithout = async (ids: (string | null)[]) => (await api.call('people:list', {})).find((p) => !ids.includes(p.id) && !p.roles.includes('steering_sponsor'))!;

/** Gives a measure what DI1 asks for: a target, a baseline, a first risk (rows written like other features do). */
function fillDi1Facts(measureId: string): void {
  runAction(db(), { actor: 'test', label: 'facts' }, (w) => {
    const line = w.insert('effect_lines', { measure_id: measureId, type: 'recurring_benefit', label: 'Savings', target: 1_200_000 });
    w.insert('effect_values', { line_id: line, period: '2026-01', plan: 100_000, baseline: 0 }, `${line}:2026-01`);
    w.insert('raid_items', { code: `R-${measureId.slice(0, 6)}`, kind: 'risk', title: 'Supplier delay', measure_id: measureId });
  });
}

describe('criteria of the next gate', () => {
  it('lists met and missing criteria in words and refuses a request whose criteria are not met, writing nothing', async () => {
    const m = await atLevel(0);
    const st = await api.call('gates:status', { measureId: m.id });
    expect(st.next?.level).toBe(1);
    expect(st.next?.criteria.find((c) => c.key === 'owner')).toMatchObject({ met: true });
    expect(st.next?.criteria.find((c) => c.key === 'first_risks')).toMatchObject({ met: false, detail: 'no risk recorded' });
    await as(m.ownerId);
    const before = changes();
    await expect(api.call('gates:request', { measureId: m.id, toLevel: 1 })).rejects.toMatchObject({
      body: { code: 'validation', message: expect.stringMatching(/^DI1 needs: .*Baseline.*First risks/) },
    });
    expect(changes()).toBe(before);
    fillDi1Facts(m.id);
    const ready = (await api.call('gates:readiness', {})).find((r) => r.measureId === m.id)!;
    expect(ready).toMatchObject({ next: 1, ready: true, missing: [] });
  });
});

describe('request → approve → level change', () => {
  it('moves DI2 → DI3 only when sponsor and controller both approved, with history and aging', async () => {
    const m = await atLevel(2);
    await as(m.controllerId);
    await api.call('gates:attest', { measureId: m.id, key: 'business_case_validated', note: 'NPV checked' });
    await as(m.ownerId);
    await api.call('gates:attest', { measureId: m.id, key: 'approval_recommendation' });
    const req = await api.call('gates:request', {
      measureId: m.id,
      toLevel: 3,
      comment: 'Ready for decision',
      evidence: [{ kind: 'file', name: 'case.txt', content: Buffer.from('business case').toString('base64'), mime: 'text/plain' }, { kind: 'link', url: 'https://example.com/case' }],
    });
    expect(req).toMatchObject({ status: 'pending', fromLevel: 2, toLevel: 3, requesterId: m.ownerId, ageDays: 0 });
    expect(req.slots.map((x) => x.role)).toEqual(['sponsor', 'controller']);
    expect(req.evidence).toHaveLength(2);
    const file = await api.call('gates:evidenceFile', { id: req.evidence.find((e) => e.kind === 'file')!.id });
    expect(Buffer.from(file.content, 'base64').toString()).toBe('business case');

    const inbox = await api.call('gates:inbox', {});
    expect(inbox.map((r) => r.id)).toContain(req.id);
    await as(m.sponsorId);
    expect((await api.call('gates:inbox', { mine: true })).map((r) => r.id)).toEqual([req.id]);
    const half = await api.call('gates:decide', { requestId: req.id, decision: 'approve', comment: 'Go' });
    expect(half.status).toBe('pending');
    expect((await api.call('measures:get', { id: m.id })).diLevel).toBe(2);
    await as(m.controllerId);
    const done = await api.call('gates:decide', { requestId: req.id, decision: 'approve' });
    expect(done.status).toBe('approved');
    expect((await api.call('measures:get', { id: m.id })).diLevel).toBe(3);
    const history = await api.call('measures:history', { id: m.id });
    expect(history.find((h) => h.field === 'di_level')).toMatchObject({ oldValue: 2, newValue: 3 });
    // Approving a closed request is refused.
    const before = changes();
    await expect(api.call('gates:decide', { requestId: req.id, decision: 'approve' })).rejects.toMatchObject({ body: { message: /already approved/ } });
    expect(changes()).toBe(before);
  });

  it('a rejection closes the request with its reason; a rejection without reason is refused', async () => {
    const m = await atLevel(2);
    await as(m.controllerId);
    await api.call('gates:attest', { measureId: m.id, key: 'business_case_validated' });
    await api.call('gates:attest', { measureId: m.id, key: 'approval_recommendation' });
    await as(m.ownerId);
    const req = await api.call('gates:request', { measureId: m.id, toLevel: 3 });
    await as(m.sponsorId);
    await expect(api.call('gates:decide', { requestId: req.id, decision: 'reject' })).rejects.toMatchObject({ body: { message: /needs a reason/ } });
    const r = await api.call('gates:decide', { requestId: req.id, decision: 'reject', comment: 'Business case too thin' });
    expect(r).toMatchObject({ status: 'rejected', closeReason: 'Business case too thin' });
    expect((await api.call('measures:get', { id: m.id })).diLevel).toBe(2);
  });
});

describe('refusals (clear message, nothing written)', () => {
  it('refuses skipping levels, requesting twice, self-approval, a person without the role, evidence over the limit, a deleted measure', async () => {
    const m = await atLevel(2);
    await as(m.controllerId);
    await api.call('gates:attest', { measureId: m.id, key: 'business_case_validated' });
    await api.call('gates:attest', { measureId: m.id, key: 'approval_recommendation' });
    await as(m.sponsorId);
    let before = changes();
    await expect(api.call('gates:request', { measureId: m.id, toLevel: 4 })).rejects.toMatchObject({ body: { message: /Levels cannot be skipped/ } });
    await expect(api.call('gates:request', { measureId: m.id, toLevel: 1 })).rejects.toMatchObject({ body: { message: /already at DI2/ } });
    await api.call('gates:updateSettings', { evidenceMaxBytes: 2048 });
    before = changes();
    const big = Buffer.alloc(5000, 1).toString('base64');
    await expect(api.call('gates:request', { measureId: m.id, toLevel: 3, evidence: [{ kind: 'file', name: 'big.pdf', content: big }] })).rejects.toMatchObject({
      body: { message: /"big.pdf" is 0.00 MB; evidence files may be at most/ },
    });
    expect((db().prepare('SELECT count(*) AS n FROM evidence_blobs').get() as { n: number }).n).toBe(0);
    expect(changes()).toBe(before);
    // The sponsor asking DI3 could never be approved (the sponsor slot is theirs, and DI3 has no
    // self-approval): refused when asked, with the reason, instead of waiting forever.
    await expect(api.call('gates:request', { measureId: m.id, toLevel: 3 })).rejects.toMatchObject({
      body: { code: 'validation', message: expect.stringMatching(/^Nobody could approve this request: the Sponsor approval can only come from .+, who is making the request, and DI3 does not allow approving one's own request/) },
    });
    expect(changes()).toBe(before);
    await as(m.ownerId);
    const req = await api.call('gates:request', { measureId: m.id, toLevel: 3 });
    before = changes();
    await expect(api.call('gates:request', { measureId: m.id, toLevel: 3 })).rejects.toMatchObject({ body: { message: /already waiting/ } });
    const outsider = await personWithout([m.ownerId, m.sponsorId, m.controllerId]);
    await as(outsider.id);
    await expect(api.call('gates:decide', { requestId: req.id, decision: 'approve' })).rejects.toMatchObject({ body: { code: 'forbidden', message: /not an approver/ } });
    await as(null);
    await expect(api.call('gates:decide', { requestId: req.id, decision: 'approve' })).rejects.toMatchObject({ body: { code: 'forbidden', message: /Choose who you are acting as/ } });
    expect(changes()).toBe(before);
    await api.call('measures:delete', { ids: [m.id] });
    await as(m.controllerId);
    before = changes();
    await expect(api.call('gates:decide', { requestId: req.id, decision: 'approve' })).rejects.toMatchObject({ body: { message: /was deleted/ } });
    expect(changes()).toBe(before);
  });

  it('voids an approval when the definition is edited afterwards (reset on edit)', async () => {
    const m = await atLevel(2);
    await as(m.controllerId);
    await api.call('gates:attest', { measureId: m.id, key: 'business_case_validated' });
    await api.call('gates:attest', { measureId: m.id, key: 'approval_recommendation' });
    await as(m.ownerId);
    const req = await api.call('gates:request', { measureId: m.id, toLevel: 3 });
    await as(m.sponsorId);
    await api.call('gates:decide', { requestId: req.id, decision: 'approve' });
    await api.call('measures:update', { id: m.id, patch: { description: 'Changed scope' } });
    const r = (await api.call('gates:status', { measureId: m.id })).pending!;
    expect(r.slots.find((x) => x.role === 'sponsor')!.filledBy).toBeNull();
    expect(r.decisions[0]!.valid).toBe(false);
  });

  it('resets the approval of the current level when the definition is edited after it, and allows re-approval', async () => {
    const m = await atLevel(2);
    await as(m.controllerId);
    await api.call('gates:attest', { measureId: m.id, key: 'business_case_validated' });
    await api.call('gates:attest', { measureId: m.id, key: 'approval_recommendation' });
    await as(m.ownerId);
    await expect(api.call('gates:request', { measureId: m.id, toLevel: 2 })).rejects.toMatchObject({ body: { message: /already at DI2/ } });
    const req = await api.call('gates:request', { measureId: m.id, toLevel: 3 });
    await as(m.sponsorId);
    await api.call('gates:decide', { requestId: req.id, decision: 'approve' });
    await as(m.controllerId);
    await api.call('gates:decide', { requestId: req.id, decision: 'approve' });
    expect((await api.call('gates:status', { measureId: m.id })).approvalReset).toBeNull();
    await api.call('measures:update', { id: m.id, patch: { title: 'Wider scope' } });
    expect((await api.call('gates:status', { measureId: m.id })).approvalReset).toMatchObject({ level: 3 });
    await as(m.ownerId);
    const again = await api.call('gates:request', { measureId: m.id, toLevel: 3 });
    expect(again).toMatchObject({ fromLevel: 3, toLevel: 3, status: 'pending' });
    await as(m.sponsorId);
    await api.call('gates:decide', { requestId: again.id, decision: 'approve' });
    await as(m.controllerId);
    await api.call('gates:decide', { requestId: again.id, decision: 'approve' });
    const st = await api.call('gates:status', { measureId: m.id });
    expect(st).toMatchObject({ diLevel: 3, approvalReset: null });
    await api.call('gates:updateSettings', { resetOnEdit: false });
    await api.call('measures:update', { id: m.id, patch: { title: 'Even wider scope' } });
    expect((await api.call('gates:status', { measureId: m.id })).approvalReset).toBeNull();
  });
});

describe('lifecycle decisions', () => {
  it('puts on hold with reason and review date, resumes, and closes only as controller with evidence', async () => {
    const m = await atLevel(3);
    await as(m.sponsorId);
    await expect(api.call('gates:lifecycle', { measureId: m.id, action: 'hold', reason: 'Budget freeze' })).rejects.toMatchObject({ body: { message: /review date/ } });
    let st = await api.call('gates:lifecycle', { measureId: m.id, action: 'hold', reason: 'Budget freeze', reviewDate: '2026-09-01' });
    expect(st.lifecycle).toBe('on_hold');
    expect(st.lifecycleDecisions[0]).toMatchObject({ action: 'hold', reason: 'Budget freeze', reviewDate: '2026-09-01' });
    await expect(api.call('gates:request', { measureId: m.id, toLevel: 4 })).rejects.toMatchObject({ body: { message: /on hold/ } });
    st = await api.call('gates:lifecycle', { measureId: m.id, action: 'resume' });
    expect(st.lifecycle).toBe('active');
    await expect(api.call('gates:lifecycle', { measureId: m.id, action: 'close', reason: 'Done' })).rejects.toMatchObject({ body: { code: 'forbidden' } });
    await as(m.controllerId);
    const before = changes();
    await expect(api.call('gates:lifecycle', { measureId: m.id, action: 'close', reason: 'Done' })).rejects.toMatchObject({ body: { message: /closure evidence/ } });
    expect(changes()).toBe(before);
    const note = [{ kind: 'note' as const, note: 'Savings booked in Q3' }];
    // Below DI4 closing cannot confirm the value: it must say so, and the level stays.
    await expect(api.call('gates:lifecycle', { measureId: m.id, action: 'close', reason: 'Done', evidence: note })).rejects.toMatchObject({ body: { message: /cannot confirm its value/ } });
    expect(changes()).toBe(before);
    st = await api.call('gates:lifecycle', { measureId: m.id, action: 'close', reason: 'Stopped early', evidence: note, withoutValueConfirmation: true });
    expect(st).toMatchObject({ lifecycle: 'closed', diLevel: 3 });
    expect(st.evidence).toHaveLength(1);
    expect((await api.call('history:state', {})).undo).toBe(`Close ${m.code} at DI3 without value confirmation`);
    const pack = await api.call('pack:build', {});
    const row = pack.sections.find((x) => x.key === 'appendix_measures')!.blocks.flatMap((b) => (b.type === 'table' ? b.rows : [])).find((r) => r[0] === m.code)!;
    expect(row[5]).toBe('Closed at DI3, value not confirmed');
  });

  it("closes a DI4 measure with the controller's value confirmation: DI5 Closed in one step, and the totals follow", async () => {
    const m = await atLevel(4);
    await as(m.controllerId);
    const note = [{ kind: 'note' as const, note: 'Run-rate savings validated on the ledger' }];
    const rw = async () => (await api.call('value:dashboard', {})).questions.riskWeightedForecast;
    const weighted = await rw();
    const before = changes();
    await expect(api.call('gates:lifecycle', { measureId: m.id, action: 'close', reason: 'Delivered', evidence: note })).rejects.toMatchObject({
      body: { message: /controller confirms the realised value first/ },
    });
    expect(changes()).toBe(before);
    const st = await api.call('gates:lifecycle', { measureId: m.id, action: 'close', reason: 'Delivered and booked', evidence: note, confirmValue: true });
    expect(st).toMatchObject({ lifecycle: 'closed', diLevel: 5 });
    expect(st.attestations.map((a) => a.key)).toContain('value_confirmed');
    expect(st.requests[0]).toMatchObject({ fromLevel: 4, toLevel: 5, status: 'approved' });
    expect(st.evidence).toHaveLength(1);
    // DI5 weighs 100 %: the risk-weighted forecast moves up with the measure's own forecast.
    const [own] = await api.call('value:rollup', { by: ['measure'] }).then((r) => r.filter((x) => x.keys.measure === m.id));
    if (own && own.forecast > 0) expect(await rw()).toBeGreaterThan(weighted);
    expect((await api.call('history:state', {})).undo).toBe(`Close ${m.code}: DI5 Closed`);
    await api.call('history:undo', {});
    expect((await api.call('gates:status', { measureId: m.id })).diLevel).toBe(4);
    expect(changes()).toBeGreaterThan(before);
  });

  it('closes a DI4 measure explicitly without value confirmation: it stays at DI4 and says so', async () => {
    const m = await atLevel(4);
    await as(m.controllerId);
    const st = await api.call('gates:lifecycle', { measureId: m.id, action: 'close', reason: 'Value not measurable', evidence: [{ kind: 'note', note: 'x' }], withoutValueConfirmation: true });
    expect(st).toMatchObject({ lifecycle: 'closed', diLevel: 4 });
    expect(st.attestations.map((a) => a.key)).not.toContain('value_confirmed');
  });
});

describe('configuration and methods', () => {
  it('changes a gate, refuses unknown keys, exports a method and starts a new workspace from it', async () => {
    const cfg = await api.call('gates:updateLevel', { level: 2, name: 'Planned', criteria: ['milestone_plan'], approverRoles: ['finance_controller'], riskWeightPct: 30 });
    expect(cfg.levels[2]).toMatchObject({ name: 'Planned', criteria: ['milestone_plan'], approverRoles: ['finance_controller'], riskWeightPct: 30 });
    await expect(api.call('gates:updateLevel', { level: 2, criteria: ['nonsense'] })).rejects.toMatchObject({ body: { message: /Unknown criterion "nonsense"/ } });
    const { path } = await api.call('method:export', { path: `${api.session.path}-method.json` });
    const info = await api.call('method:newWorkspace', { path: `${api.session.path}-new.steerco`, methodPath: path! });
    expect(info.name).toContain('new');
    const cfg2 = await api.call('gates:config', {});
    expect(cfg2.levels[2]).toMatchObject({ name: 'Planned', riskWeightPct: 30 });
    expect(await api.call('measures:list', {})).toHaveLength(0);
  });
});
