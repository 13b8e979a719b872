/**
 * The Chinese working-day calendar: public holidays, weekends and swapped working weekends
 * (调休), from the `chinese-days` package or an admin's official schedule. Pure logic.
 */
export { createCalendar, type CalendarOptions, type WorkingDayCalendar } from './working-day-calendar';
export { parseOfficialSchedule, type ParsedSchedule, type ScheduleError, type ScheduleErrorCode } from './official-schedule';
export { packageYears } from './package-data';
export type { Coverage, CountAnswer, DateAnswer, DayInfo, DayKind, HolidayName, IsoDate, NamedDate, YearOverride } from './types';
