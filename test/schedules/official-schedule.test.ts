import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  createCalendar,
  parseOfficialSchedule,
  type ParsedSchedule,
  type ScheduleError,
  type YearOverride,
} from '../../schedules/calendar';

/** The notice for 2026 (国办发明电, 4 November 2025) as published, with its title, address and signature. */
const NOTICE_2026 = `国务院办公厅关于2026年部分节假日安排的通知
各省、自治区、直辖市人民政府，国务院各部委、各直属机构：
　　经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
　　一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
　　二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
　　三、清明节：4月4日（周六）至6日（周一）放假，共3天。
　　四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
　　五、端午节：6月19日（周五）至21日（周日）放假，共3天。
　　六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
　　七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
　　鼓励单位和个人结合落实带薪年休假等制度，实际形成较长假期，推动错峰出行。
国务院办公厅
2025年11月4日`;

/** The schedule lines of the notice for 2025 (12 November 2024). */
const NOTICE_2025 = `一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。`;

function override(result: ParsedSchedule): YearOverride {
  if (!result.ok) throw new Error(`expected a schedule, got ${JSON.stringify(result.errors)}`);
  return result.override;
}

function errors(result: ParsedSchedule): ScheduleError[] {
  if (result.ok) throw new Error(`expected errors, got ${JSON.stringify(result.override)}`);
  return result.errors;
}

const dates = (entries: Array<{ date: string }>) => entries.map((entry) => entry.date);

/** Every date of a year, apart from the calendar's own date code. */
function datesOf(year: number): string[] {
  const all: string[] = [];
  for (let day = DateTime.utc(year, 1, 1); day.year === year; day = day.plus({ days: 1 })) all.push(day.toFormat('yyyy-MM-dd'));
  return all;
}

describe('parseOfficialSchedule: the short form', () => {
  it('reads 休 and 上班 lines with ranges and lists', () => {
    const result = override(parseOfficialSchedule('元旦: 1月1日-1月3日 休\n春节: 2月15日-2月23日 休; 2月14日、2月28日 上班', 2026));
    expect(result.year).toBe(2026);
    expect(result.holidays).toEqual([
      { date: '2026-01-01', name: '元旦' },
      { date: '2026-01-02', name: '元旦' },
      { date: '2026-01-03', name: '元旦' },
      ...['15', '16', '17', '18', '19', '20', '21', '22', '23'].map((day) => ({ date: `2026-02-${day}`, name: '春节' })),
    ]);
    expect(result.workdays).toEqual([
      { date: '2026-02-14', name: '春节' },
      { date: '2026-02-28', name: '春节' },
    ]);
  });

  it.each([
    ['-', '国庆节: 10月1日-10月7日 休'],
    ['—', '国庆节：10月1日—10月7日 休'],
    ['——', '国庆节：10月1日——10月7日休'],
    ['~', '国庆节: 10月1日~10月7日 休'],
    ['～ (full width)', '国庆节：10月1日～10月7日 休'],
    ['至', '国庆节: 10月1日至10月7日 放假'],
    ['到', '国庆节: 10月1日到10月7日 休息'],
    ['a day-only end', '国庆节: 10月1日至7日放假调休'],
    ['号', '国庆节: 10月1号-7号 休'],
    ['the year written', '国庆节: 2026年10月1日至2026年10月7日 休'],
    ['numbering 七、', '七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。'],
    ['numbering (七)', '（七）国庆节: 10月1日-10月7日 休'],
    ['numbering 7.', '7. 国庆节: 10月1日-10月7日 休'],
    ['no colon', '国庆节 10月1日-10月7日 休'],
    ['full-width digits and spaces', '国庆节：１０月１日　至　１０月７日　休'],
  ])('reads a range written with %s', (_form, line) => {
    const result = override(parseOfficialSchedule(line, 2026));
    expect(dates(result.holidays)).toEqual(['01', '02', '03', '04', '05', '06', '07'].map((day) => `2026-10-${day}`));
    expect(result.holidays.every((entry) => entry.name === '国庆节')).toBe(true);
    expect(result.workdays).toEqual([]);
  });

  it.each([
    ['、', '劳动节: 5月1日-5月5日 休; 4月25日、5月9日 上班'],
    [', ', '劳动节: 5月1日-5月5日 休; 4月25日, 5月9日 上班'],
    ['，(full width)', '劳动节：5月1日-5月5日 休；4月25日，5月9日 上班'],
    ['和', '劳动节: 5月1日-5月5日 休。4月25日和5月9日 补班'],
    ['a day-only second item', '劳动节: 5月1日-5月5日 休; 4月25日、26日 上班'],
    ['one clause, no stop', '劳动节: 5月1日至5日放假，4月25日、5月9日上班'],
  ])('reads a list written with %s', (_form, line) => {
    // Not the real 2026 schedule: 4月25日 is a Saturday, so it can serve as a swapped day.
    const result = override(parseOfficialSchedule(line, 2026));
    expect(dates(result.holidays)).toEqual(['2026-05-01', '2026-05-02', '2026-05-03', '2026-05-04', '2026-05-05']);
    expect(dates(result.workdays)).toEqual(expect.arrayContaining(['2026-04-25']));
    expect(dates(result.workdays)).toHaveLength(2);
  });

  it('reads the weekday in brackets, 星期X or 周X, and lets a lunar date in brackets be', () => {
    const result = override(
      parseOfficialSchedule('春节：2月15日（农历腊月二十八、星期日）至2月23日(周一)放假。2月14日（星期六）、2月28日（礼拜六）上班', 2026),
    );
    expect(dates(result.holidays)).toHaveLength(9);
    expect(dates(result.workdays)).toEqual(['2026-02-14', '2026-02-28']);
  });

  it('reads 1月1日放假，与周末连休 (the 2024 wording) and 放假1天，不调休 (2025)', () => {
    expect(override(parseOfficialSchedule('一、元旦：1月1日放假，与周末连休。', 2024)).holidays).toEqual([
      { date: '2024-01-01', name: '元旦' },
    ]);
    expect(override(parseOfficialSchedule('元旦：1月1日（周三）放假1天，不调休。', 2025)).holidays).toEqual([
      { date: '2025-01-01', name: '元旦' },
    ]);
  });

  it('keeps a combined name as written', () => {
    const result = override(
      parseOfficialSchedule('国庆节、中秋节: 10月1日至10月8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班', 2020),
    );
    expect(result.holidays.map((entry) => entry.name)).toEqual(Array(8).fill('国庆节、中秋节'));
    expect(dates(result.holidays)[0]).toBe('2020-10-01');
    expect(dates(result.holidays)[7]).toBe('2020-10-08');
    expect(result.workdays).toEqual([
      { date: '2020-09-27', name: '国庆节、中秋节' },
      { date: '2020-10-10', name: '国庆节、中秋节' },
    ]);
  });
});

