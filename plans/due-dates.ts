/**
 * When a deadline rule falls due, on the plan's clock (Asia/Shanghai), whatever the
 * server's zone. Pure: (rule, from, year) → due moments; no clock is read here.
 *
 * A day deadline (每月10日前) is due at 23:59:59 of its day: the 10th is the last day the
 * work may be done. 下班前 is due at 18:00 of its day. Event-relative (七个工作日内) and
 * ongoing (及时完成) rules have no fixed due moment.
 */
import { DateTime } from 'luxon';
import type { DayOfMonth, DeadlineRule } from '../core/plan-types';
import { PLAN_ZONE } from '../core/zone';

// Most of the tree takes the zone from here, with the rules that use it.
export { PLAN_ZONE };

/** When the working day ends, for 下班前. */
export const END_OF_WORKDAY = { hour: 18, minute: 0, second: 0 } as const;
const END_OF_DAY = { hour: 23, minute: 59, second: 59 } as const;

/** The calendar day a rule names in one month: a day past the month's end means its last day. */
export function dayInMonth(year: number, month: number, day: DayOfMonth): number {
  const last = DateTime.fromObject({ year, month, day: 1 }, { zone: PLAN_ZONE }).daysInMonth!;
  return day === 'last' ? last : Math.min(day, last);
}

function dueMoment(year: number, month: number, day: number, endOfWorkday = false): DateTime {
  return DateTime.fromObject({ year, month, day, ...(endOfWorkday ? END_OF_WORKDAY : END_OF_DAY) }, { zone: PLAN_ZONE });
}

const QUARTER_END_MONTHS = [3, 6, 9, 12];

/** The months a repeating rule is due in, or null for every month. */
function monthsOf(rule: Extract<DeadlineRule, { kind: 'monthly' | 'quarterly' }>): number[] | null {
  return rule.kind === 'quarterly' ? QUARTER_END_MONTHS : rule.months;
}

/** Longest stretch searched for the next due moment of a repeating rule, so a bad rule cannot loop. */
const MAX_MONTHS_AHEAD = 12 * 50;

/**
 * The due moments of `rule` at or after `start`, in order, at most `count`. `planYear`
 * stands in for a once-rule with no year of its own.
 */
export function dueMomentsFrom(rule: DeadlineRule, start: DateTime, count: number, planYear: number | null): DateTime[] {
  const from = start.setZone(PLAN_ZONE);
  const out: DateTime[] = [];
  switch (rule.kind) {
    case 'once': {
      const year = rule.year ?? planYear;
      if (year === null) return [];
      const due = dueMoment(year, rule.month, dayInMonth(year, rule.month, rule.day));
      return due >= from && count > 0 ? [due] : [];
    }
    case 'monthly':
    case 'quarterly': {
      const months = monthsOf(rule);
      let cursor = from.startOf('month');
      for (let i = 0; i < MAX_MONTHS_AHEAD && out.length < count; i++, cursor = cursor.plus({ months: 1 })) {
        if (months !== null && !months.includes(cursor.month)) continue;
        const due = dueMoment(cursor.year, cursor.month, dayInMonth(cursor.year, cursor.month, rule.day));
        if (due >= from) out.push(due);
      }
      return out;
    }
    case 'weekly': {
      let day = from.startOf('day');
      day = day.plus({ days: (rule.weekday - day.weekday + 7) % 7 });
      for (; out.length < count; day = day.plus({ weeks: 1 })) {
        const due = dueMoment(day.year, day.month, day.day, rule.endOfWorkday);
        if (due >= from) out.push(due);
      }
      return out;
    }
    case 'relative':
    case 'ongoing':
      return [];
  }
}

/** ISO 8601 with the +08:00 offset and no milliseconds: 2026-02-10T23:59:59+08:00. */
export function formatDue(moment: DateTime): string {
  return moment.setZone(PLAN_ZONE).toISO({ suppressMilliseconds: true });
}

/**
 * The next `count` due moments at or after the start of day `from` (YYYY-MM-DD, in
 * Shanghai), formatted for the command line's contract.
 */
export function nextDueDates(rule: DeadlineRule, options: { from: string; count: number; year: number | null }): string[] {
  const start = DateTime.fromISO(options.from, { zone: PLAN_ZONE }).startOf('day');
  return dueMomentsFrom(rule, start, options.count, options.year).map(formatDue);
}
