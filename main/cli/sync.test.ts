import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../api/index.js';
import { apiWithWorkspace } from '../api/test-helpers.js';
import { main } from './index.js';

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

describe('sync CLI', () => {
  it('exports, imports, lists and resolves a conflict; bad input exits 2', async () => {
    const { a, b, share, copy } = await pair();
    const m = (await a.api.call('measures:list', {}))[0]!;
    await a.api.call('measures:update', { id: m.id, patch: { title: 'A says' } });
    await b.call('measures:update', { id: m.id, patch: { title: 'B says' } });
    await b.call('sync:export', { dir: share });
    a.api.close();
    b.close();
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await main(['sync', 'export', a.path, '--out', share], io)).toBe(0);
    expect(await main(['sync', 'import', a.path, share], io)).toBe(0);
    expect(lines.join('\n')).toMatch(/conflicts: 1 new, 1 open/);
    lines.length = 0;
    expect(await main(['conflicts', 'list', a.path, '--json'], io)).toBe(0);
    const list = JSON.parse(lines.join('\n')) as { id: string; current: { value: string }; others: { value: string }[] }[];
    expect([list[0]!.current.value, list[0]!.others[0]!.value].sort()).toEqual(['A says', 'B says']);
    expect(await main(['conflicts', 'resolve', a.path, list[0]!.id], io)).toBe(2);
    expect(await main(['conflicts', 'resolve', a.path, list[0]!.id, '--value', 'Agreed'], io)).toBe(0);
    expect(await main(['sync', 'export', a.path, '--out', share], io)).toBe(0);
    expect(await main(['sync', 'import', copy, share], io)).toBe(0);
    lines.length = 0;
    expect(await main(['sync', 'status', copy, '--json'], io)).toBe(0);
    const st = JSON.parse(lines.join('\n')) as { openConflicts: number; members: unknown[]; vector: Record<string, string> };
    expect(st.openConflicts).toBe(0);
    expect(st.members).toHaveLength(2);
    expect(Object.keys(st.vector)).toHaveLength(2);
    expect(await main(['sync', 'export', a.path], io)).toBe(2);
    expect(await main(['member', 'add', a.path, '--name', 'X'], io)).toBe(2);
    expect(await main(['sync', 'import', a.path, join(a.dir, 'missing-dir')], io)).toBe(2);
    // Members: listed with their role; an administrator retires one, a member may not.
    lines.length = 0;
    expect(await main(['member', 'list', a.path], io)).toBe(0);
    expect(lines.join('\n')).toMatch(/Bea\s+member/);
    expect(await main(['member', 'retire', copy, 'Bea'], io)).toBe(2);
    expect(lines.join('\n')).toMatch(/Only an administrator changes the member registry/);
    expect(await main(['member', 'retire', a.path, 'Nobody'], io)).toBe(2);
    lines.length = 0;
    expect(await main(['member', 'retire', a.path, 'Bea', '--reason', 'Left the program'], io)).toBe(0);
    expect(await main(['member', 'list', a.path, '--json'], io)).toBe(0);
    const members = JSON.parse(lines.slice(1).join('\n')) as { name: string; status: string; retiredReason: string }[];
    expect(members.find((m) => m.name === 'Bea')).toMatchObject({ status: 'retired', retiredReason: 'Left the program' });
  });
});