describe('parseOfficialSchedule: whole notices', () => {
  it('reads the 2026 notice pasted whole, skipping and listing its prose lines', () => {
    const result = parseOfficialSchedule(NOTICE_2026, 2026);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.skippedLines).toEqual([1, 2, 3, 11, 12, 13]);
    expect(result.override.holidays).toHaveLength(33);
    expect(dates(result.override.workdays)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it.each([
    [2026, NOTICE_2026],
    [2025, NOTICE_2025],
  ])('makes of %i exactly what the chinese-days package has', (year, notice) => {
    const fromNotice = createCalendar({ overrides: [override(parseOfficialSchedule(notice, year))] });
    const fromPackage = createCalendar();
    expect(fromNotice.coverage(year)).toBe('override');
    expect(fromPackage.coverage(year)).toBe('package');
    for (const date of datesOf(year)) {
      expect(fromNotice.kindOf(date).kind, date).toBe(fromPackage.kindOf(date).kind);
    }
  });

  it('gives the 2020 National Day line the days the package has for 2020', () => {
    const line = '国庆节、中秋节: 10月1日至10月8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班';
    const fromLine = createCalendar({ overrides: [override(parseOfficialSchedule(line, 2020))] });
    const fromPackage = createCalendar();
    for (let day = DateTime.utc(2020, 9, 20); day <= DateTime.utc(2020, 10, 20); day = day.plus({ days: 1 })) {
      const date = day.toFormat('yyyy-MM-dd');
      expect(fromLine.kindOf(date).kind, date).toBe(fromPackage.kindOf(date).kind);
    }
  });
});

describe('parseOfficialSchedule: errors', () => {
  it.each([[''], ['   \n\n　']])('refuses empty input %j', (text) => {
    expect(errors(parseOfficialSchedule(text, 2026))).toEqual([
      { line: null, code: 'empty-input', text: '', message: 'the text is empty' },
    ]);
  });

  it('refuses text in which no line gives a holiday period', () => {
    expect(errors(parseOfficialSchedule('国务院办公厅关于2026年部分节假日安排的通知\n国务院办公厅\n2025年11月4日', 2026))).toEqual([
      expect.objectContaining({ line: null, code: 'empty-input' }),
    ]);
  });

  it.each([
    ['春节: 2月30日 休', 'impossible-date', '2月30日', /no 2026-2-30/],
    ['春节: 2月29日 休', 'impossible-date', '2月29日', /no 2026-2-29/],
    ['春节: 13月1日 休', 'impossible-date', '13月1日', /no 2026-13-1/],
    ['国庆节: 10月32日 休', 'impossible-date', '10月32日', /no 2026-10-32/],
    ['国庆节: 10月8日至10月1日 休', 'backwards-range', '10月8日至10月1日', /ends before it starts/],
    ['春节: 1月28日至4日 休', 'backwards-range', '1月28日至4日', /ends before it starts/],
    ['春节: 2月16日 上班', 'workday-not-weekend', '2月16日', /2026-02-16 is a Monday/],
    ['元旦: 2025年12月31日 休', 'outside-year', '2025年12月31日', /in 2025, not in 2026/],
    ['元旦: 2027年1月1日 休', 'outside-year', '2027年1月1日', /in 2027, not in 2026/],
    ['春节: 2月14日(周日) 上班', 'weekday-mismatch', '2月14日(周日)', /2026-02-14 is a Saturday, not 周日/],
    ['国庆节: 10月1日至7日放假调休，共8天', 'day-count-mismatch', '共8天', /共8天.* 7 days off/],
    ['元旦: 1月1日放假2天', 'day-count-mismatch', '2天', /2天.* 1 days off/],
    ['元旦: 1日 休', 'no-month', '1日', /no month/],
    ['元旦: 1月1日-1月3日', 'no-kind', '1月1日-1月3日', /not followed by 休/],
    ['元旦: 1月1日-1月3日; 休', 'no-kind', '1月1日-1月3日', /before ";"/],
    [': 1月1日 休', 'no-name', ':1月1日休', /no holiday name/],
    ['一、：1月1日 休', 'no-name', '一、:1月1日休', /no holiday name/],
    ['1月1日-1月3日 休', 'no-name', '1月1日-1月3日休', /no holiday name/],
    ['元旦: 放假', 'no-dates', '元旦:放假', /gives no date/],
    ['元旦: 1月1日-1月3日 休息一下', 'unreadable', '一下', /cannot read "一下"/],
    ['元旦: 一月一日 休', 'no-dates', '元旦:一月一日休', /gives no date/],
    ['元旦: 1月1日至 休', 'unreadable', '1月1日至', /needs a date after/],
    ['元旦: 至1月3日 休', 'unreadable', '至', /needs a date before/],
    ['元旦: 共3天 1月1日 休', 'unreadable', '共3天', /follows no days off/],
  ])('%s → %s', (line, code, text, message) => {
    const found = errors(parseOfficialSchedule(line, 2026));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ line: 1, code, text });
    expect(found[0]?.message).toMatch(message);
  });

  it('refuses a date off on two lines, or both off and working, naming both lines', () => {
    const found = errors(parseOfficialSchedule('国庆节: 10月1日-10月7日 休\n中秋节: 10月7日 休\n补班: 10月3日 上班', 2026));
    expect(found).toEqual([
      expect.objectContaining({
        line: 2,
        code: 'conflict',
        text: '10月7日',
        message: expect.stringMatching(/already a day off on line 1/),
      }),
      expect.objectContaining({
        line: 3,
        code: 'conflict',
        text: '10月3日',
        message: expect.stringMatching(/working day here but a day off on line 1/),
      }),
    ]);
  });

  it('lets the same date twice on one line with one meaning be', () => {
    expect(dates(override(parseOfficialSchedule('国庆节: 10月1日、10月1日 休', 2026)).holidays)).toEqual(['2026-10-01']);
  });

  it('reports every error of a paste with its own line, blank lines counted', () => {
    const text = [
      '元旦: 1月1日-1月3日 休',
      '',
      '春节: 2月15日-2月23日 休; 2月16日 上班',
      '清明节: 4月6日至4月4日 休',
      '劳动节: 5月1日-5月5日 休',
    ].join('\n');
    expect(errors(parseOfficialSchedule(text, 2026)).map(({ line, code }) => ({ line, code }))).toEqual([
      { line: 3, code: 'workday-not-weekend' },
      { line: 4, code: 'backwards-range' },
    ]);
  });

  it('catches the 2020 line pasted as 2025’s schedule by its weekdays', () => {
    const line = '国庆节、中秋节: 10月1日至10月8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班';
    expect(errors(parseOfficialSchedule(line, 2025)).map(({ code, text }) => ({ code, text }))).toEqual([
      { code: 'weekday-mismatch', text: '9月27日(星期日)' },
      { code: 'weekday-mismatch', text: '10月10日(星期六)' },
      { code: 'workday-not-weekend', text: '10月10日(星期六)' },
    ]);
  });

  it('refuses a year that is not a four-digit year', () => {
    for (const year of [26, 2026.5, Number.NaN]) {
      expect(() => parseOfficialSchedule('元旦: 1月1日 休', year), String(year)).toThrow(RangeError);
    }
  });
});
