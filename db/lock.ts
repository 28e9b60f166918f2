import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { WorkspaceError } from './errors.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the workspace's lock file (`FILE.lock`, holding the owner's pid) so a second
 * Steerco process cannot open the same file. A lock left by a dead process is taken over.
 */
export function acquireLock(path: string): () => void {
  const lockPath = `${path}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockPath, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockPath, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const pid = Number(readFileSync(lockPath, 'utf8').trim());
      if (pid === process.pid || !Number.isInteger(pid) || pid <= 0 || !alive(pid)) {
        rmSync(lockPath, { force: true });
        continue;
      }
      throw new WorkspaceError('locked', `${path} is already open in another Steerco window (process ${pid}).`);
    }
  }
  throw new WorkspaceError('locked', `${path} is locked by another Steerco process.`);
}
