import { beforeEach, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { freshDatabase } from '../support/db';
import { seedDemo } from '../../sandbox/demo/seed';
import { outbox, reports, requirements, roles, tasks, units, people } from '../../db/schema';
import { loadCalendar, runPlanningTick } from '../../schedules/planner-store';
import { PLAN_ZONE } from '../../plans/due-dates';
import type { DB } from '../../db';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const LIAISON = 2001; // 政策法规处

let db: DB;
beforeEach(async () => {
  ({ db } = freshDatabase());
  await seedDemo(db, { year: 2026, now: sh('2026-01-01T08:00') });
});

function tick(iso: string) {
  return runPlanningTick(db, loadCalendar(db), sh(iso));
}

/** The outbox rows for one person, as "kind period sendAfter". */
function rowsFor(telegramId: number) {
  return db
    .select({ kind: outbox.kind, period: outbox.period, sendAfter: outbox.sendAfter, requirementId: outbox.requirementId })
    .from(outbox)
    .innerJoin(people, eq(people.id, outbox.personId))
    .where(eq(people.telegramId, telegramId))
    .orderBy(outbox.id)
    .all()
    .map((r) => ({ ...r, sendAfter: DateTime.fromJSDate(r.sendAfter, { zone: PLAN_ZONE }).toISO({ suppressMilliseconds: true }) }));
}

function requirementId(task: string, index: number): number {
  return db
    .select({ id: requirements.id })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.number, task), eq(requirements.index, index)))
    .get()!.id;
}

describe('the planner, tick by tick', () => {
  it('plans nothing on its first tick, then each reminder when its time comes, once', () => {
    expect(tick('2026-03-04T12:00').planned).toBe(0);
    expect(tick('2026-03-05T08:59').planned).toBe(0);
    const atNine = tick('2026-03-05T09:00');
    expect(atNine.planned).toBeGreaterThan(0);
    const rows = rowsFor(LIAISON);
    // Task 4 (每月10日前) is one of 政策法规处's: its before-3 reminder for the March period.
    expect(rows).toContainEqual({
      kind: 'before-3',
      period: '2026-03',
      sendAfter: '2026-03-05T09:00:00+08:00',
      requirementId: requirementId('4', 1),
    });
    expect(rows.every((r) => r.kind === 'before-3' && r.period === '2026-03')).toBe(true);
    expect(tick('2026-03-05T09:01').planned).toBe(0);
    // The same span planned again (a second process, a replay) adds nothing: the keys are unique.
    db.update(outbox).set({ status: 'sent' }).run();
    const before = db.select().from(outbox).all().length;
    expect(runPlanningTick(db, loadCalendar(db), sh('2026-03-05T09:02')).planned).toBe(0);
    expect(db.select().from(outbox).all().length).toBe(before);
  });

  it('sends nothing for a period already reported', () => {
    tick('2026-03-08T12:00');
    const office = db.select().from(units).where(eq(units.name, '政策法规处')).get()!;
    db.insert(reports)
      .values({
        requirementId: requirementId('4', 1),
        unitId: office.id,
        period: '2026-03',
        status: 'done',
        reportedAt: sh('2026-03-08T10:00'),
        late: false,
      })
      .run();
    tick('2026-03-09T09:00');
    const rows = rowsFor(LIAISON);
    expect(rows.some((r) => r.requirementId === requirementId('4', 1))).toBe(false);
    expect(rows.some((r) => r.requirementId === requirementId('7', 1) && r.kind === 'before-1')).toBe(true);
  });

  it('catches up after a three-day outage: the latest useful reminder once, stale ones folded into the overdue notice', () => {
    tick('2026-03-04T18:00');
    // Down from Wednesday evening until Monday 9 March 10:00: before-3 (5 Mar) was missed.
    const back = tick('2026-03-09T10:00');
    expect(back.planned).toBeGreaterThan(0);
    const task4 = rowsFor(LIAISON).filter((r) => r.requirementId === requirementId('4', 1));
    // Only before-1 (9 Mar) is sent, at once; the missed before-3 is not sent late beside it.
    expect(task4).toEqual([
      { kind: 'before-1', period: '2026-03', sendAfter: '2026-03-09T10:00:00+08:00', requirementId: requirementId('4', 1) },
    ]);

    // Down again from the 9th until the 12th: the due-day reminder is stale; the overdue notice goes out once.
    tick('2026-03-09T12:00');
    tick('2026-03-12T09:30');
    const after = rowsFor(LIAISON)
      .filter((r) => r.requirementId === requirementId('4', 1))
      .map((r) => `${r.kind} ${r.sendAfter}`);
    expect(after).toEqual(['before-1 2026-03-09T10:00:00+08:00', 'overdue 2026-03-12T09:30:00+08:00']);
  });

  it("tells the unit's lead once per unit and due day when it is overdue, and when the unit has no liaison", () => {
    tick('2026-03-10T12:00');
    tick('2026-03-11T09:00');
    const lead = rowsFor(3001);
    // 政策法规处 is overdue for 2026-03: one notice for the unit on the 11th, whatever the number of requirements.
    const office = db.select().from(units).where(eq(units.name, '政策法规处')).get()!;
    const leadRows = db
      .select({ kind: outbox.kind, unitId: outbox.unitId, key: outbox.key })
      .from(outbox)
      .innerJoin(people, eq(people.id, outbox.personId))
      .where(eq(people.telegramId, 3001))
      .all();
    expect(leadRows.filter((r) => r.kind === 'overdue-lead' && r.unitId === office.id)).toHaveLength(1);
    expect(lead.every((r) => r.requirementId === null)).toBe(true);
    // 测绘技术处 has no liaison: its lead hears of that instead.
    const survey = db.select().from(units).where(eq(units.name, '测绘技术处')).get()!;
    expect(leadRows.filter((r) => r.unitId === survey.id).map((r) => r.kind)).toContain('no-liaison');
  });

  it('stops reminding a liaison whose role was revoked', () => {
    const person = db.select().from(people).where(eq(people.telegramId, LIAISON)).get()!;
    db.update(roles)
      .set({ revokedAt: sh('2026-03-01T00:00') })
      .where(eq(roles.personId, person.id))
      .run();
    tick('2026-03-04T12:00');
    tick('2026-03-05T09:00');
    expect(rowsFor(LIAISON)).toEqual([]);
  });
});

