import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { LIAISON, LIAISON_EN, startE2E } from '../support/e2e';
import { PLAN_ZONE } from '../../plans/due-dates';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

/** The first line of each reminder a liaison got, in order. */
const headers = (e2e: Awaited<ReturnType<typeof startE2E>>, who: number) =>
  e2e
    .as(who)
    .transcript()
    .filter((m) => m.from.kind === 'bot' && /^(⏰|❗)/.test(m.text ?? ''))
    .map((m) => m.text!.split('\n')[0]);

describe('the on-the-day reminder says how far the due day really is', () => {
  it('sent on Friday 8 January 2027 for Sunday 10 January: "后天截止", not "今天截止"', async () => {
    // The demo plan of 2027: a plan's periods end with its year, so 2026's has none in January 2027.
    const e2e = await startE2E({ now: sh('2027-01-07T12:00'), shareClock: true, demoYear: 2027, seededAt: sh('2027-01-01T08:00') });
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    // 2027 has no holiday data yet: its weekends are assumed, so Sunday's reminder comes on Friday.
    e2e.clock.set(sh('2027-01-08T09:00'));
    await scheduler.tick();
    const zh = headers(e2e, LIAISON);
    expect(zh.length).toBeGreaterThan(0);
    expect(new Set(zh)).toEqual(new Set(['⏰ 后天截止（1月10日（周日））：以下任务还没有报送：']));
    const en = headers(e2e, LIAISON_EN);
    expect(en.length).toBeGreaterThan(0);
    expect(new Set(en)).toEqual(new Set(['⏰ Due in 2 days (Sun 10 Jan): these tasks are not reported yet:']));
  });

  it('on a due day that is a working day it still says "今天截止"; on the working Saturday before a Sunday, "明天截止"', async () => {
    const e2e = await startE2E({ now: sh('2026-03-09T12:00'), shareClock: true, seededAt: sh('2026-01-01T08:00') });
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    // Tuesday 10 March 2026 is a working day.
    e2e.clock.set(sh('2026-03-10T09:00'));
    await scheduler.tick();
    expect(headers(e2e, LIAISON).at(-1)).toBe('⏰ 今天截止（3月10日（周二））：以下任务还没有报送：');
    // Sunday 10 May 2026 is due; Saturday 9 May is a working day (调休 after 劳动节).
    e2e.clock.set(sh('2026-05-08T12:00'));
    await scheduler.tick();
    e2e.clock.set(sh('2026-05-09T09:00'));
    await scheduler.tick();
    expect(headers(e2e, LIAISON).at(-1)).toBe('⏰ 明天截止（5月10日（周日））：以下任务还没有报送：');
  });
});
