/**
 * A plan's days and years: a plan belongs to a year, its periods begin with the year and end
 * with it (or on the day an admin set, plans.ends_on); next year's plan replaces it. Pure:
 * no clock is read here, `now` is handed in.
 */
import { DateTime } from 'luxon';
import { PLAN_ZONE } from './due-dates';
import type { DeadlineRule } from '../core/plan-types';

/** What bounds a plan's days: its year and the end an admin set. */
export interface PlanYearFacts {
  year: number | null;
  /** plans.ends_on (YYYY-MM-DD, Shanghai); null or absent: the year's end. */
  endsOn?: string | null;
}

/** The plan's first day, YYYY-MM-DD: 1 January of its year; null for a plan without a year. */
export function planFirstDay(plan: PlanYearFacts): string | null {
  return plan.year === null ? null : `${String(plan.year).padStart(4, '0')}-01-01`;
}

/** The plan's last day, YYYY-MM-DD: the end an admin set, else 31 December of its year; null: no end. */
export function planLastDay(plan: PlanYearFacts): string | null {
  if (plan.endsOn) return plan.endsOn;
  return plan.year === null ? null : `${String(plan.year).padStart(4, '0')}-12-31`;
}

/** Whether `text` is a real calendar date written YYYY-MM-DD. */
export function isPlanDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  try {
    return DateTime.fromISO(text, { zone: PLAN_ZONE }).toISODate() === text;
  } catch {
    return false; // throwOnInvalid: 2026-02-30
  }
}

/** The year it is at `now` on the plan's clock (Shanghai), whatever the server's zone. */
export function planClockYear(now: Date): number {
  return DateTime.fromJSDate(now, { zone: PLAN_ZONE }).year;
}

/**
 * Whether a plan of `planYear` being imported at `now` is of a past year (in Shanghai): its
 * periods are all over, so the admin is asked whether to run it in the current year instead.
 * A plan without a year is not.
 */
export function pastYearPlan(planYear: number | null, now: Date): boolean {
  return planYear !== null && planYear < planClockYear(now);
}

/**
 * A once-rule moved with its plan by `years` (3月底前 of a 2020 plan was read as 2020-03-31:
 * rolled to 2026 it is 2026-03-31). Other rules carry no year and are returned as they are.
 */
export function shiftRuleYear(rule: DeadlineRule, years: number): DeadlineRule {
  if (rule.kind !== 'once' || rule.year === null || years === 0) return rule;
  return { ...rule, year: rule.year + years };
}

/** A year as titles write it: 2020, or 二〇二〇 before 年. */
const TITLE_YEAR = /(?:19|20)\d{2}|[〇零一二三四五六七八九]{4}(?=年)/g;

/**
 * A title with its years taken out, so that next year's version of a plan matches last
 * year's: 《2021年福州市…任务分解表》 and 《2020年福州市…任务分解表》 give the same key.
 * Spaces are dropped (extraction noise).
 */
export function yearlessTitle(title: string): string {
  return title.replace(TITLE_YEAR, '#').replace(/\s+/g, '');
}
