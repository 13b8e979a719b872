/** A fresh database file with the real migrations applied, removed after the test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
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
