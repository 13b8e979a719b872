/**
 * Warns admins of a coming year the holiday calendar has no data for, so nothing is guessed
 * silently: one notice per admin and year, planned when that year is within the next six
 * weeks — by 20 November at the latest for the coming January. Until the year is loaded the
 * calendar answers with plain weekends; the notice says so.
 */
import { DateTime } from 'luxon';
import type { DB } from '../../db';
import { PLAN_ZONE } from '../../core/zone';
import type { WorkingDayCalendar } from '../calendar';
import { DEFAULT_POLICY } from '../policy';
import { adminsOf } from '../recipients';
import { nextSendableInstant } from '../reminder-times';
import { enqueue } from '../enqueue';
import type { Notice } from './notice';

export const WARN_WEEKS_AHEAD = 6;

export const calendarMissingNotice: Notice<'calendar-missing'> = {
  grouping: 'alone',
  render({ calendar, t }, [row]) {
    const { year } = row!.payload;
    // Loaded since the warning was planned: nothing to say any more.
    if (calendar.coverage(year) !== 'none') return null;
    return { text: t('reminder-calendar-missing', { year: String(year) }), keyboard: null };
  },
  plan: ({ db, calendar, now, admins }) => planCalendarWarnings(db, calendar, now, admins),
};

export function planCalendarWarnings(db: DB, calendar: WorkingDayCalendar, now: Date, configAdmins: readonly number[]): number {
  const today = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  const horizon = today.plus({ weeks: WARN_WEEKS_AHEAD });
  const missing: number[] = [];
  for (let year = today.year; year <= horizon.year; year++) if (calendar.coverage(year) === 'none') missing.push(year);
  if (missing.length === 0) return 0;
  const admins = adminsOf(db, configAdmins);
  let planned = 0;
  for (const year of missing) {
    for (const { personId, chatId } of admins) {
      planned += enqueue(
        db,
        {
          key: { kind: 'calendar-missing', personId, year },
          personId,
          chatId,
          sendAfter: nextSendableInstant(today, DEFAULT_POLICY, calendar).toJSDate(),
          payload: { year },
        },
        now,
      );
    }
  }
  return planned;
}
