/** A fresh database file with the real migrations applied, removed after the test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { openDatabase } from '../../db';

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
