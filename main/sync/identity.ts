import { randomUUID } from 'node:crypto';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Database } from '../../db/connection.js';
import { getLocal, setLocal } from '../../db/connection.js';
import { replicaId, runAction } from '../../db/changes.js';
import { ForbiddenError, ValidationError, WorkspaceError } from '../../db/errors.js';
import { getMember, listMembers, localVector, notePeerVector, noteReceived, type MemberRow, type VersionVector } from '../../db/repositories/sync.js';
import { lastSegment } from '../../db/repositories/sync-store.js';
import { newKeyPair } from './format.js';
import { KEY_SETTING, sealOwn } from './segments.js';

const isPerson = (db: Database, id: string): boolean => !!db.prepare('SELECT 1 FROM people WHERE id = ? AND deleted = 0').get(id);

/** The acting person's name (or the OS user) names the first copy among the members. */
function defaultName(db: Database, actor: string): string {
  if (actor.startsWith('user:')) return actor.slice(5) || 'Workspace owner';
  const p = db.prepare('SELECT name FROM people WHERE id = ?').get(actor) as { name: string } | undefined;
  return p?.name ?? 'Workspace owner';
}

/** The person this copy belongs to (signs as), if it is registered and linked to one. */
export function copyPerson(db: Database): string | null {
  return getMember(db, replicaId(db))?.personId ?? null;
}

/**
 * This copy's signing identity. The first copy of a workspace (an empty registry) gets its
 * key pair on first use and registers itself as the administrator, as the acting person;
 * every later copy is a member copy made by an administrator, which carries its key.
 */
export function ensureIdentity(db: Database, actor: string, name = defaultName(db, actor)): { replica: string; privateKey: string } {
  const replica = replicaId(db);
  let privateKey = getLocal(db, KEY_SETTING);
  if (privateKey && getMember(db, replica)) return { replica, privateKey };
  if (listMembers(db).length > 0) {
    throw new ForbiddenError('This copy is not a member of the workspace: ask an administrator for a member copy (Sync › Create member copy).');
  }
  const keys = newKeyPair();
  privateKey = keys.privateKey;
  db.transaction(() => {
    setLocal(db, KEY_SETTING, keys.privateKey);
    runAction(db, { actor, label: 'Register this copy for sync', undoable: false }, (w) =>
      w.insert('sync_members', { name, public_key: keys.publicKey, joined_vector: '{}', person_id: isPerson(db, actor) ? actor : null, role: 'admin', status: 'active' }, replica),
    );
  })();
  return { replica, privateKey };
}

/** This copy's member row, which must be an active administrator's: the registry is theirs to change. */
export function requireAdmin(db: Database, actor: string): MemberRow {
  ensureIdentity(db, actor);
  const me = getMember(db, replicaId(db))!;
  if (me.role !== 'admin' || me.status !== 'active') {
    const admins = listMembers(db).filter((m) => m.role === 'admin' && m.status === 'active').map((m) => m.name);
    throw new ForbiddenError(`Only an administrator changes the member registry${admins.length ? ` (${admins.join(', ')})` : ''}; this copy belongs to ${me.name}.`);
  }
  return me;
}

export interface NewMember {
  replica: string;
  publicKey: string;
  privateKey: string;
  vector: VersionVector;
}

/**
 * Registers a member — a person — and their copy's public key in this workspace (a synced
 * change an administrator makes). `person` is an existing person's id, or a name: the person
 * of that name, created under People when there is none.
 */
