import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace, runCli } from '../test-cli.js';

let dir: string;
let file: string;
const run = runCli;

beforeAll(async () => {
  ({ dir, file } = await demoWorkspace('import', 'demo.steerco'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('steerco measures import', () => {
  it('previews with --dry-run (nothing written), applies, then finds nothing to change (exit 0)', async () => {
    const csv = join(dir, 'm.csv');
    expect((await run('measures', 'export', file, csv, '--separator', ';', '--locale', 'de-DE')).code).toBe(0);
    const text = readFileSync(csv, 'utf8');
    const [header, first] = text.slice(1).split('\r\n');
    expect(header).toMatch(/^Code;Title;Owner;/);
    const code = first!.split(';')[0]!;
    writeFileSync(csv, text.replace(first!, first!.replace(/^([^;]+);([^;]*);/, '$1;Renamed on the command line;')));

    const dry = await run('measures', 'import', file, csv, '--locale', 'de-DE', '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/CSV, ";"-separated, UTF-8 with BOM, header in row 1, 49 rows/);
    expect(dry.out).toMatch(/1 measure to change \(1 cell\), 0 to create/);
    expect(dry.out).toContain(`${code} (row 2) Title:`);
    expect(dry.out).toContain('→ Renamed on the command line');
    const list = JSON.parse((await run('measures', 'list', file, '--json')).out) as { code: string; title: string }[];
    expect(list.find((m) => m.code === code)!.title).not.toBe('Renamed on the command line');

    const json = await run('measures', 'import', file, csv, '--locale', 'de-DE', '--json');
    expect(json.code).toBe(0);
    const r = JSON.parse(json.out) as { applied: { measures: number; cells: number; label: string } };
    expect(r.applied).toMatchObject({ measures: 1, cells: 1, label: 'Import m.csv: 1 measure changed' });
    const again = await run('measures', 'import', file, csv, '--locale', 'de-DE');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/Nothing to change; nothing was written\./);
  });

  it('exits 2 with every refused cell listed and nothing written', async () => {
    const csv = join(dir, 'bad.csv');
    writeFileSync(csv, 'Code,Title,Owner,Due\r\nM-0001,Fine,Nobody Known,2026-02-30\r\n');
    const before = (await run('measures', 'list', file, '--json')).out;
    const r = await run('measures', 'import', file, csv);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/Refused \(2\):/);
    expect(r.out).toMatch(/row 2, column C \(Owner\): Owner: Unknown person "Nobody Known"/);
    expect(r.out).toMatch(/row 2, column D \(Due\): Due date: "2026-02-30" is not a day: February 2026 has 28 days/);
    expect(r.err).toMatch(/2 refused; nothing was written/);
    expect((await run('measures', 'list', file, '--json')).out).toBe(before);
    const missing = await run('measures', 'import', file, join(dir, 'nope.xlsx'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/No file at .*nope\.xlsx/);
    const usage = await run('measures', 'import', file);
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/Usage: steerco measures import FILE IN\.xlsx\|IN\.csv/);
  });
});
