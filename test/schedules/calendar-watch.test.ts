import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ADMIN, startE2E } from '../support/e2e';
import { calendarOverrides, outbox } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

describe('warning admins of a year without holiday data', () => {
  it('tells each admin once, in working hours, six weeks before the year starts, and not once it is loaded', async () => {
    const e2e = await startE2E({ now: sh('2026-11-10T10:00'), shareClock: true });
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    expect(e2e.db.select().from(outbox).where(eq(outbox.kind, 'calendar-missing')).all()).toEqual([]);

    // Saturday 21 November 2026: 2027 is within six weeks; the notice waits for Monday 09:00.
    e2e.clock.set(sh('2026-11-21T10:00'));
    await scheduler.tick();
    const [row] = e2e.db.select().from(outbox).where(eq(outbox.kind, 'calendar-missing')).all();
    expect(row).toMatchObject({ chatId: ADMIN, status: 'pending', payload: { year: 2027 } });
    expect(row!.sendAfter).toEqual(sh('2026-11-23T09:00'));
    e2e.clock.set(sh('2026-11-23T09:00'));
    await scheduler.tick();
    await scheduler.tick();
    const told = e2e
      .as(ADMIN)
      .transcript()
      .filter((m) => m.text?.includes('节假日日历还没有 2027 年的数据'));
    expect(told).toHaveLength(1);

    // Once an admin loads 2027, no one else is told.
    e2e.db
      .insert(calendarOverrides)
      .values({ year: 2027, holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [], source: 'test' })
      .run();
    e2e.db.update(outbox).set({ status: 'pending' }).where(eq(outbox.kind, 'calendar-missing')).run();
    await scheduler.tick();
    expect(e2e.db.select({ status: outbox.status }).from(outbox).where(eq(outbox.kind, 'calendar-missing')).get()).toEqual({
      status: 'skipped',
    });
  });
});
