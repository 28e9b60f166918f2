import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fileError } from '../../db/files.js';
import { ApiError } from './errors.js';
import { apiWithWorkspace } from './test-helpers.js';

let w: Awaited<ReturnType<typeof apiWithWorkspace>>;
beforeEach(async () => {
  w = await apiWithWorkspace();
});
afterEach(() => w.cleanup());

async function refusal(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

const fifo = (name: string) => {
  const p = join(w.dir, name);
  execFileSync('mkfifo', [p]);
  return p;
};

describe('paths given to the app', () => {
  it('refuses a NUL byte in any path before touching the disk', async () => {
    for (const call of [
      w.api.call('workspace:open', { path: `${w.dir}/a\0b.steerco` }),
      w.api.call('measures:export', { path: `${w.dir}/x\0.xlsx`, format: 'xlsx' }),
      w.api.call('method:newWorkspace', { path: `${w.dir}/n.steerco`, methodPath: `${w.dir}/m\0.json` }),
    ]) {
      const e = await refusal(call);
      expect(e.status).toBe(400);
      expect(e.message).toContain('NUL character');
    }
  });

  it('refuses a FIFO, a device or a folder where a file is expected, without opening it (no hang)', async () => {
    const pipe = fifo('pipe.steerco');
    const open = await refusal(w.api.call('workspace:open', { path: pipe }));
    expect(open.message).toContain('not a regular file');
    const dev = await refusal(w.api.call('workspace:open', { path: '/dev/null' }));
    expect(dev.message).toContain('not a regular file');
    const method = await refusal(w.api.call('method:newWorkspace', { path: join(w.dir, 'new.steerco'), methodPath: fifo('method.json') }));
    expect(method.status).toBe(400);
    expect(method.message).toContain('is a named pipe (FIFO), not a method file');
    const folder = await refusal(w.api.call('method:newWorkspace', { path: join(w.dir, 'new.steerco'), methodPath: w.dir }));
    expect(folder.message).toContain('is a folder, not a method file');
    const exportPipe = await refusal(w.api.call('measures:export', { path: fifo('out.csv'), format: 'csv' }));
    expect(exportPipe.message).toMatch(/Cannot write .*out\.csv: it is a named pipe \(FIFO\)\. Nothing was written/);
    expect(existsSync(join(w.dir, 'new.steerco'))).toBe(false);
  });

  it('never echoes a file it cannot read, and leaves nothing behind', async () => {
    const bogus = join(w.dir, 'notes.json');
    writeFileSync(bogus, 'TOP SECRET salary list, not JSON');
    const before = readdirSync(w.dir).sort();
    const e = await refusal(w.api.call('method:newWorkspace', { path: join(w.dir, 'fresh.steerco'), methodPath: bogus }));
    expect(e.message).toContain('is not a Steerco method file (it is not JSON)');
    expect(e.message).not.toContain('SECRET');
    expect(readdirSync(w.dir).sort()).toEqual(before);
  });

  it('replaces an existing file only when the user confirmed it (exists → 409, then overwrite)', async () => {
    const out = join(w.dir, 'measures.csv');
    writeFileSync(out, 'my own notes');
    const e = await refusal(w.api.call('measures:export', { path: out, format: 'csv' }));
    expect(e.body.code).toBe('exists');
    expect(e.status).toBe(409);
    expect(e.message).toContain('already exists. Replace it?');
    expect(readFileSync(out, 'utf8')).toBe('my own notes');
    await w.api.call('measures:export', { path: out, format: 'csv', overwrite: true });
    expect(readFileSync(out, 'utf8')).toContain('M-0001');

    const pptx = join(w.dir, 'pack.pptx');
    writeFileSync(pptx, 'keep me');
    expect((await refusal(w.api.call('pack:exportPptx', { path: pptx }))).body.code).toBe('exists');
    expect(readFileSync(pptx, 'utf8')).toBe('keep me');

    const method = join(w.dir, 'team.steerco-method.json');
    writeFileSync(method, 'keep me too');
    expect((await refusal(w.api.call('method:export', { path: method }))).body.code).toBe('exists');
    expect(readFileSync(method, 'utf8')).toBe('keep me too');
    await w.api.call('method:export', { path: method, overwrite: true });
    expect(JSON.parse(readFileSync(method, 'utf8'))).toMatchObject({ format: 'steerco-method' });
  });

  it('refuses a write into a missing folder with the path and the reason (4xx, not an internal error)', async () => {
    const e = await refusal(w.api.call('measures:export', { path: join(w.dir, 'nope', 'm.xlsx'), format: 'xlsx' }));
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/Cannot write .*m\.xlsx: the folder .*nope does not exist\. Nothing was written\./);
    expect(fileError(Object.assign(new Error('x'), { code: 'EACCES' }), '/p/q', 'read').message).toBe('Cannot read /p/q: permission denied.');
  });
});

