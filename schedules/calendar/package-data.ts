/**
 * The holiday data of the `chinese-days` npm package, as year schedules.
 *
 * Only the package's JSON is used, never its functions: they parse dates into JS Dates and
 * read the weekday in the server's zone, so under TZ=America/Los_Angeles they call
 * Saturday 2025-12-06 a working day. The JSON is plain date strings and zone-free.
 *
 * Its shape (`{holidays, workdays, inLieuDays}`, each `{"2025-10-01": "National Day,国庆节,3"}`)
 * is checked on first use: if an upgrade changes it, the calendar fails loudly rather than
 * silently treating every year as uncovered. `inLieuDays` (holidays that are paid back by a
 * swapped workday) is not needed: a holiday is off either way.
 *
 * Days are filed under the year they fall in. A notice can reach back a few days into the
 * previous year (the 2023 notice made 2022-12-31 a holiday, the 2012 notice made
 * 2011-12-31 a working Saturday), so a year's data can hold another notice's days. A year
 * counts as covered only when it has a holiday before December: every notice gives its own
 * year's Spring Festival (January or February), so a year whose only entries are such
 * late-December spill-overs has no notice of its own and is left uncovered.
 */
import packageData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { readIsoDate } from './calendar-date';
import { nameFromPackage } from './holiday-names';
import type { HolidayName, IsoDate, YearSchedule } from './types';

type DateTable = Map<IsoDate, HolidayName>;

function readTable(value: unknown, field: string): Array<[IsoDate, HolidayName]> {
  if (typeof value !== 'object' || value === null) {
    throw new Error(`chinese-days data: "${field}" is not an object; has the package's format changed?`);
  }
  return Object.entries(value).map(([date, label]): [IsoDate, HolidayName] => {
    // "National Day,国庆节,3": English, Chinese, the holiday's statutory length.
    const [en, zh] = typeof label === 'string' ? label.split(',') : [];
    if (!readIsoDate(date) || en === undefined || zh === undefined) {
      throw new Error(`chinese-days data: unreadable "${field}" entry ${date}: ${JSON.stringify(label)}`);
    }
    return [date, nameFromPackage(en, zh)];
  });
}

/** The package's JSON (`dist/chinese-days.json`) as year schedules; exported for tests of its checks. */
export function schedulesFromPackageJson(data: unknown): Map<number, YearSchedule> {
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const byYear = new Map<number, { holidays: DateTable; workdays: DateTable }>();
  const yearTables = (date: IsoDate) => {
    const year = Number(date.slice(0, 4));
    let tables = byYear.get(year);
    if (!tables) {
      tables = { holidays: new Map(), workdays: new Map() };
      byYear.set(year, tables);
    }
    return tables;
  };
  for (const [date, name] of readTable(record.holidays, 'holidays')) yearTables(date).holidays.set(date, name);
  for (const [date, name] of readTable(record.workdays, 'workdays')) yearTables(date).workdays.set(date, name);

  const schedules = new Map<number, YearSchedule>();
  for (const [year, tables] of byYear) {
    const hasOwnNotice = [...tables.holidays.keys()].some((date) => date.slice(5, 7) !== '12');
    if (hasOwnNotice) schedules.set(year, { year, ...tables });
  }
  return schedules;
}

let cached: ReadonlyMap<number, YearSchedule> | undefined;

/** The package's schedules by year, read once. */
export function packageSchedules(): ReadonlyMap<number, YearSchedule> {
  cached ??= schedulesFromPackageJson(packageData);
  return cached;
}

/** The years the package has data for, ascending (2004–2026 in chinese-days 1.5.7). */
export function packageYears(): number[] {
  return [...packageSchedules().keys()].sort((a, b) => a - b);
}
