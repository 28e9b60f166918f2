import { createInflateRaw } from 'node:zlib';

/*
 * Just enough of the zip format to look into a workbook before handing it to exceljs: the
 * entry list (to tell a workbook from other zip files and find its sheets) and a streamed
 * read of one entry (to count a sheet's rows and find its merged cells without inflating a
 * million-row sheet into memory). Zip64 is not needed: imports are limited far below 4 GB.
 */

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  offset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of a zip archive, or null when `buf` is not one. */
export function zipEntries(buf: Buffer): Map<string, ZipEntry> | null {
  // The end-of-central-directory record sits in the last 22 + 65,535 (comment) bytes.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map<string, ZipEntry>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL) return null;
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const offset = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    entries.set(name, { name, method, compressedSize, size, offset });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The stored (compressed) bytes of an entry. */
export function entryBytes(buf: Buffer, e: ZipEntry): Buffer {
  if (e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== LOCAL) throw new Error(`damaged zip entry ${e.name}`);
  const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
  return buf.subarray(start, start + e.compressedSize);
}

/**
 * Streams an entry's text in chunks to `onChunk`; reading stops as soon as it returns false.
 * Text is decoded as latin1: callers look for ASCII markup only.
 */
export async function scanEntry(buf: Buffer, e: ZipEntry, onChunk: (text: string) => boolean): Promise<void> {
  const data = entryBytes(buf, e);
  if (e.method === 0) {
    onChunk(data.toString('latin1'));
    return;
  }
  if (e.method !== 8) throw new Error(`zip entry ${e.name} uses compression method ${e.method}`);
  const inflate = createInflateRaw();
  const done = new Promise<void>((resolve, reject) => {
    inflate.on('data', (chunk: Buffer) => {
      if (!onChunk(chunk.toString('latin1'))) {
        inflate.removeAllListeners('data');
        inflate.destroy();
        resolve();
      }
    });
    inflate.on('end', () => resolve());
    inflate.on('close', () => resolve());
    inflate.on('error', reject);
  });
  inflate.end(data);
  await done;
}

/** The whole text of a small entry (workbook.xml, its relationships), UTF-8. */
export async function readEntryText(buf: Buffer, e: ZipEntry): Promise<string> {
  const bytes: Buffer[] = [];
  await scanEntry(buf, e, (t) => {
    bytes.push(Buffer.from(t, 'latin1'));
    return true;
  });
  return Buffer.concat(bytes).toString('utf8');
}
