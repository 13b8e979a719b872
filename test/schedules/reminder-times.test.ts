import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createCalendar } from '../../schedules/calendar';
import { DEFAULT_POLICY, effectivePolicy } from '../../schedules/policy';
import { nextSendableInstant, reminderSchedule } from '../../schedules/reminder-times';
import { PLAN_ZONE } from '../../plans/due-dates';

const calendar = createCalendar();
const due = (day: string) => DateTime.fromISO(`${day}T23:59:59`, { zone: PLAN_ZONE });
const show = (day: string, policy = DEFAULT_POLICY) =>
  reminderSchedule(due(day), policy, calendar).map((r) => `${r.kind} ${r.at.toISO({ suppressMilliseconds: true })}`);

describe('reminder times (Asia/Shanghai, Chinese working days)', () => {
  it('an ordinary month: 3 and 1 working days before, on the day, and the next working day', () => {
    // 10 March 2026 is a Tuesday.
    expect(show('2026-03-10')).toEqual([
      'before-3 2026-03-05T09:00:00+08:00',
      'before-1 2026-03-09T09:00:00+08:00',
      'due 2026-03-10T09:00:00+08:00',
      'overdue 2026-03-11T09:00:00+08:00',
    ]);
  });

  it('a due day inside the Spring Festival: the due-day reminder moves to the swapped working Saturday before it, merging with before-1', () => {
    // 20 Feb 2026 is a holiday (春节 15–23 Feb); Saturday 14 Feb is worked.
    expect(show('2026-02-20')).toEqual([
      'before-3 2026-02-12T09:00:00+08:00',
      'due 2026-02-14T09:00:00+08:00',
      'overdue 2026-02-24T09:00:00+08:00',
    ]);
  });

  it('National Day: counting back over the holiday week, and a due day on the swapped working Saturday', () => {
    // 1–7 Oct 2026 off; Saturday 10 Oct worked.
    expect(show('2026-10-10')).toEqual([
      'before-3 2026-09-30T09:00:00+08:00',
      'before-1 2026-10-09T09:00:00+08:00',
      'due 2026-10-10T09:00:00+08:00',
      'overdue 2026-10-12T09:00:00+08:00',
    ]);
  });

  it("follows a plan's own policy", () => {
    const policy = effectivePolicy({ beforeWorkingDays: [5], onDueDay: false, workStart: '08:30' });
    expect(show('2026-03-10', policy)).toEqual(['before-5 2026-03-03T08:30:00+08:00', 'overdue 2026-03-11T08:30:00+08:00']);
    expect(effectivePolicy({ workStart: '19:00' })).toEqual(DEFAULT_POLICY);
  });

  it('sends now within working hours on a working day, else at the start of the next working day', () => {
    const at = (iso: string) => nextSendableInstant(DateTime.fromISO(iso, { zone: PLAN_ZONE }), DEFAULT_POLICY, calendar).toISO();
    expect(at('2026-03-10T10:15:00')).toBe('2026-03-10T10:15:00.000+08:00');
    expect(at('2026-03-10T07:00:00')).toBe('2026-03-10T09:00:00.000+08:00');
    expect(at('2026-03-10T18:00:00')).toBe('2026-03-11T09:00:00.000+08:00');
    expect(at('2026-09-30T19:00:00')).toBe('2026-10-08T09:00:00.000+08:00');
    expect(at('2026-02-14T11:00:00')).toBe('2026-02-14T11:00:00.000+08:00');
  });
});
