/**
 * A rolled-over plan keeps its last notices (issue 12): it stays live until its last day has
 * passed, its last month's circular is published or held and nothing of it waits in the
 * outbox; then archiveFinishedPlans archives it. With nothing left, the rollover archives it
 * at once. On a real migrated database, the planner's and circulars' own functions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { freshDatabase } from '../support/db';
import type { DB } from '../../db';
import { auditLog, circulars, outbox, people, plans, requirements, roles, tasks, units } from '../../db/schema';
import { archiveFinishedPlans, findPreviousVersion, planLeftovers, rollOverPlan, setPlanYear } from '../../schedules/plan-lifecycle';
import { commitPlan } from '../../plans/commit';
import { readPlan, type PlanPreview } from '../../plans/import';
import { PLAN_ZONE } from '../../plans/due-dates';
import { loadCalendar, runPlanningTick } from '../../schedules/planner-store';
import { planCirculars } from '../../digests/notices/circular';

const fixture = new URL('../fixtures/fuzhou-2020-task-table.txt', import.meta.url);
const TITLE_2020 = '福州市不动产登记和交易中心2020年社会信用体系建设任务分解表';
const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const actor = { personId: null, label: 'test' };

let preview2020: PlanPreview;
beforeAll(async () => {
  preview2020 = await readPlan('fuzhou.txt', readFileSync(fixture), { year: 2020 });
}, 30_000);

async function importFor(db: DB, year: number, importedAt = sh(`${year}-01-02T10:00`)): Promise<number> {
  const preview = year === 2020 ? preview2020 : await readPlan('fuzhou.txt', readFileSync(fixture), { year });
  preview.title = TITLE_2020.replace('2020', String(year));
  preview.year = year;
  return commitPlan(db, preview, { actor, now: importedAt }).planId;
}

const plan = (db: DB, id: number) => db.select().from(plans).where(eq(plans.id, id)).get()!;
const liveLeadRoles = (db: DB, personId: number) =>
  db
    .select({ planId: roles.planId })
    .from(roles)
    .where(and(eq(roles.personId, personId), isNull(roles.revokedAt)))
    .orderBy(roles.planId)
    .all()
    .map((r) => r.planId);

function person(db: DB, telegramId: number): number {
  return db
    .insert(people)
    .values({ telegramId, chatId: telegramId, name: `p${telegramId}` })
    .returning({ id: people.id })
    .get().id;
}

/** The 2026 plan with a lead and a leading group, next year's plan imported in December, the planner running. */
async function rolledInDecember() {
  const { db } = freshDatabase();
  const calendar = loadCalendar(db);
  const oldId = await importFor(db, 2026);
  const lead = person(db, 3001);
  db.insert(roles).values({ personId: lead, role: 'lead', planId: oldId }).run();
  db.update(plans).set({ leadGroupChatId: -100123 }).where(eq(plans.id, oldId)).run();
  const office = db.select({ id: units.id }).from(units).where(eq(units.name, '政策法规处')).get()!.id;
  db.insert(roles)
    .values({ personId: person(db, 2001), role: 'liaison', unitId: office })
    .run();
  const rolledAt = sh('2026-12-20T10:00');
  // The planner's first tick: from now on every reminder is planned.
  runPlanningTick(db, calendar, rolledAt);
  const newId = await importFor(db, 2027, rolledAt);
  const result = rollOverPlan(db, { fromPlanId: oldId, toPlanId: newId }, { actor, now: rolledAt, calendar });
  return { db, calendar, oldId, newId, lead, rolledAt, result };
}

