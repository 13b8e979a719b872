/**
 * Which reports count toward a quota, and the instant its pace is judged at: one rule for
 * /quota, /report, reminders, summaries and the circular.
 *
 * A plan's quotas belong to the plan's days, not to the calendar year of today. Next year's
 * plan imported in December is not behind in December; a plan that ended is judged on its
 * whole target (its last day); a late report made in January for December counts toward the
 * year it belongs to. So the instant is held within the plan's days, and a yearly quota of a
 * plan with a year counts every report of its requirement (a requirement lives in one plan,
 * whose periods all fall in its year). A plan without a year keeps the calendar's windows.
 */
import { and, gte, lt, type SQL } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { reports } from '../db/schema';
import { PLAN_ZONE } from '../plans/due-dates';
import { planBounds, type PlanFacts } from './periods';

export type QuotaPeriod = 'year' | 'month' | 'once';

/** Reports made within [from, to) count (null: unbounded); `at` is the instant for pace. */
export interface QuotaWindow {
  at: Date;
  from: Date | null;
  to: Date | null;
}

/** `now` held within the plan's days (before its first: its first moment; after its last: its last). */
export function quotaInstant(now: Date, facts: Pick<PlanFacts, 'year' | 'endsOn'> | null): Date {
  if (!facts) return now;
  const { firstMs, lastMs } = planBounds(facts);
  return new Date(Math.min(Math.max(now.getTime(), firstMs), lastMs));
}

export function quotaWindow(period: QuotaPeriod, now: Date, facts: Pick<PlanFacts, 'year' | 'endsOn'> | null): QuotaWindow {
  const at = quotaInstant(now, facts);
  if (period === 'once' || (period === 'year' && facts?.year != null)) return { at, from: null, to: null };
  const local = DateTime.fromJSDate(at, { zone: PLAN_ZONE }).startOf(period);
  return { at, from: local.toJSDate(), to: local.plus(period === 'year' ? { years: 1 } : { months: 1 }).toJSDate() };
}

/** A key for grouping requirements that share a window (one query each). */
export function windowKey(window: QuotaWindow): string {
  return `${window.from?.getTime() ?? ''}|${window.to?.getTime() ?? ''}`;
}

/** The reports made within the window, as a condition on the reports table (undefined: all). */
export function reportedWithin(window: Pick<QuotaWindow, 'from' | 'to'>): SQL | undefined {
  return and(window.from ? gte(reports.reportedAt, window.from) : undefined, window.to ? lt(reports.reportedAt, window.to) : undefined);
}
