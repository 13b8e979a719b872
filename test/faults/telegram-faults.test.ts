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
 * - replies lost after delivery: 5 % of sendMessage answers, for the 30 minutes from Monday 09:00
 *   (the message is in the chat, the bot never hears so), and again while people use the bot;
 * - a long flood wait: every sendMessage refused for 120 s after the 170th message;
 * - a liaison who blocked the bot (403);
 * - the leading group upgraded to a supergroup before its weekly summary, while the bot was
 *   not polling (400 with migrate_to_chat_id; the service messages are read at noon);
 * - on Tuesday afternoon, people using the bot while Telegram makes it wait long on everything
 *   but messages: answerCallbackQuery (45 s), editMessageReplyMarkup (45 s) and setMyCommands
 *   (120 s): 20 liaisons press "done" on Monday's reminder, 10 ask for /help, 5 switch to English.
 *
 * The scheduler is woken every minute from 09:00 to 09:30 and every half hour otherwise, as
 * cron would. By the emulator's record of accepted calls and its chats: nothing is lost; a
 * message is in a chat twice only where Telegram lost the reply to it, at most once per lost
 * reply (counted per chat, from the chats' transcripts); every 429's retry_after is waited out
 * before the next message; the lead is told once about the unreachable liaison; the summary
 * reaches the supergroup; every press is recorded once and every /help answered. The drill
 * prints the duplicates, the lost replies and the longest delay of a reminder past its planned
 * time.
 */
import { expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { eq } from 'drizzle-orm';
import { ADMIN, LEAD, buttons, startE2E } from '../support/e2e';
import { outbox, people, plans, reports } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';
import type { BotCall } from '../../sandbox/emulator';
import { MAX_ATTEMPTS } from '../../schedules/dispatcher';
import { addPerson, commitTable, grant, unitId } from './support/plan-seed';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const UNITS = ['政策法规处', '信息管理处', '办公室', '新建商品房登记处', '存量房登记处'];
const PER_UNIT = 20;
const FIRST = 10_000;
const BLOCKED = FIRST + 7; // a liaison of 政策法规处
const GROUP = -4001;
const DEPUTY = ADMIN; // 王敏, here a second lead of the plan
const SENDS = new Set(['sendmessage', 'sendphoto', 'senddocument']);
/** The planned moment of every outbox row, as written (the dispatcher moves a retried row's sendAfter). */
const PLANNED = 'drill_planned';
const LIAISON_KINDS = /^(before-\d+|due|overdue|snooze)$/;
/** Tuesday afternoon: people use the bot while Telegram floods everything but messages. */
const INTERACTIVE_AT = '2026-03-10T14:00';
const PRESSERS = Array.from({ length: 20 }, (_, i) => FIRST + PER_UNIT + i); // 信息管理处
const HELPERS = Array.from({ length: 10 }, (_, i) => FIRST + 2 * PER_UNIT + i); // 办公室
const SWITCHERS = Array.from({ length: 5 }, (_, i) => FIRST + 3 * PER_UNIT + i); // 新建商品房登记处

it('429 storms and long flood waits, 5xx bursts, 30 s without connections, lost replies, a blocked liaison and a migrated group: nothing lost, a duplicate only per lost reply', async () => {
  const e2e = await startE2E({
    now: sh('2026-03-09T08:00'),
    demo: false,
    shareClock: true,
    floodLimits: {
      perBot: { burst: 5, perSecond: 5 },
      perPrivateChat: { burst: 3, perSecond: 1 },
      perGroupChat: { burst: 20, perSecond: 20 / 60 },
    },
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
    if (accepted === 170) emulator.faults.floodWait({ retryAfter: 120, method: 'sendMessage' });
  });
  // Each row's planned moment, kept as the planner wrote it.
  e2e.sqlite.exec(`create temp table ${PLANNED} (id integer primary key, send_after integer not null);
    create temp trigger ${PLANNED}_insert after insert on main.outbox begin insert into ${PLANNED} values (new.id, new.send_after); end;`);

  /** Tuesday afternoon: presses, /help and /language while Telegram makes the bot wait long on all but messages. */
  const interactive = { presses: 0, helps: 0, switches: 0, since: 0, until: 0 };
  async function useTheBot() {
    interactive.since = emulator.botCalls().at(-1)?.seq ?? 0;
    emulator.faults.loseReplies({ method: 'sendMessage', probability: 0.05, forMs: 10 * 60_000 });
    emulator.faults.floodWait({ retryAfter: 45, method: 'answerCallbackQuery' });
    emulator.faults.floodWait({ retryAfter: 45, method: 'editMessageReplyMarkup' });
    emulator.faults.floodWait({ retryAfter: 120, method: 'setMyCommands' });
    for (const id of PRESSERS) {
      // "Done" on Monday's reminder for the 10th (Tuesday's due-day reminder lists the same item).
      const reminder = emulator
        .transcript(id)
        .find((m) => m.from.kind === 'bot' && m.text?.includes('3月10日') && buttons(m).flat().includes('✅ 已完成 1①'));
      emulator.pressButton(id, { messageId: reminder!.message_id, text: '✅ 已完成 1①' });
      interactive.presses++;
    }
    for (const id of HELPERS) {
      emulator.sendText(id, '/help');
      interactive.helps++;
    }
    for (const id of SWITCHERS) {
      const ask = await e2e.as(id).send('/language');
      emulator.pressButton(id, { messageId: ask.message_id, text: 'English' });
      interactive.switches++;
    }
    await e2e.settled();
    interactive.until = emulator.botCalls().at(-1)?.seq ?? 0;
  }

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
    // Monday 09:00: for 30 minutes, 5 % of the answers to sendMessage are lost after delivery.
    if (t === sh('2026-03-09T09:00').getTime())
      emulator.faults.loseReplies({ method: 'sendMessage', probability: 0.05, forMs: 30 * 60_000 });
    await scheduler.tick();
    if (t === sh(INTERACTIVE_AT).getTime()) await useTheBot();
    // The bot polls again at noon and reads Telegram's service messages about the upgrade.
    if (t === sh('2026-03-09T12:00').getTime()) {
      await e2e.restart();
      await e2e.settled();
      expect(db.select({ chat: plans.leadGroupChatId }).from(plans).get()?.chat).toBe(supergroup);
    }
  }
  const calls = emulator.botCalls();
  // The whole record is there (the emulator keeps the last 10,000 calls).
  expect(calls[0]!.seq).toBe(1);
  const isInteractive = (c: BotCall) => c.seq > interactive.since && c.seq <= interactive.until;
  const errorCode = (c: BotCall) => (c.response && !c.response.ok ? c.response.error_code : undefined);
  const chatOf = (c: BotCall) => Number(c.params.chat_id);
  const idOf = (c: BotCall) => (c.response as { result: { message_id: number } }).result.message_id;
  const isMessage = (c: BotCall) => c.method.toLowerCase() === 'sendmessage';
  /** Delivered: Telegram took the message, whether or not its answer reached the bot. */
  const delivered = calls.filter((c) => isMessage(c) && c.response?.ok);
  const lostDeliveries = delivered.filter((c) => c.replyLost === true);

  // The dispatcher's calls (the bot's own answers on Tuesday afternoon are checked below).
  const dispatch = calls.filter((c) => !isInteractive(c));
  const sends = dispatch.filter((c) => SENDS.has(c.method.toLowerCase()));
  const messages = dispatch.filter(isMessage);
  const ok = messages.filter((c) => c.response?.ok);

  // The faults happened.
  // The 429s the dispatcher heard (a 429 whose answer was lost is, to it, a dropped connection).
  const throttled = sends.filter((c) => errorCode(c) === 429 && !c.dropped);
  expect(throttled.length).toBeGreaterThan(30);
  const retryAfterOf = (c: BotCall) => (c.response as { parameters?: { retry_after?: number } }).parameters?.retry_after ?? 0;
  // The long wait: refused once with (nearly) its whole 120 s, then waited out.
  expect(throttled.filter((c) => retryAfterOf(c) > 100)).toHaveLength(1);
  expect(messages.filter((c) => errorCode(c) === 502)).toHaveLength(5);
  expect(messages.filter((c) => errorCode(c) === 500)).toHaveLength(8);
  expect(messages.filter((c) => c.dropped && !c.replyLost).length).toBeGreaterThan(0);
  expect(messages.filter((c) => c.replyLost).length).toBeGreaterThan(3);
  expect(messages.filter((c) => errorCode(c) === 403).map(chatOf)).toEqual([BLOCKED]);
  // Refused once: from then on the plan's leading group is the supergroup.
  expect(messages.filter((c) => errorCode(c) === 400).map(chatOf)).toEqual([GROUP]);

  // Every 429's retry_after waited out: no message left for Telegram before it was over.
  for (const storm of throttled) {
    const retryAfter = retryAfterOf(storm);
    expect(retryAfter).toBeGreaterThan(0);
    const early = sends.filter((c) => c.seq > storm.seq && c.at < storm.at + retryAfter * 1000);
    expect(early, `sent within retry_after ${retryAfter} s of the 429 at ${storm.at}`).toEqual([]);
  }

  // Nothing lost: every row sent, but the blocked liaison's (one bounced, the rest skipped) and
  // those of a unit that reported on Tuesday (not reminded of what it has reported).
  const rows = db.select().from(outbox).all();
  const blockedPerson = db.select({ id: people.id }).from(people).where(eq(people.telegramId, BLOCKED)).get()!.id;
  expect(
    rows.filter((r) => r.personId !== blockedPerson && r.status !== 'sent' && !(r.status === 'skipped' && r.lastError === 'reported')),
  ).toEqual([]);
  // The 5xx, the dropped connections and the lost replies cost attempts, never a message (a 429 gives its attempt back).
  const retried = rows.filter((r) => r.attempts > 1);
  expect(retried.length).toBeGreaterThanOrEqual(5 + 8);
  expect(Math.max(...rows.map((r) => r.attempts))).toBeLessThan(MAX_ATTEMPTS);
  const blockedRows = rows.filter((r) => r.personId === blockedPerson);
  expect(blockedRows.map((r) => `${r.status}: ${r.lastError}`).sort()).toEqual([
    'failed: Forbidden: bot was blocked by the user',
    ...Array(blockedRows.length - 1).fill('skipped: unreachable'),
  ]);
  // Her second reminder of Monday was skipped; nothing is planned for her after that, and Telegram saw one try.
  expect(blockedRows).toHaveLength(2);
  expect(messages.filter((c) => chatOf(c) === BLOCKED)).toHaveLength(1);
  // Monday 09:00: two reminders for each of the 99 reachable liaisons (the 10th and the 12th), the weekly summaries.
  const monday = ok.filter((c) => c.at < sh('2026-03-09T12:00').getTime() && chatOf(c) >= FIRST);
  expect(new Set(monday.map((c) => `${chatOf(c)}|${String(c.params.text)}`)).size).toBe(2 * (UNITS.length * PER_UNIT - 1));

  // Every message the dispatcher knows it sent is one Telegram delivered; the others Telegram
  // delivered are exactly those whose answer it lost (the dispatcher sent them again).
  const recorded = new Set(rows.filter((r) => r.status === 'sent').map((r) => `${r.chatId}|${r.messageId}`));
  const okIds = new Set(ok.map((c) => `${chatOf(c)}|${idOf(c)}`));
  expect([...recorded].filter((id) => !okIds.has(id))).toEqual([]);
  expect([...okIds].filter((id) => !recorded.has(id)).sort()).toEqual(
    ok
      .filter((c) => c.replyLost)
      .map((c) => `${chatOf(c)}|${idOf(c)}`)
      .sort(),
  );

  // Duplicates: a chat holding the same text more than once. At most one per lost reply, chat by chat.
  const byChat = new Map<number, BotCall[]>();
  for (const c of delivered) byChat.set(chatOf(c), [...(byChat.get(chatOf(c)) ?? []), c]);
  let duplicates = 0;
  for (const [chat, inChat] of byChat) {
    // What the chat shows: every delivered message is there.
    const shown = new Set(emulator.transcript(chat).map((m) => m.message_id));
    expect(inChat.filter((c) => !shown.has(idOf(c)))).toEqual([]);
    const texts = inChat.map((c) => String(c.params.text));
    const twice = texts.length - new Set(texts).size;
    expect(twice, `chat ${chat}: ${twice} duplicates`).toBeLessThanOrEqual(lostDeliveries.filter((c) => chatOf(c) === chat).length);
    duplicates += twice;
  }
  const counts = emulator.callCounts();
  expect(counts.deliveriesWithReplyLost).toBe(lostDeliveries.length);
  expect(duplicates).toBeLessThanOrEqual(counts.deliveriesWithReplyLost);
  expect(duplicates).toBeGreaterThan(0);

  // How late the reminders came: sent moment against the moment planned (a retried row's sendAfter moves).
  const planned = new Map(
    (e2e.sqlite.prepare(`select id, send_after as at from ${PLANNED}`).all() as { id: number; at: number }[]).map((r) => [r.id, r.at]),
  );
  const delays = rows.filter((r) => r.status === 'sent' && LIAISON_KINDS.test(r.kind)).map((r) => r.sentAt!.getTime() - planned.get(r.id)!);
  const longest = Math.max(...delays);
  if (process.env.FAULTS_TRACE) {
    const late = rows
      .filter((r) => r.status === 'sent' && LIAISON_KINDS.test(r.kind))
      .map((r) => ({
        id: r.id,
        kind: r.kind,
        attempts: r.attempts,
        planned: new Date(planned.get(r.id)!).toISOString(),
        sent: r.sentAt!.toISOString(),
        delay: (r.sentAt!.getTime() - planned.get(r.id)!) / 1000,
      }));
    console.log(late.sort((a, b) => b.delay - a.delay).slice(0, 12));
  }
  // The Monday burst at 5 messages a second, a 120 s flood wait, 30 s without connections and the backoff after it.
  expect(longest).toBeLessThan(15 * 60_000);

  // The lead is told once that the liaison cannot be reached; so is the other lead.
  for (const lead of [LEAD, DEPUTY]) {
    const told = ok.filter((c) => chatOf(c) === lead && String(c.params.text).includes('已屏蔽督办'));
    expect([...new Set(told.map((c) => String(c.params.text)))]).toEqual([
      `⚠️ <b>联络员${BLOCKED}</b>（政策法规处 联络员）已屏蔽督办，提醒无法送达。请与其联系，或另行指定联络员。`,
    ]);
  }
  // The leading group's summaries reach the supergroup, each once (the week's summary is not planned again for the new id).
  const toGroup = ok.filter((c) => chatOf(c) === supergroup);
  expect([...new Set(toGroup.map((c) => String(c.params.text).split('\n')[0]))]).toEqual([
    '📊 <b>督办进度汇总</b>（2026年3月9日（周一））',
    '📊 <b>督办进度汇总</b>（2026年3月16日（周一））',
  ]);

  // Tuesday afternoon. The presses: one report for the unit, each press answered or found too old by then, no apology.
  const during = calls.filter(isInteractive);
  expect(during.filter((c) => c.method === 'answerCallbackQuery' && errorCode(c) === 429).length).toBeGreaterThan(0);
  expect(during.filter((c) => c.method === 'setMyCommands' && errorCode(c) === 429).length).toBeGreaterThan(0);
  const pressedReports = db
    .select()
    .from(reports)
    .where(eq(reports.unitId, unitId(db, UNITS[1]!)))
    .all();
  expect(pressedReports.map((r) => [r.status, r.late])).toEqual([['done', false]]);
  const apologies = [...PRESSERS, ...HELPERS, ...SWITCHERS].filter((id) =>
    emulator.transcript(id).some((m) => m.from.kind === 'bot' && m.text?.startsWith('抱歉')),
  );
  // Every /help answered; the switchers' language set and said (their menus wait for Telegram).
  for (const id of HELPERS)
    expect(emulator.transcript(id).filter((m) => m.from.kind === 'bot' && m.text?.startsWith('您可以使用这些命令')).length).toBeGreaterThan(
      0,
    );
  for (const id of SWITCHERS) {
    expect(emulator.transcript(id).some((m) => m.text === 'Language set to English.')).toBe(true);
    expect(db.select({ language: people.language }).from(people).where(eq(people.telegramId, id)).get()).toEqual({ language: 'en' });
  }
  const interactiveDuplicates = during.filter((c) => isMessage(c) && c.response?.ok);
  console.log(
    `telegram drill: ${delivered.length} messages delivered (${ok.length} by the dispatcher), ${throttled.length} × 429 (longest retry_after ${Math.max(...throttled.map(retryAfterOf))} s), ` +
      `${counts.dropped} connections dropped, ${counts.repliesLost} replies lost (${counts.deliveriesWithReplyLost} of them delivered messages), ` +
      `${duplicates} duplicates (bound: ≤ ${counts.deliveriesWithReplyLost}), longest delay of a reminder past its planned time ${Math.round(longest / 1000)} s, ` +
      `${retried.length} rows retried, at most ${Math.max(...rows.map((r) => r.attempts))} attempts; Tuesday: ${interactive.presses} presses, ${interactive.helps} /help, ${interactive.switches} /language, ` +
      `${interactiveDuplicates.length} messages, ${apologies.length} apologies`,
  );
  expect(apologies).toEqual([]);
  expect(e2e.errors).toEqual([]);
}, 180_000);
