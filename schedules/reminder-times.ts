/**
 * When the reminders of one due day go out: pure, from (due moment, policy, calendar).
 *
 * - `before-N`: N working days before the due day, at the start of working hours.
 * - `due`: on the due day; when the due day is no working day (a holiday, a weekend), on the
 *   last working day before it.
 * - `overdue`: the first working day after the due day.
 * Two reminders landing on the same day (a due day on a holiday pulls `due` onto `before-1`)
 * become one: the later kind, which says more.
 */
import { DateTime } from 'luxon';
import { PLAN_ZONE } from '../plans/due-dates';
import type { WorkingDayCalendar } from './calendar';
import type { ReminderPolicy } from './policy';
import type { ReminderKind } from '../core/outbox-kind';

export type { ReminderKind };

export interface ScheduledReminder {
  kind: ReminderKind;
  /** The working day it goes out on, YYYY-MM-DD in Shanghai. */
  day: string;
  /** When it may be sent: the start of working hours that day. */
  at: DateTime;
}

function atTime(day: string, time: string): DateTime {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return DateTime.fromISO(day, { zone: PLAN_ZONE }).set({ hour, minute, second: 0, millisecond: 0 });
}

/** The last working day on or before `day`. */
function workingDayOnOrBefore(calendar: WorkingDayCalendar, day: string): string {
  return calendar.isWorkingDay(day) ? day : calendar.previousWorkingDay(day).date;
}

/** N working days before `day` (the due day itself is not counted). */
function workingDaysBefore(calendar: WorkingDayCalendar, day: string, n: number): string {
  let current = day;
  for (let i = 0; i < n; i++) current = calendar.previousWorkingDay(current).date;
  return current;
}

export function reminderSchedule(due: DateTime, policy: ReminderPolicy, calendar: WorkingDayCalendar): ScheduledReminder[] {
  const dueDay = due.setZone(PLAN_ZONE).toISODate()!;
  const planned: { kind: ReminderKind; day: string }[] = [];
  for (const n of [...policy.beforeWorkingDays].sort((a, b) => b - a)) {
    planned.push({ kind: `before-${n}`, day: workingDaysBefore(calendar, dueDay, n) });
  }
  if (policy.onDueDay) planned.push({ kind: 'due', day: workingDayOnOrBefore(calendar, dueDay) });
  if (policy.overdue) planned.push({ kind: 'overdue', day: calendar.nextWorkingDay(dueDay).date });

  // One reminder a day: a later kind replaces an earlier one on the same day.
  const byDay = new Map<string, ReminderKind>();
  for (const reminder of planned) byDay.set(reminder.day, reminder.kind);
  return [...byDay]
    .map(([day, kind]) => ({ kind, day, at: atTime(day, policy.workStart) }))
    .sort((a, b) => a.at.toMillis() - b.at.toMillis());
}

/**
 * The first instant at or after `now` when a reminder may go out: now, if it is a working day
 * within working hours; else the start of the next working day's hours.
 */
export function nextSendableInstant(now: DateTime, policy: ReminderPolicy, calendar: WorkingDayCalendar): DateTime {
  const local = now.setZone(PLAN_ZONE);
  const today = local.toISODate()!;
  if (calendar.isWorkingDay(today)) {
    const start = atTime(today, policy.workStart);
    const end = atTime(today, policy.workEnd);
    if (local < start) return start;
    if (local < end) return local;
  }
  return atTime(calendar.nextWorkingDay(today).date, policy.workStart);
}
