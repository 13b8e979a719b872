import { describe, expect, it } from 'vitest';
import { readDeadline, splitDeadlineCell } from '../../plans/deadline';
import { nextDueDates } from '../../plans/due-dates';
import type { DeadlineRule } from '../../core/plan-types';

const PLAN_YEAR = { year: 2020 };

function rule(text: string, options: { year: number | null } = PLAN_YEAR): DeadlineRule | null {
  const reading = readDeadline(text, options);
  return reading.recognized ? reading.rule : null;
}

describe('readDeadline: every form in DOMAIN.md', () => {
  it.each<[string, DeadlineRule]>([
    ['每月10日前', { kind: 'monthly', day: 10, months: null }],
    ['每月 10 日 前', { kind: 'monthly', day: 10, months: null }],
    ['每月 10 日', { kind: 'monthly', day: 10, months: null }],
    ['每月20日前', { kind: 'monthly', day: 20, months: null }],
    ['每月25日前', { kind: 'monthly', day: 25, months: null }],
    ['每月二十五日前', { kind: 'monthly', day: 25, months: null }],
    ['每月末', { kind: 'monthly', day: 'last', months: null }],
    ['每月底', { kind: 'monthly', day: 'last', months: null }],
    ['每个双数月15日前', { kind: 'monthly', day: 15, months: [2, 4, 6, 8, 10, 12] }],
    ['双数月末', { kind: 'monthly', day: 'last', months: [2, 4, 6, 8, 10, 12] }],
    ['每季度', { kind: 'quarterly', day: 'last' }],
    ['每季度末', { kind: 'quarterly', day: 'last' }],
    ['每周周五下班前', { kind: 'weekly', weekday: 5, endOfWorkday: true }],
    ['3月底前', { kind: 'once', year: 2020, month: 3, day: 'last' }],
    ['12月底前', { kind: 'once', year: 2020, month: 12, day: 'last' }],
    ['12 月底前 完成', { kind: 'once', year: 2020, month: 12, day: 'last' }],
    ['年底前', { kind: 'once', year: 2020, month: 12, day: 'last' }],
    ['2020年8月底前', { kind: 'once', year: 2020, month: 8, day: 'last' }],
    ['6月30日前', { kind: 'once', year: 2020, month: 6, day: 30 }],
    ['xx年6月30日前', { kind: 'once', year: 2020, month: 6, day: 30 }],
    ['半年总结', { kind: 'once', year: 2020, month: 6, day: 'last' }],
    ['年度总结', { kind: 'once', year: 2020, month: 12, day: 'last' }],
    ['七个工作日内', { kind: 'relative', days: 7, workingDays: true }],
    ['7个工作日内', { kind: 'relative', days: 7, workingDays: true }],
    ['20个工作日内', { kind: 'relative', days: 20, workingDays: true }],
    ['及时完成', { kind: 'ongoing' }],
    ['长期推进', { kind: 'ongoing' }],
    ['实时更新', { kind: 'ongoing' }],
  ])('%s', (text, expected) => {
    expect(rule(text)).toEqual(expected);
  });
});

describe('readDeadline: variants seen in other plans', () => {
  it.each<[string, DeadlineRule]>([
    ['２０２１年３月３１日前', { kind: 'once', year: 2021, month: 3, day: 31 }],
    ['二〇二一年六月底前完成', { kind: 'once', year: 2021, month: 6, day: 'last' }],
    ['XX年9月底前', { kind: 'once', year: 2020, month: 9, day: 'last' }],
    ['2021年底前', { kind: 'once', year: 2021, month: 12, day: 'last' }],
    ['截至2020年11月30日', { kind: 'once', year: 2020, month: 11, day: 30 }],
    ['2020-09-15', { kind: 'once', year: 2020, month: 9, day: 15 }],
    ['上半年', { kind: 'once', year: 2020, month: 6, day: 'last' }],
    ['第三季度末', { kind: 'once', year: 2020, month: 9, day: 'last' }],
    ['年度总结12月15日前', { kind: 'once', year: 2020, month: 12, day: 15 }],
    ['每月5号前报送', { kind: 'monthly', day: 5, months: null }],
    ['每个单数月10日前', { kind: 'monthly', day: 10, months: [1, 3, 5, 7, 9, 11] }],
    ['每季度首月10日前', { kind: 'monthly', day: 10, months: [1, 4, 7, 10] }],
    ['每半年', { kind: 'monthly', day: 'last', months: [6, 12] }],
    ['每年1月15日前', { kind: 'monthly', day: 15, months: [1] }],
    ['每周五', { kind: 'weekly', weekday: 5, endOfWorkday: false }],
    ['每周一下班前', { kind: 'weekly', weekday: 1, endOfWorkday: true }],
    ['收到通知后5个工作日内完成', { kind: 'relative', days: 5, workingDays: true }],
    ['10日内', { kind: 'relative', days: 10, workingDays: false }],
    ['长期坚持', { kind: 'ongoing' }],
    ['每月中旬', { kind: 'monthly', day: 20, months: null }],
  ])('%s', (text, expected) => {
    expect(rule(text)).toEqual(expected);
  });

  it('keeps the year empty when neither the text nor the plan gives one', () => {
    expect(rule('3月底前', { year: null })).toEqual({ kind: 'once', year: null, month: 3, day: 'last' });
    expect(rule('xx年6月30日前', { year: null })).toEqual({ kind: 'once', year: null, month: 6, day: 30 });
  });

  it('returns the cleaned text beside the rule', () => {
    expect(readDeadline('每月 10 日 前', PLAN_YEAR).text).toBe('每月10日前');
  });
});

