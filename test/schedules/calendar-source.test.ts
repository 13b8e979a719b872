/**
 * calendarSource (schedules/scheduler.ts): the calendar every /report list and every tick asks
 * for is kept between calls, and never served stale once an admin has loaded a year.
 */
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/db';
import { calendarSource } from '../../schedules/scheduler';
import { loadCalendarOverride } from '../../db/calendar-overrides';
import { ManualClock } from '../../core/clock';

const actor = { personId: null, label: 'admin' };
/** A Tuesday and a Saturday of a year no package data covers; the loads below turn them round. */
const TUESDAY = '2031-03-04';
const SATURDAY = '2031-03-08';
const swapped = { holidays: [{ date: TUESDAY, name: '调休' }], workdays: [{ date: SATURDAY, name: '调休' }] };

function setUp() {
  const { db } = freshDatabase();
  return { db, clock: new ManualClock(new Date('2031-01-05T02:00:00Z')), calendar: calendarSource(db) };
}

describe('calendarSource', () => {
  it('gives the same calendar while no year is loaded', () => {
    const { calendar } = setUp();
    const first = calendar();
    expect(calendar()).toBe(first);
    expect(first.isWorkingDay(TUESDAY)).toBe(true);
    expect(first.isWorkingDay(SATURDAY)).toBe(false);
  });

  it('gives the loaded year’s days at the next call after an admin loads it, and keeps that calendar', () => {
    const { db, clock, calendar } = setUp();
    const before = calendar();
    clock.advance(60_000);
    loadCalendarOverride(db, 2031, swapped, 'notice', { actor, now: clock.now() });
    const after = calendar();
    expect(after).not.toBe(before);
    expect(after.isWorkingDay(TUESDAY)).toBe(false);
    expect(after.isWorkingDay(SATURDAY)).toBe(true);
    expect(calendar()).toBe(after);
  });

  it('sees a year loaded again with other days, and a second year loaded in the same millisecond as the first', () => {
    const { db, clock, calendar } = setUp();
    loadCalendarOverride(db, 2031, swapped, 'notice', { actor, now: clock.now() });
    expect(calendar().isWorkingDay(TUESDAY)).toBe(false);
    // Another year at the very same instant (a manual clock, or two loads within a millisecond).
    loadCalendarOverride(db, 2032, { holidays: [{ date: '2032-03-02', name: '调休' }], workdays: [] }, 'notice', {
      actor,
      now: clock.now(),
    });
    expect(calendar().isWorkingDay('2032-03-02')).toBe(false);
    clock.advance(1);
    loadCalendarOverride(db, 2031, { holidays: [], workdays: [] }, 'corrected', { actor, now: clock.now() });
    expect(calendar().isWorkingDay(TUESDAY)).toBe(true);
    expect(calendar().isWorkingDay(SATURDAY)).toBe(false);
  });
});
