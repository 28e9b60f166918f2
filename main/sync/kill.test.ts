import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorkspace, openWorkspace, type Database } from '../../db/connection.js';
import { runAction } from '../../db/changes.js';
import { buildBundle, commitBundle, importBundle } from './bundles.js';
import { addMemberCopy } from './identity.js';
import { dumpTables } from './test-replicas.js';

// Large enough that the import runs for a good while after its first WAL pages, even when
// the import gets faster or the poll below is late on a busy machine.
const MEASURES = 12_000;
const BIN = fileURLToPath(new URL('../cli/bin.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'steerco-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const snapshot = (db: Database) =>
  dumpTables(db) + JSON.stringify(db.prepare('SELECT count(*) AS n, max(seq) AS s FROM change_log').get()) + JSON.stringify(db.prepare('SELECT * FROM sync_received').all());

describe('fault: the process dies in the middle of an import', () => {
  it('leaves the workspace intact and exactly as before; the next import completes', async () => {
    const a = createWorkspace(join(dir, 'a.steerco'), { name: 'Kill test' });
    await addMemberCopy(a, 'seed', 'B', join(dir, 'b.steerco'));
    runAction(a, { actor: 'seed', label: 'bulk', undoable: false }, (w) => {
      const node = w.insert('nodes', { parent_id: null, level: 'organization', name: 'Org' });
      for (let i = 0; i < MEASURES; i++) w.insert('measures', { code: `M-${i}`, node_id: node, title: `Measure ${i}`, description: 'x'.repeat(40) });
    });
    const bundle = buildBundle(a, 'seed')!;
    commitBundle(a, bundle);
    a.close();
    const file = join(dir, bundle.fileName);
    writeFileSync(file, bundle.bytes);

    const bPath = join(dir, 'b.steerco');
    let b = openWorkspace(bPath);
    const before = snapshot(b);
    b.close();

    const child = spawn(process.execPath, [BIN, 'sync', 'import', bPath, file], { stdio: 'ignore', env: { ...process.env, STEERCO_CONFIG_DIR: join(dir, 'cfg') } });
    const exit = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_code, signal) => res(signal)));
    // Kill once the import transaction has spilled pages into the WAL: mid-import for sure.
    const wal = `${bPath}-wal`;
    const killed = await new Promise<boolean>((res) => {
      const t = setInterval(() => {
        if (existsSync(wal) && statSync(wal).size > 256_000) {
          clearInterval(t);
          child.kill('SIGKILL');
          res(true);
        }
      }, 1);
      void exit.then(() => {
        clearInterval(t);
        res(false);
      });
    });
    expect(killed).toBe(true);
    expect(await exit).toBe('SIGKILL');

    b = openWorkspace(bPath);
    try {
      expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(snapshot(b)).toBe(before);
      const o = importBundle(b, bundle.bytes, bundle.fileName);
      expect(o.status).toBe('imported');
      expect(o.changes).toBe(MEASURES * 5 + 4); // the bundle also carries B's own registration, which B has
      expect((b.prepare('SELECT count(*) AS n FROM measures').get() as { n: number }).n).toBe(MEASURES);
    } finally {
      b.close();
    }
  }, 120_000);
});