describe('planning in slices (a time budget per tick)', () => {
  /** Every outbox row as "key sendAfter", sorted: what was planned, whatever the order. */
  const planned = (of: DB) =>
    of
      .select({ key: outbox.key, sendAfter: outbox.sendAfter })
      .from(outbox)
      .all()
      .map((r) => `${r.key} ${r.sendAfter.toISOString()}`)
      .sort();
  /** A budget clock that moves one "millisecond" each time it is read: a budget of 1 stops after every requirement. */
  const steppingClock = () => {
    let t = 0;
    return () => t++;
  };

  it('plans the same rows as one pass, one requirement per tick, and marks the span done only at the end', async () => {
    const { db: whole } = freshDatabase();
    await seedDemo(whole, { year: 2026, now: sh('2026-01-01T08:00') });
    runPlanningTick(whole, loadCalendar(whole), sh('2026-03-04T18:00'));
    expect(runPlanningTick(whole, loadCalendar(whole), sh('2026-03-12T09:30')).done).toBe(true);

    tick('2026-03-04T18:00');
    const elapsed = steppingClock();
    const slices: number[] = [];
    for (let i = 0; i < 500; i++) {
      const slice = runPlanningTick(db, loadCalendar(db), sh('2026-03-12T09:30'), { budgetMs: 1, elapsed });
      slices.push(slice.planned);
      if (slice.done) break;
    }
    expect(slices.length).toBeGreaterThan(3);
    expect(planned(db)).toEqual(planned(whole));
    expect(slices.reduce((a, b) => a + b, 0)).toBe(planned(whole).length);
    // Done: the next tick of the same minute plans nothing and leaves nothing pending.
    expect(runPlanningTick(db, loadCalendar(db), sh('2026-03-12T09:30'))).toMatchObject({ planned: 0, done: true });
  });

  it('a tick after a stop first finishes the pending span, then plans on to now', async () => {
    const { db: whole } = freshDatabase();
    await seedDemo(whole, { year: 2026, now: sh('2026-01-01T08:00') });
    runPlanningTick(whole, loadCalendar(whole), sh('2026-03-04T18:00'));
    runPlanningTick(whole, loadCalendar(whole), sh('2026-03-05T09:00'));
    runPlanningTick(whole, loadCalendar(whole), sh('2026-03-09T09:00'));

    tick('2026-03-04T18:00');
    // The 5 March minute is cut after its first requirement (as by a restart between slices) …
    const first = runPlanningTick(db, loadCalendar(db), sh('2026-03-05T09:00'), { budgetMs: 1, elapsed: steppingClock() });
    expect(first.done).toBe(false);
    // … and the next tick, days later and without a budget, finishes it and plans on to the 9th.
    expect(runPlanningTick(db, loadCalendar(db), sh('2026-03-09T09:00')).done).toBe(true);
    expect(planned(db)).toEqual(planned(whole));
    // The before-3 reminder of 5 March went to the outbox with its own time, not the 9th's.
    expect(rowsFor(LIAISON)).toContainEqual({
      kind: 'before-3',
      period: '2026-03',
      sendAfter: '2026-03-05T09:00:00+08:00',
      requirementId: requirementId('4', 1),
    });
  });

  it('a clock moved back while a span is pending still finishes that span, then plans on from the new now', async () => {
    const { db: whole } = freshDatabase();
    await seedDemo(whole, { year: 2026, now: sh('2026-01-01T08:00') });
    runPlanningTick(whole, loadCalendar(whole), sh('2026-03-04T18:00'));
    runPlanningTick(whole, loadCalendar(whole), sh('2026-03-09T10:00'));

    // Catch-up after an outage, cut after its first requirement …
    tick('2026-03-04T18:00');
    expect(runPlanningTick(db, loadCalendar(db), sh('2026-03-09T10:00'), { budgetMs: 1, elapsed: steppingClock() }).done).toBe(false);
    // … then the clock is set back to the 6th: the rest of the catch-up is not lost.
    expect(runPlanningTick(db, loadCalendar(db), sh('2026-03-06T08:00')).done).toBe(true);
    expect(planned(db)).toEqual(planned(whole));
    // Planning from the 6th again adds nothing already planned.
    expect(runPlanningTick(db, loadCalendar(db), sh('2026-03-09T10:00')).planned).toBe(0);
    expect(planned(db)).toEqual(planned(whole));
  });
});

