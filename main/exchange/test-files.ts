import { randomBytes } from 'node:crypto';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { zipEntries } from './zip-entries.js';

/** Files for the import's tests: workbooks made from scratch, zips exceljs would not write, an encrypted Office file. */

/** A workbook made from scratch: rows of values, the first one the header. */
export async function writeWorkbook(file: string, rows: ExcelJS.CellValue[][], sheet = 'Sheet1'): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

/** The same zip with some entries replaced (to build files exceljs would not write: a million rows). */
export function rezip(buf: Buffer, replace: Record<string, Buffer>, drop: string[] = []): Buffer {
  const entries = new Map([...zipEntries(buf)!].filter(([name]) => !drop.includes(name)));
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries.values()) {
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28);
    const raw = buf.subarray(start, start + e.compressedSize);
    const data = replace[e.name] ?? (e.method === 8 ? inflateRawSync(raw) : raw);
    const packed = deflateRawSync(data);
    const name = Buffer.from(e.name, 'utf8');
    const head = (central: boolean) => {
      const h = Buffer.alloc(central ? 46 : 30);
      h.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
      // A central header has "version made by" before the fields both headers share.
      const at = central ? 6 : 4;
      if (central) h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, at);
      h.writeUInt16LE(0, at + 2);
      h.writeUInt16LE(8, at + 4);
      h.writeUInt32LE(0, at + 6);
      h.writeUInt32LE(crc32(data), at + 10);
      h.writeUInt32LE(packed.length, at + 14);
      h.writeUInt32LE(data.length, at + 18);
      h.writeUInt16LE(name.length, at + 22);
      h.writeUInt16LE(0, at + 24);
      if (central) h.writeUInt32LE(offset, 42);
      return h;
    };
    centrals.push(head(true), name);
    const local = Buffer.concat([head(false), name, packed]);
    locals.push(local);
    offset += local.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

/**
 * An encrypted Office file as Excel writes one when a workbook has a password: an OLE
 * compound file holding the streams EncryptionInfo and EncryptedPackage (their content is
 * random here; nothing reads it but Excel).
 */
export function encryptedWorkbook(): Buffer {
  const SECTOR = 512;
  const END = 0xfffffffe;
  const FREE = 0xffffffff;
  const header = Buffer.alloc(SECTOR, 0);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 24);
  header.writeUInt16LE(3, 26);
  header.writeUInt16LE(0xfffe, 28);
  header.writeUInt16LE(9, 30);
  header.writeUInt16LE(6, 32);
  header.writeUInt32LE(1, 44); // FAT sectors
  header.writeUInt32LE(1, 48); // first directory sector
  header.writeUInt32LE(4096, 56);
  header.writeUInt32LE(END, 60);
  header.writeUInt32LE(END, 68);
  header.writeUInt32LE(0, 76); // DIFAT[0]: the FAT is sector 0
  for (let i = 1; i < 109; i++) header.writeUInt32LE(FREE, 76 + i * 4);
  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  fat.writeUInt32LE(END, 4);
  for (let s = 2; s < 18; s++) fat.writeUInt32LE(s === 9 || s === 17 ? END : s + 1, s * 4);
  const dir = Buffer.alloc(SECTOR, 0);
  const entry = (i: number, name: string, type: number, child: number, right: number, start: number, size: number) => {
    const at = i * 128;
    const n = Buffer.from(`${name}\u0000`, 'utf16le');
    n.copy(dir, at);
    dir.writeUInt16LE(n.length, at + 64);
    dir[at + 66] = type;
    dir[at + 67] = 1;
    dir.writeUInt32LE(FREE, at + 68);
    dir.writeUInt32LE(right, at + 72);
    dir.writeUInt32LE(child, at + 76);
    dir.writeUInt32LE(start, at + 116);
    dir.writeUInt32LE(size, at + 120);
  };
  entry(0, 'Root Entry', 5, 1, FREE, END, 0);
  entry(1, 'EncryptionInfo', 2, FREE, 2, 2, 4096);
  entry(2, 'EncryptedPackage', 2, FREE, FREE, 10, 4096);
  entry(3, '', 0, FREE, FREE, 0, 0);
  return Buffer.concat([header, fat, dir, randomBytes(8 * SECTOR), randomBytes(8 * SECTOR)]);
}
