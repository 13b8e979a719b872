/**
 * One bot per database: a second process started on the same file would plan and send every
 * reminder twice. The lock is a file beside the database holding the owner's process id,
 * created exclusively; a lock left by a process that died (kill -9) is taken over, because
 * its process id no longer runs.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export class InstanceLockError extends Error {
  override name = 'InstanceLockError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface InstanceLock {
  path: string;
  release(): void;
}

export function acquireInstanceLock(databaseFile: string, options: { pid?: number; isAlive?: (pid: number) => boolean } = {}): InstanceLock {
  const path = `${resolve(databaseFile)}.lock`;
  const pid = options.pid ?? process.pid;
  const isAlive = options.isAlive ?? alive;
  // Taken before the database is opened (which would create the folder): on a fresh clone data/ is not there yet.
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(pid));
      closeSync(fd);
      return {
        path,
        release: () => {
          // Only our own lock: a successor may have taken over a stale one.
          if (readOwner(path) === pid) rmSync(path, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      if (owner !== null && owner !== pid && isAlive(owner)) {
        throw new InstanceLockError(
          `Another Duban bot (process ${owner}) is already running on ${resolve(databaseFile)}. Stop it first: two bots on one database would send every reminder twice.`,
        );
      }
      rmSync(path, { force: true }); // stale: its owner is gone
    }
  }
  throw new InstanceLockError(`Could not take the lock ${path}; another process keeps creating it.`);
}

function readOwner(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
