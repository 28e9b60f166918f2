/**
 * bench/sync-sim.ts — a consulting team syncing through one folder, in-process and seeded:
 * the 49-measure demo, N member copies (each its own person), random edits, rounds of
 * "each copy imports everything new, then writes its bundle" (syncFolder, pruning and
 * checkpoints on), optionally one member going silent (and being retired later).
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3, { type Statement } from 'better-sqlite3';
import type { Database } from '../db/connection.js';
import { replicaId, runAction } from '../db/changes.js';
import { advanceClock, now as clockNow, resetClock, setClock } from '../db/clock.js';
import { createApi } from '../main/api/index.js';
import { syncFolder } from '../main/sync/folder.js';
import { ensureIdentity, memberCopyInMemory, retireMember } from '../main/sync/identity.js';

export interface SimOptions {
  copies: number;
  /** Edits over the whole run, spread evenly over rounds and active copies. */
  edits: number;
  rounds: number;
  seed: number;
  /** The last copy stops syncing at this round (and is retired at `retireAt`, if given). */
  silentFrom?: number;
  retireAt?: number;
  /** Milliseconds of clock between rounds (a day by default). */
  roundMs?: number;
}

export interface RoundFigures {
  round: number;
  /** Bytes of the bundles written this round (all copies) and the largest one. */
  bundleBytes: number;
  maxBundle: number;
  checkpointBytes: number;
  /** Import of the round (all copies), and a raw INSERT of the same change rows. */
  importMs: number;
  rawMs: number;
  /**
   * A raw import without any check: the same INSERT into a twin of the copy's whole workspace,
   * plus a plain UPDATE of each cell the changes set (the table write any import must do,
   * triggers such as the value cube's included). Not the headline, which is rawMs.
   */
  rawApplyMs: number;
  changesIn: number;
  folderBytes: number;
  folderFiles: number;
}

export interface SimResult {
  opts: SimOptions;
  changesMade: number;
  bytesWritten: number;
  rounds: RoundFigures[];
  folderBytes: number;
  folderFiles: number;
  heapMB: number;
  converged: boolean;
  logRows: number;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The demo workspace as the administrator's in-memory copy, and N − 1 member copies. */
async function team(n: number): Promise<{ dbs: Database[]; people: string[]; measures: string[]; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'steerco-sim-ws-'));
  const api = createApi({ configDir: join(dir, 'config'), version: 'bench' });
  const path = join(dir, 'demo.steerco');
  await api.call('workspace:create', { path, name: 'Sim', demo: true });
  const file = api.session.db();
  // An image of a WAL database would look for its -wal file: serialize it in rollback mode.
  file.pragma('journal_mode = DELETE');
  const admin = new BetterSqlite3(file.serialize());
  api.close();
  rmSync(dir, { recursive: true, force: true });
  admin.pragma('foreign_keys = ON');
  const people = (admin.prepare('SELECT id FROM people WHERE deleted = 0 ORDER BY name').pluck().all() as string[]).slice(0, n);
  while (people.length < n) {
    const id = `sim-person-${people.length}`;
    runAction(admin, { actor: 'system', label: 'people', undoable: false }, (w) => w.insert('people', { name: `Member ${people.length}` }, id));
    people.push(id);
  }
  ensureIdentity(admin, people[0]!);
  const dbs = [admin, ...people.slice(1).map((p) => memberCopyInMemory(admin, people[0]!, { id: p }))];
  const measures = admin.prepare('SELECT id FROM measures WHERE deleted = 0 ORDER BY code').pluck().all() as string[];
  return { dbs, people, measures, cleanup: () => dbs.forEach((d) => d.close()) };
}

const FIELDS = ['title', 'description', 'business_unit', 'legal_entity', 'closure_criteria', 'due_date'] as const;

function randomEdit(db: Database, person: string, measures: string[], rnd: () => number, i: number): void {
  const m = measures[Math.floor(rnd() * measures.length)]!;
  const f = FIELDS[Math.floor(rnd() * FIELDS.length)]!;
  const value = f === 'due_date' ? `2030-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-15` : f === 'title' ? `Measure ${m.slice(0, 6)} v${i}` : `${f} ${i} by ${person.slice(0, 6)}`;
  runAction(db, { actor: person, label: 'edit' }, (w) => w.update('measures', m, { [f]: value }));
}

