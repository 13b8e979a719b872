/**
 * A reminder planned for a liaison who no longer serves the unit when it is due to go out (an
 * admin removed them, or moved them to another unit) is not sent: the dispatcher checks the
 * role at the moment of sending, whatever removed it.
 */
import { expect, it } from 'vitest';
import { Api } from 'grammy';
import { DateTime } from 'luxon';
import { eq } from 'drizzle-orm';
import { LIAISON, startE2E } from '../support/e2e';
import { outbox, people } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

it('a liaison removed after a reminder was planned does not get it; the others do', async () => {
  const e2e = await startE2E({ now: sh('2026-03-04T12:00'), shareClock: true });
  const scheduler = e2e.scheduler(new Api(e2e.emulator.token, { apiRoot: e2e.emulator.apiRoot }));
  await scheduler.tick();
  // Telegram is unreachable at 09:00: the reminders are planned and wait for a retry.
  e2e.clock.set(sh('2026-03-05T09:00'));
  const down = e2e.emulator.faults.dropConnections({ forMs: 60_000 });
  await scheduler.tick();
  down.clear();
  const mine = () =>
    e2e.db
      .select({ status: outbox.status, lastError: outbox.lastError })
      .from(outbox)
      .innerJoin(people, eq(people.id, outbox.personId))
      .where(eq(people.telegramId, LIAISON))
      .all();
  expect(mine().length).toBeGreaterThan(0);
  expect(mine().every((r) => r.status === 'pending')).toBe(true);

  // Meanwhile her role is revoked.
  e2e.sqlite
    .prepare('update roles set revoked_at = ? where person_id = (select id from people where telegram_id = ?)')
    .run(Date.now(), LIAISON);
  e2e.clock.advance(15 * 60_000);
  const { dispatch } = await scheduler.tick();
  expect(mine().every((r) => r.status === 'skipped' && r.lastError === 'removed')).toBe(true);
  expect(dispatch.sent).toBeGreaterThan(0);
  expect(
    e2e
      .as(LIAISON)
      .transcript()
      .filter((m) => m.from.kind === 'bot' && m.text?.startsWith('⏰')),
  ).toEqual([]);
});
