import { closeSync, lstatSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { WorkspaceError } from './errors.js';
import { fileError } from './files.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface LockOwner {
  pid: number;
  host: string | null;
}

/** What a lock file says, when it is one of Steerco's (this version's JSON, or an older one's bare pid). */
function readOwner(lockPath: string): LockOwner | 'not_ours' {
  const st = lstatSync(lockPath);
  if (!st.isFile() || st.size > 4096) return 'not_ours';
  const fd = openSync(lockPath, 'r');
  let text: string;
  try {
    const buf = Buffer.alloc(st.size);
    readSync(fd, buf, 0, st.size, 0);
    text = buf.toString('utf8').trim();
  } finally {
    closeSync(fd);
  }
  if (/^\d{1,10}$/.test(text)) return { pid: Number(text), host: null };
  try {
    const o = JSON.parse(text) as { app?: unknown; pid?: unknown; host?: unknown };
    if (o.app === 'steerco' && Number.isInteger(o.pid) && (o.pid as number) > 0) return { pid: o.pid as number, host: typeof o.host === 'string' ? o.host : null };
  } catch {
    // not JSON: not ours
  }
  return 'not_ours';
}

/**
 * Takes the workspace's lock file (`FILE.lock`: Steerco's name, process id and computer) so
 * a second Steerco process cannot open the same file. A lock is taken over only when it is
 * Steerco's own and its process has ended on this computer; any other file at that name is
 * left alone and the workspace is not opened.
 */
export function acquireLock(path: string): () => void {
  const lockPath = `${path}.lock`;
  const me = hostname();
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      try {
        writeSync(fd, JSON.stringify({ app: 'steerco', pid: process.pid, host: me }));
      } finally {
        closeSync(fd);
      }
      return () => rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw fileError(e, lockPath, 'write');
      let owner: LockOwner | 'not_ours';
      try {
        owner = readOwner(lockPath);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue; // released meanwhile
        throw fileError(err, lockPath, 'read');
      }
      if (owner === 'not_ours') {
        throw new WorkspaceError('locked', `${lockPath} exists and is not a Steerco lock file; Steerco leaves it alone. Move or rename it to open ${path}.`);
      }
      if (owner.host && owner.host !== me) {
        throw new WorkspaceError('locked', `${path} is open in Steerco on the computer ${owner.host}. Close it there first (or, if that computer crashed, delete ${lockPath}).`);
      }
      if (owner.pid === process.pid || !alive(owner.pid)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      throw new WorkspaceError('locked', `${path} is already open in another Steerco window (process ${owner.pid}).`);
    }
  }
  throw new WorkspaceError('locked', `${path} is locked by another Steerco process.`);
}
