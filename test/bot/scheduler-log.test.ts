/**
 * The scheduler's one line per tick that did work (schedules/scheduler.ts): what was planned
 * and what was sent, failed, skipped or retried, in all and by outbox kind; nothing for an idle
 * tick. Run on the demo plan with the real bot's emulator (test/support/e2e.ts), the line
 * checked against the outbox itself. Both forms: structured (`logger`, app/main.ts) and text
 * (`log`, the sandbox's and older callers').
 */
import { describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { outbox } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';
import { Scheduler, type SchedulerLogger, type TickSummary } from '../../schedules/scheduler';
import { startE2E } from '../support/e2e';
import { NOTICES } from '../../app/notices';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

interface Line {
  level: 'info' | 'warn' | 'error';
  details: object;
  message: string;
}

async function setup() {
  const e2e = await startE2E({ now: sh('2026-03-04T12:00'), shareClock: true });
  const lines: Line[] = [];
  const texts: string[] = [];
  const logger: SchedulerLogger = {
    info: (details, message) => void lines.push({ level: 'info', details, message }),
    warn: (details, message) => void lines.push({ level: 'warn', details, message }),
    error: (details, message) => void lines.push({ level: 'error', details, message }),
  };
  const make = (log: { logger?: SchedulerLogger; log?: (line: string) => void }) =>
    new Scheduler({
      db: e2e.db,
      api: new Api(e2e.emulator.token, { apiRoot: e2e.emulator.apiRoot }),
      i18n: e2e.services.i18n,
      clock: e2e.clock,
      notices: NOTICES,
      sleep: async (ms) => e2e.clock.advance(ms),
      ...log,
    });
  const ticks = () => lines.filter((l) => l.message === 'scheduler tick').map((l) => ({ level: l.level, ...(l.details as TickSummary) }));
  return { e2e, lines, texts, logger, make, ticks };
}

/** The outbox's rows by kind and status, as the database has them. */
function outboxCounts(db: Awaited<ReturnType<typeof startE2E>>['db']) {
  const rows = db
    .select({ kind: outbox.kind, status: outbox.status, n: sql<number>`count(*)` })
    .from(outbox)
    .groupBy(outbox.kind, outbox.status)
    .all();
  const by = (status?: string) => Object.fromEntries(rows.filter((r) => !status || r.status === status).map((r) => [r.kind, r.n]));
  return { all: by(), sent: by('sent') };
}

describe('one log line per scheduler tick that did work', () => {
  it('planned and sent by kind, matching the outbox; an idle tick says nothing', async () => {
    const { e2e, logger, make, ticks } = await setup();
    const scheduler = make({ logger });
    await scheduler.tick(); // marks where planning starts; the week's summary to the leads goes out
    const first = ticks();
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      level: 'info',
      planned: 1,
      sent: 1,
      byKind: { planned: { 'weekly-summary': 1 }, sent: { 'weekly-summary': 1 } },
    });

    e2e.clock.set(sh('2026-03-04T12:01'));
    await scheduler.tick();
    expect(ticks()).toHaveLength(1); // idle: nothing planned, nothing due

    e2e.clock.set(sh('2026-03-05T09:00'));
    const { dispatch } = await scheduler.tick();
    const line = ticks().at(-1)!;
    expect(ticks()).toHaveLength(2);
    const counts = outboxCounts(e2e.db);
    const { 'weekly-summary': _weekly, ...plannedNow } = counts.all;
    expect(line.byKind.planned).toEqual(plannedNow);
    expect(line.planned).toBe(Object.values(plannedNow).reduce((a, b) => a + b, 0));
    expect(line.planned).toBeGreaterThan(10);
    expect(line).toMatchObject({ sent: dispatch.sent, failed: 0, skipped: dispatch.skipped, retried: 0 });
    const { 'weekly-summary': _sentWeekly, ...sentNow } = counts.sent;
    expect(line.byKind.sent).toEqual(sentNow);
    expect(Object.values(line.byKind.sent ?? {}).reduce((a, b) => a + b, 0)).toBe(dispatch.sent);
    expect(line.byKind.failed).toBeUndefined();
  });

  it('retried by kind when Telegram answers 5xx: retries within the tick that then succeed', async () => {
    const { e2e, logger, make, ticks } = await setup();
    const scheduler = make({ logger });
    await scheduler.tick();
    e2e.emulator.faults.serverErrors({ count: 2, method: 'sendMessage', status: 502 });
    e2e.clock.set(sh('2026-03-05T09:00'));
    const { dispatch } = await scheduler.tick();
    const line = ticks().at(-1)!;
    expect(dispatch.retried).toBeGreaterThan(0);
    // Its waits move the shared clock: the 2 s backoff passes within the tick and everything goes out.
    expect(line).toMatchObject({ sent: line.planned, failed: 0, retried: dispatch.retried });
    const retried = line.byKind.retried ?? {};
    expect(Object.values(retried).reduce((a, b) => a + b, 0)).toBe(dispatch.retried);
    for (const kind of Object.keys(retried)) expect(line.byKind.sent?.[kind]).toBeGreaterThan(0);
  });

  it('retried by kind when Telegram stays down: left for a later tick, which sends them', async () => {
    const { e2e, logger, make, ticks } = await setup();
    const scheduler = make({ logger });
    await scheduler.tick();
    const outage = e2e.emulator.faults.serverErrors({ count: 1_000_000, method: 'sendMessage', status: 502 });
    e2e.clock.set(sh('2026-03-05T09:00'));
    const down = await scheduler.tick();
    const failing = ticks().at(-1)!;
    expect(down.dispatch.sent).toBe(0);
    expect(failing).toMatchObject({ sent: 0, failed: 0, retried: down.dispatch.retried });
    expect(failing.byKind.retried).toEqual(failing.byKind.planned);
    outage.clear();
    e2e.clock.advance(15 * 60_000);
    const up = await scheduler.tick();
    const recovered = ticks().at(-1)!;
    expect(ticks()).toHaveLength(3);
    expect(recovered).toMatchObject({ planned: 0, sent: up.dispatch.sent, retried: 0 });
    expect(recovered.byKind.sent).toEqual(failing.byKind.planned);
  });

  it('with a text log (the sandbox): the same line as text, and nothing for an idle tick', async () => {
    const { e2e, make, texts } = await setup();
    const scheduler = make({ log: (line) => void texts.push(line) });
    await scheduler.tick();
    e2e.clock.set(sh('2026-03-04T12:01'));
    await scheduler.tick();
    expect(texts).toEqual(['scheduler tick: planned 1 (weekly-summary 1); sent 1 (weekly-summary 1); failed 0; skipped 0; retried 0']);
    e2e.clock.set(sh('2026-03-05T09:00'));
    await scheduler.tick();
    expect(texts).toHaveLength(2);
    expect(texts[1]).toMatch(
      /^scheduler tick: planned \d+ \(before-3 \d+, no-liaison \d+\); sent \d+ \(before-3 \d+, no-liaison \d+\); failed 0; skipped 0; retried 0$/,
    );
  });
});
