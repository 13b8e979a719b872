/** Setting a plan's year and end, rolling a plan over to next year's, finding last year's: on a real migrated database. */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { freshDatabase } from '../support/db';
import type { DB } from '../../db';
import { auditLog, deadlineRules, invites, outbox, people, plans, requirements, roles, tasks, units } from '../../db/schema';
import { findPreviousVersion, PlanLifecycleError, rollOverPlan, setPlanEnd, setPlanYear } from '../../schedules/plan-lifecycle';
import { commitPlan } from '../../plans/commit';
import { readPlan, type PlanPreview } from '../../plans/import';
import { PLAN_ZONE } from '../../plans/due-dates';
import { planFacts } from '../../schedules/unit-requirements';
import { currentPeriod } from '../../schedules/periods';

const fixture = new URL('../fixtures/fuzhou-2020-task-table.txt', import.meta.url);
const TITLE_2020 = '福州市不动产登记和交易中心2020年社会信用体系建设任务分解表';
const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const actor = { personId: null, label: 'test' };
const NOW = sh('2026-03-02T10:00');

let preview2020: PlanPreview;
beforeAll(async () => {
  preview2020 = await readPlan('fuzhou.txt', readFileSync(fixture), { year: 2020 });
}, 30_000);

/** The Fuzhou plan as of `year`: the title names the year, its deadlines are read for it. */
async function importFor(db: DB, year: number): Promise<number> {
  const preview = year === 2020 ? preview2020 : await readPlan('fuzhou.txt', readFileSync(fixture), { year });
  preview.title = TITLE_2020.replace('2020', String(year));
  preview.year = year;
  return commitPlan(db, preview, { actor, now: sh(`${year}-01-02T10:00`) }).planId;
}

function ruleOf(db: DB, planId: number, task: string, index: number) {
  return db
    .select({ rule: deadlineRules.rule })
    .from(deadlineRules)
    .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.planId, planId), eq(tasks.number, task), eq(requirements.index, index)))
    .get()!.rule;
}

const audits = (db: DB, action: string) => db.select().from(auditLog).where(eq(auditLog.action, action)).all();
const plan = (db: DB, id: number) => db.select().from(plans).where(eq(plans.id, id)).get()!;

function person(db: DB, telegramId: number): number {
  return db
    .insert(people)
    .values({ telegramId, chatId: telegramId, name: `p${telegramId}` })
    .returning({ id: people.id })
    .get().id;
}

describe('setPlanYear', () => {
  it('runs a 2020 plan in 2026: the year, the end cleared, its dated once-deadlines moved, audited', async () => {
    const { db } = freshDatabase();
    const planId = await importFor(db, 2020);
    db.update(plans).set({ endsOn: '2020-06-30' }).where(eq(plans.id, planId)).run();
    expect(ruleOf(db, planId, '1', 1)).toEqual({ kind: 'once', year: 2020, month: 12, day: 'last' });

    const change = setPlanYear(db, planId, 2026, { actor, now: NOW });
    expect(change).toMatchObject({ planId, from: 2020, to: 2026, endsOnCleared: '2020-06-30' });
    expect(change.rulesShifted).toBeGreaterThan(0);
    expect(plan(db, planId)).toMatchObject({ year: 2026, endsOn: null });
    expect(ruleOf(db, planId, '1', 1)).toEqual({ kind: 'once', year: 2026, month: 12, day: 'last' });
    expect(ruleOf(db, planId, '4', 1)).toEqual({ kind: 'monthly', day: 10, months: null });
    // Its periods run in 2026 now.
    expect(currentPeriod(ruleOf(db, planId, '1', 1)!, DateTime.fromJSDate(NOW, { zone: PLAN_ZONE }), planFacts(db, planId))?.due.year).toBe(
      2026,
    );
    expect(currentPeriod(ruleOf(db, planId, '4', 1)!, DateTime.fromJSDate(NOW, { zone: PLAN_ZONE }), planFacts(db, planId))?.key).toBe(
      '2026-03',
    );
    expect(audits(db, 'plan.year')).toEqual([
      expect.objectContaining({ at: NOW, actorLabel: 'test', subject: `plan:${planId}`, details: change }),
    ]);
  });

  it('refuses a year that is not one, and a plan that does not exist; changes nothing then', async () => {
    const { db } = freshDatabase();
    const planId = await importFor(db, 2020);
    expect(() => setPlanYear(db, planId, 26, { actor, now: NOW })).toThrow(PlanLifecycleError);
    expect(() => setPlanYear(db, 999, 2026, { actor, now: NOW })).toThrow(
      expect.objectContaining({ reason: { kind: 'no-plan', planId: 999 } }),
    );
    expect(plan(db, planId).year).toBe(2020);
    expect(audits(db, 'plan.year')).toEqual([]);
  });
});

