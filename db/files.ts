import { lstatSync, statSync, type Stats } from 'node:fs';
import { dirname } from 'node:path';
import { FileError } from './errors.js';

/**
 * Checks on paths the user (or a caller holding the token) gives, made before anything is
 * opened, read or written: a NUL byte, a FIFO, a device, a socket or a folder where a file
 * is expected is refused with the path and the reason; an existing file is only replaced
 * when the user confirmed it.
 */

function kindOf(st: Stats): string {
  if (st.isFile()) return 'file';
  if (st.isDirectory()) return 'a folder';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** What is at `path` (following a symbolic link), or null when nothing is. */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      // A dangling symbolic link is something, not nothing: refuse rather than write through it.
      try {
        lstatSync(path);
        throw new FileError('bad_path', `${path} is a link to nothing; choose another path.`);
      } catch (inner) {
        if (inner instanceof FileError) throw inner;
        return null;
      }
    }
    throw fileError(e, path, 'use');
  }
}

/** Refuses a path with a NUL byte (the OS would cut the name there). */
export function checkPathText(path: string): void {
  if (path.includes('\0')) throw new FileError('bad_path', 'The path contains a NUL character; type the path again.');
}

/** The file at `path` must exist and be a regular file (not a folder, FIFO, device or socket). */
export function requireRegularFile(path: string, what = 'file'): void {
  checkPathText(path);
  const st = statOrNull(path);
  if (!st) throw new FileError('bad_path', `No ${what} at ${path}.`);
  if (!st.isFile()) throw new FileError('bad_path', `${path} is ${kindOf(st)}, not a ${what}.`);
}

/**
 * `path` may be written: its folder exists and is a folder; nothing is there, or a regular
 * file the user agreed to replace (`overwrite`).
 */
export function checkWriteTarget(path: string, opts: { overwrite?: boolean } = {}): void {
  checkPathText(path);
  const dir = statOrNull(dirname(path));
  if (!dir) throw new FileError('bad_path', `Cannot write ${path}: the folder ${dirname(path)} does not exist. Nothing was written.`);
  if (!dir.isDirectory()) throw new FileError('bad_path', `Cannot write ${path}: ${dirname(path)} is ${kindOf(dir)}, not a folder. Nothing was written.`);
  const st = statOrNull(path);
  if (!st) return;
  if (!st.isFile()) throw new FileError('bad_path', `Cannot write ${path}: it is ${kindOf(st)}. Nothing was written; choose another name.`);
  if (!opts.overwrite) throw new FileError('exists', `${path} already exists. Replace it? (confirm in the app; --force on the command line)`);
}

/** A file-system error as a refusal in words, naming the path (never the file's contents). */
export function fileError(e: unknown, path: string, verb: 'read' | 'write' | 'use' = 'use'): FileError {
  const code = (e as NodeJS.ErrnoException).code;
  const why =
    code === 'EACCES' || code === 'EPERM'
      ? 'permission denied'
      : code === 'ENOENT'
        ? 'it does not exist'
        : code === 'ENOTDIR'
          ? 'a part of the path is not a folder'
          : code === 'EISDIR'
            ? 'it is a folder'
            : code === 'EROFS'
              ? 'the disk is read-only'
              : code === 'ENOSPC'
                ? 'the disk is full'
                : code === 'ENAMETOOLONG'
                  ? 'the name is too long'
                  : code === 'ELOOP'
                    ? 'it is a loop of links'
                    : code
                      ? `the system said ${code}`
                      : 'an unexpected error';
  return new FileError('bad_path', `Cannot ${verb} ${path}: ${why}.`);
}
