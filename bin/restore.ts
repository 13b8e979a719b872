/**
 * `duban restore FILE`: replaces DUBAN_DB with a backup (`duban backup`), while no bot runs.
 *
 * 1. The backup is checked before anything changes: it must be a SQLite database that passes
 *    SQLite's integrity check, made by duban (its migrations recorded), and not migrated by a
 *    newer duban than this one (the bot would refuse it).
 * 2. The bot's lock is taken (app/instance-lock.ts), so a running bot makes restore refuse, and
 *    no bot can start until it has finished.
 * 3. The backup is copied with SQLite's backup API beside the database (`<db>.restoring`), the
 *    copy checked again and made a single file (rollback journal; the bot switches it back to
 *    WAL), and the lease row it carries from its own time removed.
 * 3b. The evidence files that came with the backup (`FILE-files`, bin/backup-files.ts) are put
 *    into the store (DUBAN_FILES, or beside the database), each checked against its sha256;
 *    none already there is removed. This is done before the swap: a crash or a full disk here
 *    leaves the old database with a few more files in its store, which is harmless.
 * 4. The database it replaces, with what its -wal file holds, is kept as
 *    `<db>.before-restore-<UTC time>` (unless there was none).
 * 5. The connections to the database are closed, its -wal and -shm files removed (they belong
 *    to the old file), and the copy renamed over it: a crash leaves either the old database or
 *    the new one, never a mix. Then the lock is released.
 * The bot migrates a backup of an older version when it starts, as after an upgrade.
 */
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseOpenError, openDatabaseReadOnly, schemaVersion, type SchemaVersion } from '../db';
import { acquireInstanceLock, describeHolder, InstanceLockError, LEASE_TABLE } from '../app/instance-lock';
import { fileStoreRoot } from '../db/file-store';
import { backupFilesFolder, referencedFiles, restoreFiles, type FilesRestore } from './backup-files';

export interface RestoreResult {
  database: string;
  source: string;
  /** The backup's schema against this duban's: older means the bot migrates it at start. */
  schema: SchemaVersion;
  /** Where the database it replaced was kept; null when there was none. */
  keptAs: string | null;
  /** The evidence files: what came with the backup, and what is damaged or missing. */
  files: FilesRestore;
}

export class RestoreError extends Error {
  override name = 'RestoreError';
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** `options.filesDir`: DUBAN_FILES, where the evidence files go (unset: beside the database). */
export async function restoreDatabase(
  databaseFile: string,
  source: string,
  now: Date,
  options: { filesDir?: string } = {},
): Promise<RestoreResult> {
  const file = resolve(databaseFile);
  // 1. The backup, read-only: it is never changed.
  let backup;
  try {
    backup = openDatabaseReadOnly(source, { anySchema: true });
  } catch (error) {
    if (error instanceof DatabaseOpenError)
      throw new RestoreError(`${source}: not a database duban can restore (${error.message.replace(`${source}: `, '')})`);
    throw error;
  }
  let schema: SchemaVersion;
  const staging = `${file}.restoring`;
  try {
    const check = backup.sqlite.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new RestoreError(`${source}: the backup is damaged (SQLite's check says: ${String(check)})`);
    schema = schemaVersion(backup.sqlite);
    if (schema.applied === 0) throw new RestoreError(`${source}: not a duban database (it records none of duban's migrations)`);
    if (schema.relation === 'newer') {
      throw new RestoreError(
        `${source}: the backup's schema is version ${schema.applied}, newer than this duban's version ${schema.expected}; restore it with the duban that made it`,
      );
    }
    // 2. The lock: refused while a bot runs.
    const existed = existsSync(file);
    let lock;
    try {
      lock = acquireInstanceLock(file, { role: 'restore', now: () => now });
    } catch (error) {
      if (error instanceof InstanceLockError) {
        const who = error.holder ? `A ${describeHolder(error.holder, new Date())}` : 'A Duban process';
        throw new RestoreError(
          `${who} holds ${file}: stop the bot before restoring (systemctl stop duban, or docker compose stop duban), then run restore again.`,
        );
      }
      throw error;
    }
    try {
      // 3. The copy, beside the database (same file system: the rename is atomic).
      rmSync(staging, { force: true });
      rmSync(`${staging}-journal`, { force: true });
      await backup.sqlite.backup(staging, { progress: () => 0x7fffffff });
      const copy = new Database(staging);
      try {
        copy.exec(`drop table if exists ${LEASE_TABLE}`); // the backup's holder is no holder now
        copy.pragma('journal_mode = DELETE');
        const copied = copy.pragma('integrity_check', { simple: true });
        if (copied !== 'ok')
          throw new RestoreError(`${staging}: the copy fails SQLite's integrity check (${String(copied)}); nothing was replaced`);
      } finally {
        copy.close();
      }
      // 3b. The files. A damaged one (its bytes not those its hash names) is reported and
      // skipped, and the database is still restored: an operator restores to get the bot back,
      // and one bad photo should not keep a whole office's reports away. A missing file is a
      // case the bot meets anyway (issue 15: a clear message when it is opened), the exit code
      // is 1 and the hashes are named, so the file can be copied in from another backup's
      // folder later. Refusing would restore nothing and leave the operator no way forward
      // but to delete the file from the backup by hand.
      let files: FilesRestore;
      try {
        files = await restoreFiles(backupFilesFolder(source), fileStoreRoot(file, options.filesDir), referencedFiles(backup.sqlite));
      } catch (error) {
        throw new RestoreError(
          `${fileStoreRoot(file, options.filesDir)}: the evidence files could not be put there (${(error as Error).message}); the database was not replaced`,
        );
      }
      // 4. Keep what is replaced.
      let keptAs: string | null = null;
      if (existed) {
        keptAs = `${file}.before-restore-${stamp(now)}`;
        const live = new Database(file, { fileMustExist: true, timeout: 5000 });
        try {
          await live.backup(keptAs, { progress: () => 0x7fffffff });
        } finally {
          live.close();
        }
      }
      // 5. The swap.
      lock.detachDatabase();
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
      rmSync(`${file}-journal`, { force: true });
      renameSync(staging, file);
      return { database: file, source: resolve(source), schema, keptAs, files };
    } finally {
      rmSync(staging, { force: true });
      lock.release();
    }
  } finally {
    backup.close();
  }
}
