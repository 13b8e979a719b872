/**
 * The Telegram drill: the bot and its reminder scheduler (the real ones, test/support/e2e.ts,
 * on a SQLite file, over HTTP to the emulator) dispatch a plan's reminders to 100 liaisons of
 * five offices — 200 messages at 09:00 on Monday 9 March 2026, hundreds more on the following
 * days — while Telegram misbehaves, on the clock the emulator shares with the bot:
 *
 * - a 429 storm all along: the emulator allows the bot 5 messages a second, not 30;
 * - 5xx bursts: 5 Bad Gateways after the 40th message delivered, 8 Internal Server Errors after
 *   the 140th;
 * - every connection dropped for 30 seconds after the 90th;
 * - a liaison who blocked the bot (403);
 * - the leading group upgraded to a supergroup before its weekly summary, while the bot was
 *   not polling (400 with migrate_to_chat_id; the service messages are read at noon).
 *
 * The scheduler is woken every minute from 09:00 to 09:30 and every half hour otherwise, as
 * cron would. By the emulator's record of accepted calls: nothing is lost, nothing is sent
 * twice, every 429's retry_after is waited out before the next message, the lead is told once
 * about the unreachable liaison, and the summary reaches the supergroup.
 */
import { expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { eq } from 'drizzle-orm';
import { ADMIN, LEAD, startE2E } from '../support/e2e';
import { outbox, people, plans } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';
import type { BotCall } from '../../sandbox/emulator';
import { MAX_ATTEMPTS } from '../../schedules/dispatcher';
import { addPerson, commitTable, grant } from './support/plan-seed';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const UNITS = ['政策法规处', '信息管理处', '办公室', '新建商品房登记处', '存量房登记处'];
const PER_UNIT = 20;
const FIRST = 10_000;
const BLOCKED = FIRST + 7; // a liaison of 政策法规处
const GROUP = -4001;
const DEPUTY = ADMIN; // 王敏, here a second lead of the plan
const SENDS = new Set(['sendmessage', 'sendphoto', 'senddocument']);

it('429 storm, 5xx bursts, 30 s without connections, a blocked liaison and a migrated group: nothing lost, nothing twice', async () => {
  const e2e = await startE2E({
    now: sh('2026-03-09T08:00'),
    demo: false,
    shareClock: true,
    floodLimits: { perBot: { burst: 5, perSecond: 5 }, perPrivateChat: { burst: 3, perSecond: 1 }, perGroupChat: { burst: 20, perSecond: 20 / 60 } },
  });
  const { db, clock, emulator } = e2e;
  const now = clock.now();
  const planId = await commitTable(
    db,
    '演练单位2026年任务分解表',
    2026,
    [
      ['1', '专项检查', '完成专项检查并报送结果。', '3月10日前', UNITS.join('、')],
      ['2', '整改报告', '报送整改情况报告。', '3月12日前', UNITS.join('、')],
    ],
    now,
  );
  for (const [u, unit] of UNITS.entries()) {
    for (let i = 0; i < PER_UNIT; i++) {
      const id = FIRST + u * PER_UNIT + i;
      emulator.createUser({ id, firstName: `联络员${id}`, languageCode: 'zh-hans', hasStartedBots: true });
      grant(db, addPerson(db, { telegramId: id, name: `联络员${id}` }, now), 'liaison', { unit }, now);
    }
  }
  grant(db, addPerson(db, { telegramId: LEAD, name: '刘洋' }, now), 'lead', { planId }, now);
  grant(db, addPerson(db, { telegramId: DEPUTY, name: '王敏' }, now), 'lead', { planId }, now);
  // The leading group, bound by an admin with /group (here: as the command would), then upgraded
  // by Telegram while the bot is not polling: the dispatcher hears of it first, from a 400.
  emulator.createGroup({ id: GROUP, title: '社会信用体系建设领导小组', type: 'group', members: [LEAD, DEPUTY] });
  db.update(plans).set({ leadGroupChatId: GROUP }).where(eq(plans.id, planId)).run();
  await e2e.stopPolling();
  const supergroup = emulator.upgradeGroup(GROUP);
  emulator.blockBot(BLOCKED);

  // Faults keyed to how many messages Telegram has accepted so far.
  let accepted = 0;
  emulator.on('botCall', (call) => {
    if (call.method.toLowerCase() !== 'sendmessage' || !call.response?.ok) return;
    accepted++;
    if (accepted === 40) emulator.faults.serverErrors({ count: 5, method: 'sendMessage', status: 502 });
    if (accepted === 90) emulator.faults.dropConnections({ forMs: 30_000 });
    if (accepted === 140) emulator.faults.serverErrors({ count: 8, method: 'sendMessage', status: 500 });
  });

  // Three days of cron: every minute from 09:00 to 09:30, every half hour otherwise.
  const scheduler = e2e.scheduler();
  scheduler.dispatcher.recover();
  await scheduler.tick();
  for (let t = now.getTime() + 60_000; t <= sh('2026-03-16T10:00').getTime(); t += 60_000) {
    const local = DateTime.fromMillis(t, { zone: PLAN_ZONE });
    if (local.minute % 30 !== 0 && !(local.hour === 9 && local.minute <= 30)) continue;
    // A dispatch that waited out flood limits may have moved the clock past this minute.
    if (t <= clock.now().getTime()) continue;
    clock.set(new Date(t));
    await scheduler.tick();
    // The bot polls again at noon and reads Telegram's service messages about the upgrade.
    if (t === sh('2026-03-09T12:00').getTime()) {
      await e2e.restart();
      await e2e.settled();
      expect(db.select({ chat: plans.leadGroupChatId }).from(plans).get()?.chat).toBe(supergroup);
    }
  }
  const calls = emulator.botCalls();

  const sends = calls.filter((c) => SENDS.has(c.method.toLowerCase()));
  const messages = calls.filter((c) => c.method.toLowerCase() === 'sendmessage');
  const ok = messages.filter((c) => c.response?.ok);
  const errorCode = (c: BotCall) => (c.response && !c.response.ok ? c.response.error_code : undefined);
  const chatOf = (c: BotCall) => Number(c.params.chat_id);
  const idOf = (c: BotCall) => (c.response as { result: { message_id: number } }).result.message_id;

  // The faults happened.
  const throttled = sends.filter((c) => errorCode(c) === 429);
  expect(throttled.length).toBeGreaterThan(30);
  expect(messages.filter((c) => errorCode(c) === 502)).toHaveLength(5);
  expect(messages.filter((c) => errorCode(c) === 500)).toHaveLength(8);
  expect(messages.filter((c) => c.dropped).length).toBeGreaterThan(0);
  expect(messages.filter((c) => errorCode(c) === 403).map(chatOf)).toEqual([BLOCKED]);
  // Refused once: from then on the plan's leading group is the supergroup.
  expect(messages.filter((c) => errorCode(c) === 400).map(chatOf)).toEqual([GROUP]);

  // Every 429's retry_after waited out: no message left for Telegram before it was over.
  for (const storm of throttled) {
    const retryAfter = (storm.response as { parameters?: { retry_after?: number } }).parameters?.retry_after ?? 0;
    expect(retryAfter).toBeGreaterThan(0);
    const early = sends.filter((c) => c.seq > storm.seq && c.at < storm.at + retryAfter * 1000);
    expect(early, `sent within retry_after ${retryAfter} s of the 429 at ${storm.at}`).toEqual([]);
  }

  // Nothing lost: every row sent, but the blocked liaison's (one bounced, the rest skipped).
  const rows = db.select().from(outbox).all();
  const blockedPerson = db.select({ id: people.id }).from(people).where(eq(people.telegramId, BLOCKED)).get()!.id;
  expect(rows.filter((r) => r.personId !== blockedPerson && r.status !== 'sent')).toEqual([]);
  // The 5xx and the dropped connections cost attempts, never a message (a 429 gives its attempt back).
  const retried = rows.filter((r) => r.attempts > 1);
  expect(retried.length).toBeGreaterThanOrEqual(5 + 8);
  expect(Math.max(...rows.map((r) => r.attempts))).toBeLessThan(MAX_ATTEMPTS);
  if (process.env.FAULTS_TRACE) {
    const dropped = messages.filter((c) => c.dropped).length;
    console.log(`${ok.length} messages delivered, ${throttled.length} × 429, ${dropped} dropped, ${retried.length} rows retried, at most ${Math.max(...rows.map((r) => r.attempts))} attempts`);
  }
  const blockedRows = rows.filter((r) => r.personId === blockedPerson);
  expect(blockedRows.map((r) => `${r.status}: ${r.lastError}`).sort()).toEqual([
    'failed: Forbidden: bot was blocked by the user',
    ...Array(blockedRows.length - 1).fill('skipped: unreachable'),
  ]);
  // Her second reminder of Monday was skipped; nothing is planned for her after that, and Telegram saw one try.
  expect(blockedRows).toHaveLength(2);
  expect(messages.filter((c) => chatOf(c) === BLOCKED)).toHaveLength(1);
  // Monday 09:00: two reminders for each of the 99 reachable liaisons (the 10th and the 12th), the weekly summaries.
  const monday = ok.filter((c) => c.at < sh('2026-03-09T12:00').getTime());
  expect(monday.filter((c) => chatOf(c) >= FIRST)).toHaveLength(2 * (UNITS.length * PER_UNIT - 1));

  // Nothing twice: every accepted message is one outbox message, and no chat got the same text twice.
  const recorded = new Set(rows.filter((r) => r.status === 'sent').map((r) => `${r.chatId}|${r.messageId}`));
  expect(new Set(ok.map((c) => `${chatOf(c)}|${idOf(c)}`))).toEqual(recorded);
  const texts = ok.map((c) => `${chatOf(c)}|${String(c.params.text)}`);
  expect(texts.filter((t, i) => texts.indexOf(t) !== i)).toEqual([]);

  // The lead is told once that the liaison cannot be reached; so is the other lead.
  for (const lead of [LEAD, DEPUTY]) {
    const told = ok.filter((c) => chatOf(c) === lead && String(c.params.text).includes('已屏蔽督办'));
    expect(told.map((c) => String(c.params.text))).toEqual([`⚠️ <b>联络员${BLOCKED}</b>（政策法规处 联络员）已屏蔽督办，提醒无法送达。请与其联系，或另行指定联络员。`]);
  }
  // The leading group's summaries reach the supergroup, each once (the week's summary is not planned again for the new id).
  const toGroup = ok.filter((c) => chatOf(c) === supergroup);
  expect(toGroup.map((c) => String(c.params.text).split('\n')[0])).toEqual(['📊 <b>督办进度汇总</b>（2026年3月9日（周一））', '📊 <b>督办进度汇总</b>（2026年3月16日（周一））']);
  expect(e2e.errors).toEqual([]);
}, 180_000);