describe('lead notices', () => {
  it('the one notice of a due day lists every item due that day, whatever its hour', async () => {
    const { db: local } = freshDatabase();
    const { readPlan } = await import('../../plans/import');
    const { commitPlan } = await import('../../plans/commit');
    const { unreportedOfUnitDueOn } = await import('../../schedules/notices/lead-notice');
    // Friday 10 April 2026: 每周五下班前 is due at 18:00, 每月10日前 at 23:59:59.
    const text =
      '某局2026年工作要点\n(一)报送周报。(责任单位:办公室;完成时限:每周五下班前)\n(二)报送月度进展。(责任单位:办公室;完成时限:每月10日前)\n';
    commitPlan(local, await readPlan('p.txt', Buffer.from(text)), { actor: { personId: null, label: 't' }, now: sh('2026-04-01T08:00') });
    const office = local.select().from(units).where(eq(units.name, '办公室')).get()!;
    const lead = local.insert(people).values({ telegramId: 88, chatId: 88, name: '领导' }).returning().get();
    local.insert(roles).values({ personId: lead.id, role: 'lead', unitId: office.id }).run();
    runPlanningTick(local, loadCalendar(local), sh('2026-04-10T12:00'));
    runPlanningTick(local, loadCalendar(local), sh('2026-04-13T09:00'));
    // No liaison: the lead hears once for the 10th, of both items.
    const notices = local
      .select()
      .from(outbox)
      .where(and(eq(outbox.personId, lead.id), eq(outbox.kind, 'no-liaison')))
      .all()
      .filter((r) => DateTime.fromJSDate(r.dueAt!, { zone: PLAN_ZONE }).toISODate() === '2026-04-10');
    expect(notices).toHaveLength(1);
    expect(
      unreportedOfUnitDueOn(local, office.id, notices[0]!.dueAt!)
        .map((r) => r.taskTitle)
        .sort(),
    ).toEqual(['报送周报', '报送月度进展'].sort());
  });

  it('one overdue notice per unit and due day, even when a one-off and a monthly requirement fall due together', async () => {
    const { db: local } = freshDatabase();
    const { readPlan } = await import('../../plans/import');
    const { commitPlan } = await import('../../plans/commit');
    const text =
      '某局2026年工作要点\n(一)报送年度计划。(责任单位:办公室;完成时限:3月10日前)\n(二)报送月度进展。(责任单位:办公室;完成时限:每月10日前)\n';
    const plan = await readPlan('p.txt', Buffer.from(text));
    commitPlan(local, plan, { actor: { personId: null, label: 't' }, now: sh('2026-03-01T08:00') });
    const office = local.select().from(units).where(eq(units.name, '办公室')).get()!;
    const liaison = local.insert(people).values({ telegramId: 77, chatId: 77, name: '员' }).returning().get();
    const lead = local.insert(people).values({ telegramId: 88, chatId: 88, name: '领导' }).returning().get();
    local.insert(roles).values({ personId: liaison.id, role: 'liaison', unitId: office.id }).run();
    local.insert(roles).values({ personId: lead.id, role: 'lead', unitId: office.id }).run();
    const run = (iso: string) => runPlanningTick(local, loadCalendar(local), sh(iso));
    run('2026-03-10T12:00');
    run('2026-03-11T09:00');
    const rows = local.select({ kind: outbox.kind, personId: outbox.personId, requirementId: outbox.requirementId }).from(outbox).all();
    // The liaison hears of each item; the lead once, of the unit.
    expect(rows.filter((r) => r.personId === liaison.id && r.kind === 'overdue')).toHaveLength(2);
    expect(rows.filter((r) => r.personId === lead.id)).toEqual([{ kind: 'overdue-lead', personId: lead.id, requirementId: null }]);
  });
});

