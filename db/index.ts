/**
 * Opens the SQLite database, sets it up and brings its schema up to date.
 * Every process and every test goes through `openDatabase`, so all run the same migrations.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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

/**
 * `file` is a path, or ':memory:'. WAL lets readers (exports, summaries) run beside the
 * writer; synchronous=NORMAL is durable across process crashes in WAL mode (only a power
 * loss can lose the last transactions), which is the trade the reminder outbox can live with.
 */
export function openDatabase(file: string): Database_ {
  if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS });
  return { db, sqlite, close: () => sqlite.close() };
}

export { schema };
