/**
 * Report periods: each due moment of a requirement's deadline is one period a unit reports
 * for ("March 2026, due 2026-03-10"). Pure: (rule, instant, plan facts) → periods.
 *
 * Period keys name the period in reports and in the outbox, so they must be stable:
 *   monthly (and ongoing, following the monthly report day)  2026-03   (the month it is due in)
 *   quarterly                                                2026-Q1
 *   weekly                                                   2026-W11  (ISO week)
 *   once                                                     once
 * Event-relative rules (七个工作日内) have no periods of their own: they are counted from an
 * event the liaison reports.
 *
 * A plan's periods begin with its year and end with it, or on the last day an admin set
 * (plans.ends_on): a period due outside the plan's days does not exist. `planDueMoments` is the
 * one place that rule lives; every producer of periods (periodsFrom, currentPeriod, periodsDue,
 * the planner) goes through it. After the last day only the plan's own last periods remain
 * (their overdue notices, their late reports).
 */
import { DateTime } from 'luxon';
import { dueMomentsFrom, PLAN_ZONE } from '../plans/due-dates';
import { planFirstDay, planLastDay } from '../plans/plan-years';
import type { DeadlineRule } from '../core/plan-types';
import type { WorkingDayCalendar } from './calendar';
import { formatPeriodKey } from '../core/period-key';

export interface Period {
  key: string;
  /** The due moment: 23:59:59 of the due day (18:00 for 下班前), Shanghai. */
  due: DateTime;
}

export interface PlanFacts {
  /** The plan's year, for once-rules without one; its periods begin on 1 January of it. */
  year: number | null;
  /** Day of the month ongoing requirements report by. */
  monthlyReportDay: number;
  /**
   * The plan's last day (plans.ends_on, YYYY-MM-DD in Shanghai) when an admin set one; null or
   * absent: 31 December of `year` (no end for a plan without a year).
   */
  endsOn?: string | null;
}

/** The first and last instants of a plan's days, null where unbounded. */
export interface PlanBounds {
  first: DateTime | null;
  last: DateTime | null;
  firstMs: number;
  lastMs: number;
}

// A handful of plans, asked about for every requirement: building Shanghai DateTimes costs (bench).
const boundsCache = new Map<string, PlanBounds>();

/** The plan's days: from the start of 1 January of its year to the end of its last day (planLastDay). */
export function planBounds(facts: Pick<PlanFacts, 'year' | 'endsOn'>): PlanBounds {
  const cacheKey = `${facts.year}|${facts.endsOn ?? ''}`;
  let found = boundsCache.get(cacheKey);
  if (!found) {
    const firstDay = planFirstDay(facts);
    const lastDay = planLastDay(facts);
    const first = firstDay === null ? null : DateTime.fromISO(firstDay, { zone: PLAN_ZONE }).startOf('day');
    const last = lastDay === null ? null : DateTime.fromISO(lastDay, { zone: PLAN_ZONE }).endOf('day');
    found = { first, last, firstMs: first?.toMillis() ?? -Infinity, lastMs: last?.toMillis() ?? Infinity };
    if (boundsCache.size > 1000) boundsCache.clear();
    boundsCache.set(cacheKey, found);
  }
  return found;
}

/**
 * The due moments of an effective rule (see effectiveRule) at or after `from`, at most
 * `count`, within the plan's days: none before its year begins, none after its last day.
 */
export function planDueMoments(effective: DeadlineRule, from: DateTime, count: number, facts: PlanFacts): DateTime[] {
  const { first, lastMs, firstMs } = planBounds(facts);
  const start = first !== null && from.toMillis() < firstMs ? first : from;
  if (start.toMillis() > lastMs) return [];
  const dues = dueMomentsFrom(effective, start, count, facts.year);
  const past = dues.findIndex((due) => due.toMillis() > lastMs);
  return past < 0 ? dues : dues.slice(0, past);
}

/** Ongoing work (及时完成) is reported with the monthly report: its rule, for planning. */
export function effectiveRule(rule: DeadlineRule, facts: PlanFacts): DeadlineRule | null {
  if (rule.kind === 'ongoing') return { kind: 'monthly', day: facts.monthlyReportDay, months: null };
  if (rule.kind === 'relative') return null;
  return rule;
}

export function periodKey(rule: DeadlineRule, due: DateTime): string {
  const local = due.setZone(PLAN_ZONE);
  switch (rule.kind) {
    case 'once':
      return formatPeriodKey({ kind: 'once' });
    case 'quarterly':
      return formatPeriodKey({ kind: 'quarter', year: local.year, quarter: Math.ceil(local.month / 3) });
    case 'weekly':
      return formatPeriodKey({ kind: 'week', weekYear: local.weekYear, week: local.weekNumber });
    default:
      return formatPeriodKey({ kind: 'month', year: local.year, month: local.month });
  }
}

