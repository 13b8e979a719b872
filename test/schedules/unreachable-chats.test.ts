/**
 * Chats the dispatcher cannot reach, as Telegram refuses them (and the emulator with it): a
 * liaison the bot never met ("chat not found"), a deleted account ("user is deactivated"), and
 * the leading group the bot was kicked from ("bot was kicked from the supergroup chat") or that
 * was deleted ("chat not found"). Each ends in a clear outcome: the person is marked unreachable
 * (the lead told once, in words that fit), the group is unbound (the admins told once, the
 * leads' summaries still come in private), and nothing is tried again and again.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, LIAISON, startE2E } from '../support/e2e';
import { auditLog, circulars, outbox, people, plans, roles, units } from '../../db/schema';
import { publishCircular } from '../../schedules/circular';
import { PLAN_ZONE } from '../../plans/due-dates';
import { DEMO_GROUP } from '../../sandbox/demo/seed';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
/** A liaison of 政策法规处 whom the bot never met: not in its groups, never wrote to it. */
const NEWCOMER = 2004;

async function setup() {
  const e2e = await startE2E({ now: sh('2026-03-04T12:00'), shareClock: true });
  const scheduler = e2e.scheduler();
  await scheduler.tick(); // the first tick only marks where planning starts
  const personOf = (telegramId: number) => e2e.db.select().from(people).where(eq(people.telegramId, telegramId)).get()!;
  const rowsOf = (telegramId: number) =>
    e2e.db
      .select()
      .from(outbox)
      .where(eq(outbox.personId, personOf(telegramId).id))
      .all()
      .map((r) => `${r.status}: ${r.lastError}`);
  const botTexts = (chatId: number) =>
    e2e.emulator
      .transcript(chatId)
      .filter((m) => m.from.kind === 'bot')
      .map((m) => m.text ?? '');
  /** The audit log of a subject, the plan's import aside. */
  const audit = (subject: string) =>
    e2e.db
      .select({ action: auditLog.action, actor: auditLog.actorLabel, details: auditLog.details })
      .from(auditLog)
      .where(eq(auditLog.subject, subject))
      .all()
      .filter((a) => a.action !== 'plan.import');
  return { ...e2e, scheduler, personOf, rowsOf, botTexts, audit };
}

function bindDemoGroup(e2e: Awaited<ReturnType<typeof setup>>): number {
  const plan = e2e.db.select({ id: plans.id }).from(plans).get()!;
  e2e.db.update(plans).set({ leadGroupChatId: DEMO_GROUP.id }).where(eq(plans.id, plan.id)).run();
  return plan.id;
}

describe('a person the dispatcher cannot reach', () => {
  it('"chat not found" (a liaison the bot never met): marked unreachable by the 403 rule, the reason kept, the lead told once in fitting words', async () => {
    const e2e = await setup();
    const now = e2e.clock.now();
    e2e.emulator.createUser({ id: NEWCOMER, firstName: '赵强', languageCode: 'zh-hans' });
    const personId = e2e.db
      .insert(people)
      .values({ telegramId: NEWCOMER, chatId: NEWCOMER, name: '赵强', createdAt: now, updatedAt: now })
      .returning()
      .get().id;
    const unitId = e2e.db.select({ id: units.id }).from(units).where(eq(units.name, '政策法规处')).get()!.id;
    e2e.db.insert(roles).values({ personId, role: 'liaison', unitId, createdAt: now, updatedAt: now }).run();

    e2e.clock.set(sh('2026-03-05T09:00'));
    await e2e.scheduler.tick();
    // One message bounced (its rows failed with Telegram's words); the rest of his are not tried. Nothing waits to be retried.
    const statuses = e2e.rowsOf(NEWCOMER);
    expect(statuses).toContain('failed: Bad Request: chat not found');
    expect(statuses.every((s) => s === 'failed: Bad Request: chat not found' || s === 'skipped: unreachable')).toBe(true);
    expect(e2e.emulator.botCalls({ method: 'sendMessage' }).filter((c) => Number(c.params.chat_id) === NEWCOMER)).toHaveLength(1);
    expect(e2e.personOf(NEWCOMER).unreachableAt).not.toBeNull();
    expect(e2e.audit(`person:${personId}`).map((a) => [a.action, a.details])).toEqual([
      ['person.unreachable', { via: '400', detail: 'Bad Request: chat not found' }],
    ]);
    // The other liaison of the unit still gets hers.
    expect(e2e.rowsOf(LIAISON).every((s) => s === 'sent: null')).toBe(true);

    e2e.clock.set(sh('2026-03-09T09:00'));
    await e2e.scheduler.tick();
    const about = e2e.botTexts(LEAD).filter((t) => t.includes('赵强'));
    expect(about).toEqual([
      '⚠️ 提醒无法送达 赵强（政策法规处 联络员）：Telegram 找不到与其的对话（可能从未与督办对话，或账号已注销）。请让其在与督办的私聊中发送 /start，或另行指定联络员。',
    ]);
    expect(e2e.emulator.botCalls({ method: 'sendMessage' }).filter((c) => Number(c.params.chat_id) === NEWCOMER)).toHaveLength(1);
    expect(e2e.errors).toEqual([]);
  });

  it('"user is deactivated" (a deleted account): marked unreachable; the lead is told the account is gone, not that it blocked the bot', async () => {
    const e2e = await setup();
    e2e.emulator.deactivateUser(LIAISON);
    e2e.clock.set(sh('2026-03-05T09:00'));
    await e2e.scheduler.tick();
    expect(e2e.rowsOf(LIAISON)).toContain('failed: Forbidden: user is deactivated');
    expect(e2e.personOf(LIAISON).unreachableAt).not.toBeNull();
    e2e.clock.set(sh('2026-03-05T09:30'));
    await e2e.scheduler.tick();
    const about = e2e.botTexts(LEAD).filter((t) => t.includes('李娜'));
    expect(about).toEqual(['⚠️ 李娜（政策法规处 联络员）的 Telegram 账号已注销，提醒无法送达。请另行指定联络员。']);
    expect(e2e.errors).toEqual([]);
  });

  it('in English for an English-speaking lead', async () => {
    const e2e = await setup();
    e2e.db.update(people).set({ language: 'en' }).where(eq(people.telegramId, LEAD)).run();
    e2e.emulator.deactivateUser(LIAISON);
    e2e.clock.set(sh('2026-03-05T09:00'));
    await e2e.scheduler.tick();
    e2e.clock.set(sh('2026-03-05T09:30'));
    await e2e.scheduler.tick();
    expect(e2e.botTexts(LEAD).filter((t) => t.includes('李娜'))).toEqual([
      '⚠️ 李娜 (liaison of 政策法规处) has deleted their Telegram account; reminders cannot reach them. Please name another liaison.',
    ]);
  });
});

