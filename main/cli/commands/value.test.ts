import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace, runCli } from '../test-cli.js';
import { newApi } from '../context.js';

let dir: string;
let file: string;
const run = (argv: string[]) => runCli(...argv);

beforeAll(async () => {
  ({ dir, file } = await demoWorkspace('value', 'demo.steerco'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('steerco value', () => {
  it('prints the same roll-up as the API, amounts as exact decimals', async () => {
    const r = await run(['value', file, '--by', 'di', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out) as { currency: string; rows: { di: number; forecast: string; riskWeightedPlan: string }[] };
    const api = await newApi();
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