const statOr0 = (path: string) => {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
};

const dirBytes = (dir: string) => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.stbundle'));
  return { bytes: files.reduce((n, f) => n + statSync(join(dir, f)).size, 0), files: files.length };
};

/** The raw baseline of an import: the same change rows inserted into a plain twin of the log. */
function rawInsert(twin: Database, rows: unknown[][]): number {
  const ins = twin.prepare(
    'INSERT INTO change_log (hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx, row_key, entered_by, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const t0 = performance.now();
  twin.transaction(() => {
    for (const r of rows) ins.run(r);
  })();
  return performance.now() - t0;
}

/** rawInsert into a twin of the whole workspace, and a plain UPDATE of each cell the rows set (columns 2–5: tbl, row_id, col, value). */
function rawApply(twin: Database, rows: unknown[][], statements: Map<string, Statement>): number {
  const prepared = (sql: string) => {
    let st = statements.get(sql);
    if (!st) statements.set(sql, (st = twin.prepare(sql)));
    return st;
  };
  const ins = prepared(
    'INSERT INTO change_log (hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx, row_key, entered_by, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const r of rows) prepared(`UPDATE ${String(r[2])} SET ${String(r[4])} = ? WHERE id = ?`);
  const t0 = performance.now();
  twin.transaction(() => {
    for (const r of rows) {
      ins.run(r);
      const value = r[5] as string | null;
      prepared(`UPDATE ${String(r[2])} SET ${String(r[4])} = ? WHERE id = ?`).run(value === null ? null : (JSON.parse(value) as string | number), r[3]);
    }
  })();
  return performance.now() - t0;
}

export async function simulate(o: SimOptions): Promise<SimResult> {
  const start = Math.floor(clockNow() / 1000) * 1000 - o.rounds * (o.roundMs ?? 86_400_000);
  setClock(start);
  const dir = mkdtempSync(join(tmpdir(), 'steerco-sim-'));
  const { dbs, people, measures, cleanup } = await team(o.copies);
  const rnd = prng(o.seed);
  // One twin log per copy, holding what that copy's own log holds, as the raw baseline.
  const twins = dbs.map((d) => {
    const t = new BetterSqlite3(':memory:');
    const ddl = (d.prepare("SELECT sql FROM sqlite_master WHERE name = 'change_log'").pluck().get() as string) ?? '';
    t.exec(ddl);
    for (const ix of d.prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'change_log' AND sql IS NOT NULL").pluck().all() as string[]) t.exec(ix);
    const rows = d.prepare('SELECT hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx, row_key, entered_by, seen FROM change_log').raw().all() as unknown[][];
    rawInsert(t, rows);
    return t;
  });
  const wholeTwins = dbs.map((d) => new BetterSqlite3(d.serialize()));
  const twinStatements = wholeTwins.map(() => new Map<string, Statement>());
  const silent = o.copies - 1;
  const perRound = o.edits / o.rounds;
  let made = 0;
  let written = 0;
  const rounds: RoundFigures[] = [];
  try {
    for (let r = 0; r < o.rounds; r++) {
      advanceClock(o.roundMs ?? 86_400_000);
      if (o.retireAt === r) retireMember(dbs[0]!, people[0]!, replicaId(dbs[silent]!), 'Left the program');
      const active = dbs.map((_, i) => i).filter((i) => o.silentFrom === undefined || r < o.silentFrom || i !== silent);
      const fig: RoundFigures = { round: r, bundleBytes: 0, maxBundle: 0, checkpointBytes: 0, importMs: 0, rawMs: 0, rawApplyMs: 0, changesIn: 0, folderBytes: 0, folderFiles: 0 };
      for (const i of active) {
        const db = dbs[i]!;
        const share = Math.round(((r + 1) * perRound) / active.length) - Math.round((r * perRound) / active.length);
        for (let k = 0; k < share; k++) {
          advanceClock(1);
          randomEdit(db, people[i]!, measures, rnd, made++);
        }
        const before = (db.prepare('SELECT max(seq) FROM change_log').pluck().get() as number) ?? 0;
        const t0 = performance.now();
        let importEnd = 0;
        const s = await syncFolder(db, people[i]!, dir, (p) => {
          if (p.phase === 'export' && !importEnd) importEnd = performance.now();
        });
        fig.importMs += importEnd - t0;
        fig.changesIn += s.changesIn;
        const rows = db
          .prepare('SELECT hlc, replica, tbl, row_id, col, value, old_value, base_hlc, base_replica, actor, tx, row_key, entered_by, seen FROM change_log WHERE seq > ? AND replica <> ?')
          .raw()
          .all(before, replicaId(db)) as unknown[][];
        fig.rawMs += rawInsert(twins[i]!, rows);
        fig.rawApplyMs += rawApply(wholeTwins[i]!, rows, twinStatements[i]!);
        written += s.bytesOut;
        const checkpoint = s.checkpoint ? statOr0(join(dir, s.checkpoint)) : 0;
        fig.checkpointBytes += checkpoint;
        const bundle = s.bytesOut - checkpoint;
        fig.bundleBytes += bundle;
        fig.maxBundle = Math.max(fig.maxBundle, bundle);
      }
      const d = dirBytes(dir);
      fig.folderBytes = d.bytes;
      fig.folderFiles = d.files;
      rounds.push(fig);
    }
    // Everyone active settles, then the copies are compared.
    const active = dbs.filter((_, i) => !(o.silentFrom !== undefined && i === silent));
    for (let k = 0; k < 2; k++) for (const db of active) await syncFolder(db, people[dbs.indexOf(db)]!, dir);
    const dump = (db: Database) => JSON.stringify(db.prepare('SELECT * FROM measures ORDER BY id').raw().all());
    const converged = active.every((db) => dump(db) === dump(active[0]!));
    const d = dirBytes(dir);
    return {
      opts: o,
      changesMade: made,
      bytesWritten: written,
      rounds,
      folderBytes: d.bytes,
      folderFiles: d.files,
      heapMB: Math.round(process.memoryUsage().heapUsed / 1024 / 1024),
      converged,
      logRows: dbs[0]!.prepare('SELECT count(*) FROM change_log').pluck().get() as number,
    };
  } finally {
    cleanup();
    twins.forEach((t) => t.close());
    wholeTwins.forEach((t) => t.close());
    rmSync(dir, { recursive: true, force: true });
    resetClock();
  }
}

/** A folder of `files` small bundles from one copy, read once by another; then the time of a sync with nothing new. */
export async function noOpFolder(files: number, seed: number): Promise<{ firstMs: number; noOpMs: number; listMs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'steerco-sim-files-'));
  const { dbs, people, measures, cleanup } = await team(2);
  const rnd = prng(seed);
  try {
    const [a, b] = [dbs[0]!, dbs[1]!];
    for (let i = 0; i < files; i++) {
      randomEdit(a, people[0]!, measures, rnd, i);
      await syncFolder(a, people[0]!, dir, undefined, { prune: false, checkpointAfter: 0 });
    }
    let t0 = performance.now();
    await syncFolder(b, people[1]!, dir, undefined, { prune: false, checkpointAfter: 0 });
    const firstMs = performance.now() - t0;
    const times: number[] = [];
    for (let k = 0; k < 5; k++) {
      t0 = performance.now();
      let end = 0;
      await syncFolder(b, people[1]!, dir, (p) => p.phase === 'export' && !end && (end = performance.now()), { prune: false, checkpointAfter: 0 });
      times.push(end - t0);
    }
    t0 = performance.now();
    for (const f of readdirSync(dir)) statSync(join(dir, f));
    const listMs = performance.now() - t0;
    return { firstMs, noOpMs: times.sort((x, y) => x - y)[2]!, listMs };
  } finally {
    cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}
