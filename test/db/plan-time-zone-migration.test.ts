/**
 * Migration 0015 drops plans.time_zone, which nothing read (every plan runs on Shanghai time,
 * core/zone.ts): a database from before it keeps its plans and everything hanging off them.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import { plans, tasks } from '../../db/schema';
import { databaseBefore, tempDir } from '../support/db';

describe('migration 0015: plans.time_zone dropped', () => {
  it('keeps every plan, with its tasks, from a database that had the column', () => {
    const file = join(tempDir(), 'duban.sqlite');
    const sqlite = databaseBefore('0015_', file);
    sqlite.exec(`
      insert into plans (id, key, title, year, source_name, time_zone, ends_on, created_at, updated_at)
        values (1, 'fz', '福州市2026年任务分解表', 2026, 'fz.xlsx', 'Asia/Shanghai', '2026-11-30', 0, 0);
      insert into tasks (id, plan_id, number, title, position, created_at, updated_at) values (1, 1, '1', '任务', 0, 0, 0);
    `);
    sqlite.close();
    const database = openDatabase(file);
    try {
      const columns = database.sqlite.prepare(`select name from pragma_table_info('plans')`).all() as { name: string }[];
      expect(columns.map((c) => c.name)).not.toContain('time_zone');
      expect(database.db.select().from(plans).all()).toEqual([
        expect.objectContaining({
          id: 1,
          key: 'fz',
          title: '福州市2026年任务分解表',
          year: 2026,
          sourceName: 'fz.xlsx',
          endsOn: '2026-11-30',
        }),
      ]);
      expect(database.db.select({ planId: tasks.planId, title: tasks.title }).from(tasks).all()).toEqual([{ planId: 1, title: '任务' }]);
    } finally {
      database.close();
    }
  });
});
