/**
 * A plan's periods begin with its year and end with it, or with the end an admin set
 * (plans.ends_on): every producer of periods goes through schedules/periods.ts planDueMoments.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { formatDue, PLAN_ZONE } from '../../plans/due-dates';
import type { DeadlineRule } from '../../core/plan-types';
import { periodsDue } from '../../schedules/due-periods';
import { currentPeriod, lastPeriod, periodsFrom, type PlanFacts } from '../../schedules/periods';

const at = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE });
const show = (p: { key: string; due: DateTime } | null) => (p ? `${p.key} ${formatDue(p.due)}` : null);

const MONTHLY: DeadlineRule = { kind: 'monthly', day: 10, months: null };
const MONTH_END: DeadlineRule = { kind: 'monthly', day: 'last', months: null };
const QUARTERLY: DeadlineRule = { kind: 'quarterly', day: 'last' };
const FRIDAYS: DeadlineRule = { kind: 'weekly', weekday: 5, endOfWorkday: true };
const Y2020: PlanFacts = { year: 2020, monthlyReportDay: 10 };

function due(rule: DeadlineRule, facts: PlanFacts, from: string, to: string): string[] {
  return periodsDue(rule, facts, { from: at(from), to: at(to), toIncluded: true }).map(show) as string[];
}

describe('a plan of 2020 has no period in 2021', () => {
  it('periodsDue over 2020-12 … 2021-12 stops at the year’s end, for every kind of rule', () => {
    expect(due(MONTHLY, Y2020, '2020-12-01', '2021-12-31T23:59:59')).toEqual(['2020-12 2020-12-10T23:59:59+08:00']);
    expect(due(MONTH_END, Y2020, '2020-12-01', '2021-12-31T23:59:59')).toEqual(['2020-12 2020-12-31T23:59:59+08:00']);
    expect(due(QUARTERLY, Y2020, '2020-10-01', '2021-12-31T23:59:59')).toEqual(['2020-Q4 2020-12-31T23:59:59+08:00']);
    // Friday 1 January 2021 (ISO week 53 of 2020) is not the plan's.
    expect(due(FRIDAYS, Y2020, '2020-12-20', '2021-01-31')).toEqual(['2020-W52 2020-12-25T18:00:00+08:00']);
    // Ongoing work follows the monthly report day, and ends with the plan as well.
    expect(due({ kind: 'ongoing' }, Y2020, '2020-12-01', '2021-06-30')).toEqual(['2020-12 2020-12-10T23:59:59+08:00']);
    // A once-deadline dated after the plan's last day does not exist either.
    expect(due({ kind: 'once', year: 2021, month: 3, day: 'last' }, Y2020, '2020-01-01', '2021-12-31')).toEqual([]);
  });

  it('periodsFrom asked for more than the plan has gives what it has', () => {
    expect(periodsFrom(MONTHLY, at('2020-11-11'), 5, Y2020).map(show)).toEqual(['2020-12 2020-12-10T23:59:59+08:00']);
    expect(periodsFrom(MONTHLY, at('2021-01-01'), 5, Y2020)).toEqual([]);
  });

  it('a plan without a year (and no end) has no end', () => {
    expect(due(MONTHLY, { year: null, monthlyReportDay: 10 }, '2020-12-01', '2021-02-28')).toHaveLength(3);
  });
});

describe('a plan’s periods begin with its year', () => {
  it('a 2026 plan has no period due in 2025', () => {
    const facts: PlanFacts = { year: 2026, monthlyReportDay: 10 };
    expect(due(MONTHLY, facts, '2025-10-01', '2026-02-28')).toEqual([
      '2026-01 2026-01-10T23:59:59+08:00',
      '2026-02 2026-02-10T23:59:59+08:00',
    ]);
    expect(due(FRIDAYS, facts, '2025-12-15', '2026-01-10')).toEqual([
      '2026-W01 2026-01-02T18:00:00+08:00',
      '2026-W02 2026-01-09T18:00:00+08:00',
    ]);
    expect(periodsFrom(QUARTERLY, at('2025-11-01'), 1, facts).map(show)).toEqual(['2026-Q1 2026-03-31T23:59:59+08:00']);
  });
});

describe('an end set earlier than the year’s (plans.ends_on)', () => {
  const facts: PlanFacts = { year: 2026, monthlyReportDay: 10, endsOn: '2026-06-15' };

  it('stops the periods on that day', () => {
    expect(due(MONTHLY, facts, '2026-05-01', '2026-12-31T23:59:59')).toEqual([
      '2026-05 2026-05-10T23:59:59+08:00',
      '2026-06 2026-06-10T23:59:59+08:00',
    ]);
    // The end of June falls after the 15th: the last month-end period is May's.
    expect(due(MONTH_END, facts, '2026-05-01', '2026-12-31T23:59:59')).toEqual(['2026-05 2026-05-31T23:59:59+08:00']);
    expect(due(QUARTERLY, facts, '2026-01-01', '2026-12-31T23:59:59')).toEqual(['2026-Q1 2026-03-31T23:59:59+08:00']);
    // Due at 18:00 on the last day itself: still the plan's.
    expect(due(FRIDAYS, { ...facts, endsOn: '2026-06-12' }, '2026-06-01', '2026-07-31').at(-1)).toBe('2026-W24 2026-06-12T18:00:00+08:00');
  });

  it('an end later than the year runs the periods on to it', () => {
    expect(due(MONTHLY, { year: 2020, monthlyReportDay: 10, endsOn: '2021-02-28' }, '2020-12-01', '2021-12-31')).toHaveLength(3);
  });
});

describe('currentPeriod after the plan’s end', () => {
  it('is the plan’s last period, not one in the next year: a late report still belongs to it', () => {
    expect(show(currentPeriod(MONTHLY, at('2021-01-05T10:00'), Y2020))).toBe('2020-12 2020-12-10T23:59:59+08:00');
    expect(show(currentPeriod(MONTHLY, at('2020-12-11T10:00'), Y2020))).toBe('2020-12 2020-12-10T23:59:59+08:00');
    expect(show(currentPeriod(QUARTERLY, at('2021-01-04T09:00'), Y2020))).toBe('2020-Q4 2020-12-31T23:59:59+08:00');
    expect(show(currentPeriod(FRIDAYS, at('2021-01-01T09:00'), Y2020))).toBe('2020-W52 2020-12-25T18:00:00+08:00');
    expect(show(currentPeriod({ kind: 'ongoing' }, at('2021-03-01T09:00'), Y2020))).toBe('2020-12 2020-12-10T23:59:59+08:00');
    // Before the end it is still the one falling due next.
    expect(show(currentPeriod(MONTHLY, at('2020-11-11T10:00'), Y2020))).toBe('2020-12 2020-12-10T23:59:59+08:00');
  });

  it('with an end set: the last period before it', () => {
    const facts: PlanFacts = { year: 2026, monthlyReportDay: 10, endsOn: '2026-06-15' };
    expect(show(currentPeriod(MONTHLY, at('2026-06-20T10:00'), facts))).toBe('2026-06 2026-06-10T23:59:59+08:00');
    expect(show(lastPeriod(MONTH_END, facts))).toBe('2026-05 2026-05-31T23:59:59+08:00');
  });

  it('before the plan’s year: its first period; a once-deadline outside the plan: none', () => {
    expect(show(currentPeriod(MONTHLY, at('2025-12-20T10:00'), { year: 2026, monthlyReportDay: 10 }))).toBe(
      '2026-01 2026-01-10T23:59:59+08:00',
    );
    expect(currentPeriod({ kind: 'once', year: 2021, month: 3, day: 'last' }, at('2020-06-01'), Y2020)).toBeNull();
    expect(show(currentPeriod({ kind: 'once', year: null, month: 12, day: 'last' }, at('2021-02-01'), Y2020))).toBe(
      'once 2020-12-31T23:59:59+08:00',
    );
  });
});