export function registerMember(db: Database, actor: string, person: { id?: string; name?: string }, enteredBy: string | null = null): NewMember {
  const trimmed = (person.name ?? '').trim();
  if (!person.id && !trimmed) throw new ValidationError('A member name is required.', [{ field: 'name', message: 'A member name is required.' }]);
  requireAdmin(db, actor);
  let personId = person.id ?? null;
  let name = trimmed;
  if (personId) {
    const p = db.prepare('SELECT name FROM people WHERE id = ? AND deleted = 0').get(personId) as { name: string } | undefined;
    if (!p) throw new ValidationError(`No person ${personId}; add them under People first.`, [{ field: 'personId', message: 'Unknown person' }]);
    name = p.name;
  } else {
    const same = db.prepare('SELECT id FROM people WHERE deleted = 0 AND lower(name) = lower(?)').all(trimmed) as { id: string }[];
    if (same.length > 1) throw new ValidationError(`Several people are called "${trimmed}"; pick one from the list.`, [{ field: 'name', message: 'Ambiguous name' }]);
    personId = same[0]?.id ?? null;
  }
  const keys = newKeyPair();
  const replica = randomUUID();
  const vector = localVector(db);
  runAction(db, { actor, enteredBy, label: `Add member ${name}`, undoable: false }, (w) => {
    const pid = personId ?? w.insert('people', { name, email: '', function: '' });
    w.insert('sync_members', { name, public_key: keys.publicKey, joined_vector: JSON.stringify(vector), person_id: pid, role: 'member', status: 'active' }, replica);
  });
  return { replica, ...keys, vector: localVector(db) };
}

/**
 * Retires a member's copy (a person leaving, a lost laptop): its bundles after the last one
 * this copy has are refused on every copy, its work so far is kept, and nobody waits for its
 * acknowledgement any more.
 */
export function retireMember(db: Database, actor: string, replica: string, reason: string, enteredBy: string | null = null): MemberRow {
  requireAdmin(db, actor);
  const m = getMember(db, replica);
  if (!m) throw new ValidationError(`No member copy ${replica}.`);
  if (m.id === replicaId(db)) throw new ValidationError('A copy cannot retire itself; another administrator retires it.');
  if (m.status === 'retired') throw new ValidationError(`${m.name}'s copy is already retired.`);
  runAction(db, { actor, enteredBy, label: `Retire ${m.name}'s copy`, undoable: false }, (w) =>
    w.update('sync_members', replica, { status: 'retired', retired_seq: lastSegment(db, replica)?.seq ?? 0, retired_reason: reason.trim() }),
  );
  return getMember(db, replica)!;
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
  copy.transaction(() => {
    copy.prepare('DELETE FROM local_settings').run();
    copy.prepare('DELETE FROM undo_entries').run();
    copy.prepare('DELETE FROM sync_files').run();
    copy.prepare('DELETE FROM sync_pending').run();
    setLocal(copy, 'replica_id', m.replica);
    setLocal(copy, KEY_SETTING, m.privateKey);
    notePeerVector(copy, sourceReplica, m.vector);
    if (outSeq > 0) noteReceived(copy, { replica: sourceReplica, seq: outSeq, sha256: '', file: '(before this copy)', changes: 0 });
  })();
}

/** `steerco member add`: writes a new member copy to `out` (temp file + rename). */
export async function addMemberCopy(
  db: Database,
  actor: string,
  person: string | { id?: string; name?: string },
  out: string,
  enteredBy: string | null = null,
): Promise<{ path: string; replica: string }> {
  if (existsSync(out)) throw new WorkspaceError('exists', `A file already exists at ${out}; choose another name.`);
  if (!existsSync(dirname(out))) throw new ValidationError(`The folder ${dirname(out)} does not exist; choose another place for the member copy.`, [{ field: 'out', message: 'No such folder' }]);
  // The source's own changes so far go into a segment first: the copy starts from them.
  sealOwn(db);
  const m = registerMember(db, actor, typeof person === 'string' ? { name: person } : person, enteredBy);
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
export function memberCopyInMemory(db: Database, actor: string, person: string | { id?: string; name?: string }): Database {
  sealOwn(db);
  const m = registerMember(db, actor, typeof person === 'string' ? { name: person } : person);
  const copy = new BetterSqlite3(db.serialize());
  copy.pragma('foreign_keys = ON');
  initMemberCopy(copy, db, m);
  return copy;
}
