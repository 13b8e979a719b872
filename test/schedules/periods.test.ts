import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { commonMonthlyDay, currentPeriod, periodKey, periodsFrom } from '../../schedules/periods';
import { PLAN_ZONE } from '../../plans/due-dates';
import type { DeadlineRule } from '../../core/plan-types';

const facts = { year: 2026, monthlyReportDay: 10 };
const at = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE });
const show = (p: { key: string; due: DateTime } | null) => (p ? `${p.key} ${p.due.toISO({ suppressMilliseconds: true })}` : null);

describe('report periods', () => {
  it('a monthly rule has one period a month, named by the month it is due in', () => {
    const rule: DeadlineRule = { kind: 'monthly', day: 10, months: null };
    expect(periodsFrom(rule, at('2026-03-11T09:00'), 2, facts).map(show)).toEqual([
      '2026-04 2026-04-10T23:59:59+08:00',
      '2026-05 2026-05-10T23:59:59+08:00',
    ]);
  });

  it('ongoing work follows the monthly report day', () => {
    expect(show(currentPeriod({ kind: 'ongoing' }, at('2026-03-10T23:00'), { year: 2026, monthlyReportDay: 20 }))).toBe(
      '2026-03 2026-03-20T23:59:59+08:00',
    );
  });

  it('the current period of a once-rule stays its only period after the due day (a late report belongs to it)', () => {
    const rule: DeadlineRule = { kind: 'once', year: null, month: 3, day: 'last' };
    expect(show(currentPeriod(rule, at('2026-05-01T10:00'), facts))).toBe('once 2026-03-31T23:59:59+08:00');
  });

  it('quarters and ISO weeks have keys of their own; relative rules have no period', () => {
    expect(periodKey({ kind: 'quarterly', day: 'last' }, at('2026-06-30T23:59:59'))).toBe('2026-Q2');
    // 2027-01-01 is a Friday of ISO week 53 of 2026.
    expect(periodKey({ kind: 'weekly', weekday: 5, endOfWorkday: true }, at('2027-01-01T18:00'))).toBe('2026-W53');
    expect(currentPeriod({ kind: 'relative', days: 7, workingDays: true }, at('2026-01-01T00:00'), facts)).toBeNull();
  });

  it("the plan's monthly report day is its most common monthly day, the earlier on a tie, 10 by default", () => {
    const monthly = (day: number | 'last'): DeadlineRule => ({ kind: 'monthly', day, months: null });
    expect(commonMonthlyDay([monthly(10), monthly(20), monthly(10), { kind: 'ongoing' }, null])).toBe(10);
    expect(commonMonthlyDay([monthly(25), monthly(20)])).toBe(20);
    expect(commonMonthlyDay([monthly('last'), { kind: 'ongoing' }])).toBe(10);
  });
});