/** Periods whose due moment is at or after `from`, at most `count`. */
export function periodsFrom(rule: DeadlineRule, from: DateTime, count: number, facts: PlanFacts): Period[] {
  const effective = effectiveRule(rule, facts);
  if (!effective) return [];
  return planDueMoments(effective, from, count, facts).map((due) => ({ key: periodKey(effective, due), due }));
}

/**
 * The period a report made at `now` belongs to: the one falling due next (the plan's first
 * before its year begins); for a once-rule its only period even after it is due, and once
 * the plan's last period is due, that last period (a late report is still its report: the
 * plan has no period in the next year).
 */
export function currentPeriod(rule: DeadlineRule, now: DateTime, facts: PlanFacts): Period | null {
  const effective = effectiveRule(rule, facts);
  if (!effective) return null;
  if (effective.kind === 'once') {
    const year = effective.year ?? facts.year;
    if (year === null) return null;
    const [due] = planDueMoments(effective, DateTime.fromObject({ year, month: 1, day: 1 }, { zone: PLAN_ZONE }), 1, facts);
    return due ? { key: 'once', due } : null;
  }
  return periodsFrom(effective, now, 1, facts)[0] ?? lastPeriod(effective, facts);
}

/** The last period of a repeating rule within the plan's days; null for a plan without an end. */
export function lastPeriod(rule: DeadlineRule, facts: PlanFacts): Period | null {
  const { last } = planBounds(facts);
  if (last === null) return null;
  // Every repeating rule falls due at least once a year: 13 months hold its last period (60: weekly ones).
  return periodsFrom(rule, last.minus({ months: 13 }), 60, facts).at(-1) ?? null;
}

/**
 * The most common day of the plan's monthly deadlines (每月10日前 in most of the Fuzhou
 * table): ongoing requirements report by it. Ties go to the earlier day; 10 when the plan
 * has no monthly deadline with a day.
 */
export function commonMonthlyDay(rules: (DeadlineRule | null)[]): number {
  const counts = new Map<number, number>();
  for (const rule of rules) {
    if (rule?.kind === 'monthly' && rule.months === null && rule.day !== 'last') counts.set(rule.day, (counts.get(rule.day) ?? 0) + 1);
  }
  let best = 10;
  let bestCount = 0;
  for (const [day, n] of [...counts].sort((a, b) => a[0] - b[0])) {
    if (n > bestCount) [best, bestCount] = [day, n];
  }
  return best;
}

/** The period of an event: keyed by the event, due at the end of the Nth (working) day after it (the day itself not counted). */
export function eventPeriod(
  rule: Extract<DeadlineRule, { kind: 'relative' }>,
  event: { id: number; occurredOn: string },
  calendar: WorkingDayCalendar,
): Period {
  const dueDay = rule.workingDays
    ? calendar.addWorkingDays(event.occurredOn, rule.days).date
    : DateTime.fromISO(event.occurredOn, { zone: PLAN_ZONE }).plus({ days: rule.days }).toISODate()!;
  return {
    key: formatPeriodKey({ kind: 'event', eventId: event.id }),
    due: DateTime.fromISO(dueDay, { zone: PLAN_ZONE }).set({ hour: 23, minute: 59, second: 59 }),
  };
}

/** The one period of a requirement whose deadline could not be read: the key of a once-rule, so a later fix to 12月底前 keeps the report. */
export const UNDATED_PERIOD = 'once';

/**
 * The period a report made at `at` goes to: the one rule /report's list, a reminder's buttons
 * and /edit go by.
 * - A deadline nobody could read: its one undated period (due null); the work is still
 *   reported, never late, until an admin fixes the deadline.
 * - An event-relative deadline (七个工作日内): its oldest event not yet reported; null when every
 *   event is reported (reporting then records a new event).
 * - Any other: currentPeriod. Undefined when the plan has no period for it any more.
 */
export function reportPeriod(
  rule: DeadlineRule | null,
  at: DateTime,
  facts: PlanFacts,
  events: { id: number; occurredOn: string }[],
  isReported: (periodKey: string) => boolean,
  calendar: WorkingDayCalendar,
): { key: string; due: DateTime | null } | null | undefined {
  if (!rule) return { key: UNDATED_PERIOD, due: null };
  if (rule.kind === 'relative') {
    const open = events.find((event) => !isReported(formatPeriodKey({ kind: 'event', eventId: event.id })));
    return open ? eventPeriod(rule, open, calendar) : null;
  }
  return currentPeriod(rule, at, facts) ?? undefined;
}
