/**
 * The Chinese working-day calendar: which dates are working days, and counting in them.
 *
 * A year is answered from an admin's override if there is one, else from the
 * `chinese-days` package, else with plain weekends (Monday–Friday working). The last is a
 * guess, and every answer says when it rests on one (`fallback`), so reminders in an
 * uncovered year can be flagged and an admin asked to load the State Council's notice.
 *
 * Pure: dates in, dates out; no clock, no database. Dates are `YYYY-MM-DD` strings on the
 * calendar in China (see calendar-date.ts for why never a JS Date).
 */
import { addDays, addMonths, compareDates, isWeekend, toDateParts, yearOf } from './calendar-date';
import { packageSchedules } from './package-data';
import type { Coverage, CountAnswer, DateAnswer, DayInfo, IsoDate, YearOverride, YearSchedule } from './types';
import { overrideProblems, scheduleFromOverride } from './year-override';

export interface CalendarOptions {
  /** Official schedules loaded by admins; each replaces the package's data for its year. */
  overrides?: readonly YearOverride[];
}

export interface WorkingDayCalendar {
  /** Whether reminders may go out on `date`: a weekday that is no holiday, or a swapped working weekend day. */
  isWorkingDay(date: IsoDate): boolean;
  /** What kind of day `date` is, the holiday it belongs to, and where the answer came from. */
  kindOf(date: IsoDate): DayInfo;
  /** The first working day strictly after `date`. */
  nextWorkingDay(date: IsoDate): DateAnswer;
  /** The last working day strictly before `date`. */
  previousWorkingDay(date: IsoDate): DateAnswer;
  /**
   * The `n`th working day after `date`, for deadlines such as 七个工作日内 (within seven
   * working days of an event). The event day itself is never counted, working day or not:
   * counting starts the day after, as 民法典 第二百零一条 has it for periods in days
   * (开始的当日不计入), and the deadline is the end of the day returned. So an event on
   * 2025-09-30 with n = 7 gives 2025-10-16 (10-01…10-08 are the National Day holiday).
   * `n` = 0 gives `date` itself. `n` must be an integer from 0 to 10,000.
   */
  addWorkingDays(date: IsoDate, n: number): DateAnswer;
  /**
   * The number of working days in (a, b]: after `a`, up to and including `b`; for "N working
   * days left" with `a` today and `b` the deadline. When `b` is before `a` the count is
   * negative: minus the working days in (b, a], so an overdue deadline reads as -N.
   */
  workingDaysBetween(a: IsoDate, b: IsoDate): CountAnswer;
  /** Where the year's holidays come from; `none` means plain weekends are assumed. */
  coverage(year: number): Coverage;
  /**
   * The years touched by the window from `fromDate` to `monthsAhead` months later (both ends
   * included) that have no data, ascending, so an admin can be told to load their schedule.
   */
  missingYears(fromDate: IsoDate, monthsAhead: number): number[];
}

/** Longest run of non-working days walked before the data is declared broken (a real one is ≤ 10). */
const MAX_DAYS_OFF_IN_A_ROW = 400;
const MAX_WORKING_DAYS = 10_000;

interface YearSource {
  schedule: YearSchedule | null;
  coverage: Coverage;
}

function overrideSchedules(overrides: readonly YearOverride[]): Map<number, YearSchedule> {
  const schedules = new Map<number, YearSchedule>();
  const problems: string[] = [];
  for (const override of overrides) {
    if (schedules.has(override.year)) problems.push(`${override.year}: more than one override`);
    const found = overrideProblems(override);
    problems.push(...found.map((problem) => `${override.year}: ${problem}`));
    if (found.length === 0) schedules.set(override.year, scheduleFromOverride(override));
  }
  if (problems.length > 0) throw new RangeError(`bad calendar override:\n${problems.join('\n')}`);
  return schedules;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year)) throw new RangeError(`not a year: ${year}`);
}

export function createCalendar(options: CalendarOptions = {}): WorkingDayCalendar {
  const overrides = overrideSchedules(options.overrides ?? []);
  const fromPackage = packageSchedules();

  function sourceOf(year: number): YearSource {
    const override = overrides.get(year);
    if (override) return { schedule: override, coverage: 'override' };
    const packaged = fromPackage.get(year);
    if (packaged) return { schedule: packaged, coverage: 'package' };
    return { schedule: null, coverage: 'none' };
  }

  function kindOf(date: IsoDate): DayInfo {
    const { schedule, coverage } = sourceOf(toDateParts(date).year);
    const fallback = coverage === 'none';
    const swapped = schedule?.workdays.get(date);
    if (swapped) return { date, kind: 'swapped-workday', working: true, holiday: swapped, coverage, fallback };
    const holiday = schedule?.holidays.get(date);
    if (holiday) return { date, kind: 'holiday', working: false, holiday, coverage, fallback };
    return isWeekend(date)
      ? { date, kind: 'weekend', working: false, coverage, fallback }
      : { date, kind: 'workday', working: true, coverage, fallback };
  }

  /** Steps one day at a time in `direction` until a working day; `fallback` if a guessed day was passed. */
  function walkToWorkingDay(date: IsoDate, direction: 1 | -1): DateAnswer {
    let fallback = false;
    let current = date;
    for (let step = 0; step < MAX_DAYS_OFF_IN_A_ROW; step++) {
      current = addDays(current, direction);
      const info = kindOf(current);
      fallback ||= info.fallback;
      if (info.working) return { date: current, fallback };
    }
    throw new Error(`no working day within ${MAX_DAYS_OFF_IN_A_ROW} days of ${date}: check the calendar overrides`);
  }

  function addWorkingDays(date: IsoDate, n: number): DateAnswer {
    toDateParts(date);
    if (!Number.isInteger(n) || n < 0 || n > MAX_WORKING_DAYS) {
      throw new RangeError(`working days must be an integer from 0 to ${MAX_WORKING_DAYS}: ${n}`);
    }
    let answer: DateAnswer = { date, fallback: false };
    for (let counted = 0; counted < n; counted++) {
      const next = walkToWorkingDay(answer.date, 1);
      answer = { date: next.date, fallback: answer.fallback || next.fallback };
    }
    return answer;
  }

  function workingDaysBetween(a: IsoDate, b: IsoDate): CountAnswer {
    const order = compareDates(a, b);
    if (order > 0) {
      const reverse = workingDaysBetween(b, a);
      return { count: -reverse.count, fallback: reverse.fallback };
    }
    let count = 0;
    let fallback = false;
    for (let day = a; day !== b;) {
      day = addDays(day, 1);
      const info = kindOf(day);
      if (info.working) count++;
      fallback ||= info.fallback;
    }
    return { count, fallback };
  }

  function coverage(year: number): Coverage {
    checkYear(year);
    return sourceOf(year).coverage;
  }

  function missingYears(fromDate: IsoDate, monthsAhead: number): number[] {
    if (!Number.isInteger(monthsAhead) || monthsAhead < 0) {
      throw new RangeError(`months ahead must be a whole number of months, 0 or more: ${monthsAhead}`);
    }
    const first = yearOf(fromDate);
    const last = yearOf(addMonths(fromDate, monthsAhead));
    const missing: number[] = [];
    for (let year = first; year <= last; year++) if (coverage(year) === 'none') missing.push(year);
    return missing;
  }

  return {
    isWorkingDay: (date) => kindOf(date).working,
    kindOf,
    nextWorkingDay: (date) => walkToWorkingDay(date, 1),
    previousWorkingDay: (date) => walkToWorkingDay(date, -1),
    addWorkingDays,
    workingDaysBetween,
    coverage,
    missingYears,
  };
}
