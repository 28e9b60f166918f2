import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from '../../db/connection.js';

/*
 * Evidence file contents travel beside the bundles, in `<folder>/blobs/<sha256>`: the
 * sha256 is in the evidence row (a signed change), and a blob is accepted only when its
 * content hashes to its name, so a blob needs no signature of its own. Written once
 * (temp + rename), never changed; a blob arriving after its row just fills the gap.
 */

export const BLOB_DIR = 'blobs';
const SHA = /^[0-9a-f]{64}$/;

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Evidence files this copy has the content of. */
function localFiles(db: Database): { sha256: string }[] {
  return db
    .prepare("SELECT DISTINCT e.sha256 FROM gate_evidence e JOIN evidence_blobs b ON b.sha256 = e.sha256 WHERE e.kind = 'file' AND e.deleted = 0")
    .all() as { sha256: string }[];
}

/** Evidence files whose row this copy has but not (yet) their content. */
export function missingBlobs(db: Database): { sha256: string; size: number | null; name: string }[] {
  return db
    .prepare(
      `SELECT e.sha256, max(e.size) AS size, min(e.name) AS name FROM gate_evidence e
       WHERE e.kind = 'file' AND e.deleted = 0 AND e.sha256 IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM evidence_blobs b WHERE b.sha256 = e.sha256)
       GROUP BY e.sha256`,
    )
    .all() as { sha256: string; size: number | null; name: string }[];
}

/** Writes the content of every evidence file that is not in `<dir>/blobs` yet; returns how many. */
export function exportBlobs(db: Database, dir: string): number {
  const folder = join(dir, BLOB_DIR);
  let written = 0;
  const get = db.prepare('SELECT content FROM evidence_blobs WHERE sha256 = ?');
  for (const { sha256: sha } of localFiles(db)) {
    if (!SHA.test(sha)) continue;
    const file = join(folder, sha);
    if (existsSync(file)) continue;
    mkdirSync(folder, { recursive: true });
    const content = (get.get(sha) as { content: Buffer }).content;
    const tmp = `${file}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, content);
      renameSync(tmp, file);
      written++;
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }
  return written;
}

export interface BlobImport {
  imported: number;
  /** Names of evidence files still without content (their blob has not reached the folder). */
  missing: string[];
  /** Blob files whose content does not match their name (damaged or forged): ignored. */
  rejected: string[];
}

/** Takes the content of evidence files this copy lacks from `<dir>/blobs`, checking each hash. */
export function importBlobs(db: Database, dirs: string[]): BlobImport {
  const put = db.prepare('INSERT OR IGNORE INTO evidence_blobs (sha256, size, content) VALUES (?, ?, ?)');
  const out: BlobImport = { imported: 0, missing: [], rejected: [] };
  for (const m of missingBlobs(db)) {
    if (!SHA.test(m.sha256)) continue;
    let found = false;
    for (const dir of dirs) {
      const file = join(dir, BLOB_DIR, m.sha256);
      if (!existsSync(file)) continue;
      const content = readFileSync(file);
      if (sha256(content) !== m.sha256 || (m.size !== null && content.length !== m.size)) {
        out.rejected.push(file);
        continue;
      }
      put.run(m.sha256, content.length, content);
      out.imported++;
      found = true;
      break;
    }
    if (!found) out.missing.push(m.name);
  }
  return out;
}