describe('setPlanEnd', () => {
  it('sets and clears the end, skips reminders queued for periods due after it, audited', async () => {
    const { db } = freshDatabase();
    const planId = await importFor(db, 2026);
    const requirementId = db
      .select({ id: requirements.id })
      .from(requirements)
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .where(eq(tasks.planId, planId))
      .get()!.id;
    const unitId = db.select({ id: units.id }).from(units).get()!.id;
    const liaison = person(db, 2001);
    const queue = (period: string, due: string) =>
      db
        .insert(outbox)
        .values({
          key: `before-3|${period}`,
          personId: liaison,
          chatId: 2001,
          requirementId,
          unitId,
          period,
          kind: 'before-3',
          sendAfter: NOW,
          dueAt: sh(due),
          payload: {},
        })
        .run();
    queue('2026-06', '2026-06-10T23:59:59');
    queue('2026-07', '2026-07-10T23:59:59');

    expect(setPlanEnd(db, planId, '2026-06-15', { actor, now: NOW })).toEqual({
      planId,
      from: null,
      to: '2026-06-15',
      remindersSkipped: 1,
    });
    expect(plan(db, planId).endsOn).toBe('2026-06-15');
    expect(db.select({ period: outbox.period, status: outbox.status }).from(outbox).orderBy(outbox.id).all()).toEqual([
      { period: '2026-06', status: 'pending' },
      { period: '2026-07', status: 'skipped' },
    ]);
    expect(planFacts(db, planId)).toMatchObject({ year: 2026 });

    expect(setPlanEnd(db, planId, null, { actor, now: NOW })).toEqual({ planId, from: '2026-06-15', to: null, remindersSkipped: 0 });
    expect(plan(db, planId).endsOn).toBeNull();
    expect(audits(db, 'plan.end').map((a) => a.details)).toEqual([
      { planId, from: null, to: '2026-06-15', remindersSkipped: 1 },
      { planId, from: '2026-06-15', to: null, remindersSkipped: 0 },
    ]);
  });

  it('refuses a date that is not one, and an end before the plan’s year begins', async () => {
    const { db } = freshDatabase();
    const planId = await importFor(db, 2026);
    expect(() => setPlanEnd(db, planId, '2026-02-30', { actor, now: NOW })).toThrow(
      expect.objectContaining({ reason: { kind: 'bad-date', text: '2026-02-30' } }),
    );
    expect(() => setPlanEnd(db, planId, '2025-12-31', { actor, now: NOW })).toThrow(
      expect.objectContaining({ reason: { kind: 'end-before-year', endsOn: '2025-12-31', year: 2026 } }),
    );
    expect(plan(db, planId).endsOn).toBeNull();
    expect(audits(db, 'plan.end')).toEqual([]);
  });
});

