import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { dueMomentsFrom, formatDue, PLAN_ZONE } from '../../plans/due-dates';
import type { DeadlineRule } from '../../core/plan-types';
import { periodsDue, periodsOver, type Stretch } from '../../schedules/due-periods';
import { effectiveRule, periodKey, type PlanFacts } from '../../schedules/periods';

const at = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE });
const FACTS: PlanFacts = { year: 2026, monthlyReportDay: 10 };
const MONTHLY: DeadlineRule = { kind: 'monthly', day: 10, months: null };

function shown(rule: DeadlineRule | null, stretch: Stretch, facts = FACTS) {
  return periodsDue(rule, facts, stretch).map((p) => `${p.key} ${formatDue(p.due)}`);
}

describe('periodsDue', () => {
  it('includes the stretch’s end or not, as asked', () => {
    const stretch = { from: at('2026-01-01'), to: at('2026-03-10T23:59:59'), toIncluded: true };
    expect(shown(MONTHLY, stretch)).toEqual([
      '2026-01 2026-01-10T23:59:59+08:00',
      '2026-02 2026-02-10T23:59:59+08:00',
      '2026-03 2026-03-10T23:59:59+08:00',
    ]);
    expect(shown(MONTHLY, { ...stretch, toIncluded: false })).toHaveLength(2);
    // The start is always included.
    expect(shown(MONTHLY, { ...stretch, from: at('2026-01-10T23:59:59') })).toHaveLength(3);
    expect(shown(MONTHLY, { ...stretch, from: at('2026-01-11') })).toHaveLength(2);
  });

  it('gives every weekly period of a month, not a fixed number of them', () => {
    const fridays: DeadlineRule = { kind: 'weekly', weekday: 5, endOfWorkday: true };
    expect(shown(fridays, { from: at('2026-05-01T18:00:01'), to: at('2026-06-01'), toIncluded: false })).toEqual([
      '2026-W19 2026-05-08T18:00:00+08:00',
      '2026-W20 2026-05-15T18:00:00+08:00',
      '2026-W21 2026-05-22T18:00:00+08:00',
      '2026-W22 2026-05-29T18:00:00+08:00',
    ]);
    expect(periodsDue(fridays, FACTS, { from: at('2026-01-01'), to: at('2026-12-31T23:59:59'), toIncluded: true })).toHaveLength(52);
  });

  it('follows the plan’s facts: its year for once-rules, its report day for ongoing work; events have no periods', () => {
    const year = { from: at('2026-01-01'), to: at('2027-01-01'), toIncluded: false };
    expect(shown({ kind: 'once', year: null, month: 12, day: 'last' }, year)).toEqual(['once 2026-12-31T23:59:59+08:00']);
    expect(shown({ kind: 'once', year: null, month: 12, day: 'last' }, year, { year: null, monthlyReportDay: 10 })).toEqual([]);
    expect(shown({ kind: 'ongoing' }, { ...year, to: at('2026-02-01') }, { year: 2026, monthlyReportDay: 20 })).toEqual([
      '2026-01 2026-01-20T23:59:59+08:00',
    ]);
    expect(shown({ kind: 'relative', days: 7, workingDays: true }, year)).toEqual([]);
    expect(shown(null, year)).toEqual([]);
    expect(shown({ kind: 'monthly', day: 'last', months: [2, 8] }, year)).toEqual([
      '2026-02 2026-02-28T23:59:59+08:00',
      '2026-08 2026-08-31T23:59:59+08:00',
    ]);
  });

  it('agrees with dueMomentsFrom for every kind of rule over stretches short and long', () => {
    const rules: DeadlineRule[] = [
      MONTHLY,
      { kind: 'monthly', day: 31, months: [1, 4, 12] },
      { kind: 'quarterly', day: 'last' },
      { kind: 'weekly', weekday: 1, endOfWorkday: false },
      { kind: 'once', year: 2026, month: 6, day: 30 },
      { kind: 'ongoing' },
    ];
    const stretches: Stretch[] = [
      { from: at('2026-11-02T09:00'), to: at('2026-12-07T09:00'), toIncluded: true },
      { from: at('2026-12-07T09:00'), to: at('2026-12-14T09:00'), toIncluded: true },
      { from: at('2026-06-01'), to: at('2026-07-01'), toIncluded: false },
      { from: at('2026-01-01'), to: at('2026-12-31T23:59:59'), toIncluded: true },
    ];
    for (const rule of rules) {
      for (const stretch of stretches) {
        const effective = effectiveRule(rule, FACTS)!;
        const expected = dueMomentsFrom(effective, stretch.from, 100, FACTS.year)
          .filter((due) => (stretch.toIncluded ? due <= stretch.to : due < stretch.to))
          .map((due) => ({ key: periodKey(effective, due), due: formatDue(due), dueMs: due.toMillis() }));
        expect(
          periodsDue(rule, FACTS, stretch).map((p) => ({ key: p.key, due: formatDue(p.due), dueMs: p.dueMs })),
          JSON.stringify(rule),
        ).toEqual(expected);
      }
    }
  });
});

describe('periodsOver', () => {
  it('works out each distinct rule and plan facts once', () => {
    const periods = periodsOver({ from: at('2026-01-01'), to: at('2026-04-01'), toIncluded: false });
    const a = periods({ requirementId: 1, rule: MONTHLY, facts: FACTS });
    expect(a.map((p) => p.key)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(periods({ requirementId: 2, rule: { ...MONTHLY }, facts: { ...FACTS } })).toBe(a);
    // Ongoing work follows the monthly report day of its own plan.
    expect(
      periods({ requirementId: 3, rule: { kind: 'ongoing' }, facts: { year: 2026, monthlyReportDay: 10 } }).map((p) => p.dueMs),
    ).toEqual(a.map((p) => p.dueMs));
    expect(
      periods({ requirementId: 4, rule: { kind: 'ongoing' }, facts: { year: 2026, monthlyReportDay: 15 } }).map((p) => formatDue(p.due))[0],
    ).toBe('2026-01-15T23:59:59+08:00');
  });
});
