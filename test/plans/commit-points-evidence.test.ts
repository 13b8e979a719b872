/**
 * Points (分值) and evidence (考核要求 / 佐证材料) are stored (issue 13 item 6): written on a
 * first import, followed by a re-import (a changed value counts as an update in the dry run),
 * and kept by migration 0013 on a database that had plans before it.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { asc, eq } from 'drizzle-orm';
import { commitPlan } from '../../plans/commit';
import { dryRunCommit } from '../../plans/dry-run';
import { describePreview } from '../../plans/describe';
import { createI18n } from '../../bot/i18n';
import { buildRequirement, type ParsedTask } from '../../plans/plan';
import type { PlanPreview } from '../../plans/import';
import { requirements, tasks } from '../../db/schema';
import { openDatabase, type DB } from '../../db';
import { databaseBefore, freshDatabase, tempDir } from '../support/db';

const actor = { personId: null, label: 'test' };
const at = (iso: string) => new Date(iso);

/** An assessment plan of two scored items, the first with proof to submit. */
function assessmentPlan(): PlanPreview {
  const problems: PlanPreview['problems'] = [];
  const task = (
    number: string,
    title: string,
    points: number | null,
    items: [text: string, deadline: string, evidence: string | null][],
  ): ParsedTask => ({
    number,
    title,
    content: null,
    section: '一',
    where: { file: 'assess.xlsx', row: Number(number) + 1 },
    points,
    requirements: items.map(([text, deadline, evidence], i) =>
      buildRequirement(
        {
          text,
          deadlineText: deadline,
          responsibility: '区发改局',
          where: { file: 'assess.xlsx', row: Number(number) + 1, requirement: i + 1 },
          evidence,
        },
        2019,
        problems,
      ),
    ),
  });
  return {
    source: 'assess.xlsx',
    title: '2019年营商环境评估指标任务分解表',
    year: 2019,
    sections: [{ number: '一', title: '信用建设' }],
    tasks: [
      task('1', '信用信息归集', 10, [
        ['每月10日前报送归集数据', '每月10日前', '报送清单'],
        ['召开信用工作推进会', '6月底前', '会议纪要、活动照片'],
      ]),
      task('2', '信用承诺', 7.5, [['推行信用承诺制', '12月底前', null]]),
    ],
    units: [{ name: '区发改局', kind: 'bureau' }],
    ignored: [],
    problems,
  };
}

function stored(db: DB) {
  return db
    .select({ number: tasks.number, points: tasks.points, text: requirements.text, evidence: requirements.evidence })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .orderBy(asc(tasks.planId), asc(tasks.position), asc(requirements.index))
    .all();
}

describe('points and evidence', () => {
  it('are written on import and follow a re-import; a changed value counts as an update', () => {
    const { db } = freshDatabase();
    const first = commitPlan(db, assessmentPlan(), { actor, now: at('2019-01-05T02:00:00Z') });
    expect(first.created).toBe(true);
    expect(stored(db)).toEqual([
      { number: '1', points: 10, text: '每月10日前报送归集数据', evidence: '报送清单' },
      { number: '1', points: 10, text: '召开信用工作推进会', evidence: '会议纪要、活动照片' },
      { number: '2', points: 7.5, text: '推行信用承诺制', evidence: null },
    ]);

    // The same plan again: nothing to update.
    expect(dryRunCommit(db, assessmentPlan(), { actor, now: at('2019-01-06T02:00:00Z') })).toMatchObject({
      tasks: { added: [], updated: [], archived: [], unchanged: 2 },
      requirements: { added: 0, updated: 0, archived: 0 },
    });

    // Task 1's evidence changes on one requirement and is dropped on the other; task 2's points change.
    const changed = assessmentPlan();
    changed.tasks[0]!.requirements[0]!.evidence = '报送清单及台账';
    changed.tasks[0]!.requirements[1]!.evidence = null;
    changed.tasks[1]!.points = 8;
    const expected = {
      tasks: { added: [], updated: ['1', '2'], archived: [], unchanged: 0 },
      requirements: { added: 0, updated: 2, archived: 0 },
    };
    expect(dryRunCommit(db, changed, { actor, now: at('2019-02-01T02:00:00Z') })).toMatchObject(expected);
    // The dry run rolled back.
    expect(stored(db)[0]!.evidence).toBe('报送清单');

    expect(commitPlan(db, changed, { actor, now: at('2019-02-01T02:00:00Z') })).toMatchObject(expected);
    expect(stored(db)).toEqual([
      { number: '1', points: 10, text: '每月10日前报送归集数据', evidence: '报送清单及台账' },
      { number: '1', points: 10, text: '召开信用工作推进会', evidence: null },
      { number: '2', points: 8, text: '推行信用承诺制', evidence: null },
    ]);

    // Points dropped from the plan are dropped from the task.
    const unscored = structuredClone(changed);
    unscored.tasks[0]!.points = null;
    expect(commitPlan(db, unscored, { actor, now: at('2019-02-02T02:00:00Z') }).tasks.updated).toEqual(['1']);
    expect(stored(db)[0]!.points).toBeNull();
  });
});

