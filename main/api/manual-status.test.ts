import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Measure } from '../../preload/contract.js';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';

/**
 * A status set by hand: one rule on every way in (measures:update, measures:bulkUpdate,
 * value:setOverride) — a reason is required, a refusal writes nothing — and the grid's
 * list carries who set which status, why and when.
 */
let api: Api;
let cleanup: () => void;
let hanna: { id: string; name: string };
beforeEach(async () => {
  ({ api, cleanup } = await apiWithWorkspace());
  hanna = (await api.call('people:list', {})).find((p) => p.name === 'Hanna Berg')!;
  await api.call('session:setActor', { personId: hanna.id });
});
afterEach(() => cleanup());

const logCount = () => (api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;
const overrideRows = () => api.session.db().prepare('SELECT id, status, reason, deleted FROM status_overrides ORDER BY id').all();
/** Everything a refusal must leave as it was. */
const snapshot = async () => ({ log: logCount(), overrides: overrideRows(), measures: await api.call('measures:list', {}), undo: await api.call('history:state', {}) });

/** measures:list of these ids, in their order (the list's own order is not the ids'). */
async function inOrder(ids: string[]): Promise<Measure[]> {
  const byId = new Map((await api.call('measures:list', { ids })).map((m) => [m.id, m]));
  return ids.map((id) => byId.get(id)!);
}

/** Measures without a manual status, whose implementation status is not `not`. */
async function plain(n: number, not: string): Promise<Measure[]> {
  const list = (await api.call('measures:list', {})).filter((m) => !m.manual && m.implementationStatus !== not && m.lifecycle === 'active');
  expect(list.length).toBeGreaterThanOrEqual(n);
  return list.slice(0, n);
}

describe('a status set by hand', () => {
  it.each([
    ['no reason', undefined],
    ['an empty reason', ''],
    ['a blank reason', '   '],
    ['a two-letter reason', 'ok'],
  ])('is refused by measures:update with %s, at the status field, and nothing is written', async (_, reason) => {
    const [m] = await plain(1, 'amber');
    const before = await snapshot();
    const err = await api.call('measures:update', { id: m!.id, patch: { title: 'Renamed too', implementationStatus: 'amber' }, ...(reason === undefined ? {} : { reason }) }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      body: { code: 'validation', message: expect.stringMatching(/Implementation status: a reason is required/), issues: [{ field: 'implementationStatus', row: m!.code }] },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('is refused by a bulk edit without a reason, every row listed, nothing written', async () => {
    const three = await plain(3, 'red');
    const before = await snapshot();
    const err = await api.call('measures:bulkUpdate', { edits: three.map((m) => ({ id: m.id, patch: { potentialStatus: 'red' } })) }).catch((e: unknown) => e);
    expect(err).toMatchObject({ body: { code: 'validation', message: expect.stringMatching(/3 cells were refused; nothing was saved/) } });
    const issues = (err as { body: { issues: { row: string; field: string; message: string }[] } }).body.issues;
    expect(issues.map((i) => [i.row, i.field])).toEqual(three.map((m) => [m.code, 'potentialStatus']));
    expect(issues[0]!.message).toMatch(/Potential status: a reason is required/);
    expect(await snapshot()).toEqual(before);
  });

  it('is refused by value:setOverride without a reason, nothing written', async () => {
    const [m] = await plain(1, 'green');
    const before = await snapshot();
    for (const reason of ['', '  ', 'no']) {
      await expect(api.call('value:setOverride', { measureId: m!.id, kind: 'implementation', status: 'green', reason })).rejects.toMatchObject({
        body: { code: 'bad_input', message: expect.stringMatching(/a reason is required/) },
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it('is refused on a new measure (its statuses are derived until it exists)', async () => {
    const pkg = (await api.call('nodes:list', {})).find((n) => n.level === 'package')!;
    const before = logCount();
    await expect(api.call('measures:create', { nodeId: pkg.id, patch: { title: 'X', implementationStatus: 'red' } })).rejects.toMatchObject({
      body: { code: 'validation', issues: [{ field: 'implementationStatus' }] },
    });
    expect(logCount()).toBe(before);
  });

  it('wins with its reason, comes with measures:list (also by ids) as manual, and is in the history as the person’s edit', async () => {
    const [m] = await plain(1, 'amber');
    const updated = await api.call('measures:update', { id: m!.id, patch: { implementationStatus: 'Amber' }, reason: '  Vendor slipped the go-live  ' });
    const manual = { status: 'amber', reason: 'Vendor slipped the go-live', by: hanna.id, byName: 'Hanna Berg', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) };
    expect(updated).toMatchObject({ implementationStatus: 'amber', manual: { implementation: manual } });
    expect(updated.manual?.potential).toBeUndefined();
    expect((await api.call('measures:list', {})).find((x) => x.id === m!.id)).toMatchObject({ manual: { implementation: manual } });
    expect(await api.call('measures:list', { ids: [m!.id] })).toMatchObject([{ manual: { implementation: manual } }]);
    expect((await api.call('value:get', { measureId: m!.id })).implementation).toMatchObject({ status: 'amber', override: { status: 'amber', reason: 'Vendor slipped the go-live' } });
    // Measures nobody set by hand carry no `manual`.
    const others = (await api.call('measures:list', {})).filter((x) => x.id !== m!.id && x.manual);
    expect(others.every((x) => x.manual!.implementation || x.manual!.potential)).toBe(true);
    expect((await api.call('history:state', {})).undo).toBe(`Set ${m!.code} implementation status to Amber`);
    const history = await api.call('measures:history', { id: m!.id });
    expect(history.find((h) => h.label === 'Implementation status (manual)')).toMatchObject({ actor: 'Hanna Berg', newText: 'Amber' });
    expect(history.find((h) => h.label === 'Implementation status (manual): reason')).toMatchObject({ actor: 'Hanna Berg', newText: 'Vendor slipped the go-live' });
  });

  it('goes back to derived the same way (measures:update with an empty status), who and when in the history; undo brings it back', async () => {
    const [m] = await plain(1, 'red');
    const derived = (await api.call('value:get', { measureId: m!.id })).implementation.derived;
    await api.call('measures:update', { id: m!.id, patch: { implementationStatus: 'red' }, reason: 'Steering asked for red' });
    const cleared = await api.call('measures:update', { id: m!.id, patch: { implementationStatus: '' } });
    expect(cleared.manual).toBeUndefined();
    expect(cleared.implementationStatus).toBe((await api.call('value:get', { measureId: m!.id })).implementation.status);
    expect((await api.call('value:get', { measureId: m!.id })).implementation).toMatchObject({ derived, override: null });
    expect((await api.call('history:state', {})).undo).toBe(`${m!.code} implementation status back to derived`);
    const back = (await api.call('measures:history', { id: m!.id })).find((h) => h.label === 'Implementation status' && h.newText === 'back to derived');
    expect(back).toMatchObject({ actor: 'Hanna Berg', oldText: 'manual', at: expect.stringMatching(/^\d{4}-/) });

    await api.call('history:undo', {});
    expect((await api.call('measures:get', { id: m!.id })).manual?.implementation).toMatchObject({ status: 'red', reason: 'Steering asked for red' });
    // "derived" reads the same as empty; value:clearOverride does the same write.
    await api.call('measures:update', { id: m!.id, patch: { implementationStatus: 'derived' } });
    expect((await api.call('measures:get', { id: m!.id })).manual).toBeUndefined();
    await api.call('value:setOverride', { measureId: m!.id, kind: 'potential', status: 'green', reason: 'Contract signed' });
    expect((await api.call('measures:get', { id: m!.id })).manual?.potential).toMatchObject({ status: 'green', byName: 'Hanna Berg' });
    await api.call('value:clearOverride', { measureId: m!.id, kind: 'potential' });
    expect((await api.call('measures:get', { id: m!.id })).manual).toBeUndefined();
  });

  it('on ticked rows is one action and one undo step; clearing them is one too', async () => {
    const three = await plain(3, 'amber');
    const ids = three.map((m) => m.id);
    const r = await api.call('measures:bulkUpdate', {
      edits: ids.map((id) => ({ id, patch: { implementationStatus: 'amber' } })),
      label: 'Set implementation status on 3 measures',
      reason: 'Supplier capacity cut for Q3',
    });
    expect(r).toMatchObject({ measures: 3, cells: 3 });
    const after = await api.call('measures:list', { ids });
    expect(after.map((m) => [m.implementationStatus, m.manual?.implementation?.reason])).toEqual(ids.map(() => ['amber', 'Supplier capacity cut for Q3']));
    expect((await api.call('history:state', {})).undo).toBe('Set implementation status on 3 measures');

    await api.call('history:undo', {});
    const undone = await inOrder(ids);
    expect(undone.map((m) => [m.implementationStatus, m.manual])).toEqual(three.map((m) => [m.implementationStatus, undefined]));
    await api.call('history:redo', {});

    // Back to derived on all three (one of them already derived: nothing to clear there).
    await api.call('measures:update', { id: ids[2]!, patch: { implementationStatus: '' } });
    const cleared = await api.call('measures:bulkUpdate', { edits: ids.map((id) => ({ id, patch: { implementationStatus: '' } })), label: 'Implementation status back to derived on 3 measures' });
    expect(cleared.measures).toBe(2);
    expect((await api.call('measures:list', { ids })).every((m) => !m.manual)).toBe(true);
    await api.call('history:undo', {});
    expect((await inOrder(ids)).map((m) => !!m.manual)).toEqual([true, true, false]);
  });
});
