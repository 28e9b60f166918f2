import { existsSync } from 'node:fs';
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
  return { a, b, share: join(a.dir, 'share'), copy };
}

describe('sync API', () => {
  it('syncs automatically when another copy writes a bundle into the folder', async () => {
    const { a, b, share } = await pair();
    await a.api.call('sync:setFolder', { folder: share });
    await b.call('sync:setFolder', { folder: share, auto: true });
    const m = (await a.api.call('measures:list', {}))[0]!;
    await a.api.call('measures:update', { id: m.id, patch: { title: 'Changed on A' } });
    const s = await a.api.call('sync:now', {});
    expect(s.changesOut).toBeGreaterThan(0);
    await expect.poll(async () => (await b.call('measures:get', { id: m.id })).title, { timeout: 10_000 }).toBe('Changed on A');
    expect((await b.call('sync:status', {})).lastSync?.changesIn).toBeGreaterThan(0);
  });

  it('refuses bad requests with a clear error and writes nothing', async () => {
    const { a, copy } = await pair();
    const count = async () => (await a.api.call('workspace:check', {})).counts;
    const before = await count();
    await expect(a.api.call('sync:now', {})).rejects.toMatchObject({ body: { code: 'validation', message: 'Choose a sync folder first.' } });
    await expect(a.api.call('members:add', { name: 'Carl', out: copy })).rejects.toMatchObject({ body: { message: expect.stringContaining('already exists') } });
    await expect(a.api.call('members:add', { name: '  ', out: join(a.dir, 'x.steerco') })).rejects.toMatchObject({ body: { code: 'bad_input' } });
    expect(existsSync(join(a.dir, 'x.steerco'))).toBe(false);
    await expect(a.api.call('conflicts:resolve', { id: 'cell:measures:nope:title', value: 'x' })).rejects.toMatchObject({ body: { code: 'not_found' } });
    await expect(a.api.call('conflicts:resolve', { id: 'cell:measures:nope:title' })).rejects.toMatchObject({ body: { code: 'validation' } });
    expect(await count()).toEqual(before);
    expect((await a.api.call('sync:status', {})).members.map((m) => m.name).sort()).toEqual(['Bea', expect.any(String)]);
  });
});

describe('copies that agree', () => {
  it('two copies setting the same status by hand concurrently raise no conflict; a real difference is labelled with the measure and the field in words', async () => {
    const { a, b, share } = await pair();
    await a.api.call('sync:setFolder', { folder: share });
    await b.call('sync:setFolder', { folder: share });
    const m = (await a.api.call('measures:list', {}))[0]!;
    await a.api.call('value:setOverride', { measureId: m.id, kind: 'implementation', status: 'red', reason: 'Supplier late' });
    await b.call('value:setOverride', { measureId: m.id, kind: 'implementation', status: 'red', reason: 'Supplier late' });
    await a.api.call('sync:now', {});
    await b.call('sync:now', {});
    await a.api.call('sync:now', {});
    expect(await a.api.call('conflicts:list', {})).toEqual([]);
    expect(await b.call('conflicts:list', {})).toEqual([]);
    // Now they disagree on the reason: a conflict, said in words.
    await a.api.call('value:setOverride', { measureId: m.id, kind: 'implementation', status: 'red', reason: 'Supplier late again' });
    await b.call('value:setOverride', { measureId: m.id, kind: 'implementation', status: 'red', reason: 'Scope grew' });
    await a.api.call('sync:now', {});
    await b.call('sync:now', {});
    const [c] = await b.call('conflicts:list', {});
    expect(c).toMatchObject({ label: `${m.code} ${m.title}`, field: 'Implementation status: reason' });
    expect(c!.current.field).toBe('Implementation status: reason');
  });

  it('automatic sync settles: once both copies have everything, a sync writes nothing (and the watcher has nothing to wake it)', async () => {
    const { a, b, share } = await pair();
    await a.api.call('sync:setFolder', { folder: share, auto: true });
    await b.call('sync:setFolder', { folder: share, auto: true });
    const m = (await a.api.call('measures:list', {}))[0]!;
    await a.api.call('measures:update', { id: m.id, patch: { title: 'Settle' } });
    await a.api.call('sync:now', {});
    await expect.poll(async () => (await b.call('measures:get', { id: m.id })).title, { timeout: 10_000 }).toBe('Settle');
    // Whatever the watchers do, the exchange ends: two more rounds write no bundle.
    await expect
      .poll(
        async () => {
          const x = await a.api.call('sync:now', {});
          const y = await b.call('sync:now', {});
          return [x.exported, y.exported];
        },
        { timeout: 20_000 },
      )
      .toEqual([null, null]);
    const after = await Promise.all([a.api.call('sync:now', {}), b.call('sync:now', {})]);
    expect(after.map((s) => s.exported)).toEqual([null, null]);
  });

  it('an administrator retires a member: the member list says so; a member may not retire anyone', async () => {
    const { a, b } = await pair();
    const st = await a.api.call('sync:status', {});
    const bea = st.members.find((m) => m.name === 'Bea')!;
    expect(st.isAdmin).toBe(true);
    await expect(b.call('members:retire', { replicaId: st.replicaId })).rejects.toMatchObject({ body: { code: 'forbidden', message: expect.stringMatching(/Only an administrator/) } });
    const after = await a.api.call('members:retire', { replicaId: bea.replicaId, reason: 'Left the program' });
    expect(after.members.find((m) => m.name === 'Bea')).toMatchObject({ status: 'retired', retiredReason: 'Left the program' });
  });
});
