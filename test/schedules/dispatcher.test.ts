import { describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { LEAD, LIAISON, buttons, startE2E } from '../support/e2e';
import { outbox, people, reports } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';
import type { TranscriptEntry } from '../../sandbox/emulator';
import { Dispatcher } from '../../schedules/dispatcher';
import { loadCalendar, runPlanningTick } from '../../schedules/planner-store';
import { NOTICES } from '../../app/notices';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

/** The real bot and emulator, plus a scheduler on the same manual clock; its waits move that clock. */
async function setup(options: Parameters<typeof startE2E>[0] = {}) {
  const e2e = await startE2E({ now: sh('2026-03-04T12:00'), shareClock: true, ...options });
  const api = new Api(e2e.emulator.token, { apiRoot: e2e.emulator.apiRoot });
  const makeScheduler = (withApi: Api = api) => e2e.scheduler(withApi);
  const scheduler = makeScheduler();
  await scheduler.tick(); // the first tick only marks where planning starts
  return { ...e2e, api, scheduler, makeScheduler };
}

const reminders = (entries: TranscriptEntry[]) => entries.filter((e) => e.from.kind === 'bot' && /^(⏰|❗|⚠️)/.test(e.text ?? ''));

type E2E = Awaited<ReturnType<typeof startE2E>>;

function outboxOf(db: E2E['db'], telegramId: number) {
  return db
    .select({
      status: outbox.status,
      kind: outbox.kind,
      messageId: outbox.messageId,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
    })
    .from(outbox)
    .innerJoin(people, eq(people.id, outbox.personId))
    .where(eq(people.telegramId, telegramId))
    .all();
}

describe('reminders, planned and sent through the emulator', () => {
  it('reach a liaison at 09:00 as one message listing the items due, with buttons that work', async () => {
    const e2e = await setup();
    e2e.clock.set(sh('2026-03-05T09:00'));
    const { dispatch } = await e2e.scheduler.tick();
    expect(dispatch.failed).toBe(0);
    const sent = reminders(e2e.as(LIAISON).transcript());
    const rows = outboxOf(e2e.db, LIAISON);
    // Up to ten items a message: 政策法规处 has more than ten due on the 10th.
    expect(sent).toHaveLength(Math.ceil(rows.length / 10));
    const message = sent[0];
    for (const m of sent) expect(m.text).toMatch(/^⏰ 提醒：以下任务 3月10日（周二） 截止，还有 3 个工作日：/);
    expect(message!.text).toContain('4① 落实月报制度');
    expect(buttons(message!).flat()).toContain('✅ 已完成 4①');
    expect(buttons(message!).at(-1)).toEqual(['⏰ 下个工作日再提醒']);
    // Every row of the message is recorded as sent with its message id.
    expect(rows.every((r) => r.status === 'sent' && sent.some((m) => m.message_id === r.messageId))).toBe(true);

    // Done in one tap: a report, on time; the button goes; a second tap records nothing more.
    const { answer, message: edited } = await e2e.as(LIAISON).press(message!, '✅ 已完成 4①');
    expect(answer.text).toBe('✅ 已记录：4① 已完成（3/5 09:00）。');
    expect(buttons(edited).flat()).not.toContain('✅ 已完成 4①');
    expect(e2e.db.select({ period: reports.period, late: reports.late, status: reports.status }).from(reports).all()).toEqual([
      { period: '2026-03', late: false, status: 'done' },
    ]);

    // Remind me next working day: Friday 6 March, without the item already done.
    const snooze = await e2e.as(LIAISON).press(edited, '⏰ 下个工作日再提醒');
    expect(snooze.answer.text).toBe('好的，3月6日（周五） 上午再提醒您。');
    e2e.clock.set(sh('2026-03-06T09:00'));
    await e2e.scheduler.tick();
    const again = reminders(e2e.as(LIAISON).transcript()).at(-1)!;
    expect(again.text).toMatch(/^⏰ 按您的要求再次提醒：以下任务 3月10日（周二） 截止：/);
    expect(again.text).not.toContain('4① 落实月报制度');
    expect(e2e.errors).toEqual([]);
  });

  it("honours 429 retry_after from a strict emulator: no send before a refusal's retry_after has run out, nothing lost, nothing sent twice", async () => {
    // Each refusal asks for 3 s, longer than the bucket takes to refill (1 s): a dispatcher that
    // waited less than retry_after, or not at all, would send again within those 3 s.
    const e2e = await setup({ floodLimits: { perBot: { burst: 2, perSecond: 1, retryAfter: [3, 3] } } });
    // The scheduler's Api, watched: a sendMessage before the latest refusal's retry_after has run
    // out (on the shared clock) is recorded and fails the call, which ends the tick. Without that
    // stop, a dispatcher that ignored retry_after would resend forever on this manual clock.
    const api = new Api(e2e.emulator.token, { apiRoot: e2e.emulator.apiRoot });
    let notBefore = 0;
    const early: string[] = [];
    let afterWaiting = 0;
    api.config.use(async (prev, method, payload, signal) => {
      const at = e2e.clock.now().getTime();
      if (method === 'sendMessage') {
        if (at < notBefore) {
          early.push(`a send ${notBefore - at} ms before retry_after ran out`);
          throw new Error(`sendMessage ${notBefore - at} ms before the last 429's retry_after ran out`);
        }
        if (notBefore > 0) afterWaiting++;
      }
      const response = await prev(method, payload, signal);
      if (!response.ok && response.error_code === 429) notBefore = Math.max(notBefore, at + (response.parameters?.retry_after ?? 0) * 1000);
      return response;
    });
    e2e.clock.set(sh('2026-03-05T09:00'));
    const { dispatch } = await e2e.makeScheduler(api).tick();
    expect(early).toEqual([]);
    expect(dispatch.retried).toBeGreaterThan(0);
    // The check above was put to use: sends were made after a refusal's wait.
    expect(afterWaiting).toBeGreaterThan(0);
    const rows = e2e.db.select().from(outbox).all();
    expect(rows.length).toBeGreaterThan(3);
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const calls = e2e.emulator.botCalls({ method: 'sendMessage' });
    const throttled = calls.filter((c) => c.response?.ok === false);
    expect(throttled.length).toBeGreaterThan(0);
    expect(
      throttled.every((c) => c.response?.ok === false && c.response.error_code === 429 && c.response.parameters?.retry_after === 3),
    ).toBe(true);
    // As the emulator recorded it: after each refusal, nothing reached it until its retry_after had run out.
    for (const refusal of throttled) {
      const waitedUntil = refusal.at + 3000;
      expect(calls.filter((c) => c.seq > refusal.seq && c.at < waitedUntil)).toEqual([]);
    }
    // One delivered message per distinct message id recorded: no duplicates.
    const delivered = calls.filter((c) => c.response?.ok).length;
    expect(delivered).toBe(new Set(rows.map((r) => `${r.chatId}|${r.messageId}`)).size);
  });

  it('a blocked liaison is marked unreachable and the lead is told once', async () => {
    const e2e = await setup();
    // She blocks the bot while it is not polling: the dispatcher learns of it from the 403, not
    // from the my_chat_member update (bot/features/reachability.ts handles that one).
    await e2e.stopPolling();
    e2e.emulator.blockBot(LIAISON);
    e2e.clock.set(sh('2026-03-05T09:00'));
    await e2e.scheduler.tick();
    // The first message bounces; the rest of hers are not even tried.
    const statuses = outboxOf(e2e.db, LIAISON).map((r) => `${r.status}: ${r.lastError}`);
    expect(statuses).toContain('failed: Forbidden: bot was blocked by the user');
    expect(statuses.every((s) => s === 'failed: Forbidden: bot was blocked by the user' || s === 'skipped: unreachable')).toBe(true);
    expect(e2e.db.select({ at: people.unreachableAt }).from(people).where(eq(people.telegramId, LIAISON)).get()!.at).not.toBeNull();
    e2e.clock.set(sh('2026-03-09T09:00'));
    await e2e.scheduler.tick();
    const told = e2e
      .as(LEAD)
      .transcript()
      .filter((m) => m.text?.includes('已屏蔽督办'));
    expect(told.map((m) => m.text)).toEqual(['⚠️ 李娜（政策法规处 联络员）已屏蔽督办，提醒无法送达。请与其联系，或另行指定联络员。']);
    // No more reminders are addressed to the unreachable liaison.
    expect(outboxOf(e2e.db, LIAISON).every((r) => r.status !== 'sent' && r.status !== 'pending')).toBe(true);
  });

  it('retries 5xx with backoff, then delivers', async () => {
    const e2e = await setup();
    e2e.emulator.faults.serverErrors({ count: 2, method: 'sendMessage', status: 502 });
    e2e.clock.set(sh('2026-03-05T09:00'));
    const first = await e2e.scheduler.tick();
    expect(first.dispatch.retried).toBeGreaterThan(0);
    e2e.clock.advance(15 * 60_000);
    await e2e.scheduler.tick();
    const rows = e2e.db.select().from(outbox).all();
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    // Each message once: as many as the distinct message ids recorded.
    const ids = new Set(outboxOf(e2e.db, LIAISON).map((r) => r.messageId));
    expect(
      reminders(e2e.as(LIAISON).transcript())
        .map((m) => m.message_id)
        .sort(),
    ).toEqual([...ids].sort());
  });

  it('an hour without a connection to Telegram loses nothing: the reminders go out when it is back', async () => {
    const e2e = await setup();
    e2e.clock.set(sh('2026-03-05T09:00'));
    e2e.emulator.faults.dropConnections({ forMs: 60 * 60_000 });
    // The scheduler ticks every minute; the dispatcher's backoff decides when it tries again.
    for (let minute = 0; minute <= 70; minute++) {
      await e2e.scheduler.tick();
      e2e.clock.advance(60_000);
    }
    const rows = e2e.db.select().from(outbox).all();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
    expect(Math.max(...rows.map((r) => r.attempts))).toBeGreaterThan(5);
  }, 60_000);

  it("adopts a migrated group's new id", async () => {
    const e2e = await setup();
    e2e.emulator.createGroup({ id: -500, title: '领导小组', type: 'group', members: [LEAD] });
    e2e.db.update(people).set({ chatId: -500 }).where(eq(people.telegramId, LEAD)).run();
    const supergroup = e2e.emulator.upgradeGroup(-500);
    e2e.clock.set(sh('2026-03-05T09:00'));
    await e2e.scheduler.tick();
    expect(e2e.db.select({ chatId: people.chatId }).from(people).where(eq(people.telegramId, LEAD)).get()).toEqual({ chatId: supergroup });
    expect(reminders(e2e.emulator.transcript(supergroup)).length).toBeGreaterThan(0);
    expect(e2e.db.select().from(outbox).where(eq(outbox.chatId, -500)).all()).toEqual([]);
  });

  it("groups a chat's rows into full messages whatever order the planner wrote them in", async () => {
    const e2e = await setup();
    // The planner writes requirement by requirement, so one liaison's rows are spread between
    // the other units' rows; the dispatcher reads a page of 10 at a time here.
    runPlanningTick(e2e.db, loadCalendar(e2e.db), sh('2026-03-05T09:00'));
    e2e.clock.set(sh('2026-03-05T09:00'));
    const ids = e2e.db.select({ id: outbox.id, chatId: outbox.chatId }).from(outbox).orderBy(outbox.id).all();
    const chats = ids.map((r) => r.chatId);
    expect(chats.some((chat, i) => i > 0 && chat !== chats[i - 1] && chats.indexOf(chat) < i)).toBe(true);
    const dispatcher = new Dispatcher({
      db: e2e.db,
      api: e2e.api,
      i18n: e2e.services.i18n,
      clock: e2e.clock,
      notices: NOTICES,
      calendar: () => loadCalendar(e2e.db),
      sleep: async (ms) => e2e.clock.advance(ms),
      pageSize: 10,
    });
    await dispatcher.dispatchDue();
    const rows = outboxOf(e2e.db, LIAISON);
    expect(rows.length).toBeGreaterThan(10);
    expect(reminders(e2e.as(LIAISON).transcript())).toHaveLength(Math.ceil(rows.length / 10));
  });

  it('a crash between sending and recording repeats at most the one message in flight', async () => {
    const e2e = await setup();
    const crashing = new Api(e2e.emulator.token, { apiRoot: e2e.emulator.apiRoot });
    const send = crashing.sendMessage.bind(crashing);
    let sends = 0;
    // The process "dies" right after Telegram accepted the third message, before it is recorded.
    crashing.sendMessage = async (...args: Parameters<Api['sendMessage']>) => {
      const message = await send(...args);
      if (++sends === 3) throw new Error('killed');
      return message;
    };
    e2e.clock.set(sh('2026-03-05T09:00'));
    const dying = e2e.makeScheduler(crashing);
    await expect(dying.tick()).rejects.toThrow('killed');
    const inFlight = e2e.db.select().from(outbox).where(eq(outbox.status, 'sending')).all();
    expect(new Set(inFlight.map((r) => r.chatId)).size).toBe(1);

    // Restart: recover, then send the rest.
    const restarted = e2e.makeScheduler();
    expect(restarted.dispatcher.recover()).toBe(inFlight.length);
    await restarted.tick();
    expect(
      e2e.db
        .select()
        .from(outbox)
        .all()
        .every((r) => r.status === 'sent'),
    ).toBe(true);
    const rows = e2e.db.select().from(outbox).all();
    const messages = new Set(rows.map((r) => `${r.chatId}|${r.messageId}`)).size;
    const delivered = e2e.emulator.botCalls({ method: 'sendMessage' }).filter((c) => c.response?.ok).length;
    expect(delivered).toBe(messages + 1); // exactly the one in flight, twice
    // The rows that were in flight are recorded once, with the message that finally went.
    const resent = e2e.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.chatId, inFlight[0]!.chatId), eq(outbox.status, 'sent')))
      .all();
    expect(inFlight.every((row) => resent.some((r) => r.id === row.id && r.messageId !== null))).toBe(true);
  });
});
