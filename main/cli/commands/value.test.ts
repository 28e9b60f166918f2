import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../index.js';
import { newApi } from '../context.js';

let dir: string;
let file: string;
const run = async (argv: string[]) => {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'steerco-cli-value-'));
  process.env.STEERCO_CONFIG_DIR = join(dir, 'config');
  file = join(dir, 'demo.steerco');
  expect((await run(['demo', file])).code).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('steerco value', () => {
  it('prints the same roll-up as the API, amounts as exact decimals', async () => {
    const r = await run(['value', file, '--by', 'di', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { currency: string; rows: { di: number; forecast: string; riskWeightedPlan: string }[] };
    const api = newApi();
    try {
      await api.call('workspace:open', { path: file });
      const rows = await api.call('value:rollup', { by: ['di'] });
      expect(json.currency).toBe('EUR');
      expect(json.rows.map((x) => x.di)).toEqual(rows.map((x) => x.keys.di));
      expect(json.rows.map((x) => Math.round(Number(x.forecast) * 100))).toEqual(rows.map((x) => x.forecast));
    } finally {
      api.close();
    }
  });
  it('refuses an unknown grouping with exit code 2', async () => {
    const r = await run(['value', file, '--by', 'colour']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Unknown --by "colour"/);
  });
  it('refuses an unknown node', async () => {
    const r = await run(['value', file, '--node', 'nope']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/No hierarchy node/);
  });
});
