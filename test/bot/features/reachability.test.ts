/**
 * Blocked, then back, end to end: the real bot polling the emulator, the reminder scheduler on
 * the test's clock (test/support/e2e.ts). Expects bot/features/reachability.ts installed right
 * after the identity is loaded (bot/create-bot.ts).
 */
import { describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { LEAD, LIAISON, STRANGER, startE2E } from '../../support/e2e';
import { auditLog, outbox, people } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import type { TranscriptEntry } from '../../../sandbox/emulator';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const reminders = (entries: TranscriptEntry[]) => entries.filter((e) => e.from.kind === 'bot' && /^(⏰|❗)/.test(e.text ?? ''));
const BLOCKED_NOTICE = '⚠️ 李娜（政策法规处 联络员）已屏蔽督办，提醒无法送达。请与其联系，或另行指定联络员。';

async function setup(api?: (e2e: Awaited<ReturnType<typeof startE2E>>) => Api) {
  const e2e = await startE2E({ now: sh('2026-03-04T12:00'), shareClock: true });
  const scheduler = e2e.scheduler(api?.(e2e));
  await scheduler.tick(); // the first tick only marks where planning starts
  const person = () => e2e.db.select().from(people).where(eq(people.telegramId, LIAISON)).get()!;
  const toldLead = () =>
    e2e
      .as(LEAD)
      .transcript()
      .filter((m) => m.text === BLOCKED_NOTICE);
  const sendsTo = (chatId: number, since = 0) =>
    e2e.emulator.botCalls().filter((c) => c.seq > since && c.method.toLowerCase() === 'sendmessage' && Number(c.params.chat_id) === chatId);
  const audit = () =>
    e2e.db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.subject, `person:${person().id}`))
      .all();
  return { ...e2e, scheduler, person, toldLead, sendsTo, audit };
}

describe('blocked, then back', () => {
  it('a block (my_chat_member) marks the liaison at once: nothing is tried, the lead is told once; unblocking brings the useful reminder and the next ones', async () => {
    const e2e = await setup();
    e2e.emulator.blockBot(LIAISON);
    await e2e.settled();
    expect(e2e.person().unreachableAt?.getTime()).toBe(e2e.clock.now().getTime());

    // Thursday 09:00: her reminders for the 10th are not even tried; the lead hears of her once.
    e2e.clock.set(sh('2026-03-05T09:00'));
    await e2e.scheduler.tick();
    expect(e2e.sendsTo(LIAISON)).toEqual([]);
    expect(e2e.toldLead()).toHaveLength(1);

    // 10:00: she unblocks the bot.
    e2e.clock.set(sh('2026-03-05T10:00'));
    const mark = e2e.emulator.botCalls().at(-1)?.seq ?? 0;
    e2e.emulator.unblockBot(LIAISON);
    await e2e.settled();
    expect(e2e.person().unreachableAt).toBeNull();
    expect(e2e.audit().map((a) => [a.action, (a.details as { via: string }).via])).toEqual([
      ['person.unreachable', 'my_chat_member'],
      ['person.reachable', 'my_chat_member'],
    ]);
    // Her command menu is set again.
    const menus = e2e.emulator.botCalls().filter((c) => c.seq > mark && c.method === 'setMyCommands');
    expect(menus.map((c) => c.params.scope)).toEqual([{ type: 'chat', chat_id: LIAISON }]);

    // The reminder she missed this morning is still useful (the 10th is ahead): it comes now.
    await e2e.scheduler.tick();
    const missed = reminders(e2e.as(LIAISON).transcript());
    expect(missed.length).toBeGreaterThan(0);
    for (const m of missed) expect(m.text).toMatch(/^⏰ 提醒：以下任务 3月10日（周二） 截止，还有 3 个工作日：/);

    // And the next one on Monday, as for anyone.
    e2e.clock.set(sh('2026-03-09T09:00'));
    await e2e.scheduler.tick();
    const next = reminders(e2e.as(LIAISON).transcript()).slice(missed.length);
    expect(next.length).toBeGreaterThan(0);
    for (const m of next) expect(m.text).toMatch(/^⏰ 提醒：以下任务 3月10日（周二） 截止，还有 1 个工作日：/);
    expect(e2e.toldLead()).toHaveLength(1);
    expect(e2e.errors).toEqual([]);
  });

  it('a 403 marks the liaison; when she writes to the bot again (the unblock update lost) she is back and the bounced reminder comes, once', async () => {
    let blocked = true;
    const e2e = await setup((t) => {
      // Telegram refuses her chat, as for a person who blocked the bot while it was not polling.
      const api = new Api(t.emulator.token, { apiRoot: t.emulator.apiRoot });
      api.config.use(async (prev, method, payload, signal) => {
        if (blocked && method === 'sendMessage' && (payload as { chat_id?: number }).chat_id === LIAISON) {
          return { ok: false, error_code: 403, description: 'Forbidden: bot was blocked by the user' } as never;
        }
        return prev(method, payload, signal);
      });
      return api;
    });
    e2e.clock.set(sh('2026-03-05T09:00'));
    await e2e.scheduler.tick();
    expect(e2e.person().unreachableAt).not.toBeNull();
    const bounced = e2e.db.select().from(outbox).where(eq(outbox.personId, e2e.person().id)).all();
    expect(bounced.map((r) => r.status).sort()[0]).toBe('failed');
    e2e.clock.set(sh('2026-03-05T09:30'));
    await e2e.scheduler.tick();
    expect(e2e.toldLead()).toHaveLength(1);

    e2e.clock.set(sh('2026-03-05T10:00'));
    blocked = false;
    const reply = await e2e.as(LIAISON).send('/tasks');
    expect(reply.text).toContain('政策法规处');
    expect(e2e.person().unreachableAt).toBeNull();
    expect(e2e.audit().map((a) => [a.action, (a.details as { via: string }).via])).toContainEqual(['person.reachable', 'message']);

    await e2e.scheduler.tick();
    const rows = e2e.db.select().from(outbox).where(eq(outbox.personId, e2e.person().id)).all();
    // The same rows, sent now: nothing doubled, nothing new planned for what bounced.
    expect(rows.map((r) => r.id).sort()).toEqual(bounced.map((r) => r.id).sort());
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    const got = reminders(e2e.as(LIAISON).transcript());
    expect(got).toHaveLength(new Set(rows.map((r) => r.messageId)).size);
    for (const m of got) expect(m.text).toMatch(/^⏰ 提醒：以下任务 3月10日（周二） 截止，还有 3 个工作日：/);
    expect(e2e.toldLead()).toHaveLength(1);
  });

  it('someone the bot does not know blocking and unblocking it changes nothing', async () => {
    const e2e = await setup();
    e2e.emulator.blockBot(STRANGER);
    await e2e.settled();
    e2e.emulator.unblockBot(STRANGER);
    await e2e.settled();
    expect(e2e.db.select().from(people).where(eq(people.telegramId, STRANGER)).all()).toEqual([]);
    expect(
      e2e.db
        .select()
        .from(auditLog)
        .all()
        .filter((a) => a.action.startsWith('person.')),
    ).toEqual([]);
    expect(e2e.errors).toEqual([]);
  });
});
