/** The period a report made now goes to (schedules/periods.ts reportPeriod): one rule for /report's list and its buttons. */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { reportPeriod, UNDATED_PERIOD } from '../../schedules/periods';
import { createCalendar } from '../../schedules/calendar';
import { PLAN_ZONE } from '../../core/zone';

const calendar = createCalendar();
const facts = { year: 2026, monthlyReportDay: 10, endsOn: null };
const at = DateTime.fromISO('2026-03-04T10:00', { zone: PLAN_ZONE });
const never = () => false;

describe('reportPeriod', () => {
  it('an unread deadline: its one undated period, never late', () => {
    expect(reportPeriod(null, at, facts, [], never, calendar)).toEqual({ key: UNDATED_PERIOD, due: null });
  });

  it('a monthly deadline: the month falling due next', () => {
    const period = reportPeriod({ kind: 'monthly', day: 10, months: null }, at, facts, [], never, calendar);
    expect(period?.key).toBe('2026-03');
    expect(period?.due?.toISODate()).toBe('2026-03-10');
  });

  it('七个工作日内: the oldest event not yet reported, counted in working days; none once all are reported', () => {
    const rule = { kind: 'relative' as const, days: 7, workingDays: true };
    const events = [
      { id: 4, occurredOn: '2026-02-26' },
      { id: 9, occurredOn: '2026-03-02' },
    ];
    const period = reportPeriod(rule, at, facts, events, (key) => key === 'event-4', calendar);
    expect(period?.key).toBe('event-9');
    // Monday 2 March + 7 working days: Wednesday 11 March.
    expect(period?.due?.toISODate()).toBe('2026-03-11');
    expect(reportPeriod(rule, at, facts, events, () => true, calendar)).toBeNull();
  });
});
