/**
 * The evidence archive (db/file-store.ts) in backups, issue 15: `duban backup FILE` copies the
 * files the backup's database refers to (its `stored_files` rows) into the folder beside FILE
 * named by the store's own rule (b.sqlite → b-files, db/file-store.ts fileStoreRoot), laid out
 * as the store (`ab/abcdef…`, `tmp/`), so that folder is itself a store root; `duban restore
 * FILE` brings them back into the configured store (bin/restore.ts).
 *
 * - The folder is made when there is a file to put in it: a backup of a database without
 *   evidence files is FILE alone, as before.
 * - Backups into the same FILE again are incremental: a file already there with its recorded
 *   size is left as it is.
 * - A file is hard-linked when the backup is on the archive's file system (no bytes copied: the
 *   store never changes a file once it is in place, it only adds), else copied and synced.
 *   Either way it is staged in `tmp/` and renamed into place, so a name never holds half a file.
 * - The live archive is only read: no FileStore is made on it, whose start clears `tmp/` (the
 *   running bot's downloads in progress).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { copyFile, link, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { fileStoreRoot, isSha256, sha256OfFile, storedFilePath, storedHashes } from '../db/file-store';

/** The folder of a backup's evidence files: `b.sqlite` → `b-files`, beside it. */
export function backupFilesFolder(backupFile: string): string {
  return fileStoreRoot(backupFile);
}

function sizeOf(path: string): number | undefined {
  try {
    const stats = statSync(path);
    return stats.isFile() ? stats.size : undefined;
  } catch {
    return undefined;
  }
}

export interface ReferencedFile {
  sha256: string;
  size: number;
}

