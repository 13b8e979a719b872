import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { createCalendar, packageYears, type DayKind, type YearOverride } from '../../schedules/calendar';

const calendar = createCalendar();

/** Every date of a year, computed apart from the calendar's own date code. */
function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let day = DateTime.utc(year, 1, 1); day.year === year; day = day.plus({ days: 1 })) {
    dates.push(day.toFormat('yyyy-MM-dd'));
  }
  return dates;
}

function range(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let day = DateTime.fromISO(from, { zone: 'utc' }); day.toFormat('yyyy-MM-dd') <= to; day = day.plus({ days: 1 })) {
    dates.push(day.toFormat('yyyy-MM-dd'));
  }
  return dates;
}

/** What an official notice makes of every day of its year: its days off and working weekends, weekends and weekdays otherwise. */
function expectedKinds(year: number, holidays: string[], workdays: string[]): Array<[string, DayKind]> {
  return datesOf(year).map((date) => {
    if (holidays.includes(date)) return [date, 'holiday'];
    if (workdays.includes(date)) return [date, 'swapped-workday'];
    return [date, DateTime.fromISO(date, { zone: 'utc' }).weekday >= 6 ? 'weekend' : 'workday'];
  });
}

describe('the chinese-days data', () => {
  it('covers 2004 to 2026 without gaps', () => {
    expect(packageYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(calendar.coverage(2004)).toBe('package');
    expect(calendar.coverage(2026)).toBe('package');
    expect(calendar.coverage(2003)).toBe('none');
    expect(calendar.coverage(2027)).toBe('none');
  });

  it('gives every day of 2025 as the State Council notice of 12 November 2024 does', () => {
    const holidays = [
      '2025-01-01',
      ...range('2025-01-28', '2025-02-04'),
      ...range('2025-04-04', '2025-04-06'),
      ...range('2025-05-01', '2025-05-05'),
      ...range('2025-05-31', '2025-06-02'),
      ...range('2025-10-01', '2025-10-08'),
    ];
    const workdays = ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'];
    const actual = datesOf(2025).map((date): [string, DayKind] => [date, calendar.kindOf(date).kind]);
    expect(actual).toEqual(expectedKinds(2025, holidays, workdays));
  });

  it('gives every day of 2026 as the State Council notice of 4 November 2025 does', () => {
    const holidays = [
      ...range('2026-01-01', '2026-01-03'),
      ...range('2026-02-15', '2026-02-23'),
      ...range('2026-04-04', '2026-04-06'),
      ...range('2026-05-01', '2026-05-05'),
      ...range('2026-06-19', '2026-06-21'),
      ...range('2026-09-25', '2026-09-27'),
      ...range('2026-10-01', '2026-10-07'),
    ];
    const workdays = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];
    const actual = datesOf(2026).map((date): [string, DayKind] => [date, calendar.kindOf(date).kind]);
    expect(actual).toEqual(expectedKinds(2026, holidays, workdays));
  });
});