describe('event-relative deadlines (七个工作日内)', () => {
  it('counts working days from the reported event, skipping holidays, and reminds for that event only', async () => {
    const { db: local } = freshDatabase();
    const { readPlan } = await import('../../plans/import');
    const { commitPlan } = await import('../../plans/commit');
    const { events } = await import('../../db/schema');
    const plan = await readPlan('p.txt', Buffer.from('某局2026年工作要点\n(一)填报增量信息。(责任单位:办公室;完成时限:七个工作日内)\n'));
    commitPlan(local, plan, { actor: { personId: null, label: 't' }, now: sh('2026-09-01T08:00') });
    const office = local.select().from(units).where(eq(units.name, '办公室')).get()!;
    const person = local.insert(people).values({ telegramId: 77, chatId: 77, name: '员' }).returning().get();
    local.insert(roles).values({ personId: person.id, role: 'liaison', unitId: office.id }).run();
    const requirement = local.select().from(requirements).get()!;
    const run = (iso: string) => runPlanningTick(local, loadCalendar(local), sh(iso));
    run('2026-09-01T08:00');
    // Nothing happened yet: nothing to remind of.
    expect(run('2026-09-25T09:00').planned).toBe(0);
    // An event on Wednesday 30 September: seven working days later, over National Day (1–7 Oct off) and
    // counting the swapped working Saturday 10 October, is Thursday 15 October.
    const event = local
      .insert(events)
      .values({ requirementId: requirement.id, unitId: office.id, occurredOn: '2026-09-30' })
      .returning()
      .get();
    run('2026-10-13T09:00');
    const rows = () => local.select({ kind: outbox.kind, period: outbox.period, dueAt: outbox.dueAt }).from(outbox).all();
    expect(rows()).toEqual([{ kind: 'before-3', period: `event-${event.id}`, dueAt: sh('2026-10-15T23:59:59') }]);
    run('2026-10-15T09:00');
    expect(rows().map((r) => r.kind)).toEqual(['before-3', 'due']);
    run('2026-10-16T09:00');
    expect(rows().map((r) => r.kind)).toEqual(['before-3', 'due', 'overdue']);
  });
});