describe('readDeadline: what it cannot read is kept, unrecognised, never guessed', () => {
  it.each(['10日片子', '', '尽快', '2月30日前', '13月底前', '每月32日前', '12月底前3月底前', '0个工作日内', '第五季度', '下周'])(
    '"%s"',
    (text) => {
      const reading = readDeadline(text, PLAN_YEAR);
      expect(reading).toEqual({ text: text.replace(/\s/g, ''), recognized: false, rule: null });
    },
  );

  it('accepts 2月29日 only in a leap year', () => {
    expect(rule('2月29日前', { year: 2020 })).toEqual({ kind: 'once', year: 2020, month: 2, day: 29 });
    expect(rule('2月29日前', { year: 2021 })).toBeNull();
  });
});

describe('splitDeadlineCell: one deadline per requirement, in order', () => {
  it('splits a cell by its lines', () => {
    expect(splitDeadlineCell('12月底前\n3月底前')).toEqual(['12月底前', '3月底前']);
    expect(splitDeadlineCell('及时完成\r\n每月 25 日 前')).toEqual(['及时完成', '每月25日前']);
  });

  it('splits a line that PDF extraction ran together (seed rows 1 and 16)', () => {
    expect(splitDeadlineCell('12月底前3月底前')).toEqual(['12月底前', '3月底前']);
    expect(splitDeadlineCell('及时完成 每月 25 日 前')).toEqual(['及时完成', '每月25日前']);
    expect(splitDeadlineCell('3月底前、6月底前、9月底前')).toEqual(['3月底前', '6月底前', '9月底前']);
  });

  it('keeps one deadline whole, spaces and all, and an unreadable line whole', () => {
    expect(splitDeadlineCell('12 月底前 完成')).toEqual(['12月底前完成']);
    expect(splitDeadlineCell('每月 10 日 前')).toEqual(['每月10日前']);
    expect(splitDeadlineCell('10 日片子')).toEqual(['10日片子']);
    expect(splitDeadlineCell('  ')).toEqual([]);
  });
});

