/**
 * cachedReportPeriod (schedules/report-period-cache.ts) answers what reportPeriod answers, at
 * every instant: walked forwards and backwards through a plan's year, and at each due moment
 * and the millisecond either side of it, where a kept answer stops holding.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { reportPeriod, type PlanFacts } from '../../schedules/periods';
import { cachedReportPeriod } from '../../schedules/report-period-cache';
import { createCalendar } from '../../schedules/calendar';
import { PLAN_ZONE } from '../../core/zone';
import type { DeadlineRule } from '../../core/plan-types';

const calendar = createCalendar();
const never = () => false;

const RULES: DeadlineRule[] = [
  { kind: 'monthly', day: 10, months: null },
  { kind: 'monthly', day: 'last', months: [2, 4, 6, 8, 10, 12] },
  { kind: 'quarterly', day: 5 },
  { kind: 'weekly', weekday: 5, endOfWorkday: true },
  { kind: 'weekly', weekday: 1, endOfWorkday: false },
  { kind: 'once', year: null, month: 6, day: 30 },
  { kind: 'once', year: 2026, month: 2, day: 'last' },
  { kind: 'ongoing' },
];
const FACTS: PlanFacts[] = [
  { year: 2026, monthlyReportDay: 10, endsOn: null },
  { year: 2026, monthlyReportDay: 20, endsOn: '2026-09-15' },
  { year: null, monthlyReportDay: 10, endsOn: null },
];

const view = (period: ReturnType<typeof reportPeriod>) => (period ? { key: period.key, due: period.due?.toMillis() ?? null } : period);

/** Every 4 days 5 h 17 min from mid-December before the plan's year to past its end. */
function instants(): DateTime[] {
  const out: DateTime[] = [];
  const end = DateTime.fromISO('2027-02-01T00:00', { zone: PLAN_ZONE });
  for (let t = DateTime.fromISO('2025-12-15T00:00', { zone: PLAN_ZONE }); t < end; t = t.plus({ days: 4, hours: 5, minutes: 17 }))
    out.push(t);
  return out;
}

/** Where the two disagree, as readable lines (none expected). */
function disagreements(rule: DeadlineRule, facts: PlanFacts, at: DateTime): string[] {
  const cached = view(cachedReportPeriod(rule, at, facts, [], never, calendar));
  const fresh = view(reportPeriod(rule, at, facts, [], never, calendar));
  return JSON.stringify(cached) === JSON.stringify(fresh)
    ? []
    : [`${JSON.stringify(rule)} ${JSON.stringify(facts)} at ${at.toISO()}: ${JSON.stringify(cached)}, not ${JSON.stringify(fresh)}`];
}

function expectSame(rule: DeadlineRule, facts: PlanFacts, at: DateTime): void {
  expect(disagreements(rule, facts, at)).toEqual([]);
}

describe('cachedReportPeriod', () => {
  it('answers as reportPeriod, walking forwards, at each due moment and either side of it, and walking backwards', () => {
    const walk = instants();
    const found: string[] = [];
    let asked = 0;
    for (const facts of FACTS) {
      for (const rule of RULES) {
        for (const at of walk) {
          const due = reportPeriod(rule, at, facts, [], never, calendar)?.due;
          const edges = due ? [due.minus({ milliseconds: 1 }), due, due.plus({ milliseconds: 1 })] : [];
          for (const instant of [at, ...edges]) found.push(...disagreements(rule, facts, instant));
          asked += 1 + edges.length;
        }
        for (const at of [...walk].reverse()) found.push(...disagreements(rule, facts, at));
      }
    }
    expect(found).toEqual([]);
    expect(asked).toBeGreaterThan(FACTS.length * RULES.length * walk.length);
  });

  it('several rules asked in turn at one instant each get their own answer', () => {
    const at = DateTime.fromISO('2026-03-04T10:00', { zone: PLAN_ZONE });
    for (let round = 0; round < 2; round++) for (const rule of RULES) expectSame(rule, FACTS[0]!, at);
  });

  it('passes an unread deadline and an event-relative one to reportPeriod (events and reports decide those)', () => {
    const at = DateTime.fromISO('2026-03-04T10:00', { zone: PLAN_ZONE });
    const rule = { kind: 'relative' as const, days: 7, workingDays: true };
    const events = [
      { id: 4, occurredOn: '2026-02-26' },
      { id: 9, occurredOn: '2026-03-02' },
    ];
    for (const reported of [never, (key: string) => key === 'event-4', () => true]) {
      expect(view(cachedReportPeriod(rule, at, FACTS[0]!, events, reported, calendar))).toEqual(
        view(reportPeriod(rule, at, FACTS[0]!, events, reported, calendar)),
      );
    }
    expect(view(cachedReportPeriod(null, at, FACTS[0]!, [], never, calendar))).toEqual(
      view(reportPeriod(null, at, FACTS[0]!, [], never, calendar)),
    );
  });

  it('gives each caller an object of its own', () => {
    const at = DateTime.fromISO('2026-03-04T10:00', { zone: PLAN_ZONE });
    const rule = RULES[0]!;
    const first = cachedReportPeriod(rule, at, FACTS[0]!, [], never, calendar);
    expect(cachedReportPeriod(rule, at, FACTS[0]!, [], never, calendar)).not.toBe(first);
  });
});
