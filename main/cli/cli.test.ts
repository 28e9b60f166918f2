import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './index.js';
import { daysBetween, resetClock, today } from '../../db/clock.js';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steerco-cli-'));
  process.env.STEERCO_CONFIG_DIR = join(dir, 'config');
  file = join(dir, 'demo.steerco');
  expect(await run('demo', file)).toMatchObject({ code: 0 });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('steerco CLI', () => {
  it('checks a workspace as JSON', async () => {
    const r = await run('check', file, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { integrity: string; schemaVersion: number; counts: Record<string, number> };
    expect(report.integrity).toBe('ok');
    expect(report.counts.measures).toBe(49);
  });

  it('lists measures with contract field names and people by name', async () => {
    const r = await run('measures', 'list', file, '--json');
    const list = JSON.parse(r.out) as Record<string, unknown>[];
    expect(Object.keys(list[0]!)).toEqual([
      'code', 'title', 'owner', 'sponsor', 'controller', 'businessUnit', 'function', 'startDate', 'dueDate', 'diLevel', 'lifecycle', 'implementationStatus', 'potentialStatus', 'template',
    ]);
    expect(list[0]).toMatchObject({ code: 'M-0001', owner: 'Marco Rossi', template: null });
  });

  it('sets fields with the grid rules', async () => {
    const r = await run('measures', 'set', file, 'M-0002', 'title=Price book v2', 'owner=Li Wei', 'potentialStatus=amber', '--reason', 'Pricing committee moved');
    expect(r.code).toBe(0);
    const list = JSON.parse((await run('measures', 'list', file, '--json')).out) as { code: string; title: string; owner: string; potentialStatus: string }[];
    expect(list.find((m) => m.code === 'M-0002')).toMatchObject({
      title: 'Price book v2',
      owner: 'Li Wei',
      potentialStatus: 'amber',
      manual: { potential: { status: 'amber', reason: 'Pricing committee moved' } },
    });
  });

  it('sets a status by hand only with --reason, and clears it with status=derived', async () => {
    const before = (await run('check', file, '--json')).out;
    const bare = await run('measures', 'set', file, 'M-0004', 'implementationStatus=red');
    expect(bare).toMatchObject({ code: 2, err: expect.stringMatching(/needs its reason: add --reason/) });
    const blank = await run('measures', 'set', file, 'M-0004', 'implementationStatus=red', '--reason', '  ');
    expect(blank).toMatchObject({ code: 2, err: expect.stringMatching(/Implementation status: a reason is required/) });
    expect((await run('check', file, '--json')).out).toBe(before);

    expect((await run('measures', 'set', file, 'M-0004', 'implementationStatus=red', '--reason', 'Vendor missed the cut-over')).code).toBe(0);
    const listed = async () =>
      (JSON.parse((await run('measures', 'list', file, '--json')).out) as { code: string; implementationStatus: string; manual?: Record<string, { status: string; reason: string }> }[]).find(
        (m) => m.code === 'M-0004',
      )!;
    expect(await listed()).toMatchObject({ implementationStatus: 'red', manual: { implementation: { status: 'red', reason: 'Vendor missed the cut-over' } } });
    // Back to derived needs no reason.
    expect((await run('measures', 'set', file, 'M-0004', 'implementationStatus=derived')).code).toBe(0);
    expect((await listed()).manual?.implementation).toBeUndefined();
  });

  it('reads dates as ISO or in the order of --locale', async () => {
    expect((await run('measures', 'set', file, 'M-0002', 'dueDate=31.12.2099', '--locale', 'de-DE')).code).toBe(0);
    const due = async () => (JSON.parse((await run('measures', 'list', file, '--json')).out) as { code: string; dueDate: string }[]).find((m) => m.code === 'M-0002')!.dueDate;
    expect(await due()).toBe('2099-12-31');
    expect((await run('measures', 'set', file, 'M-0002', 'dueDate=12/30/2099', '--locale', 'en-US')).code).toBe(0);
    expect(await due()).toBe('2099-12-30');
  });

  it.each([
    [['title='], /Title: is required/],
    [['owner=Nobody'], /Unknown person "Nobody"/],
    [['dueDate=2001-01-01'], /before the start date/],
    [['implementationStatus=blue'], /not a status/],
    [['dueDate=2026-02-30'], /"2026-02-30" is not a day: February 2026 has 28 days/],
    [['dueDate=11/15/2026', '--locale', 'de-DE'], /"11\/15\/2026" is not a date in de-DE \(day.month.year, 31.12.2026\): there is no month 15/],
    [['colour=red'], /Unknown field "colour"/],
    [['justtext'], /is not field=value/],
  ])('refuses %j with exit code 2 and writes nothing', async (pairs, message) => {
    const before = (await run('check', file, '--json')).out;
    const r = await run('measures', 'set', file, 'M-0003', ...pairs);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect((await run('check', file, '--json')).out).toBe(before);
  });

  it('refuses an unknown code, a missing file and a non-workspace file', async () => {
    expect(await run('measures', 'set', file, 'M-9999', 'title=x')).toMatchObject({ code: 2, err: expect.stringMatching(/No measure with code M-9999/) });
    expect((await run('check', join(dir, 'missing.steerco'))).err).toMatch(/No file at/);
    expect((await run('check', join(dir, 'config'))).err).toMatch(/folder, not a Steerco workspace/);
  });

  it('runs as the steerco executable with exit codes', () => {
    const bin = join(process.cwd(), 'main/cli/bin.mjs');
    const ok = spawnSync(process.execPath, [bin, 'measures', 'list', file], { encoding: 'utf8', env: process.env });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toContain('M-0001');
    const bad = spawnSync(process.execPath, [bin, 'measures', 'set', file, 'M-0001', 'startDate=soon'], { encoding: 'utf8', env: process.env });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Start date: "soon" is not a date');
  });
});

describe('STEERCO_TODAY', () => {
  afterEach(() => {
    delete process.env.STEERCO_TODAY;
    resetClock();
  });

  it('refuses to start with a malformed day, saying what it must be', async () => {
    for (const bad of ['2026-02-30', '31.12.2026', 'tomorrow']) {
      process.env.STEERCO_TODAY = bad;
      const r = await run('check', file, '--json');
      expect(r.code).toBe(2);
      expect(r.err).toContain('STEERCO_TODAY must be a calendar day written YYYY-MM-DD');
      expect(r.err).toContain(bad);
    }
  });

  it('moves today: a demo created "on" another day tells the same story relative to that day', async () => {
    const statusOf = async (f: string) => (JSON.parse((await run('measures', 'list', f, '--json')).out) as { code: string; startDate: string }[]).find((m) => m.code === 'M-0001')!;
    const here = await statusOf(file);
    const realToday = today();
    process.env.STEERCO_TODAY = '2028-02-29';
    const later = join(dir, 'later.steerco');
    expect((await run('demo', later)).code).toBe(0);
    const there = await statusOf(later);
    expect(daysBetween(here.startDate, there.startDate)).toBe(daysBetween(realToday, '2028-02-29'));
    expect(today()).toBe('2028-02-29');
  });
});
