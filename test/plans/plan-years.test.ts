import { describe, expect, it } from 'vitest';
import { isPlanDate, pastYearPlan, planFirstDay, planLastDay, shiftRuleYear, yearlessTitle } from '../../plans/plan-years';

describe('a plan’s years', () => {
  it('pastYearPlan: a year before the current one on the Shanghai clock', () => {
    expect(pastYearPlan(2020, new Date('2026-03-01T00:00:00Z'))).toBe(true);
    expect(pastYearPlan(2026, new Date('2026-03-01T00:00:00Z'))).toBe(false);
    expect(pastYearPlan(2027, new Date('2026-03-01T00:00:00Z'))).toBe(false);
    expect(pastYearPlan(null, new Date('2026-03-01T00:00:00Z'))).toBe(false);
    // 2026-12-31 17:00 UTC is already 2027 in Shanghai: a 2026 plan is then of a past year.
    expect(pastYearPlan(2026, new Date('2026-12-31T17:00:00Z'))).toBe(true);
    expect(pastYearPlan(2026, new Date('2026-12-31T15:59:59Z'))).toBe(false);
  });

  it('first and last day: the year’s, or the end an admin set; none without a year', () => {
    expect([planFirstDay({ year: 2020 }), planLastDay({ year: 2020 })]).toEqual(['2020-01-01', '2020-12-31']);
    expect(planLastDay({ year: 2020, endsOn: '2020-06-15' })).toBe('2020-06-15');
    expect([planFirstDay({ year: null }), planLastDay({ year: null })]).toEqual([null, null]);
    expect(planLastDay({ year: null, endsOn: '2021-03-31' })).toBe('2021-03-31');
  });

  it('isPlanDate takes real dates written YYYY-MM-DD only', () => {
    expect(['2026-06-15', '2024-02-29'].map(isPlanDate)).toEqual([true, true]);
    expect(['2026-02-30', '2026-6-15', '2026-06-15T00:00', '', '2025-02-29'].map(isPlanDate)).toEqual([false, false, false, false, false]);
  });

  it('shiftRuleYear moves dated once-deadlines only', () => {
    expect(shiftRuleYear({ kind: 'once', year: 2020, month: 3, day: 'last' }, 6)).toEqual({
      kind: 'once',
      year: 2026,
      month: 3,
      day: 'last',
    });
    const undated = { kind: 'once', year: null, month: 3, day: 'last' } as const;
    expect(shiftRuleYear(undated, 6)).toBe(undated);
    const monthly = { kind: 'monthly', day: 10, months: null } as const;
    expect(shiftRuleYear(monthly, 6)).toBe(monthly);
  });

  it('yearlessTitle: next year’s title matches last year’s', () => {
    expect(yearlessTitle('2021年福州市不动产登记和交易中心社会信用体系建设任务分解表')).toBe(
      yearlessTitle('2020年福州市不动产登记和交易中心社会信用体系建设任务分解表'),
    );
    expect(yearlessTitle('二〇二一年 工作要点')).toBe(yearlessTitle('二〇二〇年工作要点'));
    expect(yearlessTitle('2021年工作要点')).not.toBe(yearlessTitle('2021年实施方案'));
  });
});
