/**
 * The weekly summary: to every lead, and to each plan's leading group where one is bound, on
 * the configured day of each ISO week (Monday by default; moved to the next working day of
 * that week when it is a holiday) from the configured time (09:00 Shanghai). One outbox row
 * per recipient and week, so planning again sends nothing twice; after downtime it still goes
 * out later that week, never in the next.
 *
 * What it says is worked out when it is sent (digests/notices/weekly-summary.ts): to a leading group, its
 * plan alone — not the other plans its units also belong to; to a lead, their plans and units,
 * plan by plan. An archived plan's group gets nothing.
 */
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DB } from '../db';
import { people, plans, roles } from '../db/schema';
import { PLAN_ZONE } from '../core/zone';
import type { WorkingDayCalendar } from './calendar';
import { DEFAULT_POLICY, effectivePolicy, type ReminderPolicy } from './policy';
import { formatPeriodKey } from '../core/period-key';
import { enqueue } from './enqueue';

/** When this week's summary goes out, or null in a week without a working day from that day on. */
export function weeklySummaryMoment(
  now: DateTime,
  calendar: WorkingDayCalendar,
  policy: Pick<ReminderPolicy, 'summaryWeekday' | 'summaryTime'> = DEFAULT_POLICY,
): DateTime | null {
  const weekStart = now.setZone(PLAN_ZONE).startOf('week');
  const [hour, minute] = policy.summaryTime.split(':').map(Number) as [number, number];
  for (let day = weekStart.plus({ days: policy.summaryWeekday - 1 }); day < weekStart.plus({ weeks: 1 }); day = day.plus({ days: 1 })) {
    if (calendar.isWorkingDay(day.toISODate()!)) return day.set({ hour, minute });
  }
  return null;
}

export function planWeeklySummaries(db: DB, calendar: WorkingDayCalendar, now: Date): number {
  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  const week = formatPeriodKey({ kind: 'week', weekYear: at.weekYear, week: at.weekNumber });
  let planned = 0;
  // Leads may span plans: the latest plan's policy sets their day.
  const latest = db.select({ policy: plans.reminderPolicy }).from(plans).where(isNull(plans.archivedAt)).orderBy(desc(plans.id)).get();
  const moment = weeklySummaryMoment(at, calendar, effectivePolicy(latest?.policy));
  if (moment && at >= moment) {
    const leads = db
      .selectDistinct({ personId: people.id, chatId: people.chatId })
      .from(roles)
      .innerJoin(people, eq(people.id, roles.personId))
      .where(and(eq(roles.role, 'lead'), isNull(roles.revokedAt), isNull(people.unreachableAt)))
      .all();
    for (const lead of leads)
      planned += enqueue(
        db,
        {
          key: { kind: 'weekly-summary', to: { personId: lead.personId }, week },
          personId: lead.personId,
          chatId: lead.chatId,
          period: week,
          payload: {},
        },
        now,
      );
  }
  for (const plan of db
    .select({ id: plans.id, chatId: plans.leadGroupChatId, policy: plans.reminderPolicy })
    .from(plans)
    .where(and(isNull(plans.archivedAt), isNotNull(plans.leadGroupChatId)))
    .all()) {
    const groupMoment = weeklySummaryMoment(at, calendar, effectivePolicy(plan.policy));
    if (!groupMoment || at < groupMoment) continue;
    // One per plan and week, whatever its chat: a group upgraded to a supergroup mid-week (its new id adopted) had it already.
    planned += enqueue(
      db,
      {
        key: { kind: 'weekly-summary', to: { planId: plan.id }, week },
        personId: null,
        chatId: plan.chatId!,
        period: week,
        payload: { planId: plan.id },
      },
      now,
    );
  }
  return planned;
}