describe('kindOf and isWorkingDay', () => {
  it('knows the 2025 National Day and Mid-Autumn holiday and its swapped weekends', () => {
    for (const date of range('2025-10-01', '2025-10-08')) {
      expect(calendar.isWorkingDay(date), date).toBe(false);
      expect(calendar.kindOf(date).kind, date).toBe('holiday');
    }
    expect(calendar.kindOf('2025-10-01')).toEqual({
      date: '2025-10-01',
      kind: 'holiday',
      working: false,
      holiday: { zh: '国庆节', en: 'National Day' },
      coverage: 'package',
      fallback: false,
    });
    // The package spells it 中秋; the notices and this calendar write 中秋节.
    expect(calendar.kindOf('2025-10-06').holiday).toEqual({ zh: '中秋节', en: 'Mid-autumn Festival' });
    expect(calendar.kindOf('2025-09-28')).toMatchObject({ kind: 'swapped-workday', working: true, holiday: { zh: '国庆节' } });
    expect(calendar.kindOf('2025-10-11')).toMatchObject({ kind: 'swapped-workday', working: true });
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // a Sunday
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // a Saturday
    expect(calendar.kindOf('2025-09-30')).toMatchObject({ kind: 'workday', working: true });
    expect(calendar.kindOf('2025-10-09')).toMatchObject({ kind: 'workday', working: true });
    expect(calendar.kindOf('2025-10-12')).toMatchObject({ kind: 'weekend', working: false });
    expect(calendar.kindOf('2025-10-12').holiday).toBeUndefined();
  });

  it('knows the 2026 Spring Festival: 15–23 February off, Saturdays 14 and 28 February worked', () => {
    for (const date of range('2026-02-15', '2026-02-23')) {
      expect(calendar.kindOf(date), date).toMatchObject({ kind: 'holiday', holiday: { zh: '春节', en: 'Spring Festival' } });
    }
    expect(calendar.kindOf('2026-02-14')).toMatchObject({ kind: 'swapped-workday', holiday: { zh: '春节' } });
    expect(calendar.kindOf('2026-02-28')).toMatchObject({ kind: 'swapped-workday', holiday: { zh: '春节' } });
    expect(calendar.kindOf('2026-02-13').kind).toBe('workday');
    expect(calendar.kindOf('2026-02-24').kind).toBe('workday');
    expect(calendar.kindOf('2026-02-21').kind).toBe('holiday'); // a Saturday inside the holiday
  });

  it('files a notice’s reach into the year before under the day’s own year (2023 notice: 2022-12-31 off)', () => {
    expect(calendar.kindOf('2022-12-31')).toMatchObject({ kind: 'holiday', holiday: { zh: '元旦' }, coverage: 'package' });
    expect(calendar.kindOf('2011-12-31')).toMatchObject({ kind: 'swapped-workday', holiday: { zh: '元旦' } });
  });

  it('refuses anything but a real YYYY-MM-DD date', () => {
    for (const bad of ['2025-02-29', '2025-13-01', '2025-9-1', '2025-09-01T00:00:00', '', '20250901']) {
      expect(() => calendar.kindOf(bad), bad).toThrow(RangeError);
    }
    expect(calendar.kindOf('2024-02-29').kind).toBe('workday'); // a leap day, a Thursday
  });
});

describe('nextWorkingDay and previousWorkingDay', () => {
  it('step over a holiday, strictly after or before the date given', () => {
    expect(calendar.nextWorkingDay('2025-09-30')).toEqual({ date: '2025-10-09', fallback: false });
    expect(calendar.nextWorkingDay('2025-10-03')).toEqual({ date: '2025-10-09', fallback: false });
    expect(calendar.nextWorkingDay('2025-10-09').date).toBe('2025-10-10');
    expect(calendar.nextWorkingDay('2025-10-10').date).toBe('2025-10-11'); // the swapped Saturday
    expect(calendar.nextWorkingDay('2025-10-11').date).toBe('2025-10-13');
  });

  it('go back from a holiday to the last working day before it', () => {
    expect(calendar.previousWorkingDay('2025-10-05')).toEqual({ date: '2025-09-30', fallback: false });
    expect(calendar.previousWorkingDay('2025-10-09').date).toBe('2025-09-30');
    expect(calendar.previousWorkingDay('2025-09-29').date).toBe('2025-09-28'); // the swapped Sunday
    expect(calendar.previousWorkingDay('2026-02-24').date).toBe('2026-02-14');
    expect(calendar.previousWorkingDay('2026-01-05').date).toBe('2026-01-04'); // 元旦's swapped Sunday
  });
});

