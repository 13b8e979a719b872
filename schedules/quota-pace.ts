/**
 * Progress toward a counted target and whether it keeps pace: "10 a year" means about 5 by
 * the end of June, so an office with 3 in July is behind. Pure.
 */
import { DateTime } from 'luxon';
import { PLAN_ZONE } from '../plans/due-dates';

export interface Pace {
  /** What should be done by now, rounded down to whole cases. */
  expected: number;
  behind: boolean;
}

/**
 * Yearly targets pace by the share of the year gone, monthly ones by the share of the month;
 * a one-off target (至少召开两次) has no pace before its deadline: never "behind" here.
 */
export function quotaPace(target: number, period: 'year' | 'month' | 'once', actual: number, now: Date): Pace {
  const local = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  if (period === 'once') return { expected: 0, behind: false };
  const share =
    period === 'year'
      ? (local.ordinal - 1 + (local.hour * 60 + local.minute) / 1440) / (local.isInLeapYear ? 366 : 365)
      : (local.day - 1 + (local.hour * 60 + local.minute) / 1440) / local.daysInMonth!;
  const expected = Math.floor(target * share);
  return { expected, behind: actual < expected };
}