describe('lock files', () => {
  const reopen = async (lock: string) => {
    w.api.close();
    writeFileSync(`${w.path}.lock`, lock);
    return w.api.call('workspace:open', { path: w.path });
  };

  it('leaves a file at the lock name alone unless it is a Steerco lock', async () => {
    const e = await refusal(reopen('my shopping list'));
    expect(e.message).toContain('is not a Steerco lock file; Steerco leaves it alone');
    expect(e.message).not.toContain('shopping');
    expect(readFileSync(`${w.path}.lock`, 'utf8')).toBe('my shopping list');
  });

  it("takes over Steerco's own lock of a process that has ended (this version's and an older one's)", async () => {
    const dead = 2 ** 22 + 12345;
    await reopen(JSON.stringify({ app: 'steerco', pid: dead, host: (await import('node:os')).hostname() }));
    expect(JSON.parse(readFileSync(`${w.path}.lock`, 'utf8'))).toMatchObject({ app: 'steerco', pid: process.pid });
    await reopen(String(dead));
    expect(JSON.parse(readFileSync(`${w.path}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
  });

  it('refuses a lock held on another computer', async () => {
    const e = await refusal(reopen(JSON.stringify({ app: 'steerco', pid: 1, host: 'laptop-of-sofia' })));
    expect(e.message).toContain('is open in Steerco on the computer laptop-of-sofia');
  });
});

describe('a folder for outputs', () => {
  it('is created by nobody: a typo in a path does not create folders', async () => {
    mkdirSync(join(w.dir, 'out'));
    await w.api.call('measures:export', { path: join(w.dir, 'out', 'm.csv'), format: 'csv' });
    expect(existsSync(join(w.dir, 'out', 'm.csv'))).toBe(true);
  });
});

describe('a refused workspace file', () => {
  it('is left exactly as it was: no sidecar files, no journal-mode change', async () => {
    const { default: Sqlite } = await import('better-sqlite3');
    const path = join(w.dir, 'newer.steerco');
    await w.api.call('workspace:create', { path, name: 'Newer' });
    w.api.close();
    const raw = new Sqlite(path);
    raw.pragma('journal_mode = DELETE');
    raw.pragma('user_version = 999');
    raw.close();
    const bytes = readFileSync(path);
    const e = await refusal(w.api.call('workspace:open', { path }));
    expect(e.message).toContain('newer Steerco');
    expect(readdirSync(w.dir).filter((f) => f.startsWith('newer.steerco'))).toEqual(['newer.steerco']);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});

describe('the start screen', () => {
  it('says in plain words that a folder or a file does not exist, and forgets a recent file that is gone', async () => {
    const inMissing = await refusal(w.api.call('workspace:open', { path: join(w.dir, 'no-such-folder', 'x.steerco') }));
    expect(inMissing.message).toBe(`The folder ${join(w.dir, 'no-such-folder')} does not exist, so there is no workspace x.steerco in it. Check the path, or choose the file with Browse.`);
    expect(inMissing.message).not.toMatch(/ENOENT|lock|Internal/);
    const missing = await refusal(w.api.call('workspace:open', { path: join(w.dir, 'gone.steerco') }));
    expect(missing.message).toContain('there is no workspace there');
    const a = join(w.dir, 'a.steerco');
    const b = join(w.dir, 'b.steerco');
    await w.api.call('workspace:create', { path: a, name: 'A' });
    await w.api.call('workspace:create', { path: b, name: 'B' });
    expect((await w.api.call('app:info', {})).recent.slice(0, 2)).toEqual([b, a]);
    await w.api.call('workspace:close', {});
    rmSync(a);
    const recent = (await w.api.call('app:info', {})).recent;
    expect(recent).not.toContain(a);
    expect(recent[0]).toBe(b);
  });
});
