/** Whether two paths name one file, under any spelling: for commands that must never write over the database. */
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

/** `path` with every symbolic link followed, also when it (or what a link names) does not exist yet. */
export function realPath(path: string, links = 0): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    // Missing: a dangling link is followed by hand, anything else is its real folder + its name.
  }
  try {
    if (links < 40 && lstatSync(absolute).isSymbolicLink()) return realPath(resolve(dirname(absolute), readlinkSync(absolute)), links + 1);
  } catch {
    // Not there at all.
  }
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(realPath(parent, links), basename(absolute));
}

/** Whether `a` and `b` name one file: one real path, or one inode (a hard link). */
export function sameFile(a: string, b: string): boolean {
  if (realPath(a) === realPath(b)) return true;
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** Which of the database's own files (itself, -wal, -shm, -journal) `path` is, or undefined. */
export function databaseFileNamed(path: string, database: string): string | undefined {
  return [database, `${database}-wal`, `${database}-shm`, `${database}-journal`].find((own) => sameFile(path, own));
}
