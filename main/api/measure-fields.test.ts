import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Registry from '../../preload/contract/measure-fields.js';
import type { MeasureFieldDef } from '../../preload/contract/measure-fields.js';
import type { Api } from './index.js';

/*
 * "A new field is one migration plus one registry row", proven: this file adds a field
 * `region` to the registry (test-only, by mocking the registry module before the app loads)
 * and a column to the measures table (what the field's migration would do), and nothing
 * else; the field then is validated, stored, read, labelled in the history and the undo
 * menu, edited in bulk, exported and imported like the built-in ones.
 */
const REGION: MeasureFieldDef = { key: 'region', column: 'region', label: 'Sales region', kind: 'line', gridWidth: 120, exportWidth: 14, bulk: true, aliases: ['territory'] };

vi.doMock('../../preload/contract/measure-fields.js', async (importOriginal) => {
  const real = await importOriginal<typeof Registry>();
  const fields = [...(real.MEASURE_FIELDS as readonly MeasureFieldDef[]), REGION];
  return { ...real, MEASURE_FIELDS: fields, ...real.indexFields(fields) };
});

let api: Api;
let dir: string;
let cleanup: () => void;
let ids: string[];

beforeAll(async () => {
  const { apiWithWorkspace } = await import('./test-helpers.js');
  ({ api, dir, cleanup } = await apiWithWorkspace({ demo: false }));
  // The field's migration.
  api.session.db().exec("ALTER TABLE measures ADD COLUMN region TEXT NOT NULL DEFAULT ''");
  const org = await api.call('nodes:create', { parentId: null, name: 'Org' });
  const pf = await api.call('nodes:create', { parentId: org.id, name: 'Portfolio' });
  const pg = await api.call('nodes:create', { parentId: pf.id, name: 'Program' });
  const pj = await api.call('nodes:create', { parentId: pg.id, name: 'Project' });
  const pk = await api.call('nodes:create', { parentId: pj.id, name: 'Package' });
  ids = [];
  for (const title of ['Alpha', 'Beta']) ids.push((await api.call('measures:create', { nodeId: pk.id, patch: { title, region: 'EMEA' } as never })).id);
});
afterAll(() => cleanup());

type WithRegion = { region?: string };

describe('a field added by one registry row (and its column)', () => {
  it('is stored and read on create and update, labelled in the undo menu and the history', async () => {
    expect((await api.call('measures:get', { id: ids[0]! })) as WithRegion).toMatchObject({ region: 'EMEA' });
    await api.call('measures:update', { id: ids[0]!, patch: { region: 'APAC' } as never });
    expect(((await api.call('measures:get', { id: ids[0]! })) as WithRegion).region).toBe('APAC');
    const code = (await api.call('measures:get', { id: ids[0]! })).code;
    expect((await api.call('history:state', {})).undo).toBe(`Edit ${code} Sales region`);
    expect((await api.call('measures:history', { id: ids[0]! }))[0]).toMatchObject({ label: 'Sales region', oldText: 'EMEA', newText: 'APAC' });
  });

  it('refuses a bad value with its label, at the field, writing nothing', async () => {
    await expect(api.call('measures:update', { id: ids[1]!, patch: { region: 'two\nlines' } as never })).rejects.toMatchObject({
      body: { code: 'validation', issues: [{ field: 'region', message: expect.stringMatching(/^Sales region: contains a line break/) as unknown }] },
    });
    expect(((await api.call('measures:get', { id: ids[1]! })) as WithRegion).region).toBe('EMEA');
  });

  it('is edited in bulk with the one label format', async () => {
    const r = await api.call('measures:bulkUpdate', { edits: ids.map((id) => ({ id, patch: { region: 'LATAM' } as never })) });
    expect(r).toMatchObject({ measures: 2, label: 'Set Sales region on 2 measures' });
  });

  it('is exported under its header and imported back by it (or an alias)', async () => {
    const file = join(dir, 'm.csv');
    await api.call('measures:export', { path: file, format: 'csv' });
    const csv = readFileSync(file, 'utf8');
    const [header, ...rows] = csv.trim().split(/\r?\n/);
    expect(header!.split(',')).toContain('Sales region');
    expect(rows.every((r) => r.includes('LATAM'))).toBe(true);
    const code = (await api.call('measures:get', { id: ids[1]! })).code;
    writeFileSync(file, `Code,Title,Territory\n${code},Beta,Nordics\n`);
    const dry = await api.call('measures:import', { path: file, dryRun: true });
    expect(dry.preview.updates[0]!.changes).toEqual([expect.objectContaining({ field: 'region', label: 'Sales region', old: 'LATAM', new: 'Nordics' })]);
    await api.call('measures:import', { path: file });
    expect(((await api.call('measures:get', { id: ids[1]! })) as WithRegion).region).toBe('Nordics');
  });
});