describe('a plan rolled over in December', () => {
  it('stays live with its group and leads until its last notices are out, then the scheduler’s step archives it', async () => {
    const { db, calendar, oldId, newId, lead, rolledAt, result } = await rolledInDecember();
    expect(result).toMatchObject({ archived: 'when-done', endsOnSet: null, leadsCarried: 1, groupCarried: true });
    // Live, to be archived when done; both plans post to the leading group; the lead leads both.
    expect(plan(db, oldId)).toMatchObject({ archivedAt: null, archiveWhenDone: rolledAt, leadGroupChatId: -100123 });
    expect(plan(db, newId)).toMatchObject({ archivedAt: null, archiveWhenDone: null, leadGroupChatId: -100123 });
    expect(liveLeadRoles(db, lead)).toEqual([oldId, newId]);
    // Its last day is ahead, December's circular and its overdue notices are to come.
    const left = planLeftovers(db, oldId, calendar, rolledAt);
    expect(left).toContainEqual({ kind: 'days', lastDay: '2026-12-31' });
    expect(left).toContainEqual({ kind: 'circular', period: '2026-12', status: 'to-draft' });
    expect(left.map((l) => l.kind)).toContain('reminders');
    expect(archiveFinishedPlans(db, calendar, rolledAt)).toEqual([]);

    // January: the planner plans the old plan's December overdue notices, December's circular is drafted.
    const january = sh('2027-01-06T10:00');
    runPlanningTick(db, calendar, january);
    planCirculars(db, calendar, january, []);
    const overdue = db
      .select({ period: outbox.period })
      .from(outbox)
      .where(and(eq(outbox.kind, 'overdue'), eq(outbox.status, 'pending')))
      .all()
      .map((r) => r.period);
    expect(overdue).toContain('2026-12');
    expect(
      db
        .select()
        .from(outbox)
        .where(eq(outbox.kind, 'overdue'))
        .all()
        .every((r) => r.requirementId !== null),
    ).toBe(true);
    expect(
      db
        .select({ status: circulars.status })
        .from(circulars)
        .where(and(eq(circulars.planId, oldId), eq(circulars.period, '2026-12')))
        .get(),
    ).toEqual({ status: 'draft' });
    expect(planLeftovers(db, oldId, calendar, january).map((l) => l.kind)).toEqual(['circular', 'outbox']);
    expect(archiveFinishedPlans(db, calendar, january)).toEqual([]);

    // The notices went out: only the circular is left.
    db.update(outbox).set({ status: 'sent' }).where(eq(outbox.status, 'pending')).run();
    expect(planLeftovers(db, oldId, calendar, january)).toEqual([{ kind: 'circular', period: '2026-12', status: 'draft' }]);
    // A reminder of it waiting again (a retry, a snooze) holds it too.
    const [row] = db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.kind, 'overdue'), eq(outbox.period, '2026-12')))
      .limit(1)
      .all();
    expect(row).toBeDefined();
    db.update(outbox).set({ status: 'pending' }).where(eq(outbox.id, row!.id)).run();

    // An admin holds December's circular: what is left is the waiting reminder.
    db.update(circulars).set({ status: 'held' }).where(eq(circulars.planId, oldId)).run();
    expect(planLeftovers(db, oldId, calendar, january)).toEqual([{ kind: 'outbox', pending: 1 }]);
    expect(archiveFinishedPlans(db, calendar, january)).toEqual([]);
    db.update(outbox).set({ status: 'sent' }).where(eq(outbox.id, row!.id)).run();

    expect(archiveFinishedPlans(db, calendar, january)).toEqual([oldId]);
    expect(plan(db, oldId)).toMatchObject({ archivedAt: january, archiveWhenDone: null, leadGroupChatId: null });
    expect(plan(db, newId)).toMatchObject({ archivedAt: null, leadGroupChatId: -100123 });
    // The old plan's lead role ends with it, kept as history.
    expect(liveLeadRoles(db, lead)).toEqual([newId]);
    expect(db.select({ revokedAt: roles.revokedAt }).from(roles).where(eq(roles.planId, oldId)).get()).toEqual({ revokedAt: january });
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'plan.archive')).all()).toEqual([
      expect.objectContaining({
        at: january,
        actorPersonId: null,
        actorLabel: 'system',
        subject: `plan:${oldId}`,
        details: expect.objectContaining({ reason: 'done', year: 2026 }),
      }),
    ]);
    // Once only.
    expect(archiveFinishedPlans(db, calendar, january)).toEqual([]);
  });

  it('is no one’s previous version while it waits: next year’s import finds the plan that replaced it', async () => {
    const { db, oldId, newId } = await rolledInDecember();
    expect(plan(db, oldId).archivedAt).toBeNull();
    expect(findPreviousVersion(db, { title: TITLE_2020.replace('2020', '2028'), year: 2028 })?.id).toBe(newId);
    expect(findPreviousVersion(db, { title: TITLE_2020.replace('2020', '2027'), year: 2027 })).toBeNull();
  });
});

