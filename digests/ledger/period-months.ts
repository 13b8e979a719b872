/**
 * Which month column of the ledger a report period belongs to. Pure.
 *
 * The ledger has one progress column per calendar month (Shanghai). A period belongs to the
 * month its due day falls in:
 *   monthly and ongoing  "2026-03"   → that month (the key already names the month it is due in)
 *   quarterly            "2026-Q1"   → the quarter's last month, when quarterly rules fall due (2026-03)
 *   weekly               "2026-W11"  → the month of the week's due weekday (Friday if the rule is no longer weekly)
 *   once                 "once"      → the month of the rule's one due day (plan year when the rule has none)
 *   event-relative       "event-<id>"→ the month of the event's due day (N working days after it)
 * So a month's cell may hold several periods (four or five weeks, several events), and a
 * quarterly or once requirement has cells only in the months it falls due.
 */
import { DateTime, type WeekdayNumbers } from 'luxon';
import { dueMomentsFrom, PLAN_ZONE } from '../../plans/due-dates';
import type { DeadlineRule } from '../../core/plan-types';
import { effectiveRule, periodKey, type PlanFacts } from '../../schedules/periods';
import { monthKey, parsePeriodKey } from '../../core/period-key';

/** A calendar month in Shanghai, "YYYY-MM"; sorts as text. */
export type MonthKey = string;

export interface ScheduledPeriod {
  key: string;
  due: DateTime;
  month: MonthKey;
}

export function monthKeyOf(moment: DateTime): MonthKey {
  const local = moment.setZone(PLAN_ZONE);
  return monthKey(local.year, local.month);
}

/**
 * The months the ledger shows: `period` alone when given, else January of the plan's year up
 * to the month of `now` (all twelve once the year is over, none before it starts).
 */
export function displayedMonths(planYear: number, now: Date, period?: string): MonthKey[] {
  if (period !== undefined) return [period];
  const today = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  if (today.year < planYear) return [];
  const last = today.year > planYear ? 12 : today.month;
  return Array.from({ length: last }, (_, i) => monthKey(planYear, i + 1));
}

function monthStart(month: MonthKey): DateTime {
  return DateTime.fromFormat(month, 'yyyy-MM', { zone: PLAN_ZONE });
}

/**
 * The periods a dated rule falls due in over the shown months (which are consecutive), in
 * order. Event-relative and unreadable rules have none: their periods come from events.
 */
export function scheduledPeriods(rule: DeadlineRule | null, facts: PlanFacts, months: readonly MonthKey[]): ScheduledPeriod[] {
  const effective = rule && effectiveRule(rule, facts);
  const first = months[0];
  const last = months[months.length - 1];
  if (!effective || first === undefined || last === undefined) return [];
  const end = monthStart(last).endOf('month');
  // At most this many dues fall in the months: five a month for weekly rules, one for the rest.
  const bound = effective.kind === 'weekly' ? months.length * 5 + 1 : effective.kind === 'once' ? 1 : months.length;
  return dueMomentsFrom(effective, monthStart(first), bound, facts.year)
    .filter((due) => due <= end)
    .map((due) => ({ key: periodKey(effective, due), due, month: monthKeyOf(due) }));
}

/**
 * The month a report's period key belongs to, read from the key and the requirement's rule;
 * `eventDue` gives an event period's due moment. Null when the key cannot be placed (an
 * unknown shape, or "once" on a rule that is no longer a once-rule): such a report still
 * appears in the reports sheet, only not in a month column.
 */
export function monthOfPeriodKey(
  key: string,
  rule: DeadlineRule | null,
  facts: PlanFacts,
  eventDue: (eventId: number) => DateTime | null,
): MonthKey | null {
  const period = parsePeriodKey(key);
  switch (period?.kind) {
    case 'month':
      return key;
    case 'quarter':
      return monthKey(period.year, period.quarter * 3);
    case 'week': {
      const weekday = (rule?.kind === 'weekly' ? rule.weekday : 5) as WeekdayNumbers;
      try {
        return monthKeyOf(DateTime.fromObject({ weekYear: period.weekYear, weekNumber: period.week, weekday }, { zone: PLAN_ZONE }));
      } catch {
        return null; // a week 53 in a year without one
      }
    }
    case 'once': {
      const effective = rule && effectiveRule(rule, facts);
      const year = effective?.kind === 'once' ? (effective.year ?? facts.year) : null;
      return effective?.kind === 'once' && year !== null ? monthKey(year, effective.month) : null;
    }
    case 'event': {
      const due = eventDue(period.eventId);
      return due ? monthKeyOf(due) : null;
    }
    default:
      return null;
  }
}

/** Orders period keys of one requirement: by month, then numerically within it (weeks, event ids). */
export function comparePeriods(a: { key: string; month: MonthKey | null }, b: { key: string; month: MonthKey | null }): number {
  const byMonth = (a.month ?? '9999-99').localeCompare(b.month ?? '9999-99');
  return byMonth || a.key.length - b.key.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}
