/**
 * The shapes of the working-day calendar: plain data, no behaviour.
 */
import type { IsoDate } from './calendar-date';

export type { IsoDate } from './calendar-date';

/**
 * What kind of day a date is.
 * - `workday`: Monday–Friday, no holiday.
 * - `weekend`: Saturday or Sunday, no holiday and not swapped.
 * - `holiday`: a public holiday (放假), whatever the weekday.
 * - `swapped-workday`: a Saturday or Sunday worked in exchange for a holiday (调休上班).
 */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'swapped-workday';

/**
 * Where a year's holidays come from.
 * - `package`: the `chinese-days` npm package's data.
 * - `override`: an admin's official schedule, which replaces the package's year entirely.
 * - `none`: no data; the year is answered with plain weekends (Monday–Friday working).
 */
export type Coverage = 'package' | 'override' | 'none';

/** A holiday's name in Chinese and English. English is the Chinese text where no translation is known. */
export interface HolidayName {
  zh: string;
  en: string;
}

export interface DayInfo {
  date: IsoDate;
  kind: DayKind;
  /** Whether reminders may go out: `workday` and `swapped-workday`. */
  working: boolean;
  /** For `holiday` and `swapped-workday`: the holiday the day belongs to (国庆节 / National Day). */
  holiday?: HolidayName;
  coverage: Coverage;
  /** True when the year has no data and the answer is a plain-weekend guess (coverage `none`). */
  fallback: boolean;
}

/** A date answer (next working day, N working days later), saying whether any day behind it was guessed. */
export interface DateAnswer {
  date: IsoDate;
  /** True when a day walked over to reach `date` lies in a year without data. */
  fallback: boolean;
}

/** A count answer (working days left), saying whether any day counted or skipped was guessed. */
export interface CountAnswer {
  count: number;
  /** True when a day in the counted span lies in a year without data. */
  fallback: boolean;
}

export interface NamedDate {
  date: IsoDate;
  name: string;
}

/**
 * One year's official schedule, loaded by an admin from the State Council's notice
 * (国务院办公厅关于某年部分节假日安排的通知). It replaces the package's data for that year
 * entirely: dates of the year not listed are plain weekdays and weekends.
 */
export interface YearOverride {
  year: number;
  /** Days off (放假), weekends inside a holiday period included or not: either way they are off. */
  holidays: NamedDate[];
  /** Swapped working weekend days (调休上班): each is a Saturday or a Sunday. */
  workdays: NamedDate[];
}

/** One year's holidays and swapped workdays, from whichever source, ready for look-ups. */
export interface YearSchedule {
  year: number;
  holidays: ReadonlyMap<IsoDate, HolidayName>;
  workdays: ReadonlyMap<IsoDate, HolidayName>;
}
