import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { openDatabase } from '../../db';
import { assignments, plans, requirements, tasks, units } from '../../db/schema';
import { freshDatabase, tempDir } from '../support/db';

describe('openDatabase', () => {
  it('creates the file and its folder, in WAL mode with foreign keys on', () => {
    const dir = tempDir();
    const file = join(dir, 'nested', 'duban.sqlite');
    const database = openDatabase(file);
    try {
      expect(database.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(database.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
      const tables = database.sqlite
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' and name not like 'sqlite_%' order by name",
        )
        .all()
        .map((row) => (row as { name: string }).name);
      expect(tables).toEqual([
        'assignments',
        'audit_log',
        'calendar_overrides',
        'circulars',
        'conversation_state',
        'deadline_rules',
        'events',
        'evidence',
        'invites',
        'outbox',
        'people',
        'plan_units',
        'plans',
        'processed_updates',
        'quotas',
        'reports',
        'requirement_groups',
        'requirements',
        'roles',
        'scheduler_state',
        'sections',
        'stored_files',
        'tasks',
        'unit_aliases',
        'units',
        'update_inbox',
      ]);
    } finally {
      database.close();
    }
  });

  it('runs the migrations once: reopening keeps the data', () => {
    const dir = tempDir();
    const file = join(dir, 'duban.sqlite');
    const first = openDatabase(file);
    first.db.insert(plans).values({ key: 'k', title: 't', sourceName: 's' }).run();
    first.close();
    const second = openDatabase(file);
    expect(second.db.select().from(plans).all()).toHaveLength(1);
    second.close();
  });

  it('enforces foreign keys', () => {
    const { db } = freshDatabase();
    expect(() => db.insert(tasks).values({ planId: 999, number: '1', title: 'x', position: 0 }).run()).toThrow(/FOREIGN KEY/);
  });

  it('keeps one assignment per requirement and unit', () => {
    const { db } = freshDatabase();
    const plan = db.insert(plans).values({ key: 'k', sourceName: 's' }).returning().get();
    const task = db.insert(tasks).values({ planId: plan.id, number: '1', title: 't', position: 0 }).returning().get();
    const requirement = db.insert(requirements).values({ taskId: task.id, index: 1, text: 'r' }).returning().get();
    const unit = db.insert(units).values({ name: '办公室', kind: 'division' }).returning().get();
    db.insert(assignments).values({ requirementId: requirement.id, unitId: unit.id, role: 'lead' }).run();
    expect(() => db.insert(assignments).values({ requirementId: requirement.id, unitId: unit.id, role: 'cooperating' }).run()).toThrow(
      /UNIQUE/,
    );
    expect(db.select().from(assignments).where(eq(assignments.unitId, unit.id)).all()).toHaveLength(1);
  });
});