/** The files a database refers to: its `stored_files` rows (none before the archive's migration). */
export function referencedFiles(sqlite: Database.Database): ReferencedFile[] {
  if (!sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = 'stored_files'").get()) return [];
  return sqlite.prepare('select sha256, size from stored_files order by sha256').all() as ReferencedFile[];
}

/** Every file's hash under a store root, sorted. */
function hashesUnder(root: string): string[] {
  return [...storedHashes(root)].sort();
}

async function syncFile(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Errors of fs.link after which a copy is made instead: another file system, or links refused or exhausted there. */
const NO_LINK = new Set(['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP', 'EOPNOTSUPP']);

/** Puts files into a store root: staged in its tmp/, linked or copied, renamed into place. */
class Placer {
  /** Cleared at the first EXDEV: the two roots are on different file systems, so no link will do. */
  private linking = true;

  constructor(readonly root: string) {}

  /**
   * Places `source` as the file `sha256`. With `verify`, the bytes placed are hashed before
   * the rename and a mismatch places nothing ('damaged'). Throws on errors writing the root.
   */
  async place(source: string, sha256: string, verify: boolean): Promise<'linked' | 'copied' | 'damaged'> {
    const target = storedFilePath(this.root, sha256);
    const staged = join(this.root, 'tmp', randomUUID());
    mkdirSync(dirname(staged), { recursive: true });
    mkdirSync(dirname(target), { recursive: true });
    try {
      let how: 'linked' | 'copied' = 'copied';
      if (this.linking) {
        try {
          await link(source, staged);
          how = 'linked';
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? '';
          if (!NO_LINK.has(code)) throw error;
          if (code === 'EXDEV') this.linking = false;
        }
      }
      if (how === 'copied') {
        await copyFile(source, staged);
        await syncFile(staged);
      }
      if (verify && (await sha256OfFile(staged)) !== sha256) return 'damaged';
      await rename(staged, target);
      return how;
    } finally {
      // Gone after the rename; left when damaged, on an error, or when rename found the same file there.
      await rm(staged, { force: true });
    }
  }
}

export interface FilesBackup {
  /** The backup's folder of files (a store root). */
  folder: string;
  /** The archive they were copied from (DUBAN_FILES, or beside the database). */
  store: string;
  /** Files the backup's database refers to. */
  referenced: number;
  linked: number;
  copied: number;
  /** Already in the folder with their recorded size (an earlier backup to the same file). */
  present: number;
  /** Bytes of the files linked or copied now. */
  bytes: number;
  /** Referenced, but not in the archive with their recorded size: the backup is without them. */
  missing: number;
  missingHashes: string[];
}

/**
 * Copies into FILE's folder the files the backup FILE (just written) refers to. Read from the
 * backup itself, not the live database: the backup is taken first, so every file it refers to
 * was in the archive then (the store adds a file before the row naming it); files the bot adds
 * meanwhile are not copied, and rows it adds are not in this backup.
 */
export async function backupFiles(backupFile: string, store: string): Promise<FilesBackup> {
  // The copy carries the live database's WAL mode, in which reading it leaves -wal and -shm
  // files beside it: made a single rollback-journal file first (restore does the same to its
  // copy; the bot switches back to WAL), so the backup is FILE and FILE-files, nothing else.
  const copy = new Database(backupFile, { fileMustExist: true });
  let referenced: ReferencedFile[];
  try {
    copy.pragma('journal_mode = DELETE');
    referenced = referencedFiles(copy);
  } finally {
    copy.close();
  }
  const folder = backupFilesFolder(backupFile);
  const placer = new Placer(folder);
  const result: FilesBackup = {
    folder,
    store,
    referenced: referenced.length,
    linked: 0,
    copied: 0,
    present: 0,
    bytes: 0,
    missing: 0,
    missingHashes: [],
  };
  for (const { sha256, size } of referenced) {
    if (!isSha256(sha256)) {
      result.missingHashes.push(sha256);
      continue;
    }
    if (sizeOf(storedFilePath(folder, sha256)) === size) {
      result.present++;
      continue;
    }
    const source = storedFilePath(store, sha256);
    if (sizeOf(source) !== size) {
      result.missingHashes.push(sha256);
      continue;
    }
    let how;
    try {
      how = await placer.place(source, sha256, false);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || existsSync(source)) throw error;
      result.missingHashes.push(sha256); // removed from the archive meanwhile
      continue;
    }
    if (how === 'linked') result.linked++;
    else result.copied++;
    result.bytes += size;
  }
  result.missing = result.missingHashes.length;
  return result;
}

export interface FilesRestore {
  /** The backup's folder of files. */
  folder: string;
  /** Whether the backup has one (a backup made before duban kept files has none). */
  included: boolean;
  /** The store they were put into (DUBAN_FILES, or beside the database). */
  store: string;
  /** Files the restored database refers to. */
  referenced: number;
  linked: number;
  copied: number;
  /** Already in the store at their size: left as they are. */
  present: number;
  /** Bytes of the files linked or copied now. */
  bytes: number;
  /** In the backup's folder, but their bytes do not have their hash: not restored. */
  damaged: number;
  damagedHashes: string[];
  /** Referenced by the restored database, but in the store neither before nor after (damaged ones aside). */
  missing: number;
  missingHashes: string[];
}

/**
 * Puts every file of the backup's folder into the store, never removing one there: the store
 * is content-addressed, so files only some other database refers to are harmless. A file
 * already there with the backup's size is left as it is (as FileStore.put does); each one
 * placed is hashed first, and one whose bytes do not match its name is reported and skipped.
 * Throws when the store cannot be written (disk full, permissions).
 */
export async function restoreFiles(folder: string, store: string, referenced: ReferencedFile[]): Promise<FilesRestore> {
  const included = existsSync(folder);
  const result: FilesRestore = {
    folder,
    included,
    store,
    referenced: referenced.length,
    linked: 0,
    copied: 0,
    present: 0,
    bytes: 0,
    damaged: 0,
    damagedHashes: [],
    missing: 0,
    missingHashes: [],
  };
  if (included) {
    const placer = new Placer(store);
    for (const sha256 of hashesUnder(folder)) {
      const source = storedFilePath(folder, sha256);
      const size = sizeOf(source);
      if (size === undefined) continue;
      if (sizeOf(storedFilePath(store, sha256)) === size) {
        result.present++;
        continue;
      }
      // Not there, or there at another size: then the store's file is damaged (a hash names
      // one content), and the backup's, once checked, replaces it.
      let how;
      try {
        how = await placer.place(source, sha256, true);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EIO') throw error;
        how = 'damaged' as const; // unreadable in the backup
      }
      if (how === 'damaged') {
        result.damagedHashes.push(sha256);
        continue;
      }
      if (how === 'linked') result.linked++;
      else result.copied++;
      result.bytes += size;
    }
  }
  const damaged = new Set(result.damagedHashes);
  for (const { sha256, size } of referenced) {
    if (damaged.has(sha256)) continue;
    if (!isSha256(sha256) || sizeOf(storedFilePath(store, sha256)) !== size) result.missingHashes.push(sha256);
  }
  result.damaged = result.damagedHashes.length;
  result.missing = result.missingHashes.length;
  return result;
}

/** A size for people: 1536 → "1.5 KB". */
export function describeBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}

/** Hashes for a message: the first few, and how many more (--json has them all). */
export function listHashes(hashes: string[], shown = 5): string {
  return hashes.length > shown ? `${hashes.slice(0, shown).join(', ')} and ${hashes.length - shown} more` : hashes.join(', ');
}