describe('rollOverPlan', () => {
  it('archives the old plan and carries its policy, report day, leading group, leads and lead invites to the new one', async () => {
    const { db } = freshDatabase();
    const oldId = await importFor(db, 2020);
    const admin = person(db, 1001);
    const leadA = person(db, 3001);
    const leadB = person(db, 3002);
    const unitLead = person(db, 3003);
    const liaison = person(db, 2001);
    const office = db.select({ id: units.id }).from(units).where(eq(units.name, '政策法规处')).get()!.id;
    db.update(plans)
      .set({ reminderPolicy: { beforeWorkingDays: [5, 1] }, monthlyReportDay: 20, leadGroupChatId: -100123 })
      .where(eq(plans.id, oldId))
      .run();
    db.insert(roles)
      .values([
        { personId: leadA, role: 'lead', planId: oldId, grantedBy: admin },
        { personId: leadB, role: 'lead', planId: oldId, grantedBy: admin },
        { personId: unitLead, role: 'lead', unitId: office },
        { personId: liaison, role: 'liaison', unitId: office },
      ])
      .run();
    db.insert(invites)
      .values({ code: 'lead-2020', role: 'lead', planId: oldId, createdBy: admin, expiresAt: sh('2026-04-01T00:00') })
      .run();

    const newId = await importFor(db, 2021);
    // leadB already leads the new plan: not given the role twice.
    db.insert(roles).values({ personId: leadB, role: 'lead', planId: newId, grantedBy: admin }).run();

    const result = rollOverPlan(db, { fromPlanId: oldId, toPlanId: newId }, { actor, now: NOW });
    // 2020's plan has nothing left in 2026: archived at once.
    expect(result).toEqual({
      fromPlanId: oldId,
      toPlanId: newId,
      leadsCarried: 1,
      policyCarried: true,
      reportDayCarried: true,
      groupCarried: true,
      invitesMoved: 1,
      endsOnSet: null,
      archived: 'now',
    });
    expect(plan(db, oldId)).toMatchObject({ archivedAt: NOW, leadGroupChatId: null });
    expect(plan(db, newId)).toMatchObject({
      archivedAt: null,
      reminderPolicy: { beforeWorkingDays: [5, 1] },
      monthlyReportDay: 20,
      leadGroupChatId: -100123,
    });

    const live = db
      .select({ personId: roles.personId, planId: roles.planId, unitId: roles.unitId, role: roles.role, grantedBy: roles.grantedBy })
      .from(roles)
      .where(isNull(roles.revokedAt))
      .orderBy(roles.personId)
      .all();
    expect(live).toEqual([
      { personId: leadA, planId: newId, unitId: null, role: 'lead', grantedBy: admin },
      { personId: leadB, planId: newId, unitId: null, role: 'lead', grantedBy: admin },
      // Unit leads and liaisons serve units, which outlive plans: untouched.
      { personId: unitLead, planId: null, unitId: office, role: 'lead', grantedBy: null },
      { personId: liaison, planId: null, unitId: office, role: 'liaison', grantedBy: null },
    ]);
    // The old plan's leads are kept as history, revoked when it was archived.
    expect(
      db
        .select({ personId: roles.personId, revokedAt: roles.revokedAt })
        .from(roles)
        .where(eq(roles.planId, oldId))
        .orderBy(roles.personId)
        .all(),
    ).toEqual([
      { personId: leadA, revokedAt: NOW },
      { personId: leadB, revokedAt: NOW },
    ]);
    expect(db.select({ planId: invites.planId }).from(invites).get()).toEqual({ planId: newId });
    expect(audits(db, 'plan.rollover')).toEqual([
      expect.objectContaining({ at: NOW, subject: `plan:${newId}`, details: { ...result, fromTitle: TITLE_2020, fromYear: 2020 } }),
    ]);
  });

  it('keeps what the new plan has of its own, and refuses the same plan, an archived one, a missing one', async () => {
    const { db } = freshDatabase();
    const oldId = await importFor(db, 2020);
    const newId = await importFor(db, 2021);
    db.update(plans)
      .set({ reminderPolicy: { onDueDay: false } })
      .where(eq(plans.id, oldId))
      .run();
    db.update(plans)
      .set({ reminderPolicy: { overdue: false }, leadGroupChatId: -200 })
      .where(eq(plans.id, newId))
      .run();
    expect(() => rollOverPlan(db, { fromPlanId: oldId, toPlanId: oldId }, { actor, now: NOW })).toThrow(PlanLifecycleError);
    expect(() => rollOverPlan(db, { fromPlanId: 999, toPlanId: newId }, { actor, now: NOW })).toThrow(PlanLifecycleError);
    const result = rollOverPlan(db, { fromPlanId: oldId, toPlanId: newId }, { actor, now: NOW });
    expect(result).toMatchObject({ leadsCarried: 0, policyCarried: false, reportDayCarried: false, groupCarried: false, invitesMoved: 0 });
    expect(plan(db, newId)).toMatchObject({ reminderPolicy: { overdue: false }, leadGroupChatId: -200 });
    expect(() => rollOverPlan(db, { fromPlanId: oldId, toPlanId: newId }, { actor, now: NOW })).toThrow(
      expect.objectContaining({ reason: { kind: 'archived', planId: oldId } }),
    );
    expect(audits(db, 'plan.rollover')).toHaveLength(1);
  });
});

