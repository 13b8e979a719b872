import { describe, expect, it } from 'vitest';
import type { Update } from 'grammy/types';
import { DateTime } from 'luxon';
import { ADMIN, STRANGER, startE2E } from '../../support/e2e';
import { auditLog, invites, reports, roles } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';

const OFFICE = 2003;
const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

describe('an update delivered twice (a restart before the offset was confirmed)', () => {
  it('records a "done" press and an invite once, and answers the repeat without an error', async () => {
    const e2e = await startE2E({ now: sh('2026-03-04T12:00'), shareClock: true });
    const seen: Update[] = [];
    e2e.emulator.on('update', (event) => seen.push(event.update));
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    e2e.clock.set(sh('2026-03-05T09:00'));
    await scheduler.tick();
    const reminder = e2e
      .as(OFFICE)
      .transcript()
      .find((m) => m.text?.includes('10①'))!;
    await e2e.as(OFFICE).press(reminder, '✅ 已完成 10①');
    const code = /start=([\w-]+)/.exec((await e2e.as(ADMIN).send('/invite 测绘技术处')).text!)![1]!;
    await e2e.as(STRANGER).send(`/start ${code}`);
    await e2e.settled();
    const before = {
      reports: e2e.db.select().from(reports).all().length,
      roles: e2e.db.select().from(roles).all().length,
      audit: e2e.db.select().from(auditLog).all().length,
    };

    // Every update handled again, as grammY would after a restart that lost the offset.
    for (const update of seen) await e2e.bot.handleUpdate(update);
    expect({
      reports: e2e.db.select().from(reports).all().length,
      roles: e2e.db.select().from(roles).all().length,
      audit: e2e.db.select().from(auditLog).all().length,
    }).toEqual(before);
    expect(e2e.db.select().from(invites).all()).toHaveLength(1);
    expect(
      e2e.db
        .select()
        .from(invites)
        .all()
        .filter((i) => i.usedAt !== null),
    ).toHaveLength(1);
    expect(e2e.errors).toEqual([]);
  });
});