describe('addWorkingDays', () => {
  it('counts from the day after the event: 2025-09-30 + 7 working days is 2025-10-16', () => {
    // 10-01…10-08 off; 10-09 (1), 10-10 (2), Saturday 10-11 worked (3), 10-13…10-16 (4…7).
    expect(calendar.addWorkingDays('2025-09-30', 7)).toEqual({ date: '2025-10-16', fallback: false });
    expect(calendar.addWorkingDays('2025-09-30', 1).date).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2025-09-30', 3).date).toBe('2025-10-11');
    expect(calendar.addWorkingDays('2025-09-30', 4).date).toBe('2025-10-13');
  });

  it('does not count the event day, even when the event falls on a holiday', () => {
    expect(calendar.addWorkingDays('2025-10-03', 1).date).toBe('2025-10-09');
    expect(calendar.addWorkingDays('2025-10-09', 1).date).toBe('2025-10-10');
  });

  it('gives the event day itself for n = 0', () => {
    expect(calendar.addWorkingDays('2025-10-03', 0)).toEqual({ date: '2025-10-03', fallback: false });
  });

  it('crosses the 2026 Spring Festival', () => {
    expect(calendar.addWorkingDays('2026-02-13', 1).date).toBe('2026-02-14');
    expect(calendar.addWorkingDays('2026-02-13', 2).date).toBe('2026-02-24');
    expect(calendar.addWorkingDays('2026-02-12', 7).date).toBe('2026-02-28'); // the second swapped Saturday
  });

  it('refuses a negative, fractional or huge n', () => {
    for (const n of [-1, 1.5, Number.NaN, 10_001]) {
      expect(() => calendar.addWorkingDays('2025-09-30', n), String(n)).toThrow(RangeError);
    }
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days in (a, b]', () => {
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-16')).toEqual({ count: 7, fallback: false });
    expect(calendar.workingDaysBetween('2025-09-30', '2025-10-08').count).toBe(0);
    expect(calendar.workingDaysBetween('2025-09-26', '2025-09-30').count).toBe(3); // Sunday 28th worked, 29th, 30th
    expect(calendar.workingDaysBetween('2025-10-16', '2025-10-16').count).toBe(0);
  });

  it('is negative when b is before a (an overdue deadline)', () => {
    expect(calendar.workingDaysBetween('2025-10-16', '2025-09-30')).toEqual({ count: -7, fallback: false });
  });

  it('undoes addWorkingDays from any start, working day or not', () => {
    for (const start of ['2025-09-26', '2025-09-30', '2025-10-04', '2026-02-13', '2026-09-19']) {
      for (let n = 0; n <= 25; n++) {
        const end = calendar.addWorkingDays(start, n).date;
        expect(calendar.workingDaysBetween(start, end).count, `${start} + ${n}`).toBe(n);
      }
    }
  });
});