describe('the leading group the bot is no longer in', () => {
  it("kicked while the bot was down: the dispatcher's 403 unbinds the plan, the admins are told once, the leads still get the summary in private", async () => {
    const e2e = await setup();
    const planId = bindDemoGroup(e2e);
    const summaries = () => e2e.botTexts(LEAD).filter((t) => t.startsWith('📊 督办进度汇总（2026年3月')).length;
    const before = summaries();
    await e2e.stopPolling();
    e2e.emulator.kickBot(DEMO_GROUP.id, { byUserId: LEAD });

    // Monday 09:00: the weekly summaries. The group's is refused once.
    e2e.clock.set(sh('2026-03-09T09:00'));
    await e2e.scheduler.tick();
    const toGroup = e2e.emulator.botCalls({ method: 'sendMessage' }).filter((c) => Number(c.params.chat_id) === DEMO_GROUP.id);
    expect(toGroup.map((c) => (c.response?.ok ? 'ok' : c.response?.description))).toEqual([
      'Forbidden: bot was kicked from the supergroup chat',
    ]);
    expect(e2e.db.select({ chat: plans.leadGroupChatId }).from(plans).where(eq(plans.id, planId)).get()).toEqual({ chat: null });
    expect(e2e.audit(`plan:${planId}`).map((a) => [a.action, a.actor, a.details])).toEqual([
      ['plan.group-lost', 'system', { chatId: DEMO_GROUP.id, via: '403', detail: 'Forbidden: bot was kicked from the supergroup chat' }],
    ]);
    const notice =
      '⚠️ 督办已不在“福州市不动产登记和交易中心2026年社会信用体系建设任务分解表”的领导小组群中（被移出群，或群已解散），每周汇总和月度通报不再发到该群；各位领导仍会在私聊中收到。要重新设置，请把督办加入领导小组群，再由管理员在群里发送 /group。';
    expect(e2e.botTexts(ADMIN).filter((t) => t.startsWith('⚠️ 督办已不在'))).toEqual([notice]);
    expect(summaries()).toBe(before + 1);

    // The bot comes back and reads the my_chat_member update: nobody is told twice.
    await e2e.restart();
    await e2e.settled();
    e2e.clock.set(sh('2026-03-09T09:30'));
    await e2e.scheduler.tick();
    expect(e2e.botTexts(ADMIN).filter((t) => t.startsWith('⚠️ 督办已不在'))).toEqual([notice]);
    // Next week: the leads' summaries, nothing tried in the group.
    e2e.clock.set(sh('2026-03-16T09:00'));
    await e2e.scheduler.tick();
    expect(summaries()).toBe(before + 2);
    expect(e2e.emulator.botCalls({ method: 'sendMessage' }).filter((c) => Number(c.params.chat_id) === DEMO_GROUP.id)).toHaveLength(1);
    expect(e2e.errors).toEqual([]);
  });

  it('kicked while the bot is running: my_chat_member unbinds the plan at once; nothing is ever tried there; /group in a new group binds one again', async () => {
    const e2e = await setup();
    const planId = bindDemoGroup(e2e);
    const summaries = () => e2e.botTexts(LEAD).filter((t) => t.startsWith('📊 督办进度汇总（2026年3月')).length;
    const before = summaries();
    e2e.emulator.kickBot(DEMO_GROUP.id, { byUserId: LEAD });
    await e2e.settled();
    expect(e2e.db.select({ chat: plans.leadGroupChatId }).from(plans).where(eq(plans.id, planId)).get()).toEqual({ chat: null });
    expect(e2e.audit(`plan:${planId}`).map((a) => [a.action, a.actor, a.details])).toEqual([
      ['plan.group-lost', '刘洋', { chatId: DEMO_GROUP.id, via: 'my_chat_member', detail: 'kicked' }],
    ]);
    e2e.clock.set(sh('2026-03-09T09:00'));
    await e2e.scheduler.tick();
    expect(e2e.botTexts(ADMIN).filter((t) => t.startsWith('⚠️ 督办已不在'))).toHaveLength(1);
    expect(summaries()).toBe(before + 1);
    expect(e2e.emulator.botCalls({ method: 'sendMessage' }).filter((c) => Number(c.params.chat_id) === DEMO_GROUP.id)).toEqual([]);

    // A new leading group, as the notice says.
    e2e.emulator.createGroup({ id: -700, title: '新领导小组', type: 'supergroup', members: [ADMIN, LEAD] });
    expect((await e2e.as(ADMIN, -700).send('/group')).text).toMatch(/^已将本群设为/);
    expect(e2e.db.select({ chat: plans.leadGroupChatId }).from(plans).where(eq(plans.id, planId)).get()).toEqual({ chat: -700 });
    expect(e2e.errors).toEqual([]);
  });

  it('a group Telegram no longer finds (deleted): unbound, what was waiting for it skipped, the admins told', async () => {
    const e2e = await setup();
    const planId = bindDemoGroup(e2e);
    e2e.emulator.faults.chatNotFound(DEMO_GROUP.id);
    e2e.clock.set(sh('2026-03-09T09:00'));
    // A circular published at the same moment as the week's summary: two messages waiting for the group.
    const circular = e2e.db
      .insert(circulars)
      .values({
        planId,
        period: '2026-02',
        content: { planTitle: 'X', month: '2026-02', onTime: ['政策法规处'], late: [], missing: [], quotasBehind: [] },
      })
      .returning()
      .get();
    publishCircular(e2e.db, circular.id, null, e2e.clock.now());
    await e2e.scheduler.tick();
    expect(e2e.db.select({ chat: plans.leadGroupChatId }).from(plans).where(eq(plans.id, planId)).get()).toEqual({ chat: null });
    // The first is refused; the other is not even tried.
    const toGroup = e2e.db
      .select({ kind: outbox.kind, status: outbox.status, lastError: outbox.lastError })
      .from(outbox)
      .where(eq(outbox.chatId, DEMO_GROUP.id))
      .all();
    expect(toGroup.map((r) => `${r.status}: ${r.lastError}`).sort()).toEqual([
      'failed: Bad Request: chat not found',
      'skipped: group lost: Bad Request: chat not found',
    ]);
    expect(e2e.emulator.botCalls({ method: 'sendMessage' }).filter((c) => Number(c.params.chat_id) === DEMO_GROUP.id)).toHaveLength(1);
    // The leads get the circular in private.
    expect(e2e.botTexts(LEAD).filter((t) => t.startsWith('📢'))).toHaveLength(1);
    expect(e2e.botTexts(ADMIN).filter((t) => t.startsWith('⚠️ 督办已不在'))).toHaveLength(1);
    expect(e2e.errors).toEqual([]);
  });

  it("an anonymous admin's /group (GroupAnonymousBot) changes nothing and says how to send it", async () => {
    const e2e = await setup();
    const message = e2e.emulator.sendText(ADMIN, '/group', { chatId: DEMO_GROUP.id, asAnonymousAdmin: true });
    const reply = await e2e.emulator.waitForBotMessage(DEMO_GROUP.id, undefined, { since: message.message_id });
    expect(reply.text).toBe(
      '您是以匿名管理员身份发送的，督办无法确认您是否为管理员，未做任何更改。请在群管理员设置中关闭“保持匿名”，然后再发送一次 /group。',
    );
    expect(e2e.db.select({ chat: plans.leadGroupChatId }).from(plans).all()).toEqual([{ chat: null }]);
    expect(e2e.db.select().from(auditLog).where(eq(auditLog.action, 'plan.group')).all()).toEqual([]);
    // Other commands from an anonymous admin: answered as anyone's in a group.
    expect((await e2e.as(ADMIN, DEMO_GROUP.id).send('/help')).text).toBe('督办已在本群。领导小组的周报和通报会发到这里。');
    const summary = e2e.emulator.sendText(ADMIN, '/summary', { chatId: DEMO_GROUP.id, asAnonymousAdmin: true });
    expect((await e2e.emulator.waitForBotMessage(DEMO_GROUP.id, undefined, { since: summary.message_id })).text).toBe(
      '请在与督办的私聊中使用这个命令。',
    );
    expect(e2e.errors).toEqual([]);
  });
});