describe('readDeadline: the forms of issue 13', () => {
  it.each<[string, DeadlineRule]>([
    // A monthly report on the previous month, due on the 10th of every month.
    ['次月10日前', { kind: 'monthly', day: 10, months: null }],
    ['下月10日前', { kind: 'monthly', day: 10, months: null }],
    ['次月5日前报送', { kind: 'monthly', day: 5, months: null }],
    ['季度末', { kind: 'quarterly', day: 'last' }],
    ['按季度', { kind: 'quarterly', day: 'last' }],
    ['按季度报送', { kind: 'quarterly', day: 'last' }],
    // 10 days after each quarter's end: the 10th of the quarter's next month.
    ['每季度结束后10日内', { kind: 'monthly', day: 10, months: [1, 4, 7, 10] }],
    ['每季度结束后十日内', { kind: 'monthly', day: 10, months: [1, 4, 7, 10] }],
    ['每月结束后5日内', { kind: 'monthly', day: 5, months: null }],
    ['2020年年底前', { kind: 'once', year: 2020, month: 12, day: 'last' }],
    ['2021年年底前', { kind: 'once', year: 2021, month: 12, day: 'last' }],
    ['xx年年底前', { kind: 'once', year: 2020, month: 12, day: 'last' }],
    ['年底前', { kind: 'once', year: 2020, month: 12, day: 'last' }],
    ['12.31前', { kind: 'once', year: 2020, month: 12, day: 31 }],
    ['6.30前完成', { kind: 'once', year: 2020, month: 6, day: 30 }],
    ['12月31日前', { kind: 'once', year: 2020, month: 12, day: 31 }],
    ['每半年', { kind: 'monthly', day: 'last', months: [6, 12] }],
    ['每半年报送一次', { kind: 'monthly', day: 'last', months: [6, 12] }],
    ['半年', { kind: 'monthly', day: 'last', months: [6, 12] }],
    ['双数月末', { kind: 'monthly', day: 'last', months: [2, 4, 6, 8, 10, 12] }],
    ['每月报送一次', { kind: 'monthly', day: 'last', months: null }],
    // The district seed's 工作时限 fields.
    ['xx年6月末前', { kind: 'once', year: 2020, month: 6, day: 'last' }],
    ['xx年8月15日前', { kind: 'once', year: 2020, month: 8, day: 15 }],
    ['9月末前', { kind: 'once', year: 2020, month: 9, day: 'last' }],
    ['到xx年末', { kind: 'once', year: 2020, month: 12, day: 'last' }],
  ])('%s', (text, expected) => {
    expect(rule(text)).toEqual(expected);
  });

  it("keeps a condition before the deadline beside the rule (the district seed's website clause)", () => {
    expect(readDeadline('区信用网站投入使用前，每周周五下班前', PLAN_YEAR)).toEqual({
      text: '区信用网站投入使用前,每周周五下班前',
      recognized: true,
      rule: { kind: 'weekly', weekday: 5, endOfWorkday: true },
      condition: '区信用网站投入使用前',
    });
    expect(readDeadline('网站建成后,每月10日前', PLAN_YEAR)).toMatchObject({ rule: { kind: 'monthly', day: 10 }, condition: '网站建成后' });
  });

  it('has no condition field when there is none, and takes no deadline for a condition', () => {
    expect(readDeadline('每周周五下班前', PLAN_YEAR)).not.toHaveProperty('condition');
    // Two deadlines are not a condition and a deadline: the cell splitter cuts them.
    expect(readDeadline('12月底前,3月底前', PLAN_YEAR).recognized).toBe(false);
    expect(readDeadline('及时完成,每月25日前', PLAN_YEAR).recognized).toBe(false);
    // A clause that is no condition (does not end in 前/后/期间/时) makes the whole unreadable.
    expect(readDeadline('报送名单,每月10日前', PLAN_YEAR).recognized).toBe(false);
    // Nor is a condition alone a deadline.
    expect(readDeadline('区信用网站投入使用前', PLAN_YEAR).recognized).toBe(false);
  });

  it.each(['12.32前', '13.1前', '次月32日前', '每季度结束后40日内', '每季度结束后0日内', '2020年年', '下季度'])(
    '"%s" is not read',
    (text) => {
      expect(readDeadline(text, PLAN_YEAR).recognized).toBe(false);
    },
  );

  it('reads 12.31前 without a year when the plan has none', () => {
    expect(rule('12.31前', { year: null })).toEqual({ kind: 'once', year: null, month: 12, day: 31 });
  });
});

describe('the new forms fall due on the right days (Shanghai)', () => {
  function due(text: string, from: string, count: number): string[] {
    const reading = readDeadline(text, { year: 2020 });
    if (!reading.rule) throw new Error(`"${text}" not recognized`);
    return nextDueDates(reading.rule, { from, count, year: 2020 }).map((moment) => moment.slice(0, 10));
  }

  it('次月10日前: the 10th of every month (each month reports on the one before)', () => {
    expect(due('次月10日前', '2020-01-11', 3)).toEqual(['2020-02-10', '2020-03-10', '2020-04-10']);
  });

  it('每季度结束后10日内: 10 January, April, July, October', () => {
    expect(due('每季度结束后10日内', '2020-01-11', 4)).toEqual(['2020-04-10', '2020-07-10', '2020-10-10', '2021-01-10']);
  });

  it("每半年报送一次: the ends of June and December; 12.31前: once, the plan year's last day", () => {
    expect(due('每半年报送一次', '2020-01-01', 3)).toEqual(['2020-06-30', '2020-12-31', '2021-06-30']);
    expect(due('12.31前', '2020-01-01', 3)).toEqual(['2020-12-31']);
  });

  it('季度末 and 按季度: the quarter ends', () => {
    expect(due('季度末', '2020-04-01', 2)).toEqual(['2020-06-30', '2020-09-30']);
    expect(due('按季度', '2020-04-01', 1)).toEqual(['2020-06-30']);
  });
});