describe('a plan with nothing left is archived by the rollover at once', () => {
  it('after its December circular is published and its notices are out', async () => {
    const { db } = freshDatabase();
    const calendar = loadCalendar(db);
    const oldId = await importFor(db, 2026);
    const lead = person(db, 3001);
    db.insert(roles).values({ personId: lead, role: 'lead', planId: oldId }).run();
    db.insert(circulars).values({ planId: oldId, period: '2026-12', status: 'published', content: {} }).run();
    const now = sh('2027-01-20T10:00');
    runPlanningTick(db, calendar, now);
    const newId = await importFor(db, 2027, now);
    expect(rollOverPlan(db, { fromPlanId: oldId, toPlanId: newId }, { actor, now, calendar })).toMatchObject({
      archived: 'now',
      leadsCarried: 1,
    });
    expect(plan(db, oldId)).toMatchObject({ archivedAt: now, archiveWhenDone: null });
    expect(liveLeadRoles(db, lead)).toEqual([newId]);
  });

  it('but not while its December circular is a draft', async () => {
    const { db } = freshDatabase();
    const calendar = loadCalendar(db);
    const oldId = await importFor(db, 2026);
    db.insert(circulars).values({ planId: oldId, period: '2026-12', status: 'draft', content: {} }).run();
    const now = sh('2027-01-20T10:00');
    runPlanningTick(db, calendar, now);
    const newId = await importFor(db, 2027, now);
    expect(rollOverPlan(db, { fromPlanId: oldId, toPlanId: newId }, { actor, now, calendar })).toMatchObject({ archived: 'when-done' });
    expect(planLeftovers(db, oldId, calendar, now)).toEqual([{ kind: 'circular', period: '2026-12', status: 'draft' }]);
  });

  it('replaced within its own year (a past plan run this year, then this year’s real one): at once', async () => {
    const { db } = freshDatabase();
    const rolled = await importFor(db, 2020);
    const now = sh('2026-03-02T10:00');
    setPlanYear(db, rolled, 2026, { actor, now });
    const real = await importFor(db, 2026, now);
    expect(rollOverPlan(db, { fromPlanId: rolled, toPlanId: real }, { actor, now })).toMatchObject({ archived: 'now', endsOnSet: null });
    expect(plan(db, rolled).archivedAt).toEqual(now);
  });

  it('an old plan run on past its year ends the day before the new one begins; its reminders queued after are skipped', async () => {
    const { db } = freshDatabase();
    const oldId = await importFor(db, 2026);
    db.update(plans).set({ endsOn: '2027-02-28' }).where(eq(plans.id, oldId)).run();
    const requirementId = db
      .select({ id: requirements.id })
      .from(requirements)
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .where(eq(tasks.planId, oldId))
      .get()!.id;
    const unitId = db.select({ id: units.id }).from(units).get()!.id;
    const liaison = person(db, 2001);
    const now = sh('2026-12-20T10:00');
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
          sendAfter: now,
          dueAt: sh(due),
          payload: {},
        })
        .run();
    queue('2026-12', '2026-12-31T23:59:59');
    queue('2027-01', '2027-01-10T23:59:59');
    const newId = await importFor(db, 2027, now);
    expect(rollOverPlan(db, { fromPlanId: oldId, toPlanId: newId }, { actor, now })).toMatchObject({
      endsOnSet: '2026-12-31',
      archived: 'when-done',
    });
    expect(plan(db, oldId)).toMatchObject({ endsOn: '2026-12-31', archivedAt: null });
    expect(db.select({ period: outbox.period, status: outbox.status }).from(outbox).orderBy(outbox.id).all()).toEqual([
      { period: '2026-12', status: 'pending' },
      { period: '2027-01', status: 'skipped' },
    ]);
    expect(planLeftovers(db, oldId, loadCalendar(db), now).map((l) => l.kind)).toEqual(['days', 'circular', 'reminders', 'outbox']);
  });
});
