/** A fresh database file with the real migrations applied, removed after the test. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { expect, onTestFinished } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { openDatabase, type DB } from '../../db';
import { requirements, tasks, units } from '../../db/schema';

export function freshDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'duban-test-'));
  const file = join(dir, 'duban.sqlite');
  const database = openDatabase(file);
  onTestFinished(() => {
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { ...database, file, dir };
}

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'duban-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const MIGRATIONS = new URL('../../db/migrations', import.meta.url).pathname;

/**
 * A database file migrated by every migration before the one tagged `tag` ("0015_"), as an
 * older duban left it, open for the test to fill in as that version would have.
 */
export function databaseBefore(tag: string, file: string): Database.Database {
  const folder = join(tempDir(), 'migrations');
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag.startsWith(tag));
  expect(at).toBeGreaterThan(0);
  for (const entry of journal.entries.slice(at)) rmSync(join(folder, `${entry.tag}.sql`));
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalFile, JSON.stringify(journal));
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  return sqlite;
}

/** A unit's id by its name. */
export function unitId(db: DB, name: string): number {
  return db.select({ id: units.id }).from(units).where(eq(units.name, name)).get()!.id;
}

/** A requirement's id by its item: task 10, index 1 is 10①. */
export function requirementId(db: DB, taskNumber: string, index: number): number {
  return db
    .select({ id: requirements.id })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.number, taskNumber), eq(requirements.index, index)))
    .get()!.id;
}
