import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

async function pair() {
  const a = await apiWithWorkspace({ demo: true });
  cleanups.push(a.cleanup);
  const copy = join(a.dir, 'bea.steerco');
  await a.api.call('members:add', { name: 'Bea', out: copy });
  const b = createApi({ configDir: join(a.dir, 'bea-config'), version: 'test' });
  cleanups.unshift(() => b.close());
  await b.call('workspace:open', { path: copy });
  const share = join(a.dir, 'share');
  await a.api.call('sync:setFolder', { folder: share });
  await b.call('sync:setFolder', { folder: share });
  return { a, b };
}

describe('workflows sync like any other table', () => {
  it('a hold decided by a role the matrix gives decide is accepted by the other copy, as the origin decided', async () => {
    const { a, b } = await pair();
    await a.api.call('rights:set', { decisionType: 'hold', role: 'operations_lead', right: 'decide' });
    const grace = (await a.api.call('people:list', {})).find((p) => p.name === 'Grace Okafor')!;
    await a.api.call('session:setActor', { personId: grace.id });
    const m = (await a.api.call('measures:list', {})).find((x) => x.lifecycle === 'active' && x.sponsorId !== grace.id)!;
    await a.api.call('gates:lifecycle', { measureId: m.id, action: 'hold', reason: 'Capacity freeze', reviewDate: '2030-01-01' });
    await a.api.call('sync:now', {});
    await b.call('sync:now', {});
    expect((await b.call('sync:status', {})).lastSync?.refused ?? []).toEqual([]);
    expect((await b.call('measures:get', { id: m.id })).lifecycle).toBe('on_hold');
    expect((await b.call('rights:matrix', {})).cells.hold?.operations_lead).toBe('decide');
  });

  it('a template edit, a measure made from a template and a checklist tick reach the other copy', async () => {
    const a = await apiWithWorkspace({ demo: true });
    cleanups.push(a.cleanup);
    const copy = join(a.dir, 'bea.steerco');
    await a.api.call('members:add', { name: 'Bea', out: copy });
    const b = createApi({ configDir: join(a.dir, 'bea-config'), version: 'test' });
    cleanups.unshift(() => b.close());
    await b.call('workspace:open', { path: copy });
    const share = join(a.dir, 'share');
    await a.api.call('sync:setFolder', { folder: share });
    await b.call('sync:setFolder', { folder: share });

    const people = await a.api.call('people:list', {});
    await a.api.call('session:setActor', { personId: people.find((p) => p.name === 'Marco Rossi')!.id });
    const tpl = (await a.api.call('templates:list', {})).find((t) => t.key === 'contract_approval')!;
    const { key, ownerRole, description, fields, checklist, gates, triggers, reporting } = tpl;
    await a.api.call('templates:save', { template: { key, name: 'Contract approval (tiered)', ownerRole, description, fields, checklist, gates, triggers, reporting } });
    const pkg = (a.api.session.db().prepare("SELECT id FROM nodes WHERE level = 'package' AND deleted = 0 LIMIT 1").get() as { id: string }).id;
    const m = await a.api.call('templates:createMeasure', { nodeId: pkg, templateKey: 'contract_approval', title: 'Fabrikam deal' });
    await a.api.call('templates:tick', { measureId: m.id, item: 'discount_approved', done: true, evidence: { kind: 'link', url: 'https://example.com/memo' } });
    await a.api.call('templates:setField', { measureId: m.id, key: 'approval_path', value: 'discount exception' });
    await a.api.call('sync:now', {});
    await b.call('sync:now', {});

    expect((await b.call('templates:list', {})).find((t) => t.key === 'contract_approval')?.name).toBe('Contract approval (tiered)');
    const wf = await b.call('templates:measure', { measureId: m.id });
    expect(wf.template?.key).toBe('contract_approval');
    expect(wf.fields.find((f) => f.key === 'approval_path')?.value).toBe('Discount exception');
    expect(wf.checklist.find((c) => c.key === 'discount_approved')).toMatchObject({ done: true, by: 'Marco Rossi', proof: { kind: 'link', url: 'https://example.com/memo' } });
    expect((await b.call('sync:status', {})).lastSync?.refused ?? []).toEqual([]);
  });
});
