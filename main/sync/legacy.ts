import type { Database } from '../../db/connection.js';
import { getMeta } from '../../db/connection.js';
import { latestSchemaVersion } from '../../db/migrate.js';
import { getMember, noteReceived, receivedFrom } from '../../db/repositories/sync.js';
import { cachedStatement } from '../../db/statements.js';
import { applyChanges } from './apply.js';
import { deriveAfterWrite, touch } from '../../db/derive.js';
import type { ImportOutcome } from './bundles.js';
import { countOpen } from './conflicts.js';
import { Ctx } from './context.js';
import { BundleDeferred, BundleRefused, sha256 } from './format.js';
import { parseBodyV1, parseHeaderV1, verifySignatureV1 } from './format-v1.js';
import { groupByTx, type LineChange } from './lines.js';
import { txRefusal } from './rules/index.js';
import { newScope } from './segment-import.js';
import { sealOwn } from './segments.js';

/**
 * A format-1 bundle from a copy that has not been updated yet: its writer's own changes are
 * proven by its signature and go through the same rules as any import (in the context of
 * the writer's vector when it wrote the bundle); the changes it relayed from third copies
 * are not taken from it — they come from their own copies, signed by them. Nothing of it is
 * relayed further (it has no segment signature).
 */
export function importLegacy(db: Database, bytes: Buffer, file: string, base: ImportOutcome): ImportOutcome {
  try {
    const { header, body } = parseHeaderV1(bytes);
    base.replica = header.replica;
    base.seq = header.seq;
    if (header.workspaceId !== getMeta(db, 'workspace_id')) throw new BundleRefused('belongs to another workspace');
    if (header.schemaVersion > latestSchemaVersion()) throw new BundleRefused(`was made by a newer Steerco (schema ${header.schemaVersion}); update Steerco`);
    const writer = getMember(db, header.replica);
    if (!writer) throw new BundleDeferred(`comes from an unknown copy (${header.replica.slice(0, 8)}), written by an older Steerco; it is read again once that copy is registered here`);
    if (!verifySignatureV1(header, writer.publicKey)) throw new BundleRefused(`signature does not match ${writer.name}'s key (header forged or altered)`);
    if (sha256(body) !== header.bodySha256) throw new BundleRefused('body does not match its signed hash (changed or truncated)');
    if (writer.status === 'retired') throw new BundleRefused(`comes from ${writer.name}, whose copy was retired`);
    const sha = sha256(bytes);
    if (receivedFrom(db, header.replica).some((r) => r.seq === header.seq && r.sha256 === sha)) return { ...base, status: 'skipped', reason: 'already imported' };
    const all = parseBodyV1(body, header.count);
    const relayed = all.filter((c) => c.replica !== header.replica).length;
    const own = all.filter((c) => c.replica === header.replica);
    return db.transaction(() => {
      db.pragma('defer_foreign_keys = ON');
      sealOwn(db);
      const scope = newScope(db);
      for (const [r, need] of Object.entries(header.vector)) {
        if (r === header.replica || r === scope.me || (scope.vector[r] ?? '') >= need) continue;
        throw new BundleDeferred(`was written by an older Steerco after changes of ${getMember(db, r)?.name ?? r.slice(0, 8)} this copy does not have yet; it is read again on the next sync`);
      }
      const have = scope.vector[header.replica] ?? '';
      const ctx = new Ctx(db, header.vector, header.replica, '');
      const hasAnyMember = (cachedStatement(db, 'SELECT id FROM sync_members').pluck().all() as string[]).length > 0;
      const refusedChanges = relayed
        ? [{ from: writer.name, reason: `${relayed} changes of other copies relayed by an older Steerco without their origin's signature; they arrive from their own copies` }]
        : [];
      let applied = 0;
      const candidates = [];
      const tables = new Set<string>();
      const touched = new Map<string, Set<string>>();
      const lines: LineChange[] = own.map((c) => ({ ...c, enteredBy: null, seen: null, line: '', problem: null }));
      for (const tx of groupByTx(lines)) {
        if (tx[tx.length - 1]!.hlc <= have) continue;
        const reason = txRefusal({ db, ctx: ctx.at(tx[0]!.hlc), changes: tx, refusedRows: scope.refusedRows, originName: writer.name, hasAnyMember, personName: (id) => id });
        if (reason) {
          refusedChanges.push({ from: writer.name, reason });
          continue;
        }
        const r = applyChanges(db, tx);
        applied += r.applied;
        candidates.push(...r.candidates);
        r.tables.forEach((t) => tables.add(t));
        for (const [t, ids] of r.touched) for (const id of ids) touch(touched, t, id);
      }
      for (const t of Object.keys(deriveAfterWrite(db, touched))) tables.add(t);
      noteReceived(db, { replica: header.replica, seq: header.seq, sha256: sha, file, changes: applied });
      return { ...base, status: 'imported', reason: null, changes: applied, conflicts: countOpen(db, candidates), tables: [...tables], refusedChanges } satisfies ImportOutcome;
    })();
  } catch (e) {
    if (e instanceof BundleRefused) return { ...base, status: 'refused', reason: e.message, retry: e instanceof BundleDeferred };
    throw e;
  }
}
