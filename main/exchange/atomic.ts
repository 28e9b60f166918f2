import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes through a temporary file in the same folder, so a reader never sees half a file
 * and a failure leaves none. The folder must exist: a typo in a path should not create folders.
 */
export async function writeFileAtomic(file: string, data: Buffer | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
