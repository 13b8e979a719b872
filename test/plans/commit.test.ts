import { beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq, isNotNull, isNull } from 'drizzle-orm';
import { commitPlan } from '../../plans/commit';
import { readPlan, type PlanPreview } from '../../plans/import';
import {
  assignments,
  auditLog,
  deadlineRules,
  plans,
  quotas,
  reports,
  requirementGroups,
  requirements,
  tasks,
  units,
} from '../../db/schema';
import type { DB } from '../../db';
import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { fuzhouWorkbook } from '../../sandbox/demo/fuzhou-workbook';
import { freshDatabase } from '../support/db';

const actor = { personId: null, label: 'test' };
const at = (iso: string) => new Date(iso);

let fuzhou: PlanPreview;
beforeAll(async () => {
  fuzhou = await readPlan('fuzhou-2020.xlsx', await fuzhouWorkbook());
});

function rows(db: DB, table: SQLiteTable): number {
  return db.select({ n: count() }).from(table).get()!.n;
}

function requirementOf(db: DB, taskNumber: string, index: number) {
  return db
    .select({ id: requirements.id, text: requirements.text, archivedAt: requirements.archivedAt })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.number, taskNumber), eq(requirements.index, index)))
    .get()!;
}

function assignedUnits(db: DB, requirementId: number) {
  return db
    .select({ name: units.name, role: assignments.role, via: assignments.viaGroup })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(eq(assignments.requirementId, requirementId))
    .orderBy(units.id)
    .all();
}

