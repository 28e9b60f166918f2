import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi, type Api } from '../api/index.js';
import { closeWorkspace, exportPack, historyStep, newWorkspace, openStartWorkspace, openWorkspace, saveWorkspaceCopy } from './actions.js';

let dir: string;
let api: Api;
/** What the fake native dialog answers next (null = cancelled). */
let answer: string | null;
const asked: string[] = [];

function freshApi(): Api {
  return createApi({
    configDir: join(dir, 'config'),
    version: 'test',
    shell: {
      pickPath: (mode) => {
        asked.push(mode);
        return Promise.resolve(answer);
      },
    },
  });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'steerco-app-'));
  answer = null;
  asked.length = 0;
  api = freshApi();
});
afterEach(() => {
  api.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('start workspace', () => {
  it('creates the demo workspace on first run, and reopens it next time', async () => {
    const demoPath = join(dir, 'demo.steerco');
    const first = await openStartWorkspace(api, { argvFile: null, demoPath });
    expect(first.problems).toEqual([]);
    expect(first.workspace?.path).toBe(demoPath);
    expect((await api.call('measures:list', {})).length).toBeGreaterThan(0);
    api.close();

    api = freshApi();
    const again = await openStartWorkspace(api, { argvFile: null, demoPath });
    expect(again.workspace?.path).toBe(demoPath);
  });

  it('prefers the launched file, then the most recent one', async () => {
    const a = join(dir, 'a.steerco');
    const b = join(dir, 'b.steerco');
    await api.call('workspace:create', { path: a });
    await api.call('workspace:create', { path: b });
    api.close();

    api = freshApi();
    expect((await openStartWorkspace(api, { argvFile: a, demoPath: join(dir, 'demo.steerco') })).workspace?.path).toBe(a);
    api.close();

    api = freshApi();
    expect((await openStartWorkspace(api, { argvFile: null, demoPath: join(dir, 'demo.steerco') })).workspace?.path).toBe(a);
    expect(existsSync(join(dir, 'demo.steerco'))).toBe(false);
  });

  it('tells the user when the launched file is not a workspace, and still opens something', async () => {
    const bogus = join(dir, 'notes.steerco');
    writeFileSync(bogus, 'just text, not SQLite');
    const r = await openStartWorkspace(api, { argvFile: bogus, demoPath: join(dir, 'demo.steerco') });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.path).toBe(bogus);
    expect(r.workspace?.path).toBe(join(dir, 'demo.steerco'));
  });
});

describe('menu actions', () => {
  it('do nothing when the dialog is cancelled', async () => {
    expect(await newWorkspace(api)).toBeNull();
    expect(await openWorkspace(api)).toBeNull();
    expect(asked).toEqual(['create', 'open']);
    expect(api.session.isOpen).toBe(false);
  });

  it('create, copy, close and reopen a workspace through the dialogs', async () => {
    answer = join(dir, 'plan');
    const ws = await newWorkspace(api, { demo: true });
    expect(ws?.path).toBe(join(dir, 'plan.steerco'));

    answer = join(dir, 'plan copy.steerco');
    expect(await saveWorkspaceCopy(api)).toBe(answer);
    expect(existsSync(answer)).toBe(true);

    await closeWorkspace(api);
    expect(api.session.isOpen).toBe(false);
    expect((await openWorkspace(api, join(dir, 'plan copy.steerco')))?.path).toBe(join(dir, 'plan copy.steerco'));
  });

  it('undo and redo the last edit, and are harmless without a workspace', async () => {
    expect(await historyStep(api, 'undo')).toBeNull();
    await api.call('workspace:create', { path: join(dir, 'u.steerco'), demo: true });
    const m = (await api.call('measures:list', {}))[0]!;
    await api.call('measures:update', { id: m.id, patch: { title: 'Renamed' } });
    expect(await historyStep(api, 'undo')).not.toBeNull();
    expect((await api.call('measures:get', { id: m.id })).title).toBe(m.title);
    await historyStep(api, 'redo');
    expect((await api.call('measures:get', { id: m.id })).title).toBe('Renamed');
  });
});

describe('export steering pack from the menu', () => {
  it('writes the PowerPoint pack where the save dialog says, named after the workspace and date', async () => {
    await api.call('workspace:create', { path: join(dir, 'ws.steerco'), demo: true });
    const names: string[] = [];
    const out = join(dir, 'pack.pptx');
    const written = await exportPack(api, 'pptx', (name) => {
      names.push(name);
      return Promise.resolve(out);
    });
    expect(written).toBe(out);
    expect(existsSync(out)).toBe(true);
    expect(names[0]).toMatch(/^Northwind managed-service launch demo - steering pack - \d{4}-\d{2}-\d{2}\.pptx$/);
    expect(await exportPack(api, 'pptx', () => Promise.resolve(null))).toBeNull();
  });
});