const MIGRATIONS = new URL('../../db/migrations', import.meta.url).pathname;

describe('migration 0013 (points, evidence)', () => {
  it('adds the columns to a database at 0012 keeping every row, and a commit then fills them', () => {
    const file = join(tempDir(), 'old.sqlite');
    const sqlite = databaseBefore('0013_', file);
    const db = drizzle(sqlite);
    sqlite.exec(`
      insert into plans (id, key, title, year, source_name, ends_on, created_at, updated_at) values (1, 'p|2019', 'p', 2019, 'p.txt', '2019-12-31', 0, 0);
      insert into sections (id, plan_id, number, title, position, created_at, updated_at) values (1, 1, '一', 's', 0, 0, 0);
      insert into tasks (id, plan_id, section_id, number, title, content, position, source, created_at, updated_at) values (1, 1, 1, '1', 't', 'c', 0, '{"file":"p.txt"}', 0, 0);
      insert into requirements (id, task_id, "index", text, problems, created_at, updated_at) values (5, 1, 1, 'r', '["no-unit"]', 0, 0);
      insert into deadline_rules (requirement_id, text, recognized, created_at, updated_at) values (5, '12月底前', 1, 0, 0);
    `);
    const before = {
      plans: sqlite.prepare('select * from plans').all() as Record<string, unknown>[],
      sections: sqlite.prepare('select * from sections').all(),
      tasks: sqlite.prepare('select * from tasks').all() as Record<string, unknown>[],
      requirements: sqlite.prepare('select * from requirements').all() as Record<string, unknown>[],
      rules: sqlite.prepare('select * from deadline_rules').all(),
    };
    expect(before.tasks[0]).not.toHaveProperty('points');

    migrate(db, { migrationsFolder: MIGRATIONS });
    // 0015 dropped plans.time_zone, which nothing read; every other column is kept.
    expect(sqlite.prepare('select * from plans').all()).toEqual(before.plans.map(({ time_zone: _zone, ...plan }) => plan));
    expect(sqlite.prepare('select * from sections').all()).toEqual(before.sections);
    expect(sqlite.prepare('select * from deadline_rules').all()).toEqual(before.rules);
    expect(sqlite.prepare('select * from tasks').all()).toEqual(before.tasks.map((t) => ({ ...t, points: null })));
    expect(sqlite.prepare('select * from requirements').all()).toEqual(before.requirements.map((r) => ({ ...r, evidence: null })));
    sqlite.close();

    // The migrated database is the one openDatabase keeps using: a commit writes the new columns.
    const opened = freshDatabaseAt(file);
    commitPlan(opened.db, assessmentPlan(), { actor, now: at('2019-01-05T02:00:00Z') });
    expect(stored(opened.db).map((r) => [r.points, r.evidence])).toEqual([
      [null, null],
      [10, '报送清单'],
      [10, '会议纪要、活动照片'],
      [7.5, null],
    ]);
  });
});

function freshDatabaseAt(file: string) {
  const database = openDatabase(file);
  onTestFinished(() => database.close());
  return database;
}

describe("the command line's text preview", () => {
  it('shows points, evidence and the ignored lines with why, in English', () => {
    const i18n = createI18n();
    const plan = assessmentPlan();
    plan.ignored = [{ where: { file: 'assess.xlsx', row: 1 }, text: '关于印发评估指标的通知', reason: 'notice' }];
    const text = describePreview(plan, (key, args) => i18n.t('en', key, args));
    expect(text).toContain('  1. 信用信息归集 [10 points]\n');
    expect(text).toContain('  2. 信用承诺 [7.5 points]\n');
    expect(text).toContain('       evidence: 会议纪要、活动照片\n');
    expect(text).toContain('Points: 2 tasks, 17.5 in all');
    expect(text).toContain(
      '1 line(s) not imported as a task or requirement:\n  - assess.xlsx row 1 (the notice publishing the plan): 关于印发评估指标的通知',
    );
    expect(describePreview({ ...plan, ignored: [] }, (key, args) => i18n.t('en', key, args))).toContain('No lines ignored.');
  });
});
