/**
 * Calendar dates as ISO strings (`YYYY-MM-DD`): the only date type of the working-day
 * calendar.
 *
 * A working day is a square on the wall calendar in China, not an instant. A JS `Date`
 * carries the server's zone and can move the square by one (midnight in Shanghai is the
 * previous day in UTC), so dates stay strings and arithmetic is plain Gregorian calendar
 * arithmetic on day numbers: no zone enters it, so no answer depends on `process.env.TZ`.
 * (Luxon in Asia/Shanghai gives the same answers but costs ~90 µs a day step, and the
 * calendar walks day by day.)
 */

/** A date on the calendar in China, written `YYYY-MM-DD`. */
export type IsoDate = string;

export interface DateParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

/** 1 = Monday … 7 = Sunday (ISO 8601, as luxon numbers them). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FIRST_YEAR = 1000;
const LAST_YEAR = 9999;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month of the Gregorian calendar. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether the parts name a day that exists (no 2月30日, no 13月), in a four-digit year. */
export function isRealDate({ year, month, day }: DateParts): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= FIRST_YEAR &&
    year <= LAST_YEAR &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** The parts of an ISO date, or null when the text is not one (wrong shape or no such day). */
export function readIsoDate(text: string): DateParts | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(parts) ? parts : null;
}

/** The parts of an ISO date; a RangeError for anything else, naming what was passed. */
export function toDateParts(date: IsoDate): DateParts {
  const parts = readIsoDate(date);
  if (!parts) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return parts;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function formatIsoDate({ year, month, day }: DateParts): IsoDate {
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

// Day numbers count days from 1970-01-01 (day 0), a Thursday.

/** Days from 1970-01-01 to 1 January of `year`: 365 a year plus one per leap year between. */
function dayNumberOfNewYear(year: number): number {
  const leapDaysBefore = (y: number) => Math.floor((y - 1) / 4) - Math.floor((y - 1) / 100) + Math.floor((y - 1) / 400);
  return 365 * (year - 1970) + leapDaysBefore(year) - leapDaysBefore(1970);
}

function toDayNumber({ year, month, day }: DateParts): number {
  let days = dayNumberOfNewYear(year) + day - 1;
  for (let m = 1; m < month; m++) days += daysInMonth(year, m);
  return days;
}

function fromDayNumber(dayNumber: number): IsoDate {
  // 365.2425 days is the Gregorian year's mean length; the estimate is off by at most one.
  let year = 1970 + Math.floor(dayNumber / 365.2425);
  while (dayNumberOfNewYear(year) > dayNumber) year--;
  while (dayNumberOfNewYear(year + 1) <= dayNumber) year++;
  let day = dayNumber - dayNumberOfNewYear(year) + 1;
  let month = 1;
  while (day > daysInMonth(year, month)) day -= daysInMonth(year, month++);
  const parts = { year, month, day };
  if (!isRealDate(parts)) throw new RangeError(`date out of range (years ${FIRST_YEAR}–${LAST_YEAR})`);
  return formatIsoDate(parts);
}

export function isoWeekday(date: IsoDate): IsoWeekday {
  // Day 0 was a Thursday (4); the double modulo keeps days before 1970 positive.
  return (((((toDayNumber(toDateParts(date)) + 3) % 7) + 7) % 7) + 1) as IsoWeekday;
}

export function isWeekend(date: IsoDate): boolean {
  return isoWeekday(date) >= 6;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(toDateParts(date)) + days);
}

/** Calendar months later; a day past the target month's end becomes its last day (1-31 + 1 month = 2-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = toDateParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(monthIndex / 12), month: (monthIndex % 12) + 1 };
  const parts = { ...target, day: Math.min(day, daysInMonth(target.year, target.month)) };
  if (!isRealDate(parts)) throw new RangeError(`date out of range (years ${FIRST_YEAR}–${LAST_YEAR})`);
  return formatIsoDate(parts);
}

export function yearOf(date: IsoDate): number {
  return toDateParts(date).year;
}

/** Negative, zero or positive as `a` is before, on or after `b`. ISO dates of four-digit years sort as text. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  toDateParts(a);
  toDateParts(b);
  return a < b ? -1 : a > b ? 1 : 0;
}
