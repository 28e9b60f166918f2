import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
const people = () => api.call('people:list', {});
const as = async (name: string) => api.call('session:setActor', { personId: (await people()).find((p) => p.name === name)!.id });

describe('decision rights', () => {
  it('has the article decisions, each gate and hold / cancel / close × the roles, gate approvers from the gates', async () => {
    const m = await api.call('rights:matrix', {});
    expect(m.types.map((t) => t.label)).toEqual(
      expect.arrayContaining(['Approve a discount exception', 'Validate service cost', 'Review SLA performance', 'Pause or redesign an offering', 'Gate DI3 Decided', 'Put on hold / resume', 'Cancel a measure', 'Close a measure']),
    );
    expect(m.roles.map((r) => r.key)).toEqual(expect.arrayContaining(['commercial_owner', 'service_owner', 'process_owner', 'finance_controller', 'operations_lead', 'it_workflow_owner', 'quality_reviewer', 'steering_sponsor']));
    expect(m.cells.discount_exception?.commercial_owner).toBe('approve');
    expect(m.cells.service_cost?.finance_controller).toBe('decide');
    // Gate cells say what the gate's approver roles are, read from SQL.
    const gates = db().prepare('SELECT level, approver_roles AS r FROM gate_levels WHERE deleted = 0 AND level > 0').all() as { level: number; r: string }[];
    for (const g of gates) for (const role of JSON.parse(g.r) as string[]) expect(m.cells[`gate_${g.level}`]?.[role]).toBe('approve');
  });

  it('a role given approve on a gate becomes an approver slot; the last approver cannot be taken off', async () => {
    await api.call('rights:set', { decisionType: 'gate_2', role: 'quality_reviewer', right: 'approve' });
    expect((await api.call('gates:config', {})).levels.find((l) => l.level === 2)?.approverRoles).toEqual(['sponsor', 'quality_reviewer']);
    await api.call('rights:set', { decisionType: 'gate_2', role: 'sponsor', right: 'consult' });
    const m = await api.call('rights:matrix', {});
    expect(m.cells.gate_2).toMatchObject({ sponsor: 'consult', quality_reviewer: 'approve' });
    const before = changes();
    await expect(api.call('rights:set', { decisionType: 'gate_2', role: 'quality_reviewer', right: 'inform' })).rejects.toMatchObject({ body: { code: 'validation', message: expect.stringMatching(/at least one approver/) } });
    await expect(api.call('rights:set', { decisionType: 'close', role: 'controller', right: 'consult' })).rejects.toMatchObject({ body: { message: expect.stringMatching(/Somebody must decide "Close a measure"/) } });
    await expect(api.call('rights:set', { decisionType: 'nope', role: 'controller', right: 'decide' })).rejects.toMatchObject({ body: { code: 'not_found' } });
    expect(changes()).toBe(before);
  });

  it('a gate request nobody could approve by the matrix is refused when it is made', async () => {
    // Nobody holds the IT workflow owner role once David and Tom lose it.
    await api.call('rights:set', { decisionType: 'gate_1', role: 'it_workflow_owner', right: 'approve' });
    db().prepare("UPDATE role_assignments SET deleted = 1 WHERE role_id = (SELECT id FROM roles WHERE key = 'it_workflow_owner')").run();
    const m = (await api.call('measures:list', {})).find((x) => x.diLevel === 0 && x.lifecycle === 'active' && x.ownerId)!;
    await api.call('session:setActor', { personId: m.ownerId });
    const before = changes();
    await expect(api.call('gates:request', { measureId: m.id, toLevel: 1 })).rejects.toMatchObject({ body: { message: expect.stringMatching(/Nobody could approve this request: nobody holds the IT workflow owner role/) } });
    expect(changes()).toBe(before);
  });

  it('lifecycle decisions follow the matrix: a role given decide on hold may hold, one taken off may not', async () => {
    const m = (await api.call('measures:list', {})).find((x) => x.lifecycle === 'active' && x.sponsor === 'Hanna Berg')!;
    await as('Grace Okafor');
    const hold = () => api.call('gates:lifecycle', { measureId: m.id, action: 'hold', reason: 'Capacity', reviewDate: '2030-01-01' });
    await expect(hold()).rejects.toMatchObject({ body: { code: 'forbidden', message: "Only the measure's sponsor or a steering committee sponsor may hold a measure." } });
    await api.call('rights:set', { decisionType: 'hold', role: 'operations_lead', right: 'decide' });
    expect((await api.call('gates:status', { measureId: m.id })).lifecycleActions.find((a) => a.action === 'hold')?.allowed).toBe(true);
    await hold();
    expect((await api.call('measures:get', { id: m.id })).lifecycle).toBe('on_hold');
    await api.call('rights:set', { decisionType: 'hold', role: 'operations_lead', right: 'consult' });
    await expect(api.call('gates:lifecycle', { measureId: m.id, action: 'resume' })).rejects.toMatchObject({ body: { code: 'forbidden', message: expect.stringMatching(/sponsor/) } });
  });

  it('a checklist step tied to a decision may be ticked by who decides or approves it', async () => {
    const link = (await api.call('templates:links', {})).find((l) => l.templateKey === 'contract_approval')!;
    await as('Jonas Weber');
    const wf = await api.call('templates:measure', { measureId: link.measureId });
    expect(wf.checklist.find((c) => c.key === 'margin_validated')?.canTick).toBe(true);
    expect(wf.checklist.find((c) => c.key === 'discount_approved')?.canTick).toBe(false);
    await api.call('rights:set', { decisionType: 'discount_exception', role: 'finance_controller', right: 'approve' });
    const after = await api.call('templates:measure', { measureId: link.measureId });
    expect(after.checklist.find((c) => c.key === 'discount_approved')?.canTick).toBe(true);
  });

  it('the pack shows the matrix; the method carries it', async () => {
    await api.call('rights:set', { decisionType: 'sla_review', role: 'process_owner', right: 'inform' });
    const pack = await api.call('pack:build', {});
    const table = pack.sections.find((s) => s.key === 'decision_rights')!.blocks[0]!;
    expect(table.type === 'table' && table.rows.find((r) => r[0] === 'Review SLA performance')).toEqual(['Review SLA performance', 'Service owner', '—', 'Operations lead, Quality reviewer', 'Process owner, Steering committee sponsor']);
    const dir = db().name.replace(/ws\.steerco$/, '');
    const { path } = await api.call('method:export', { path: `${dir}m.steerco-method.json` });
    await api.call('method:newWorkspace', { path: `${dir}next.steerco`, methodPath: path! });
    expect((await api.call('rights:matrix', {})).cells.sla_review?.process_owner).toBe('inform');
  });
});