describe('findPreviousVersion', () => {
  it('finds last year’s plan of the same title but for its year, not the plan a re-import would update', async () => {
    const { db } = freshDatabase();
    const id2020 = await importFor(db, 2020);
    const title2021 = TITLE_2020.replace('2020', '2021');
    expect(findPreviousVersion(db, { title: title2021, year: 2021 })).toEqual({ id: id2020, title: TITLE_2020, year: 2020 });
    // Re-importing 2020's plan is not a next version of it.
    expect(findPreviousVersion(db, { title: TITLE_2020, year: 2020 })).toBeNull();
    // Another plan, and an import without a year, have none.
    expect(findPreviousVersion(db, { title: '2021年厦门市社会信用体系建设工作要点', year: 2021 })).toBeNull();
    expect(findPreviousVersion(db, { title: title2021, year: null })).toBeNull();
    // A later plan is not a previous one.
    expect(findPreviousVersion(db, { title: TITLE_2020.replace('2020', '2019'), year: 2019 })).toBeNull();

    // With 2020's and 2021's live, 2022's previous version is 2021's; an archived plan is none.
    const id2021 = await importFor(db, 2021);
    const title2022 = TITLE_2020.replace('2020', '2022');
    expect(findPreviousVersion(db, { title: title2022, year: 2022 })?.id).toBe(id2021);
    db.update(plans).set({ archivedAt: NOW }).where(eq(plans.id, id2021)).run();
    expect(findPreviousVersion(db, { title: title2022, year: 2022 })?.id).toBe(id2020);
  });

  it('a title without a year matches the same title; an untitled plan its file name but for the year', async () => {
    const { db } = freshDatabase();
    const make = (title: string | null, year: number, source: string) =>
      db
        .insert(plans)
        .values({ key: `${title ?? source}|${year}`, title, year, sourceName: source })
        .returning({ id: plans.id })
        .get().id;
    const points = make('福州市信用办工作要点', 2025, 'a.txt');
    const untitled = make(null, 2025, 'fuzhou-2025-tasks.xlsx');
    expect(findPreviousVersion(db, { title: '福州市信用办工作要点', year: 2026 })?.id).toBe(points);
    expect(findPreviousVersion(db, { title: null, year: 2026, source: 'fuzhou-2026-tasks.xlsx' })?.id).toBe(untitled);
    // A plan of 2020 rolled to 2026 is the one the real 2026 plan replaces.
    const rolled = make('2020年某局工作要点', 2020, 'b.txt');
    setPlanYear(db, rolled, 2026, { actor, now: NOW });
    expect(findPreviousVersion(db, { title: '2026年某局工作要点', year: 2026 })?.id).toBe(rolled);
  });
});
