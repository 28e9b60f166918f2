import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentPeriod } from '../../db/clock.js';
import { dumpTables } from '../sync/test-replicas.js';
import { createApi, type Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

/**
 * A facilitator's copy (the administrator, who enters what people say in a workshop) and
 * the own copies of a measure's sponsor and controller, syncing through one folder.
 */
async function workshop() {
  const a = await apiWithWorkspace({ demo: true });
  cleanups.push(a.cleanup);
  const api = a.api;
  const measures = await api.call('measures:list', {});
  const m = measures.find((x) => x.diLevel === 2 && x.lifecycle === 'active' && x.controllerId && new Set([x.ownerId, x.sponsorId, x.controllerId]).size === 3)!;
  const people = await api.call('people:list', {});
  const facilitator = people.find((p) => ![m.ownerId, m.sponsorId, m.controllerId].includes(p.id) && !p.roles.includes('steering_sponsor'))!;
  const name = (id: string | null) => people.find((p) => p.id === id)!.name;
  await api.call('session:setActor', { personId: facilitator.id });
  const copies: Record<'sponsor' | 'controller', Api> = {} as never;
  for (const role of ['sponsor', 'controller'] as const) {
    const out = join(a.dir, `${role}.steerco`);
    await api.call('members:add', { name: name(role === 'sponsor' ? m.sponsorId : m.controllerId), out });
    const other = createApi({ configDir: join(a.dir, `${role}-config`), version: 'test' });
    cleanups.unshift(() => other.close());
    await other.call('workspace:open', { path: out });
    copies[role] = other;
  }
  const share = join(a.dir, 'share');
  for (const x of [api, copies.sponsor, copies.controller]) await x.call('sync:setFolder', { folder: share });
  const syncAll = async () => {
    const refused: unknown[] = [];
    for (let round = 0; round < 2; round++) {
      for (const x of [api, copies.sponsor, copies.controller]) {
        const s = await x.call('sync:now', {});
        refused.push(...s.refusedChanges, ...s.refused);
      }
    }
    return refused;
  };
  return { api, m, facilitator, copies, syncAll, db: () => api.session.db() };
}

describe('governed actions through the app are taken by every copy', () => {
  it('a DI3 decision on the approvers’ own copies, confirmations and a hold entered by the facilitator, an undo: every copy takes them and ends equal', async () => {
    const { api, m, copies, syncAll } = await workshop();
    // In the workshop the facilitator enters the controller's and the owner's confirmations…
    await api.call('session:setActor', { personId: m.controllerId });
    await api.call('gates:attest', { measureId: m.id, key: 'business_case_validated', note: 'NPV checked' });
    await api.call('session:setActor', { personId: m.ownerId });
    await api.call('gates:attest', { measureId: m.id, key: 'approval_recommendation' });
    const req = await api.call('gates:request', { measureId: m.id, toLevel: 3, comment: 'Ready for decision' });
    // …but DI3's approvals come from the approvers' own copies.
    await api.call('session:setActor', { personId: m.sponsorId });
    await expect(api.call('gates:decide', { requestId: req.id, decision: 'approve' })).rejects.toMatchObject({ body: { code: 'forbidden', message: expect.stringMatching(/own copy/) } });
    expect(await syncAll()).toEqual([]);
    await copies.sponsor.call('gates:decide', { requestId: req.id, decision: 'approve', comment: 'Go' });
    await copies.controller.call('sync:now', {});
    await copies.sponsor.call('sync:now', {});
    await copies.controller.call('sync:now', {});
    await copies.controller.call('gates:decide', { requestId: req.id, decision: 'approve' });
    expect(await syncAll()).toEqual([]);
    for (const x of [api, copies.sponsor, copies.controller]) expect((await x.call('measures:get', { id: m.id })).diLevel).toBe(3);

    // A hold entered for the sponsor, then undone on the same copy; a validation on the controller's copy.
    await api.call('session:setActor', { personId: m.sponsorId });
    await api.call('gates:lifecycle', { measureId: m.id, action: 'hold', reason: 'Budget freeze', reviewDate: '2099-01-31' });
    await api.call('history:undo', {});
    await copies.controller.call('value:validate', { measureId: m.id, period: currentPeriod() }).catch(() => undefined);
    expect(await syncAll()).toEqual([]);
    const dumps = [api, copies.sponsor, copies.controller].map((x) => dumpTables(x.session.db()));
    expect(dumps[1]).toBe(dumps[0]);
    expect(dumps[2]).toBe(dumps[0]);
    expect((await copies.sponsor.call('measures:get', { id: m.id })).lifecycle).toBe('active');
  });
});
