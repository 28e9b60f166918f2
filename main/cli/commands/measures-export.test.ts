import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace, runCli } from '../test-cli.js';

let dir: string;
let file: string;
const run = runCli;

beforeAll(async () => {
  ({ dir, file } = await demoWorkspace('export', 'demo.steerco'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('steerco measures export', () => {
  it('exports CSV with chosen columns and Excel with all of them', async () => {
    const csv = join(dir, 'm.csv');
    const r = await run('measures', 'export', file, csv, '--columns', 'title,dueDate');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Exported 49 measures × 3 columns to /);
    const lines = readFileSync(csv, 'utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('Code,Title,Due');
    expect(lines).toHaveLength(50);
    const xlsx = join(dir, 'm.xlsx');
    expect((await run('measures', 'export', file, xlsx)).code).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses an unknown extension and a missing folder with exit code 2, writing nothing', async () => {
    const bad = await run('measures', 'export', file, join(dir, 'm.txt'));
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/must end in \.xlsx \(Excel\) or \.csv/);
    const missing = await run('measures', 'export', file, join(dir, 'no', 'm.csv'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/the folder .* does not exist/);
    expect(existsSync(join(dir, 'm.txt'))).toBe(false);
  });
});