describe('committing a plan', () => {
  it('writes tasks, requirements, deadlines, quotas, units and assignments', () => {
    const { db } = freshDatabase();
    const result = commitPlan(db, fuzhou, { actor, now: at('2020-01-05T02:00:00Z') });
    expect(result).toMatchObject({ created: true, requirements: { added: 35, updated: 0, archived: 0 } });
    expect(result.tasks.added).toHaveLength(18);
    expect(result.newUnits).toEqual(['政策法规处', '信息管理处', '新建商品房登记处', '办公室', '测绘技术处', '抵押登记处', '人力资源处']);
    expect(rows(db, requirements)).toBe(35);
    expect(rows(db, deadlineRules)).toBe(35);
    expect(db.select().from(plans).get()).toMatchObject({ title: expect.stringContaining('任务分解表'), year: 2020 });

    const first = requirementOf(db, '1', 1);
    expect(db.select().from(deadlineRules).where(eq(deadlineRules.requirementId, first.id)).get()).toMatchObject({
      text: '12月底前',
      recognized: true,
      rule: { kind: 'once', year: 2020, month: 12, day: 'last' },
      origin: 'import',
    });
    expect(db.select().from(quotas).where(eq(quotas.requirementId, first.id)).get()).toMatchObject({ target: 2, unitLabel: '次' });

    // 中心各处室 expands to every office (处/室) of the plan except the lead, which stays lead.
    expect(assignedUnits(db, first.id)).toEqual([
      { name: '政策法规处', role: 'lead', via: null },
      { name: '信息管理处', role: 'cooperating', via: '中心各处室' },
      { name: '新建商品房登记处', role: 'cooperating', via: '中心各处室' },
      { name: '办公室', role: 'cooperating', via: '中心各处室' },
      { name: '测绘技术处', role: 'cooperating', via: '中心各处室' },
      { name: '抵押登记处', role: 'cooperating', via: '中心各处室' },
      { name: '人力资源处', role: 'cooperating', via: '中心各处室' },
    ]);
    expect(
      db
        .select({ name: requirementGroups.name })
        .from(requirementGroups)
        .where(eq(requirementGroups.requirementId, first.id))
        .all()
        .map((g) => g.name),
    ).toEqual(['中心各处室', '各分中心', '各直属单位']);

    const unreadable = requirementOf(db, '18', 2);
    // Stored as codes, in no one language (plans/problems.ts); /deadline drops the deadline ones once fixed.
    expect(db.select().from(requirements).where(eq(requirements.id, unreadable.id)).get()!.problems).toEqual(['deadline-unread']);
    expect(db.select().from(auditLog).all()).toEqual([
      expect.objectContaining({ action: 'plan.import', actorLabel: 'test', at: at('2020-01-05T02:00:00Z') }),
    ]);
  });

  it('re-importing the same plan changes nothing and duplicates nothing', () => {
    const { db } = freshDatabase();
    commitPlan(db, fuzhou, { actor, now: at('2020-01-05T02:00:00Z') });
    const before = { req: rows(db, requirements), asg: rows(db, assignments), units: rows(db, units), tasks: rows(db, tasks) };
    const again = commitPlan(db, fuzhou, { actor, now: at('2020-01-06T02:00:00Z') });
    expect(again).toMatchObject({
      created: false,
      tasks: { added: [], updated: [], archived: [], unchanged: 18 },
      requirements: { added: 0, updated: 0, archived: 0 },
      newUnits: [],
    });
    expect({ req: rows(db, requirements), asg: rows(db, assignments), units: rows(db, units), tasks: rows(db, tasks) }).toEqual(before);
    expect(rows(db, plans)).toBe(1);
  });

  it('updates in place: a changed deadline is updated, a vanished task archived, reports kept', () => {
    const { db } = freshDatabase();
    commitPlan(db, fuzhou, { actor, now: at('2020-01-05T02:00:00Z') });
    const twelve = requirementOf(db, '12', 1);
    const office = db.select().from(units).where(eq(units.name, '政策法规处')).get()!;
    db.insert(reports)
      .values({
        requirementId: twelve.id,
        unitId: office.id,
        period: 'once',
        status: 'done',
        reportedAt: at('2020-03-20T02:00:00Z'),
        late: false,
      })
      .run();

    const changed: PlanPreview = structuredClone(fuzhou);
    changed.tasks = changed.tasks.filter((t) => t.number !== '12');
    const eleven = changed.tasks.find((t) => t.number === '11')!.requirements[0]!;
    eleven.deadline = { text: '每月15日前', recognized: true, rule: { kind: 'monthly', day: 15, months: null } };

    const result = commitPlan(db, changed, { actor, now: at('2020-02-01T02:00:00Z') });
    expect(result.tasks).toMatchObject({ added: [], updated: ['11'], archived: ['12'], unchanged: 16 });
    expect(result.requirements).toEqual({ added: 0, updated: 1, archived: 1 });
    expect(requirementOf(db, '12', 1).archivedAt).toEqual(at('2020-02-01T02:00:00Z'));
    expect(
      db
        .select()
        .from(tasks)
        .where(isNotNull(tasks.archivedAt))
        .all()
        .map((t) => t.number),
    ).toEqual(['12']);
    expect(rows(db, reports)).toBe(1);

    // The task comes back in a later import: restored, with the same requirement row.
    const back = commitPlan(db, fuzhou, { actor, now: at('2020-02-02T02:00:00Z') });
    expect(back.tasks.updated).toEqual(['11', '12']);
    expect(requirementOf(db, '12', 1)).toMatchObject({ id: twelve.id, archivedAt: null });
    expect(db.select().from(tasks).where(isNull(tasks.archivedAt)).all()).toHaveLength(18);
  });

  it("keeps a deadline an admin fixed over the file's on re-import", () => {
    const { db } = freshDatabase();
    commitPlan(db, fuzhou, { actor, now: at('2020-01-05T02:00:00Z') });
    const broken = requirementOf(db, '18', 2);
    db.update(deadlineRules)
      .set({ text: '12月底前', recognized: true, rule: { kind: 'once', year: 2020, month: 12, day: 'last' }, origin: 'admin' })
      .where(eq(deadlineRules.requirementId, broken.id))
      .run();
    commitPlan(db, fuzhou, { actor, now: at('2020-01-06T02:00:00Z') });
    expect(db.select().from(deadlineRules).where(eq(deadlineRules.requirementId, broken.id)).get()).toMatchObject({
      text: '12月底前',
      origin: 'admin',
    });
  });

  it('is all or nothing: a failure inside the transaction leaves the database as it was', () => {
    const { db, sqlite } = freshDatabase();
    commitPlan(db, fuzhou, { actor, now: at('2020-01-05T02:00:00Z') });
    const before = rows(db, requirements);
    // A trigger that fails on the last requirement inserted stands in for a crash mid-commit.
    sqlite.exec(`create trigger fail_late before insert on requirements when new.text = 'LAST' begin select raise(abort, 'boom'); end;`);
    const broken: PlanPreview = structuredClone(fuzhou);
    broken.tasks = [
      ...broken.tasks,
      { ...structuredClone(broken.tasks[0]!), number: '19' },
      { ...structuredClone(broken.tasks[0]!), number: '20' },
    ];
    broken.tasks[19]!.requirements[0]!.text = 'LAST';
    expect(() => commitPlan(db, broken, { actor, now: at('2020-01-06T02:00:00Z') })).toThrow(/boom/);
    expect(rows(db, requirements)).toBe(before);
    expect(rows(db, tasks)).toBe(18);
    expect(rows(db, auditLog)).toBe(1);
  });
});
