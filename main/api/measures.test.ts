import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Api } from './index.js';
import { apiWithWorkspace } from './test-helpers.js';

let api: Api;
let path: string;
let dir: string;
let cleanup: () => void;

beforeEach(async () => {
  ({ api, path, dir, cleanup } = await apiWithWorkspace());
});
afterEach(() => cleanup());

const first = async () => (await api.call('measures:list', {}))[0]!;
const changeCount = () => (api.session.db().prepare('SELECT count(*) AS n FROM change_log').get() as { n: number }).n;

describe('demo workspace', () => {
  it('holds a realistic program on all six levels with people in every role', async () => {
    const nodes = await api.call('nodes:list', {});
    const levels = new Set(nodes.map((n) => n.level));
    expect([...levels].sort()).toEqual(['organization', 'package', 'portfolio', 'program', 'project'].sort());
    const measures = await api.call('measures:list', {});
    expect(measures.length).toBeGreaterThanOrEqual(40);
    expect(measures.length).toBeLessThanOrEqual(80);
    expect(new Set(measures.map((m) => m.diLevel))).toEqual(new Set([0, 1, 2, 3, 4, 5]));
    expect(new Set(measures.map((m) => m.implementationStatus))).toEqual(new Set(['green', 'amber', 'red', 'grey']));
    expect(new Set(measures.map((m) => m.lifecycle))).toEqual(new Set(['active', 'on_hold', 'cancelled', 'closed']));
    const roles = await api.call('roles:list', {});
    const people = await api.call('people:list', {});
    for (const r of roles) expect(people.some((p) => p.roles.includes(r.key)), r.key).toBe(true);
  });
});

describe('measures:update', () => {
  it('saves a valid edit, records it in the change log and shows it in history', async () => {
    const m = await first();
    const updated = await api.call('measures:update', { id: m.id, patch: { title: 'Renamed measure', owner: 'Priya Nair' } });
    expect(updated.title).toBe('Renamed measure');
    expect(updated.owner).toBe('Priya Nair');
    const history = await api.call('measures:history', { id: m.id });
    expect(history.find((h) => h.field === 'title')).toMatchObject({ oldValue: m.title, newValue: 'Renamed measure' });
  });

  it.each([
    [{ title: '   ' }, /Title: is required/],
    [{ owner: 'Nobody Known' }, /Unknown person "Nobody Known"/],
    [{ startDate: '2026-05-01', dueDate: '2026-04-01' }, /before the start date/],
    [{ implementationStatus: 'purple' }, /not a status/],
    [{ dueDate: '2026-02-30' }, /not a date/],
    [{ title: 'a\u0007b' }, /control character/],
  ])('refuses %j with a clear message and writes nothing', async (patch, message) => {
    const m = await first();
    const before = changeCount();
    await expect(api.call('measures:update', { id: m.id, patch })).rejects.toMatchObject({ body: { code: 'validation', message } });
    expect(changeCount()).toBe(before);
    expect(await api.call('measures:get', { id: m.id })).toEqual(m);
  });

  it('refuses input that fails the schema', async () => {
    await expect(api.call('measures:update', { id: 'x', patch: { diLevel: '3' } })).rejects.toMatchObject({ body: { code: 'bad_input' } });
  });

  it('stores formulas and right-to-left or emoji text verbatim', async () => {
    const m = await first();
    for (const title of ['=SUM(A1:A3)', '+1', '@cmd', 'مرحبا بالعالم', 'Launch 🚀 tier']) {
      const u = await api.call('measures:update', { id: m.id, patch: { title } });
      expect(u.title).toBe(title);
    }
  });
});

describe('undo and redo', () => {
  it('undoes and redoes the last edits, and survives reopening', async () => {
    const m = await first();
    await api.call('measures:update', { id: m.id, patch: { title: 'One' } });
    await api.call('measures:update', { id: m.id, patch: { title: 'Two' } });
    expect((await api.call('history:undo', {})).done).toMatch(/Edit/);
    expect((await api.call('measures:get', { id: m.id })).title).toBe('One');
    await api.call('workspace:close', {});
    await api.call('workspace:open', { path });
    expect((await api.call('history:state', {})).redo).toMatch(/Edit/);
    await api.call('history:undo', {});
    expect((await api.call('measures:get', { id: m.id })).title).toBe(m.title);
    await api.call('history:redo', {});
    expect((await api.call('measures:get', { id: m.id })).title).toBe('One');
  });

  it('undoes a created measure by removing it, and a delete by restoring it', async () => {
    const pkg = (await api.call('nodes:list', {})).find((n) => n.level === 'package')!;
    const created = await api.call('measures:create', { nodeId: pkg.id, patch: { title: 'Fresh' } });
    await api.call('history:undo', {});
    await expect(api.call('measures:get', { id: created.id })).rejects.toMatchObject({ body: { code: 'not_found' } });
    await api.call('history:redo', {});
    expect((await api.call('measures:get', { id: created.id })).title).toBe('Fresh');
    await api.call('measures:delete', { ids: [created.id] });
    await api.call('history:undo', {});
    expect((await api.call('measures:get', { id: created.id })).title).toBe('Fresh');
  });
});

