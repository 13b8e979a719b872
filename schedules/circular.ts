/**
 * The monthly circular's schedule (通报): when a month's circular is drafted, publishing it to
 * the plan's leads and group, and which reports it closes for corrections. What a circular says
 * is worked out in digests/circular-content.ts; its drafting and wording, digests/notices/circular.ts.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DB } from '../db';
import { prepared } from '../db/prepared';
import { circulars, people, planUnits, plans, roles, units } from '../db/schema';
import { PLAN_ZONE } from '../core/zone';
import { periodsOver, type Stretch } from './due-periods';
import { requirementsAssignedInPlan } from './unit-requirements';
import type { WorkingDayCalendar } from './calendar';
import { DEFAULT_POLICY } from './policy';
import { monthKey, parsePeriodKey } from '../core/period-key';
import { enqueue } from './enqueue';

/** The periods due within a month (which starts at `month`). */
export function monthStretch(month: DateTime): Stretch {
  const start = month.startOf('month');
  return { from: start, to: start.plus({ months: 1 }), toIncluded: false };
}

export function planUnitList(db: DB, planId: number): { id: number; name: string }[] {
  return db
    .select({ id: units.id, name: units.name })
    .from(planUnits)
    .innerJoin(units, eq(units.id, planUnits.unitId))
    .where(eq(planUnits.planId, planId))
    .orderBy(asc(units.id))
    .all();
}

/** When the circular of a month is drafted: 09:00 on the first working day after its last due day. */
export function circularDraftMoment(db: DB, planId: number, month: DateTime, calendar: WorkingDayCalendar): DateTime | null {
  const periods = periodsOver(monthStretch(month));
  let last: DateTime | null = null;
  for (const r of requirementsAssignedInPlan(db, planId)) {
    for (const period of periods(r)) if (!last || period.due > last) last = period.due;
  }
  if (!last) return null;
  const day = calendar.nextWorkingDay(last.toISODate()!).date;
  const [hour, minute] = DEFAULT_POLICY.workStart.split(':').map(Number) as [number, number];
  return DateTime.fromISO(day, { zone: PLAN_ZONE }).set({ hour, minute });
}

/** Publishing: the circular goes to every lead of the plan, once each. */
export function publishCircular(db: DB, circularId: number, personId: number | null, now: Date): boolean {
  return db.transaction(() => {
    const circular = db.select().from(circulars).where(eq(circulars.id, circularId)).get();
    if (!circular || circular.status === 'published') return false;
    db.update(circulars)
      .set({ status: 'published', publishedAt: now, publishedBy: personId, updatedAt: now })
      .where(eq(circulars.id, circularId))
      .run();
    const unitIds = planUnitList(db, circular.planId).map((u) => u.id);
    const leads = db
      .selectDistinct({ personId: people.id, chatId: people.chatId })
      .from(roles)
      .innerJoin(people, eq(people.id, roles.personId))
      .where(
        and(
          eq(roles.role, 'lead'),
          isNull(roles.revokedAt),
          isNull(people.unreachableAt),
          sql`(${roles.planId} = ${circular.planId} or ${roles.unitId} in ${unitIds.length > 0 ? unitIds : [-1]})`,
        ),
      )
      .all();
    // The leading group's chat, where one is bound, hears it too.
    const group = db.select({ chatId: plans.leadGroupChatId }).from(plans).where(eq(plans.id, circular.planId)).get()?.chatId;
    if (group !== null && group !== undefined)
      enqueue(
        db,
        {
          key: { kind: 'circular', to: { groupChatId: group }, circularId },
          personId: null,
          chatId: group,
          period: circular.period,
          payload: { circularId },
        },
        now,
      );
    for (const lead of leads)
      enqueue(
        db,
        {
          key: { kind: 'circular', to: { personId: lead.personId }, circularId },
          personId: lead.personId,
          chatId: lead.chatId,
          period: circular.period,
          payload: { circularId },
        },
        now,
      );
    return true;
  });
}

/**
 * Whether a report of this plan's period is closed for corrections: the circular of the month
 * the period fell due in is published. A monthly circular covers every period due that month
 * (quarterly, weekly, once, an event's), so the month is the due day's, not the key's; an
 * undated period (a deadline nobody could read) is never closed.
 */
export function reportClosed(db: DB, planId: number, period: string, dueAt: Date | null): boolean {
  const month = closingMonth(period, dueAt);
  return month !== null && periodClosed(db, planId, month);
}

/** The month (yyyy-MM) whose published circular closes a report of this period (reportClosed's rule); null: none ever does. */
export function closingMonth(period: string, dueAt: Date | null): string | null {
  const due = dueAt && DateTime.fromJSDate(dueAt, { zone: PLAN_ZONE });
  return due ? monthKey(due.year, due.month) : parsePeriodKey(period)?.kind === 'month' ? period : null;
}

/**
 * The months whose circulars of these plans are published, as `${planId}|${month}`: for many
 * periods at once (a liaison's /report list), one read instead of one per period.
 */
export function publishedMonths(db: DB, planIds: readonly number[]): Set<string> {
  if (planIds.length === 0) return new Set();
  return new Set(
    prepared<[string], { key: string }>(
      db,
      `select plan_id || '|' || period as key from circulars
        where status = 'published' and plan_id in (select value from json_each(?))`,
    )
      .all(JSON.stringify(planIds))
      .map((row) => row.key),
  );
}

/** Whether a month's circular of this plan is published (the month as yyyy-MM). */
export function periodClosed(db: DB, planId: number, period: string): boolean {
  return (
    db
      .select({ id: circulars.id })
      .from(circulars)
      .where(and(eq(circulars.planId, planId), eq(circulars.period, period), eq(circulars.status, 'published')))
      .get() !== undefined
  );
}
