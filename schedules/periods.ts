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
 */
import { DateTime } from 'luxon';
import { dueMomentsFrom, PLAN_ZONE } from '../plans/due-dates';
import type { DeadlineRule } from '../plans/types';
import type { WorkingDayCalendar } from './calendar';

export interface Period {
  key: string;
  /** The due moment: 23:59:59 of the due day (18:00 for 下班前), Shanghai. */
  due: DateTime;
}

export interface PlanFacts {
  /** The plan's year, for once-rules without one. */
  year: number | null;
  /** Day of the month ongoing requirements report by. */
  monthlyReportDay: number;
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
      return 'once';
    case 'quarterly':
      return `${local.year}-Q${Math.ceil(local.month / 3)}`;
    case 'weekly':
      return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
    default:
      return local.toFormat('yyyy-MM');
  }
}

/** Periods whose due moment is at or after `from`, at most `count`. */
export function periodsFrom(rule: DeadlineRule, from: DateTime, count: number, facts: PlanFacts): Period[] {
  const effective = effectiveRule(rule, facts);
  if (!effective) return [];
  return dueMomentsFrom(effective, from, count, facts.year).map((due) => ({ key: periodKey(effective, due), due }));
}

/**
 * The period a report made at `now` belongs to: the one falling due next, or for a
 * once-rule its only period even after it is due (a late report is still its report).
 */
export function currentPeriod(rule: DeadlineRule, now: DateTime, facts: PlanFacts): Period | null {
  const effective = effectiveRule(rule, facts);
  if (!effective) return null;
  if (effective.kind === 'once') {
    const year = effective.year ?? facts.year;
    if (year === null) return null;
    const [due] = dueMomentsFrom(effective, DateTime.fromObject({ year, month: 1, day: 1 }, { zone: PLAN_ZONE }), 1, year);
    return due ? { key: 'once', due } : null;
  }
  return periodsFrom(effective, now, 1, facts)[0] ?? null;
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
  return { key: `event-${event.id}`, due: DateTime.fromISO(dueDay, { zone: PLAN_ZONE }).set({ hour: 23, minute: 59, second: 59 }) };
}
