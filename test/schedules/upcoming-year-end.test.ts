/** What comes next on the clock, at a plan's end: its last periods' overdue notices, then nothing. */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { upcoming } from '../../schedules/upcoming';
import { createCalendar } from '../../schedules/calendar';
import { DEFAULT_POLICY } from '../../schedules/policy';
import { formatDue, PLAN_ZONE } from '../../plans/due-dates';
import type { PlannerRequirement } from '../../schedules/planner';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const show = (d: Date | null) => (d ? formatDue(DateTime.fromJSDate(d)) : null);

describe('upcoming at the end of a 2020 plan', () => {
  const requirements: PlannerRequirement[] = [
    {
      requirementId: 1,
      planId: 1,
      rule: { kind: 'monthly', day: 'last', months: null },
      facts: { year: 2020, monthlyReportDay: 10 },
      policy: DEFAULT_POLICY,
    },
  ];
  const state = { requirements, calendar: createCalendar() };

  it('after the last due day: the overdue notice of the last period, and no deadline in 2021', () => {
    expect(upcoming(state, sh('2020-12-31T12:00'))).toEqual({
      nextReminder: sh('2021-01-04T09:00'),
      nextDeadline: sh('2020-12-31T23:59:59'),
    });
    const after = upcoming(state, sh('2021-01-01T00:00'));
    expect([show(after.nextReminder), show(after.nextDeadline)]).toEqual(['2021-01-04T09:00:00+08:00', null]);
    expect(upcoming(state, sh('2021-01-04T09:00'))).toEqual({ nextReminder: null, nextDeadline: null });
  });
});
