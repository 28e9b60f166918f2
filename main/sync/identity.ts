import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../../db/connection.js';
import { getLocal, setLocal } from '../../db/connection.js';
import { replicaId, runAction } from '../../db/changes.js';
import { ValidationError, WorkspaceError } from '../../db/errors.js';
import { getMember, localVector, notePeerVector, noteReceived, type VersionVector } from '../../db/repositories/sync.js';
import { newKeyPair } from './format.js';

const KEY = 'sync_private_key';

/** The acting person's name (or the OS user) names the first copy among the members. */
function defaultName(db: Database, actor: string): string {
  if (actor.startsWith('user:')) return actor.slice(5) || 'Workspace owner';
  const p = db.prepare('SELECT name FROM people WHERE id = ?').get(actor) as { name: string } | undefined;
  return p?.name ?? 'Workspace owner';
}

/**
 * This copy's signing identity. The first copy of a workspace gets its key pair on first
 * use and registers itself as a member (a synced row), so every later member copy, made
 * from it, trusts its bundles.
 */
export function ensureIdentity(db: Database, actor: string, name = defaultName(db, actor)): { replica: string; privateKey: string } {
  const replica = replicaId(db);
  let privateKey = getLocal(db, KEY);
  if (privateKey && getMember(db, replica)) return { replica, privateKey };
  const keys = newKeyPair();
  privateKey = keys.privateKey;
  db.transaction(() => {
    setLocal(db, KEY, keys.privateKey);
    runAction(db, { actor, label: 'Register this copy for sync', undoable: false }, (w) =>
      w.insert('sync_members', { name, public_key: keys.publicKey, joined_vector: '{}' }, replica),
    );
  })();
  return { replica, privateKey };
}

export interface NewMember {
  replica: string;
  publicKey: string;
  privateKey: string;
  vector: VersionVector;
}

/** Registers a member and its copy's public key in this workspace (a synced change). */
export function registerMember(db: Database, actor: string, name: string): NewMember {
  const trimmed = name.trim();
  if (!trimmed) throw new ValidationError('A member name is required.', [{ field: 'name', message: 'A member name is required.' }]);
  ensureIdentity(db, actor);
  const keys = newKeyPair();
  const replica = randomUUID();
  const vector = localVector(db);
  runAction(db, { actor, label: `Add member ${trimmed}`, undoable: false }, (w) =>
    w.insert('sync_members', { name: trimmed, public_key: keys.publicKey, joined_vector: JSON.stringify(vector) }, replica),
  );
  return { replica, ...keys, vector: localVector(db) };
}

/**
 * Turns a byte copy of the workspace into the member's own replica: new replica id and
 * private key; this copy's local state (undo, acting person, sync folder) is not theirs.
 * The source is recorded as a peer that has everything the copy has, and the source's
 * own bundles so far as received, so no gap is reported for them.
 */
export function initMemberCopy(copy: Database, source: Database, m: NewMember): void {
  const sourceReplica = replicaId(source);
  const outSeq = Number(getLocal(source, 'sync_out_seq') ?? 0);
  const outSha = getLocal(source, 'sync_out_sha');
  copy.transaction(() => {
    copy.prepare('DELETE FROM local_settings').run();
    copy.prepare('DELETE FROM undo_entries').run();
    setLocal(copy, 'replica_id', m.replica);
    setLocal(copy, KEY, m.privateKey);
    notePeerVector(copy, sourceReplica, m.vector);
    if (outSeq > 0 && outSha) noteReceived(copy, { replica: sourceReplica, seq: outSeq, sha256: outSha, file: '(before this copy)', changes: 0 });
  })();
}

/** `steerco member add`: writes a new member copy to `out` (temp file + rename). */
export async function addMemberCopy(db: Database, actor: string, name: string, out: string): Promise<{ path: string; replica: string }> {
  if (existsSync(out)) throw new WorkspaceError('exists', `A file already exists at ${out}; choose another name.`);
  const m = registerMember(db, actor, name);
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    await db.backup(tmp);
    const copy = new BetterSqlite3(tmp);
    try {
      initMemberCopy(copy, db, m);
      copy.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      copy.close();
    }
    renameSync(tmp, out);
  } catch (e) {
    rmSync(tmp, { force: true });
    rmSync(`${tmp}-wal`, { force: true });
    rmSync(`${tmp}-shm`, { force: true });
    throw e;
  }
  return { path: out, replica: m.replica };
}

/** In-memory member copy (tests, bench): same steps without a file. */
export function memberCopyInMemory(db: Database, actor: string, name: string): Database {
  const m = registerMember(db, actor, name);
  const copy = new BetterSqlite3(db.serialize());
  copy.pragma('foreign_keys = ON');
  initMemberCopy(copy, db, m);
  return copy;
}
