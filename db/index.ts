/**
 * Opens the SQLite database, sets it up and brings its schema up to date.
 * Every process and every test goes through `openDatabase`, so all run the same migrations;
 * it refuses a database a newer duban migrated (DatabaseOpenError).
 * Commands that only read go through `openDatabaseReadOnly`, which changes nothing.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

/** The drizzle database, with the better-sqlite3 handle (`$client`) for prepared statements on hot paths. */
export type DB = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export interface Database_ {
  db: DB;
  sqlite: Database.Database;
  close(): void;
}

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** A database the openers will not open (a newer schema; for the read-only one also an older or unreadable one); the message names the file, for the operator. */
export class DatabaseOpenError extends Error {
  override name = 'DatabaseOpenError';
}

/**
 * `file` is a path, or ':memory:'. WAL lets readers (exports, summaries) run beside the
 * writer; synchronous=NORMAL is durable across process crashes in WAL mode (only a power
 * loss can lose the last transactions), which is the trade the reminder outbox can live with.
 */
export function openDatabase(file: string): Database_ {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  try {
    sqlite.pragma('busy_timeout = 5000');
    // Before anything is changed: drizzle's migrator would run none of this code's migrations on
    // a database a newer duban migrated, and this code would then work on a schema it does not know.
    const version = schemaVersion(sqlite);
    if (version.relation === 'newer') throw new DatabaseOpenError(newerMessage(file, version));
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite, { schema });
    migrate(db, { migrationsFolder: MIGRATIONS });
    return { db, sqlite, close: () => sqlite.close() };
  } catch (error) {
    sqlite.close();
    throw error;
  }
}

/** This code's migrations: how many, and the time drizzle records for the newest. */
function expectedMigrations(): { count: number; latest: number } {
  expected ??= (() => {
    const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number }[] };
    return { count: journal.entries.length, latest: journal.entries.at(-1)!.when };
  })();
  return expected;
}
let expected: { count: number; latest: number } | undefined;

export interface SchemaVersion {
  /** Migrations the database records (0: a new database). */
  applied: number;
  /** Migrations this code has. */
  expected: number;
  relation: 'same' | 'older' | 'newer';
}

/**
 * The database's schema against this code's, by drizzle's own test: the time of the latest
 * migration the database records against the newest migration's.
 */
export function schemaVersion(sqlite: Database.Database): SchemaVersion {
  const applied = appliedMigrations(sqlite);
  const { count, latest } = expectedMigrations();
  const relation = applied.last === latest ? 'same' : applied.last !== null && applied.last > latest ? 'newer' : 'older';
  return { applied: applied.count, expected: count, relation };
}

function newerMessage(file: string, version: SchemaVersion): string {
  return (
    `${file}: the database's schema is version ${version.applied}, newer than this duban's version ${version.expected}: ` +
    'a newer duban migrated it. Run that version (or restore a backup taken before the upgrade: README, "Backup, restore, upgrade").'
  );
}

/**
 * For commands that only read (`duban export`, `duban backup`): opens `file` read-only and never
 * creates it, migrates it or switches its journal mode, so a command line of another version
 * beside the running bot leaves the live file as it was. A schema older or newer than this
 * code's migrations is refused (reading it would give wrong answers) unless `anySchema`, for a
 * backup, which copies pages without reading them.
 */
export function openDatabaseReadOnly(file: string, options: { anySchema?: boolean } = {}): Database_ {
  if (!existsSync(file)) throw new DatabaseOpenError(`${file}: no such database`);
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    let applied: { count: number; last: number | null };
    try {
      applied = appliedMigrations(sqlite); // the first read
    } catch (error) {
      // A WAL-mode database needs its -shm file, which SQLite cannot create in a folder this
      // user may not write (a copy on a read-only share, the bot's folder seen by another user).
      const code = (error as { code?: string }).code;
      if (code !== 'SQLITE_READONLY_DIRECTORY' && code !== 'SQLITE_CANTOPEN') throw error;
      sqlite.close();
      if (existsSync(`${file}-wal`)) {
        throw new DatabaseOpenError(
          `${file}: its -wal file may hold transactions the database file does not, and SQLite cannot create the -shm file it needs in this folder; run this as the user the bot runs as`,
        );
      }
      // Without a -wal file the database file holds every transaction: read a copy of it in
      // memory, marked as a rollback-journal database (header bytes 18-19) since memory has no WAL.
      const image = readFileSync(file);
      image[18] = image[19] = 1;
      sqlite = new Database(image, { readonly: true });
      applied = appliedMigrations(sqlite);
    }
    const { count: expected, latest } = expectedMigrations();
    // drizzle's own test: the latest applied migration's time against the newest migration's.
    if (!options.anySchema && applied.last !== latest) {
      const relation = applied.last !== null && applied.last > latest ? 'newer' : 'older';
      throw new DatabaseOpenError(
        `${file}: the database's schema is version ${applied.count}, ${relation} than this duban's version ${expected}; ` +
          (relation === 'older' ? 'start the bot of this version to migrate it first' : 'use the duban of the bot that migrated it'),
      );
    }
    sqlite.pragma('query_only = ON'); // a guard: any write through this connection fails
    const opened = sqlite;
    return { db: drizzle(opened, { schema }), sqlite: opened, close: () => opened.close() };
  } catch (error) {
    sqlite?.close();
    if (error instanceof Database.SqliteError) throw new DatabaseOpenError(`${file}: ${error.message}`);
    throw error;
  }
}

/** How many of drizzle's migrations the file records, and the time of the latest (null: none). */
function appliedMigrations(sqlite: Database.Database): { count: number; last: number | null } {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = '__drizzle_migrations'").get();
  if (!table) return { count: 0, last: null };
  const row = sqlite.prepare('select count(*) as count, max(created_at) as last from __drizzle_migrations').get() as {
    count: number;
    last: number | string | null;
  };
  return { count: row.count, last: row.last === null ? null : Number(row.last) };
}

export { schema };