describe('hierarchy', () => {
  it('adds, renames, moves and deletes nodes with level rules', async () => {
    const nodes = await api.call('nodes:list', {});
    const program = nodes.find((n) => n.level === 'program')!;
    const project = await api.call('nodes:create', { parentId: program.id, name: 'New stream' });
    expect(project.level).toBe('project');
    const pkg = await api.call('nodes:create', { parentId: project.id, name: 'Pkg' });
    await expect(api.call('nodes:create', { parentId: pkg.id, name: 'Too deep' })).rejects.toMatchObject({ body: { code: 'validation' } });
    await api.call('nodes:rename', { id: pkg.id, name: 'Package A' });
    const other = nodes.find((n) => n.level === 'project' && n.id !== project.id)!;
    await api.call('nodes:move', { id: pkg.id, parentId: other.id });
    await expect(api.call('nodes:move', { id: pkg.id, parentId: program.id })).rejects.toMatchObject({ body: { message: /can only contain projects/ } });
    const m = await api.call('measures:create', { nodeId: pkg.id, patch: { title: 'In package A' } });
    const under = await api.call('measures:list', { nodeId: other.id });
    expect(under.some((x) => x.id === m.id)).toBe(true);
    const r = await api.call('nodes:delete', { id: pkg.id });
    expect(r).toEqual({ nodes: 1, measures: 1 });
    await api.call('history:undo', {});
    expect((await api.call('measures:get', { id: m.id })).nodeId).toBe(pkg.id);
  });

  it('refuses a sibling name already taken (any case), with the reason, and writes nothing', async () => {
    const nodes = await api.call('nodes:list', {});
    const program = nodes.find((n) => n.level === 'program')!;
    const a = await api.call('nodes:create', { parentId: program.id, name: 'Pricing' });
    const b = await api.call('nodes:create', { parentId: program.id, name: 'Billing' });
    const count = (await api.call('nodes:list', {})).length;
    await expect(api.call('nodes:create', { parentId: program.id, name: ' pricing ' })).rejects.toMatchObject({
      body: { code: 'validation', message: `${program.name} already has a project named "Pricing"; choose another name.` },
    });
    await expect(api.call('nodes:rename', { id: b.id, name: 'PRICING' })).rejects.toMatchObject({ body: { code: 'validation' } });
    expect((await api.call('nodes:list', {})).length).toBe(count);
    expect((await api.call('nodes:list', {})).find((n) => n.id === b.id)!.name).toBe('Billing');
    // The same name under another parent, or a node renamed to its own name, is fine.
    const pkg = await api.call('nodes:create', { parentId: a.id, name: 'Pricing' });
    await api.call('nodes:rename', { id: a.id, name: 'Pricing' });
    // Moving a package next to a namesake is refused too.
    const twin = await api.call('nodes:create', { parentId: b.id, name: 'Pricing' });
    await expect(api.call('nodes:move', { id: twin.id, parentId: a.id })).rejects.toMatchObject({ body: { message: /already has a measure package named "Pricing"/ } });
    expect((await api.call('nodes:list', {})).find((n) => n.id === pkg.id)!.parentId).toBe(a.id);
  });
});

describe('opening files', () => {
  it('refuses a file that is not a workspace and leaves it untouched', async () => {
    const bogus = join(dir, 'notes.steerco');
    writeFileSync(bogus, 'hello, this is not a database at all'.repeat(10));
    await expect(api.call('workspace:open', { path: bogus })).rejects.toMatchObject({ body: { code: 'workspace', message: /not a Steerco workspace/ } });
  });

  it('refuses to create a workspace over an existing file or in a missing folder', async () => {
    await expect(api.call('workspace:create', { path })).rejects.toMatchObject({ body: { message: /already exists/ } });
    await expect(api.call('workspace:create', { path: join(dir, 'no', 'such', 'x.steerco') })).rejects.toMatchObject({ body: { message: /does not exist/ } });
  });

  it('refuses a workspace from a newer schema', async () => {
    await api.call('workspace:close', {});
    const Database = (await import('better-sqlite3')).default;
    const raw = new Database(path);
    raw.pragma('user_version = 999');
    raw.close();
    await expect(api.call('workspace:open', { path })).rejects.toMatchObject({ body: { message: /newer Steerco.*Update Steerco/ } });
  });
});

describe('reloading only what changed', () => {
  it('says which rows an action changed, and lists just those measures (live, in the subtree)', async () => {
    const events: { tables: string[]; rows?: Record<string, string[]> }[] = [];
    const off = api.session.on('workspace:changed', (e) => events.push(e));
    const [a, b] = await api.call('measures:list', {});
    await api.call('measures:update', { id: a!.id, patch: { title: 'Only this one' } });
    expect(events.at(-1)!.rows!.measures).toEqual([a!.id]);
    await api.call('history:undo', {});
    expect(events.at(-1)!.rows!.measures).toEqual([a!.id]);
    off();

    await api.call('measures:delete', { ids: [b!.id] });
    const fresh = await api.call('measures:list', { ids: [a!.id, b!.id] });
    expect(fresh.map((m) => m.id)).toEqual([a!.id]);
    expect(fresh[0]).toEqual((await api.call('measures:list', {})).find((m) => m.id === a!.id));
    // Outside the selected node's subtree: not listed (the grid drops the row).
    const other = (await api.call('nodes:list', {})).find((n) => n.level === 'package' && n.id !== a!.nodeId)!;
    expect(await api.call('measures:list', { nodeId: other.id, ids: [a!.id] })).toEqual([]);
    expect(await api.call('measures:list', { nodeId: a!.nodeId, ids: [a!.id] })).toHaveLength(1);
  });

  it('gives gate readiness for just the named measures, equal to the full list', async () => {
    const all = await api.call('gates:readiness', {});
    const some = await api.call('gates:readiness', { ids: [all[0]!.measureId, all[5]!.measureId] });
    expect(some).toHaveLength(2);
    expect(new Map(some.map((r) => [r.measureId, r]))).toEqual(new Map([all[0]!, all[5]!].map((r) => [r.measureId, r])));
  });
});
