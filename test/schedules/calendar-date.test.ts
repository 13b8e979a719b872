import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, compareDates, isoWeekday, readIsoDate, toDateParts } from '../../schedules/calendar/calendar-date';

describe('calendar dates', () => {
  it('agree with luxon on every month’s length and first weekday from 1899 to 2101', () => {
    // Crosses 1900 and 2100 (not leap years), 2000 (a leap year) and 1970 (day 0).
    const mine: string[] = [];
    const luxons: string[] = [];
    let date = '1899-01-01';
    for (let month = DateTime.utc(1899, 1, 1); month.year <= 2101; month = month.plus({ months: 1 })) {
      const next = addDays(date, month.daysInMonth!);
      mine.push(`${date} ${isoWeekday(date)} → ${next}`);
      luxons.push(`${month.toFormat('yyyy-MM-dd')} ${month.weekday} → ${month.plus({ months: 1 }).toFormat('yyyy-MM-dd')}`);
      date = next;
    }
    expect(mine).toHaveLength(203 * 12);
    expect(mine).toEqual(luxons);
  });

  it('step one day at a time across month, year and leap-day ends', () => {
    let date = '1999-12-25';
    for (let expected = DateTime.utc(1999, 12, 25); expected.year <= 2001; expected = expected.plus({ days: 1 })) {
      expect(date).toBe(expected.toFormat('yyyy-MM-dd'));
      date = addDays(date, 1);
    }
  });

  it('add and subtract many days at once', () => {
    expect(addDays('2025-09-30', 7)).toBe('2025-10-07');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('1970-01-01', -1)).toBe('1969-12-31');
    expect(addDays('2000-01-01', 36_524)).toBe('2099-12-31');
    expect(addDays('2099-12-31', -36_524)).toBe('2000-01-01');
  });

  it('add months, a day past the month’s end becoming its last day', () => {
    expect(addMonths('2026-12-01', 3)).toBe('2027-03-01');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-06-15', 0)).toBe('2026-06-15');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-12-31', 25)).toBe('2029-01-31');
  });

  it('read only real YYYY-MM-DD dates', () => {
    expect(readIsoDate('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    for (const bad of ['2025-02-29', '1900-02-29', '2025-04-31', '2025-00-10', '2025-1-10', '2025-01-10 ', '0999-01-01']) {
      expect(readIsoDate(bad), bad).toBeNull();
      expect(() => toDateParts(bad), bad).toThrow(RangeError);
    }
    expect(() => addDays('9999-12-31', 1)).toThrow(RangeError);
  });

  it('compare as the calendar orders them', () => {
    expect(compareDates('2025-09-30', '2025-10-01')).toBeLessThan(0);
    expect(compareDates('2025-10-01', '2025-10-01')).toBe(0);
    expect(compareDates('2026-01-01', '2025-12-31')).toBeGreaterThan(0);
  });
});
