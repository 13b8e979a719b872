/**
 * The weekly summary: to every lead, and to each plan's leading group where one is bound, on
 * the configured day of each ISO week (Monday by default; moved to the next working day of
 * that week when it is a holiday) from the configured time (09:00 Shanghai). One outbox row
 * per recipient and week, so planning again sends nothing twice; after downtime it still goes
 * out later that week, never in the next.
 *
 * What it says is worked out when it is sent (weeklySummaryMessage): to a leading group, its
 * plan alone — not the other plans its units also belong to; to a lead, their plans and units,
 * plan by plan. An archived plan's group gets nothing.
 */
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DB } from '../db';
import { outbox, people, plans, roles } from '../db/schema';
import { PLAN_ZONE } from '../plans/due-dates';
import type { Translator } from '../core/translate';
import { loadIdentity } from '../db/identity';
import type { WorkingDayCalendar } from './calendar';
import { DEFAULT_POLICY, effectivePolicy, type ReminderPolicy } from './policy';
import { planScope, scopeOf, type PlanScope } from './scope';
import { buildSummary } from './summary';
import { renderSummary } from './summary-text';
import { summaryCharts } from './summary-charts';
import { formatPeriodKey } from '../core/period-key';
import { outboxKey } from './outbox-key';

/** What a weekly-summary outbox row carries: the leading group's plan; none for a lead's own. */
export interface WeeklySummaryPayload {
  planId?: number;
}

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

function insert(db: DB, row: { key: string; personId: number | null; chatId: number; week: string; planId?: number }, now: Date): number {
  return db
    .insert(outbox)
    .values({
      key: row.key,
      personId: row.personId,
      chatId: row.chatId,
      kind: 'weekly-summary',
      period: row.week,
      sendAfter: now,
      payload: row.planId === undefined ? {} : { planId: row.planId },
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: outbox.key })
    .run().changes;
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
      planned += insert(
        db,
        {
          key: outboxKey({ kind: 'weekly-summary', to: { personId: lead.personId }, week }),
          personId: lead.personId,
          chatId: lead.chatId,
          week,
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
    planned += insert(
      db,
      {
        key: outboxKey({ kind: 'weekly-summary', to: { planId: plan.id }, week }),
        personId: null,
        chatId: plan.chatId!,
        week,
        planId: plan.id,
      },
      now,
    );
  }
  return planned;
}

/**
 * What a weekly summary covers: the plan of a leading group's row (`planId`), or the lead's
 * scope; with the words for its scope line (empty for "all units"). Null when the person is gone.
 */
export function weeklySummaryScope(
  db: DB,
  row: { personId: number | null; payload: unknown },
): { plans: PlanScope[]; label: string[] } | null {
  const { planId } = (row.payload ?? {}) as WeeklySummaryPayload;
  if (planId !== undefined) {
    const scope = planScope(db, planId);
    return { plans: scope, label: scope.map((p) => p.title) };
  }
  const person = db
    .select({ telegramId: people.telegramId })
    .from(people)
    .where(eq(people.id, row.personId ?? -1))
    .get();
  if (!person) return null;
  const scope = scopeOf(db, loadIdentity(db, person.telegramId, []));
  return { plans: scope.plans, label: scope.label };
}

/**
 * The weekly summary of an outbox row as sent: its text (HTML) and charts, plan by plan.
 * Null when there is nothing to summarise (an archived plan, a lead with no live plan or unit).
 */
export function weeklySummaryMessage(
  db: DB,
  i18n: Translator,
  calendar: WorkingDayCalendar,
  row: { personId: number | null; payload: unknown },
  locale: string,
  now: Date,
): { text: string; pictures: () => Promise<Buffer[]> } | null {
  const scope = weeklySummaryScope(db, row);
  if (!scope || scope.plans.length === 0) return null;
  const summary = buildSummary(db, scope.plans, now, calendar);
  return {
    text: renderSummary(i18n, locale, summary, scope.label.join('、') || i18n.t(locale, 'summary-scope-all')),
    pictures: () => summaryCharts(summary, locale),
  };
}