describe('a year without data', () => {
  it('is answered with plain weekends, and says so', () => {
    expect(calendar.coverage(2035)).toBe('none');
    // 2035-10-01 is a Monday: National Day, surely, but no one has published 2035's schedule.
    expect(calendar.kindOf('2035-10-01')).toEqual({
      date: '2035-10-01',
      kind: 'workday',
      working: true,
      coverage: 'none',
      fallback: true,
    });
    expect(calendar.kindOf('2035-10-06')).toMatchObject({ kind: 'weekend', working: false, fallback: true });
    expect(calendar.nextWorkingDay('2035-10-05')).toEqual({ date: '2035-10-08', fallback: true });
    expect(calendar.previousWorkingDay('2035-10-08')).toEqual({ date: '2035-10-05', fallback: true });
    expect(calendar.workingDaysBetween('2035-09-28', '2035-10-12')).toEqual({ count: 10, fallback: true });
  });

  it('flags a count that runs into it from a covered year', () => {
    // 12-31 (1), then 2027: 01-01 (2, though surely 元旦), 01-04 (3).
    expect(calendar.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-04', fallback: true });
    expect(calendar.addWorkingDays('2026-12-28', 3)).toEqual({ date: '2026-12-31', fallback: false });
    expect(calendar.workingDaysBetween('2026-12-30', '2027-01-04')).toEqual({ count: 3, fallback: true });
    expect(calendar.nextWorkingDay('2026-12-31')).toEqual({ date: '2027-01-01', fallback: true });
  });

  it('is listed by missingYears when the window touches it', () => {
    expect(calendar.missingYears('2026-06-01', 6)).toEqual([]);
    expect(calendar.missingYears('2026-06-01', 7)).toEqual([2027]);
    expect(calendar.missingYears('2026-12-01', 3)).toEqual([2027]);
    expect(calendar.missingYears('2026-12-01', 30)).toEqual([2027, 2028, 2029]);
    expect(calendar.missingYears('2027-03-15', 0)).toEqual([2027]);
    expect(() => calendar.missingYears('2026-12-01', -1)).toThrow(RangeError);
  });
});

describe('admin overrides', () => {
  const national2025: YearOverride = {
    year: 2025,
    holidays: [{ date: '2025-10-01', name: '国庆节' }],
    workdays: [{ date: '2025-10-12', name: '国庆节' }],
  };

  it('replace the package’s data for their year entirely', () => {
    const overridden = createCalendar({ overrides: [national2025] });
    expect(overridden.coverage(2025)).toBe('override');
    expect(overridden.kindOf('2025-10-01')).toMatchObject({
      kind: 'holiday',
      holiday: { zh: '国庆节', en: 'National Day' },
      coverage: 'override',
      fallback: false,
    });
    // Package holidays and swapped days of 2025 are gone, not merged.
    expect(overridden.kindOf('2025-10-02').kind).toBe('workday');
    expect(overridden.kindOf('2025-01-28').kind).toBe('workday');
    expect(overridden.kindOf('2025-09-28').kind).toBe('weekend');
    expect(overridden.kindOf('2025-10-12').kind).toBe('swapped-workday');
    expect(overridden.addWorkingDays('2025-09-30', 7).date).toBe('2025-10-10');
    // Other years still come from the package.
    expect(overridden.coverage(2026)).toBe('package');
    expect(overridden.kindOf('2026-02-16').kind).toBe('holiday');
    // The calendar built before is untouched.
    expect(calendar.kindOf('2025-10-02').kind).toBe('holiday');
  });

  it('cover a year the package lacks, and take it off the missing list', () => {
    const with2027 = createCalendar({
      overrides: [{ year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] }],
    });
    expect(with2027.coverage(2027)).toBe('override');
    expect(with2027.kindOf('2027-01-01')).toMatchObject({ kind: 'holiday', fallback: false, holiday: { en: "New Year's Day" } });
    expect(with2027.addWorkingDays('2026-12-30', 3)).toEqual({ date: '2027-01-05', fallback: false });
    expect(with2027.missingYears('2026-12-01', 3)).toEqual([]);
    expect(with2027.missingYears('2026-12-01', 13)).toEqual([2028]);
  });

  it('translate the names they know and keep the others in Chinese', () => {
    const named = createCalendar({
      overrides: [
        {
          year: 2030,
          holidays: [
            { date: '2030-10-01', name: '国庆节、中秋节' },
            { date: '2030-09-03', name: '纪念日' },
          ],
          workdays: [],
        },
      ],
    });
    expect(named.kindOf('2030-10-01').holiday).toEqual({ zh: '国庆节、中秋节', en: 'National Day, Mid-autumn Festival' });
    expect(named.kindOf('2030-09-03').holiday).toEqual({ zh: '纪念日', en: '纪念日' });
  });

  it('are refused when unsound, with every problem named', () => {
    const bad = (override: YearOverride) => () => createCalendar({ overrides: [override] });
    expect(bad({ year: 2027, holidays: [], workdays: [{ date: '2027-01-04', name: '元旦' }] })).toThrow(
      /2027-01-04 is not a Saturday or Sunday/,
    );
    expect(bad({ year: 2027, holidays: [{ date: '2026-12-31', name: '元旦' }], workdays: [] })).toThrow(/2026-12-31 is not in 2027/);
    expect(bad({ year: 2027, holidays: [{ date: '2027-02-30', name: '春节' }], workdays: [] })).toThrow(/not a calendar date/);
    expect(
      bad({
        year: 2027,
        holidays: [{ date: '2027-01-02', name: '元旦' }],
        workdays: [{ date: '2027-01-02', name: '元旦' }],
      }),
    ).toThrow(/both a holiday and a workday/);
    expect(() => createCalendar({ overrides: [national2025, national2025] })).toThrow(/2025: more than one override/);
  });
});

describe('the server’s time zone', () => {
  const original = process.env.TZ;
  afterEach(() => {
    process.env.TZ = original;
  });

  // Node applies a changed TZ at once; the package's own functions get these wrong in Los Angeles.
  for (const zone of ['America/Los_Angeles', 'Pacific/Kiritimati', 'UTC', 'Asia/Shanghai']) {
    it(`changes no answer in ${zone}`, () => {
      process.env.TZ = zone;
      const inZone = createCalendar();
      expect(inZone.kindOf('2025-12-06').kind).toBe('weekend');
      expect(inZone.kindOf('2025-09-28').kind).toBe('swapped-workday');
      expect(inZone.kindOf('2025-10-09').kind).toBe('workday');
      expect(inZone.addWorkingDays('2025-09-30', 7).date).toBe('2025-10-16');
      expect(inZone.previousWorkingDay('2026-01-01').date).toBe('2025-12-31');
      expect(inZone.missingYears('2026-12-31', 0)).toEqual([]);
    });
  }
});
