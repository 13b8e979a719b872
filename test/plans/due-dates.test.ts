import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { readDeadline } from '../../plans/deadline';
import { dueMomentsFrom, nextDueDates, PLAN_ZONE } from '../../plans/due-dates';

/** Due moments (Asia/Shanghai, +08:00) of a deadline text, from a Shanghai date. */
function due(text: string, from: string, count = 3, year: number | null = Number(from.slice(0, 4))): string[] {
  const reading = readDeadline(text, { year });
  if (!reading.rule) throw new Error(`"${text}" not recognized`);
  return nextDueDates(reading.rule, { from, count, year });
}

describe('due moments on the Shanghai clock, whatever the process zone', () => {
  it('每月10日前 is due at 23:59:59 on the 10th of each month', () => {
    expect(due('每月 10 日 前', '2026-01-15')).toEqual([
      '2026-02-10T23:59:59+08:00',
      '2026-03-10T23:59:59+08:00',
      '2026-04-10T23:59:59+08:00',
    ]);
  });

  it('counts the due day itself when starting on it', () => {
    expect(due('每月20日前', '2026-03-20', 1)).toEqual(['2026-03-20T23:59:59+08:00']);
    expect(due('每月25日前', '2026-12-26', 2)).toEqual(['2027-01-25T23:59:59+08:00', '2027-02-25T23:59:59+08:00']);
  });

  it("每月末 and 每月底 fall on each month's last day, leap years included", () => {
    expect(due('每月末', '2024-01-31', 3)).toEqual(['2024-01-31T23:59:59+08:00', '2024-02-29T23:59:59+08:00', '2024-03-31T23:59:59+08:00']);
    expect(due('每月底', '2026-02-01', 1)).toEqual(['2026-02-28T23:59:59+08:00']);
  });

  it("a day past a short month's end means its last day", () => {
    expect(due('每月31日前', '2026-04-01', 2)).toEqual(['2026-04-30T23:59:59+08:00', '2026-05-31T23:59:59+08:00']);
  });

  it('every even month: 每个双数月15日前 and 双数月末', () => {
    expect(due('每个双数月15日前', '2026-03-01', 2)).toEqual(['2026-04-15T23:59:59+08:00', '2026-06-15T23:59:59+08:00']);
    expect(due('双数月末', '2026-11-01', 2)).toEqual(['2026-12-31T23:59:59+08:00', '2027-02-28T23:59:59+08:00']);
  });

  it('每季度 and 每季度末: the last day of March, June, September, December', () => {
    expect(due('每季度', '2026-04-01', 4)).toEqual([
      '2026-06-30T23:59:59+08:00',
      '2026-09-30T23:59:59+08:00',
      '2026-12-31T23:59:59+08:00',
      '2027-03-31T23:59:59+08:00',
    ]);
    expect(due('每季度末', '2026-03-31', 1)).toEqual(['2026-03-31T23:59:59+08:00']);
  });

  it('每周周五下班前: Fridays at 18:00', () => {
    // 2026-11-24 is a Tuesday.
    expect(due('每周周五下班前', '2026-11-24', 2)).toEqual(['2026-11-27T18:00:00+08:00', '2026-12-04T18:00:00+08:00']);
    expect(due('每周周五下班前', '2026-11-27', 1)).toEqual(['2026-11-27T18:00:00+08:00']);
  });

  it("once: 3月底前, 12月底前, 年底前 in the plan's year; a past one has no next due moment", () => {
    expect(due('3月底前', '2020-01-01', 3, 2020)).toEqual(['2020-03-31T23:59:59+08:00']);
    expect(due('12 月底前 完成', '2020-01-01', 1, 2020)).toEqual(['2020-12-31T23:59:59+08:00']);
    expect(due('年底前', '2020-06-01', 1, 2020)).toEqual(['2020-12-31T23:59:59+08:00']);
    expect(due('3月底前', '2020-04-01', 1, 2020)).toEqual([]);
  });

  it('once with a date: 2020年8月底前, 6月30日前, xx年6月30日前', () => {
    expect(due('2020年8月底前', '2020-01-01', 1, 2020)).toEqual(['2020-08-31T23:59:59+08:00']);
    expect(due('6月30日前', '2022-01-01', 1, 2022)).toEqual(['2022-06-30T23:59:59+08:00']);
    expect(due('xx年6月30日前', '2022-01-01', 1, 2022)).toEqual(['2022-06-30T23:59:59+08:00']);
  });

  it('半年总结 and 年度总结: end of June, end of the year', () => {
    expect(due('半年总结', '2026-01-01', 1)).toEqual(['2026-06-30T23:59:59+08:00']);
    expect(due('年度总结', '2026-01-01', 1)).toEqual(['2026-12-31T23:59:59+08:00']);
  });

  it('event-relative and ongoing rules have no fixed due moment', () => {
    for (const text of ['七个工作日内', '20个工作日内', '及时完成', '长期推进', '实时更新']) {
      expect(due(text, '2026-01-01')).toEqual([]);
    }
  });

  it('a once rule without a year anywhere has no due moment', () => {
    expect(nextDueDates({ kind: 'once', year: null, month: 3, day: 'last' }, { from: '2026-01-01', count: 1, year: null })).toEqual([]);
  });

  it('starts at an instant given in UTC by the Shanghai date of that instant', () => {
    // 2026-03-10 16:30 UTC is 2026-03-11 00:30 in Shanghai: the 10 March deadline has passed.
    const start = DateTime.fromISO('2026-03-10T16:30:00Z', { zone: 'utc' });
    const [next] = dueMomentsFrom({ kind: 'monthly', day: 10, months: null }, start, 1, 2026);
    expect(next!.zoneName).toBe(PLAN_ZONE);
    expect(next!.toISO({ suppressMilliseconds: true })).toBe('2026-04-10T23:59:59+08:00');
    expect(next!.toUTC().toISO()).toBe('2026-04-10T15:59:59.000Z');
  });
});
