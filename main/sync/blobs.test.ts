import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getBlob, putBlob } from '../../db/repositories/gates.js';
import { BLOB_DIR } from './blobs.js';
import { syncFolder } from './folder.js';
import { edit, replicas } from './test-replicas.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'steerco-blobs-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const addFile = (db: ReturnType<typeof replicas>[number], name: string, content: Buffer) => {
  const { sha256, size } = putBlob(db, content);
  edit(db, (w) =>
    w.insert('gate_evidence', { measure_id: 'm-1', request_id: null, kind: 'file', name, sha256, size, mime: 'application/pdf', url: '', note: '', added_by: 'p-ana', added_at: '2026-11-25T10:00:00Z' }),
  );
  return sha256;
};

describe('evidence files through the sync folder', () => {
  it('carries the content beside the bundle, checked against the hash in the signed row', async () => {
    const [a, b] = replicas(2);
    const content = Buffer.from('%PDF-1.4 business case');
    const sha = addFile(a!, 'business-case.pdf', content);
    const out = await syncFolder(a!, 'seed', dir);
    expect(out.blobsOut).toBe(1);
    expect(readdirSync(join(dir, BLOB_DIR))).toEqual([sha]);
    const sum = await syncFolder(b!, 'seed', dir);
    expect(sum.blobsIn).toBe(1);
    expect(sum.blobsMissing).toEqual([]);
    expect(getBlob(b!, sha)).toEqual(content);
    // Written once: the next sync does not rewrite it.
    expect((await syncFolder(a!, 'seed', dir)).blobsOut).toBe(0);
  });

  it('ignores a blob whose content does not match its name, and says which file is still missing', async () => {
    const [a, b] = replicas(2);
    const sha = addFile(a!, 'signed-contract.pdf', Buffer.from('%PDF-1.4 contract'));
    await syncFolder(a!, 'seed', dir);
    writeFileSync(join(dir, BLOB_DIR, sha), 'forged content');
    const sum = await syncFolder(b!, 'seed', dir);
    expect(sum.blobsIn).toBe(0);
    expect(sum.blobsMissing).toEqual(['signed-contract.pdf']);
    expect(getBlob(b!, sha)).toBeUndefined();
    expect(existsSync(join(dir, BLOB_DIR, `${sha}.tmp`))).toBe(false);
  });
});
