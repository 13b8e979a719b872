/**
 * SIGTERM during a dispatch (issue 16): Scheduler.stop() ends the dispatch under way between
 * two messages. The message in flight is finished and recorded; every row not yet sent stays
 * pending (none left "sending", so the next start repeats nothing), and no call follows the stop.
 */
import { expect, it } from 'vitest';
import { Api } from 'grammy';
import { DateTime } from 'luxon';
import { startE2E } from '../support/e2e';
import { outbox } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

it('stop() during a dispatch: the message in flight is recorded, the rest stay pending, nothing is sent after', async () => {
  const e2e = await startE2E({ now: sh('2026-03-04T12:00'), shareClock: true });
  const calls: string[] = [];
  let armed = false;
  let releaseFirst!: () => void;
  const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
  let firstStarted!: () => void;
  const started = new Promise<void>((resolve) => (firstStarted = resolve));
  // The first message is held on its way until the test has asked the scheduler to stop.
  const api = new Api(e2e.emulator.token, { apiRoot: e2e.emulator.apiRoot });
  api.config.use(async (prev, method, payload, signal) => {
    if (!armed) return prev(method, payload, signal);
    calls.push(method);
    if (method === 'sendMessage' && calls.filter((m) => m === 'sendMessage').length === 1) {
      firstStarted();
      await firstHeld;
    }
    return prev(method, payload, signal);
  });
  const scheduler = e2e.scheduler(api);
  await scheduler.tick(); // marks where planning starts (and sends this week's summary)
  const sentBefore = e2e.db
    .select({ status: outbox.status })
    .from(outbox)
    .all()
    .filter((r) => r.status === 'sent').length;
  e2e.clock.set(sh('2026-03-05T09:00'));
  armed = true;
  const ticking = scheduler.tick();
  await started;
  const stopping = scheduler.stop();
  releaseFirst();
  await stopping;
  const { dispatch } = await ticking;

  const rows = e2e.db.select({ status: outbox.status }).from(outbox).all();
  const count = (status: string) => rows.filter((r) => r.status === status).length;
  expect(calls.filter((m) => m === 'sendMessage')).toHaveLength(1);
  expect(dispatch.sent).toBeGreaterThanOrEqual(1);
  expect(count('sent')).toBe(sentBefore + dispatch.sent);
  expect(count('sending')).toBe(0);
  expect(count('pending')).toBeGreaterThan(0);

  // Started again, it sends the rest, once each.
  const again = e2e.scheduler();
  const rest = await again.tick();
  expect(rest.dispatch.sent).toBe(count('pending'));
  expect(
    e2e.db
      .select({ status: outbox.status })
      .from(outbox)
      .all()
      .every((r) => r.status !== 'pending' && r.status !== 'sending'),
  ).toBe(true);
});
