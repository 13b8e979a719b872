/**
 * Admin overrides (a year's official schedule) checked and turned into year schedules.
 *
 * Overrides arrive from the database, where the parser's output was stored; a bad one is a
 * bug or a hand-edited row, so `createCalendar` refuses it outright rather than answering
 * from half a schedule.
 */
import { isWeekend, readIsoDate } from './calendar-date';
import { nameFromChinese } from './holiday-names';
import type { HolidayName, IsoDate, YearOverride, YearSchedule } from './types';

/** What is wrong with an override, one sentence per problem; empty when it is sound. */
export function overrideProblems(override: YearOverride): string[] {
  const { year } = override;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) return [`year ${year} is not a four-digit year`];

  const problems: string[] = [];
  const seen = new Map<IsoDate, 'holiday' | 'workday'>();
  const check = (date: IsoDate, name: string, kind: 'holiday' | 'workday') => {
    const parts = readIsoDate(date);
    if (!parts) return void problems.push(`${kind} ${JSON.stringify(date)} is not a calendar date (YYYY-MM-DD)`);
    if (parts.year !== year) return void problems.push(`${kind} ${date} is not in ${year}`);
    if (name.trim() === '') problems.push(`${kind} ${date} has no name`);
    if (kind === 'workday' && !isWeekend(date)) problems.push(`workday ${date} is not a Saturday or Sunday`);
    const earlier = seen.get(date);
    if (earlier !== undefined && earlier !== kind) problems.push(`${date} is both a holiday and a workday`);
    seen.set(date, kind);
  };
  for (const { date, name } of override.holidays) check(date, name, 'holiday');
  for (const { date, name } of override.workdays) check(date, name, 'workday');
  return problems;
}

/** The override as a year schedule. Assumes `overrideProblems` found nothing. */
export function scheduleFromOverride(override: YearOverride): YearSchedule {
  const table = (entries: YearOverride['holidays']) =>
    new Map<IsoDate, HolidayName>(entries.map(({ date, name }) => [date, nameFromChinese(name)]));
  return { year: override.year, holidays: table(override.holidays), workdays: table(override.workdays) };
}
