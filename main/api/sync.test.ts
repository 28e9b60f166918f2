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
