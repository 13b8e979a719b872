import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { commitStatements } from '../../plans/commit-statements';
import { commitPlan } from '../../plans/commit';
import { readPlan, type PlanPreview } from '../../plans/import';
import {
  assignments,
  deadlineRules,
  planUnits,
  plans,
  quotas,
  requirementGroups,
  requirements,
  tasks,
  unitAliases,
  units,
} from '../../db/schema';
import type { DB } from '../../db';
import { buildTaskWorkbook } from '../../bench/scenarios/import';
import { freshDatabase } from '../support/db';

const t1 = new Date('2026-01-05T01:00:00.123Z');
const t2 = new Date('2026-02-07T03:04:05.678Z');

/** A plan with one task and two units, written with drizzle as the rest of the code does. */
function seed(db: DB) {
  const planId = db.insert(plans).values({ key: 'k', sourceName: 'f.xlsx', createdAt: t1, updatedAt: t1 }).returning().get().id;
  const [a, b, c, d] = ['甲处', '乙处', '丙处', '丁处'].map(
    (name) => db.insert(units).values({ name, kind: 'division', createdAt: t1, updatedAt: t1 }).returning().get().id,
  ) as [number, number, number, number];
  return { planId, units: { a, b, c, d } };
}

describe('the commit statements', () => {
  it('write tasks and requirements as drizzle reads them back', () => {
    const { db } = freshDatabase();
    const { planId } = seed(db);
    const s = commitStatements(db.$client);
    const values = { planId, sectionId: null, number: '7', title: '标题', content: null, position: 3, source: 'f.xlsx row 9', points: 7.5 };
    const taskId = s.insertTask(values, t1);
    expect(db.select().from(tasks).where(eq(tasks.id, taskId)).get()).toEqual({
      id: taskId,
      ...values,
      archivedAt: null,
      createdAt: t1,
      updatedAt: t1,
    });

    const requirementId = s.insertRequirement(taskId, 1, '要求', ['deadline "x" cannot be read'], t1, '会议纪要');
    expect(db.select().from(requirements).where(eq(requirements.id, requirementId)).get()).toEqual({
      id: requirementId,
      taskId,
      index: 1,
      text: '要求',
      evidence: '会议纪要',
      problems: ['deadline "x" cannot be read'],
      archivedAt: null,
      createdAt: t1,
      updatedAt: t1,
    });
    expect(s.requirementsOfTask(taskId)).toEqual([{ id: requirementId, index: 1, archivedAt: null }]);

    s.archiveTask(taskId, t2);
    s.archiveRequirement(requirementId, t2);
    expect(db.select().from(tasks).where(eq(tasks.id, taskId)).get()).toMatchObject({ archivedAt: t2, updatedAt: t2, createdAt: t1 });
    expect(s.requirementsOfTask(taskId)).toEqual([{ id: requirementId, index: 1, archivedAt: t2.getTime() }]);

    // Updating un-archives and sets every imported field, keeping the id and creation time.
    s.updateTask(taskId, { ...values, title: '新标题', content: '内容', position: 0 }, t2);
    s.updateRequirement(requirementId, '新要求', [], t2);
    expect(db.select().from(tasks).where(eq(tasks.id, taskId)).get()).toEqual({
      id: taskId,
      ...values,
      title: '新标题',
      content: '内容',
      position: 0,
      archivedAt: null,
      createdAt: t1,
      updatedAt: t2,
    });
    expect(db.select().from(requirements).where(eq(requirements.id, requirementId)).get()).toMatchObject({
      text: '新要求',
      problems: [],
      evidence: null,
      archivedAt: null,
      createdAt: t1,
      updatedAt: t2,
    });
  });

  it('find units by alias or name, insert them, and link each to a plan once, as drizzle reads them back', () => {
    const { db } = freshDatabase();
    const { planId, units: seeded } = seed(db);
    db.insert(unitAliases).values({ unitId: seeded.a, alias: '局甲处', createdAt: t1, updatedAt: t1 }).run();
    const s = commitStatements(db.$client);
    expect(s.unitIdByAlias('局甲处')).toBe(seeded.a);
    expect(s.unitIdByAlias('甲处')).toBeUndefined();
    expect(s.unitIdByName('乙处')).toBe(seeded.b);
    expect(s.unitIdByName('戊处')).toBeUndefined();

    const id = s.insertUnit('戊处', 'division', t2);
    expect(db.select().from(units).where(eq(units.id, id)).get()).toEqual({
      id,
      name: '戊处',
      kind: 'division',
      createdAt: t2,
      updatedAt: t2,
    });
    s.linkUnitToPlan(planId, id, t1);
    s.linkUnitToPlan(planId, id, t2); // linked already: nothing changes
    expect(db.select().from(planUnits).all()).toEqual([{ planId, unitId: id, createdAt: t1, updatedAt: t1 }]);
  });

  it('archive only the live requirements of a task, and count them', () => {
    const { db } = freshDatabase();
    const { planId } = seed(db);
    const s = commitStatements(db.$client);
    const taskId = s.insertTask({ planId, sectionId: null, number: '1', title: 't', content: null, position: 0, source: null }, t1);
    const [r1, r2, r3] = [1, 2, 3].map((i) => s.insertRequirement(taskId, i, `r${i}`, [], t1)) as [number, number, number];
    s.archiveRequirement(r2, t1);
    expect(s.archiveRequirementsOfTask(taskId, t2)).toBe(2);
    const archivedAt = new Map(
      db
        .select()
        .from(requirements)
        .all()
        .map((r) => [r.id, r.archivedAt]),
    );
    expect(archivedAt).toEqual(
      new Map([
        [r1, t2],
        [r2, t1],
        [r3, t2],
      ]),
    );
    expect(s.archiveRequirementsOfTask(taskId, t2)).toBe(0);
  });

  it('upsert a deadline, keeping its id, creation time and origin', () => {
    const { db } = freshDatabase();
    const { planId } = seed(db);
    const s = commitStatements(db.$client);
    const taskId = s.insertTask({ planId, sectionId: null, number: '1', title: 't', content: null, position: 0, source: null }, t1);
    const requirementId = s.insertRequirement(taskId, 1, 'r', [], t1);
    expect(s.deadlineOrigin(requirementId)).toBeUndefined();

    s.upsertDeadline(requirementId, { text: '看情况', recognized: false, rule: null }, t1);
    const first = db.select().from(deadlineRules).where(eq(deadlineRules.requirementId, requirementId)).get()!;
    expect(first).toMatchObject({ text: '看情况', recognized: false, rule: null, origin: 'import', createdAt: t1, updatedAt: t1 });
    expect(s.deadlineOrigin(requirementId)).toBe('import');

    db.update(deadlineRules).set({ origin: 'admin' }).where(eq(deadlineRules.id, first.id)).run();
    s.upsertDeadline(requirementId, { text: '每月10日前', recognized: true, rule: { kind: 'monthly', day: 10, months: [3, 6] } }, t2);
    expect(db.select().from(deadlineRules).all()).toEqual([
      {
        id: first.id,
        requirementId,
        text: '每月10日前',
        recognized: true,
        rule: { kind: 'monthly', day: 10, months: [3, 6] },
        origin: 'admin',
        createdAt: t1,
        updatedAt: t2,
      },
    ]);
    expect(s.deadlineOrigin(requirementId)).toBe('admin');
  });

  it('upsert and delete a quota', () => {
    const { db } = freshDatabase();
    const { planId } = seed(db);
    const s = commitStatements(db.$client);
    const taskId = s.insertTask({ planId, sectionId: null, number: '1', title: 't', content: null, position: 0, source: null }, t1);
    const requirementId = s.insertRequirement(taskId, 1, 'r', [], t1);
    s.upsertQuota(requirementId, { target: 10, unit: '例', period: 'year', kind: 'count', source: '全年不少于10例' }, t1);
    const id = db.select().from(quotas).get()!.id;
    s.upsertQuota(requirementId, { target: 30, unit: '%', period: 'once', kind: 'ratio', source: '不低于30%' }, t2);
    expect(db.select().from(quotas).all()).toEqual([
      { id, requirementId, target: 30, unitLabel: '%', period: 'once', kind: 'ratio', source: '不低于30%', createdAt: t1, updatedAt: t2 },
    ]);
    s.deleteQuota(requirementId);
    expect(db.select().from(quotas).all()).toEqual([]);
  });

  it('replace groups, and delete exactly the assignments not kept, whatever the number kept', () => {
    const { db } = freshDatabase();
    const { planId, units: u } = seed(db);
    const s = commitStatements(db.$client);
    const taskId = s.insertTask({ planId, sectionId: null, number: '1', title: 't', content: null, position: 0, source: null }, t1);
    const mine = s.insertRequirement(taskId, 1, 'r', [], t1);
    const other = s.insertRequirement(taskId, 2, 'r2', [], t1);
    const all = [u.a, u.b, u.c, u.d];
    const assignAll = () => {
      for (const requirementId of [mine, other]) {
        for (const unitId of all) s.upsertAssignment(requirementId, { unitId, role: 'cooperating', viaGroup: '中心各处室' }, t1);
      }
    };
    const assigned = (requirementId: number) =>
      db
        .select({ unitId: assignments.unitId })
        .from(assignments)
        .where(eq(assignments.requirementId, requirementId))
        .orderBy(assignments.unitId)
        .all()
        .map((a) => a.unitId);

    for (const keep of [[u.c], [u.a, u.d], [u.d, u.b, u.a], [], [u.b], [u.a, u.c]]) {
      assignAll();
      s.deleteAssignmentsExcept(mine, keep);
      expect(assigned(mine)).toEqual([...keep].sort((x, y) => x - y));
      expect(assigned(other)).toEqual(all);
    }

    // An assignment kept is updated in place: same id and creation time.
    const before = db
      .select()
      .from(assignments)
      .where(and(eq(assignments.requirementId, mine), eq(assignments.unitId, u.a)))
      .get()!;
    s.upsertAssignment(mine, { unitId: u.a, role: 'lead', viaGroup: null }, t2);
    expect(db.select().from(assignments).where(eq(assignments.id, before.id)).get()).toEqual({
      ...before,
      role: 'lead',
      viaGroup: null,
      updatedAt: t2,
    });

    s.insertGroup(mine, '中心各处室', 'cooperating', t1);
    s.insertGroup(mine, '各分中心', 'lead', t1);
    s.insertGroup(other, '各分中心', 'lead', t1);
    s.deleteGroups(mine);
    expect(
      db
        .select({
          requirementId: requirementGroups.requirementId,
          name: requirementGroups.name,
          role: requirementGroups.role,
          createdAt: requirementGroups.createdAt,
        })
        .from(requirementGroups)
        .all(),
    ).toEqual([{ requirementId: other, name: '各分中心', role: 'lead', createdAt: t1 }]);
  });

  it('snapshot what an import sets, and only that', () => {
    const { db } = freshDatabase();
    const { planId, units: u } = seed(db);
    const s = commitStatements(db.$client);
    const taskId = s.insertTask({ planId, sectionId: null, number: '1', title: 't', content: null, position: 0, source: null }, t1);
    const id = s.insertRequirement(taskId, 1, 'r', ['p'], t1);
    s.upsertDeadline(id, { text: '每月10日前', recognized: true, rule: { kind: 'monthly', day: 10, months: null } }, t1);
    s.upsertAssignment(id, { unitId: u.b, role: 'lead', viaGroup: null }, t1);
    s.upsertAssignment(id, { unitId: u.a, role: 'cooperating', viaGroup: '中心各处室' }, t1);
    const base = s.snapshot(id);
    expect(JSON.parse(base)).toEqual([
      { text: 'r', evidence: null },
      { text: '每月10日前', rule: { kind: 'monthly', day: 10, months: null } },
      null,
      [
        { unitId: u.a, role: 'cooperating', via: '中心各处室' },
        { unitId: u.b, role: 'lead', via: null },
      ],
    ]);

    // Writing the same again, at another time, changes nothing the snapshot sees.
    s.updateRequirement(id, 'r', ['p'], t2);
    s.upsertDeadline(id, { text: '每月10日前', recognized: true, rule: { kind: 'monthly', day: 10, months: null } }, t2);
    s.upsertAssignment(id, { unitId: u.a, role: 'cooperating', viaGroup: '中心各处室' }, t2);
    expect(s.snapshot(id)).toBe(base);

    const changes: [string, () => void, () => void][] = [
      ['text', () => s.updateRequirement(id, 'r!', ['p'], t2), () => s.updateRequirement(id, 'r', ['p'], t2)],
      ['evidence', () => s.updateRequirement(id, 'r', ['p'], t2, '照片'), () => s.updateRequirement(id, 'r', ['p'], t2)],
      [
        'rule',
        () => s.upsertDeadline(id, { text: '每月10日前', recognized: true, rule: { kind: 'monthly', day: 11, months: null } }, t2),
        () => s.upsertDeadline(id, { text: '每月10日前', recognized: true, rule: { kind: 'monthly', day: 10, months: null } }, t2),
      ],
      ['quota', () => s.upsertQuota(id, { target: 1, unit: '次', period: 'year', kind: 'count', source: '' }, t2), () => s.deleteQuota(id)],
      [
        'role',
        () => s.upsertAssignment(id, { unitId: u.a, role: 'lead', viaGroup: '中心各处室' }, t2),
        () => s.upsertAssignment(id, { unitId: u.a, role: 'cooperating', viaGroup: '中心各处室' }, t2),
      ],
      [
        'unit',
        () => s.deleteAssignmentsExcept(id, [u.b]),
        () => s.upsertAssignment(id, { unitId: u.a, role: 'cooperating', viaGroup: '中心各处室' }, t2),
      ],
    ];
    for (const [what, change, undo] of changes) {
      change();
      expect(s.snapshot(id), what).not.toBe(base);
      undo();
      expect(s.snapshot(id), what).toBe(base);
    }

    // Problems are notes on the source (and where it was read), not the requirement: a moved
    // row or a prefix the reader no longer had to add is no change.
    s.updateRequirement(id, 'r', [], t2);
    expect(s.snapshot(id)).toBe(base);
  });

  it('run inside the drizzle transaction they are called in', () => {
    const { db } = freshDatabase();
    const { planId } = seed(db);
    expect(() =>
      db.transaction(() => {
        const s = commitStatements(db.$client);
        const taskId = s.insertTask({ planId, sectionId: null, number: '1', title: 't', content: null, position: 0, source: null }, t1);
        s.insertRequirement(taskId, 1, 'r', [], t1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(db.select().from(tasks).all()).toEqual([]);
    expect(db.select().from(requirements).all()).toEqual([]);
  });
});

describe('committing a large generated plan', () => {
  it('adds it, finds nothing to change the second time, and follows changed units, quotas and texts', async () => {
    const { db } = freshDatabase();
    const preview = await readPlan('generated.xlsx', await buildTaskWorkbook(120, 3), { year: 2026 });
    const actor = { personId: null, label: 'test' };
    const first = commitPlan(db, preview, { actor, now: t1 });
    expect(first.tasks.added).toHaveLength(120);
    expect(first.requirements).toEqual({ added: 120, updated: 0, archived: 0 });
    const expectedAssignments = preview.tasks.reduce(
      (n, t) => n + t.requirements[0]!.lead.length + t.requirements[0]!.cooperating.length,
      0,
    );
    expect(db.select().from(assignments).all()).toHaveLength(expectedAssignments);

    const again = commitPlan(db, preview, { actor, now: t2 });
    expect(again.tasks).toEqual({ added: [], updated: [], archived: [], unchanged: 120 });
    expect(again.requirements).toEqual({ added: 0, updated: 0, archived: 0 });

    const changed: PlanPreview = structuredClone(preview);
    const two = changed.tasks.slice(10).find((t) => t.requirements[0]!.cooperating.length === 1)!;
    const one = changed.tasks.slice(10).find((t) => t.requirements[0]!.cooperating.length === 0)!;
    const [helper] = two.requirements[0]!.cooperating as [string];
    two.requirements[0]!.cooperating = []; // drop the cooperating unit
    one.requirements[0]!.cooperating = [helper]; // add one
    one.requirements[0]!.quota = { target: 4, unit: '次', period: 'year', kind: 'count', source: '全年不少于4次' };
    const added = { ...structuredClone(changed.tasks[5]!.requirements[0]!), text: '新增要求' };
    changed.tasks[5]!.requirements.push(added);
    changed.tasks[6]!.title = '改了标题';
    const result = commitPlan(db, changed, { actor, now: new Date('2026-03-01T00:00:00Z') });
    expect(result.requirements).toEqual({ added: 1, updated: 2, archived: 0 });
    expect(result.tasks.updated.sort()).toEqual([two.number, one.number, changed.tasks[5]!.number, changed.tasks[6]!.number].sort());
    expect(result.tasks.unchanged).toBe(116);

    const unitsOf = (number: string) =>
      db
        .select({ name: units.name, role: assignments.role })
        .from(assignments)
        .innerJoin(units, eq(units.id, assignments.unitId))
        .innerJoin(requirements, eq(requirements.id, assignments.requirementId))
        .innerJoin(tasks, eq(tasks.id, requirements.taskId))
        .where(and(eq(tasks.number, number), eq(requirements.index, 1)))
        .all();
    expect(unitsOf(two.number)).toEqual([{ name: two.requirements[0]!.lead[0], role: 'lead' }]);
    expect(unitsOf(one.number)).toEqual(
      expect.arrayContaining([
        { name: one.requirements[0]!.lead[0], role: 'lead' },
        { name: helper, role: 'cooperating' },
      ]),
    );
    expect(db.select().from(quotas).all()).toEqual([expect.objectContaining({ target: 4, unitLabel: '次' })]);
    // One dropped, one added, and the new requirement's own.
    expect(db.select().from(assignments).all()).toHaveLength(expectedAssignments + added.lead.length + added.cooperating.length);
  });
});
