import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace, runCli } from '../test-cli.js';

let dir: string;
let file: string;
const run = runCli;

beforeAll(async () => {
  ({ dir, file } = await demoWorkspace('raid', 'demo.steerco'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('steerco raid list / deps', () => {
  it('lists the RAID log as JSON with flags', async () => {
    const r = await run('raid', 'list', file, '--json');
    expect(r.code).toBe(0);
    const items = JSON.parse(r.out) as { code: string; overdue: boolean; stale: boolean; owner: string }[];
    expect(items.length).toBe(12);
    expect(items.find((i) => i.code === 'R-0002')).toMatchObject({ overdue: true, stale: true, owner: 'Grace Okafor' });
    expect(JSON.parse((await run('raid', 'list', file, '--kind', 'risk', '--json')).out).length).toBe(5);
    expect((await run('raid', 'list', file, '--kind', 'rumour')).code).toBe(2);
  });

  it('prints upstream and downstream chains of a measure', async () => {
    const r = await run('deps', file, 'M-0028', '--json');
    expect(r.code).toBe(0);
    const v = JSON.parse(r.out) as { upstream: { code: string; depth: number; late: boolean; red: boolean }[]; downstream: unknown[]; blockedBy: { code: string } | null };
    expect(v.upstream.map((u) => u.code)).toEqual(['M-0009', 'M-0015', 'M-0016', 'M-0018', 'M-0021']);
    expect(v.upstream.find((u) => u.code === 'M-0021')?.late).toBe(true);
    // The nearest late or red upstream measure (statuses derived from today's milestones).
    expect(v.blockedBy?.code).toBe(v.upstream.find((u) => u.late || u.red)?.code);
    const it16 = JSON.parse((await run('deps', file, 'm-0016', '--json')).out) as { downstream: { code: string }[] };
    expect(it16.downstream.map((d) => d.code)).toEqual(['M-0009', 'M-0028']);
    const bad = await run('deps', file, 'M-9999');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('No measure with code M-9999');
  });
});
