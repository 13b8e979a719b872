/**
 * Progress toward a counted target and whether it keeps pace: "10 a year" means about 5 by
 * the end of June, so an office with 3 in July is behind. Pure.
 */
import { DateTime } from 'luxon';
import { PLAN_ZONE } from '../plans/due-dates';

export interface Pace {
  /**
   * What should be done by now: the share of the period gone, rounded down to whole cases,
   * and the whole target once the period's deadline has come (never less: 2 of 2, not "约1").
   */
  expected: number;
  behind: boolean;
  /** The deadline has come: what is short of the target now stays short. */
  over: boolean;
}

/**
 * Yearly targets pace by the share of the year gone, monthly ones by the share of the month;
 * their deadline is the last moment of the year or month (23:59:59.999, the moment a month's
 * circular is counted at). A one-off target (至少召开两次) has no pace before its deadline
 * (`deadline`, its requirement's due moment): never "behind" then; after it, the whole target.
 */
export function quotaPace(target: number, period: 'year' | 'month' | 'once', actual: number, now: Date, deadline?: Date | null): Pace {
  const local = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  if (period === 'once') {
    const over = deadline !== undefined && deadline !== null && now.getTime() >= deadline.getTime();
    return over ? { expected: target, behind: actual < target, over } : { expected: 0, behind: false, over };
  }
  const end = local.endOf(period);
  if (local.toMillis() >= end.toMillis()) return { expected: target, behind: actual < target, over: true };
  const share =
    period === 'year'
      ? (local.ordinal - 1 + (local.hour * 60 + local.minute) / 1440) / (local.isInLeapYear ? 366 : 365)
      : (local.day - 1 + (local.hour * 60 + local.minute) / 1440) / local.daysInMonth!;
  const expected = Math.min(target, Math.floor(target * share));
  return { expected, behind: actual < expected, over: false };
}
