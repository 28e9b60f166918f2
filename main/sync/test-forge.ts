import type { Database } from '../../db/connection.js';
import { createTestDb, getLocal, getMeta } from '../../db/connection.js';
import { replicaId, runAction } from '../../db/changes.js';
import { formatHlc } from '../../db/hlc.js';
import { schemaVersion } from '../../db/migrate.js';
import { localVector } from '../../db/repositories/sync.js';
import { now, nowIso } from '../../db/clock.js';
import { encodeBundle, encodeSegment, segmentBody, sha256 } from './format.js';
import { ensureIdentity, memberCopyInMemory } from './identity.js';
import { KEY_SETTING } from './segments.js';

/**
 * Test helpers for an adversarial member: a team whose copies belong to people, and bundles
 * crafted by hand — signed with a real member's real key, saying whatever they like.
 */
export interface Team {
  alice: Database;
  bob: Database;
  carol: Database;
  close(): void;
}

/** Alice (administrator, first copy), Bob and Carol (members), and Aisha Khan (a person with no copy). */
export function team(measures = 3): Team {
  const alice = createTestDb();
  runAction(alice, { actor: 'system', label: 'seed', undoable: false }, (w) => {
    const org = w.insert('nodes', { parent_id: null, level: 'organization', name: 'Org' }, 'n-org');
    w.insert('nodes', { parent_id: org, level: 'portfolio', name: 'P1' }, 'n-p1');
    for (const [id, name] of [
      ['p-alice', 'Alice Admin'],
      ['p-bob', 'Bob Stone'],
      ['p-carol', 'Carol Diaz'],
      ['p-aisha', 'Aisha Khan'],
    ]) {
      w.insert('people', { name: name! }, id);
    }
    for (let i = 1; i <= measures; i++) {
      w.insert('measures', { code: `M-${String(i).padStart(4, '0')}`, node_id: 'n-p1', title: `Measure ${i}`, owner_id: 'p-bob', sponsor_id: 'p-carol', controller_id: 'p-alice' }, `m-${i}`);
    }
  });
  ensureIdentity(alice, 'p-alice');
  const bob = memberCopyInMemory(alice, 'p-alice', { id: 'p-bob' });
  const carol = memberCopyInMemory(alice, 'p-alice', { id: 'p-carol' });
  return { alice, bob, carol, close: () => [alice, bob, carol].forEach((d) => d.close()) };
}

/** One change line as a segment carries it. */
export interface Line {
  tbl: string;
  rowId: string;
  col: string;
  value: unknown;
  oldValue?: unknown;
  base?: [string, string] | null;
  actor: string;
  enteredBy?: string | null;
  tx?: string;
}

let counter = 0;

/**
 * A bundle signed with `signer`'s key (its real private key), claiming to come from `writer`
 * and to hold a segment of `origin`'s changes (both default to the signer).
 */
export function forge(signer: Database, lines: Line[], opts: { writer?: string; origin?: string; seq?: number; deps?: Record<string, string>; key?: string } = {}): Buffer {
  const key = opts.key ?? getLocal(signer, KEY_SETTING)!;
  const origin = opts.origin ?? replicaId(signer);
  const writer = opts.writer ?? replicaId(signer);
  const base = now() + 1000 + counter++ * 50;
  const arrays = lines.map((l, i) => [
    formatHlc({ ms: base, counter: i }),
    l.tbl,
    l.rowId,
    l.col,
    JSON.stringify(l.value),
    l.oldValue === undefined ? null : JSON.stringify(l.oldValue),
    l.base?.[0] ?? null,
    l.base?.[1] ?? null,
    l.actor,
    l.enteredBy ?? null,
    null,
    l.tx ?? `forged-${counter}`,
  ]);
  const seq = opts.seq ?? 1000 + counter;
  const ws = getMeta(signer, 'workspace_id')!;
  const deps = opts.deps ?? localVector(signer);
  const to = String(arrays[arrays.length - 1]?.[0] ?? formatHlc({ ms: base, counter: 0 }));
  const segment = encodeSegment(ws, { origin, seq, from: deps[origin] ?? null, to, deps, createdAt: nowIso() }, segmentBody(arrays), arrays.length, key);
  return encodeBundle({ schemaVersion: schemaVersion(signer), workspaceId: ws, writer, seq, vector: localVector(signer), createdAt: nowIso(), checkpoint: false }, [segment], key);
}

/**
 * A content hash of every table of the workspace, the change log and row keys included —
 * all but this copy's own sync bookkeeping (what it received, kept or refused, and its
 * folder cache), which an import is there to update.
 */
export function contentHash(db: Database): string {
  const local = new Set(['sync_segments', 'sync_refused', 'sync_received', 'sync_peers', 'sync_pending', 'sync_files', 'sync_conflict_cells', 'local_settings']);
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[]).filter((t) => !local.has(t));
  return sha256(tables.map((t) => `${t}\n${JSON.stringify(db.prepare(`SELECT * FROM ${t}`).raw().all())}`).join('\n'));
}
