/**
 * A plan's quotas are counted and paced within the plan's days, not today's calendar year
 * (schedules/quota-window.ts): next year's plan is not behind in December, an ended plan is
 * judged on its whole target, and a late report made in January counts toward its plan's year.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { PLAN_ZONE } from '../../plans/due-dates';
import { quotaInstant, quotaWindow } from '../../schedules/quota-window';
import { quotaPace } from '../../schedules/quota-pace';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const plan = (year: number | null, endsOn: string | null = null) => ({ year, endsOn });

describe('quota windows', () => {
  it("next year's plan in December: judged at its first moment, nothing expected yet", () => {
    const window = quotaWindow('year', sh('2026-12-20T10:00'), plan(2027));
    expect(window.at).toEqual(sh('2027-01-01T00:00'));
    expect(quotaPace(10, 'year', 0, window.at)).toMatchObject({ expected: 0, behind: false });
    // By the calendar it would be nine tenths behind.
    expect(quotaPace(10, 'year', 0, sh('2026-12-20T10:00'))).toMatchObject({ expected: 9, behind: true });
  });

  it('an ended plan in January: judged at its last moment, on its whole target', () => {
    const window = quotaWindow('year', sh('2027-01-05T10:00'), plan(2026));
    expect(window.at.getTime()).toBe(DateTime.fromISO('2026-12-31', { zone: PLAN_ZONE }).endOf('day').toMillis());
    expect(quotaPace(2, 'year', 1, window.at)).toMatchObject({ expected: 2, behind: true, over: true });
  });

  it("a yearly quota of a plan with a year counts all its requirement's reports (a late one made in January too); a month's, its month", () => {
    expect(quotaWindow('year', sh('2027-01-05T10:00'), plan(2026))).toMatchObject({ from: null, to: null });
    expect(quotaWindow('month', sh('2027-01-05T10:00'), plan(2026))).toMatchObject({
      from: sh('2026-12-01T00:00'),
      to: sh('2027-01-01T00:00'),
    });
    // A plan without a year: the calendar's windows, as before.
    expect(quotaWindow('year', sh('2026-05-05T10:00'), plan(null))).toMatchObject({
      from: sh('2026-01-01T00:00'),
      to: sh('2027-01-01T00:00'),
    });
  });

  it('an end an admin set holds the instant at that day', () => {
    expect(quotaInstant(sh('2026-09-01T10:00'), plan(2026, '2026-06-30')).getTime()).toBe(
      DateTime.fromISO('2026-06-30', { zone: PLAN_ZONE }).endOf('day').toMillis(),
    );
    expect(quotaInstant(sh('2026-05-01T10:00'), plan(2026, '2026-06-30'))).toEqual(sh('2026-05-01T10:00'));
  });
});
