import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Database } from '../../db/connection.js';
import { dropFile, filesIn, putFile, type FileRow } from '../../db/repositories/sync-store.js';
import { BUNDLE_EXT, BUNDLE_FORMAT, BUNDLE_NAME_RE, checkBundleHeader, type BundleHeader } from './format.js';
import { getLocal } from '../../db/connection.js';
import { replicaId } from '../../db/changes.js';
import { BUNDLE_FORMAT_V1 } from './format-v1.js';

/** One bundle file of a folder, with its header read once (cached by name, size and mtime). */
export interface FolderFile {
  path: string;
  name: string;
  size: number;
  /** Format-2 header; null for a format-1 bundle or a file whose header is unreadable. */
  header: BundleHeader | null;
  /** A format-1 bundle's vector (what its writer held when it wrote it). */
  legacyVector: Record<string, string> | null;
  writer: string | null;
  done: boolean;
  outcome: string | null;
  reason: string | null;
}

const HEADER_PEEK = 64 * 1024;

/** The first line of a file (a bundle header), read without reading the whole file. */
function readHeaderLine(path: string): string | null {
  const fd = openSync(path, 'r');
  try {
    let text = '';
    const buf = Buffer.alloc(HEADER_PEEK);
    for (let pos = 0; ; pos += HEADER_PEEK) {
      const n = readSync(fd, buf, 0, HEADER_PEEK, pos);
      if (n <= 0) return null;
      const chunk = buf.subarray(0, n).toString('utf8');
      const nl = chunk.indexOf('\n');
      if (nl >= 0) return text + chunk.slice(0, nl);
      text += chunk;
      if (text.length > 16 * HEADER_PEEK) return null;
    }
  } finally {
    closeSync(fd);
  }
}

function parseHeaderLine(line: string | null): { header: string; writer: string | null } {
  if (!line) return { header: '', writer: null };
  try {
    const json = JSON.parse(line) as Record<string, unknown>;
    if (json.format === BUNDLE_FORMAT) {
      const h = checkBundleHeader(json);
      return { header: JSON.stringify(h), writer: h.writer };
    }
    if (json.format === BUNDLE_FORMAT_V1 && typeof json.replica === 'string') {
      return { header: JSON.stringify({ format: BUNDLE_FORMAT_V1, vector: json.vector ?? {} }), writer: json.replica };
    }
    return { header: '', writer: null };
  } catch {
    return { header: '', writer: null };
  }
}

/**
 * The finished bundle files of a folder (never `*.tmp`, never anything but regular files),
 * in name order. A file's header is read the first time it is seen (or when its size or
 * mtime changed) and kept in sync_files, so a scan of 5,000 files reads none of them again.
 */
export function scanFolder(db: Database, dir: string): FolderFile[] {
  const folder = resolve(dir);
  const cache = filesIn(db, folder);
  const me = replicaId(db);
  const mine = (name: string, writer: string | null) => {
    // This copy's own bundles need no import: named as it names them, by it, numbered as it wrote them.
    const m = BUNDLE_NAME_RE.exec(name);
    return !!m && m[1] === me && writer === me && Number(m[2]) <= Number(getLocal(db, 'sync_out_seq') ?? 0);
  };
  const seen = new Set<string>();
  const out: FolderFile[] = [];
  let names: string[];
  try {
    names = readdirSync(folder).filter((f) => f.endsWith(BUNDLE_EXT) && !f.startsWith('.')).sort();
  } catch {
    return [];
  }
  for (const name of names) {
    const path = join(folder, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    seen.add(name);
    const mtimeMs = Math.trunc(st.mtimeMs);
    let row: FileRow | undefined = cache.get(name);
    if (!row || row.size !== st.size || row.mtimeMs !== mtimeMs) {
      let line: string | null;
      try {
        line = readHeaderLine(path);
      } catch {
        continue;
      }
      const p = parseHeaderLine(line);
      row = { folder, name, size: st.size, mtimeMs, sha256: '', writer: p.writer, header: p.header, done: mine(name, p.writer) ? 1 : 0, outcome: null, reason: null };
      putFile(db, row);
    }
    const h = row.header ? (JSON.parse(row.header) as BundleHeader | { format: string; vector: Record<string, string> }) : null;
    out.push({
      path,
      name,
      size: row.size,
      header: h && h.format === BUNDLE_FORMAT ? (h as BundleHeader) : null,
      legacyVector: h && h.format === BUNDLE_FORMAT_V1 ? h.vector : null,
      writer: row.writer,
      done: row.done === 1,
      outcome: row.outcome,
      reason: row.reason,
    });
  }
  for (const name of cache.keys()) if (!seen.has(name)) dropFile(db, folder, name);
  return out;
}

/** `origin\0seq` of every segment the folder's bundles hold. */
export function presentSegments(files: FolderFile[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) for (const s of f.header?.segments ?? []) out.add(`${s.origin}\u0000${s.seq}`);
  return out;
}
