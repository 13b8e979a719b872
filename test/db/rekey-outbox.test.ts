/**
 * Migration 0009: outbox keys written by the planner before its key change are rewritten, so a
 * span planned again after the upgrade finds them. Applied the way an upgrade applies it: a
 * database migrated up to 0008 with old rows in it, then migrated on.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { databaseBefore, tempDir } from '../support/db';

const MIGRATIONS = new URL('../../db/migrations', import.meta.url).pathname;

describe('migration 0009 (outbox keys)', () => {
  it('rewrites reminders, lead notices and group summaries to the current keys, leaving other rows alone', () => {
    const sqlite = databaseBefore('0009_', join(tempDir(), 'old.sqlite'));
    const db = drizzle(sqlite);
    sqlite.exec(`
      insert into people (id, telegram_id, chat_id, name, created_at, updated_at) values (1, 1, 1, 'a', 0, 0), (2, 2, 2, 'b', 0, 0);
      insert into plans (id, key, source_name, created_at, updated_at) values (1, 'p', 'p.txt', 0, 0);
      insert into units (id, name, kind, created_at, updated_at) values (7, '办公室', 'division', 0, 0);
      insert into tasks (id, plan_id, number, title, position, created_at, updated_at) values (1, 1, '1', 't', 0, 0, 0);
      insert into requirements (id, task_id, "index", text, created_at, updated_at) values (5, 1, 1, 'r', 0, 0);
    `);
    const insert = sqlite.prepare(
      `insert into outbox (key, person_id, chat_id, requirement_id, unit_id, period, kind, send_after, due_at, payload, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, 0, 0, ?, 0, 0)`,
    );
    insert.run('before-3|p1|r5|u7|2026-03', 1, 1, 5, 7, '2026-03', 'before-3', '{}');
    insert.run('overdue|p1|r5|u7|once', 1, 1, 5, 7, 'once', 'overdue', '{}');
    insert.run('overdue-lead|p2|r-|u7|2026-03@2026-03-10', 2, 2, null, 7, '2026-03', 'overdue-lead', '{}');
    // A second period due the same day: now one notice per day, so this one keeps its old key.
    insert.run('overdue-lead|p2|r-|u7|once@2026-03-10', 2, 2, null, 7, 'once', 'overdue-lead', '{}');
    insert.run('weekly|g-500|plan1|2026-W11', null, -500, null, null, '2026-W11', 'weekly-summary', '{"planId":1}');
    insert.run('weekly|p2|2026-W11', 2, 2, null, null, '2026-W11', 'weekly-summary', '{}');
    insert.run('snooze@2026-03-06|p1|r5|u7|2026-03', 1, 1, 5, 7, '2026-03', 'snooze', '{}');

    migrate(db, { migrationsFolder: MIGRATIONS });
    const keys = (sqlite.prepare('select key from outbox order by id').all() as { key: string }[]).map((r) => r.key);
    expect(keys).toEqual([
      'before-3|r5|u7|p1|2026-03',
      'overdue|r5|u7|p1|once',
      'overdue-lead|r-|u7|p2|@2026-03-10',
      'overdue-lead|p2|r-|u7|once@2026-03-10',
      'weekly|plan1|2026-W11',
      'weekly|p2|2026-W11',
      'snooze@2026-03-06|p1|r5|u7|2026-03',
    ]);
    sqlite.close();
  });
});
