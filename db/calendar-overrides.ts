/**
 * A year's official holiday schedule as an admin loaded it (/calendar): its holidays and
 * working weekends (调休) over the built-in calendar's, with the notice they were read from.
 * Loading a year again replaces it; one transaction with its audit entry.
 */
import type { DB } from './index';
import { calendarOverrides } from './schema';
import { recordAudit, type Actor } from './audit-log';

export interface OfficialDays {
  holidays: { date: string; name: string }[];
  workdays: { date: string; name: string }[];
}

/** The year's schedule, read from `source` (the notice's text), loaded by `actor`. */
export function loadCalendarOverride(
  db: DB,
  year: number,
  days: OfficialDays,
  source: string,
  { actor, now }: { actor: Actor; now: Date },
): void {
  db.transaction(() => {
    const values = { holidays: days.holidays, workdays: days.workdays, source, loadedBy: actor.personId, updatedAt: now };
    db.insert(calendarOverrides)
      .values({ year, ...values, createdAt: now })
      .onConflictDoUpdate({ target: calendarOverrides.year, set: values })
      .run();
    recordAudit(db, {
      at: now,
      actor,
      action: 'calendar.load',
      subject: `year:${year}`,
      details: { holidays: days.holidays.length, workdays: days.workdays.length },
    });
  });
}
