/**
 * The weekly summary: to every lead, on the first working day of each ISO week (Monday,
 * or the next working day when Monday is a holiday) from 09:00 Shanghai. One outbox row
 * per lead and week, so planning again sends nothing twice; after downtime it is still sent
 * later that week, never in the next.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DB } from '../db';
import { outbox, people, roles } from '../db/schema';
import { PLAN_ZONE } from '../plans/due-dates';
import type { WorkingDayCalendar } from './calendar';

export const WEEKLY_SUMMARY_TIME = { hour: 9, minute: 0 } as const;

/** When this week's summary goes out: 09:00 on the week's first working day, or null in a week without one. */
export function weeklySummaryMoment(now: DateTime, calendar: WorkingDayCalendar): DateTime | null {
  const monday = now.setZone(PLAN_ZONE).startOf('week');
  for (let day = monday; day < monday.plus({ weeks: 1 }); day = day.plus({ days: 1 })) {
    if (calendar.isWorkingDay(day.toISODate()!)) return day.set(WEEKLY_SUMMARY_TIME);
  }
  return null;
}

export function planWeeklySummaries(db: DB, calendar: WorkingDayCalendar, now: Date): number {
  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  const moment = weeklySummaryMoment(at, calendar);
  if (!moment || at < moment) return 0;
  const week = `${at.weekYear}-W${String(at.weekNumber).padStart(2, '0')}`;
  const leads = db
    .selectDistinct({ personId: people.id, chatId: people.chatId })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .where(and(eq(roles.role, 'lead'), isNull(roles.revokedAt), isNull(people.unreachableAt)))
    .all();
  let planned = 0;
  for (const lead of leads) {
    planned += db
      .insert(outbox)
      .values({
        key: `weekly|p${lead.personId}|${week}`,
        personId: lead.personId,
        chatId: lead.chatId,
        kind: 'weekly-summary',
        period: week,
        sendAfter: now,
        payload: {},
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: outbox.key })
      .run().changes;
  }
  return planned;
}
