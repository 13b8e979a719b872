/**
 * The user-chaos drill (issue 11): 1,000 random actions from 50 people against the real bot
 * and the emulator (test/support/e2e.ts), in bursts that overlap as real people's do —
 * buttons pressed twice or on old messages, stray and huge texts, files at the wrong step,
 * commands in the middle of conversations, blocking and unblocking the bot — with a 45-second
 * flood wait on one of the bot's answers now and then. Seeded: a failure can be repeated.
 *
 * Afterwards: polling never stopped, every person's /help is answered, every report the bot
 * confirmed is in the database, and every error logged is one Telegram gave for a reason
 * (a person who blocked the bot, a long flood wait), never a bug.
 */
import { expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { startE2E, buttons } from '../support/e2e';
import { reports, requirements, tasks, units } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';
import { STRAY_REPLY_INTERVAL_MS } from '../../bot/reply-throttle';
import { ConversationFailed } from '../../bot/conversation-failed';
import { addPerson, grant } from './support/plan-seed';
import { random } from './support/processes';
import { eq } from 'drizzle-orm';

const SEED = Number(process.env.CHAOS_SEED ?? 20261204);
const ACTIONS = 1000;
const BURST = 10;
const UNITS = ['政策法规处', '信息管理处', '办公室'];
const LIAISONS = 45;
/** The first liaisons mostly carry reports through to the end, amid everyone else's chaos. */
const DILIGENT = 15;
const STRANGERS = 5;
const FIRST = 20_000;
const COMMANDS = [
  '/report',
  '/report',
  '/report',
  '/tasks',
  '/quota',
  '/edit',
  '/help',
  '/start',
  '/cancel',
  '/language',
  '/summary',
  '/units',
];
const HELP = /^(您可以使用这些命令：|Commands you can use:)/;

it('1,000 random actions from 50 people: the bot keeps answering everyone and loses no report', async () => {
  const e2e = await startE2E({
    now: DateTime.fromISO('2026-03-02T10:00', { zone: PLAN_ZONE }).toJSDate(),
    shareClock: true,
    errors: 'expected',
  });
  const { emulator, db, clock } = e2e;
  const now = clock.now();
  const people: number[] = [];
  for (let i = 0; i < LIAISONS + STRANGERS; i++) {
    const id = FIRST + i;
    emulator.createUser({ id, firstName: `人员${i}`, languageCode: i % 7 === 0 ? 'en' : 'zh-hans', hasStartedBots: true });
    if (i < LIAISONS)
      grant(db, addPerson(db, { telegramId: id, name: `人员${i}` }, now), 'liaison', { unit: UNITS[i % UNITS.length] }, now);
    people.push(id);
  }
  const rand = random(SEED);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const blocked = new Set<number>();
  const steppedThisBurst = new Set<number>();
  const tally: Record<string, number> = {};

  /**
   * The next step of a /report as a diligent liaison takes it, from the bot's last message:
   * the first item of the list, 已完成, a note, a count, 跳过 the evidence, ✅ 提交. False
   * when the last message asks for nothing of the kind.
   */
  function purposeful(person: number): boolean {
    // The last question the bot asked: skip its nudges ("请点击上面的按钮…") and other answers in between.
    const recent = emulator
      .transcript(person)
      .filter((m) => m.from.kind === 'bot')
      .reverse();
    const last = recent.find((m) => !/^请点击上面的按钮|^请输入/.test(m.text ?? ''));
    const text = last?.text ?? '';
    const labels = last ? buttons(last).flat() : [];
    const press = (label: string | undefined) => {
      if (!label || !last) return false;
      emulator.pressButton(person, { messageId: last.message_id, text: label });
      return true;
    };
    if (text.startsWith('请选择要报送的任务')) return press(labels.find((l) => /^\d+[①-⑳]/.test(l)));
    if (text.endsWith('请选择进展状态：')) return press('已完成');
    if (text.startsWith('请用一两句话说明进展')) return (emulator.sendText(person, '已按要求完成'), true);
    if (text.startsWith('本期完成了多少')) return (emulator.sendText(person, '2'), true);
    if (text.startsWith('请发送佐证材料') || text.startsWith('已收到第')) return press(labels.find((l) => l === '跳过' || l === '完成'));
    if (text.startsWith('请确认报送内容')) return press('✅ 提交');
    return false;
  }

  /** One action of one person; returns without waiting for the bot. */
  function act(person: number): void {
    if (blocked.has(person)) {
      emulator.unblockBot(person);
      blocked.delete(person);
      tally.unblock = (tally.unblock ?? 0) + 1;
      return;
    }
    const roll = rand();
    const fromBot = emulator.transcript(person).filter((m) => m.from.kind === 'bot' && (m.inline_keyboard?.length ?? 0) > 0);
    let kind: string;
    if (person - FIRST < DILIGENT && roll < 0.9) {
      // A diligent liaison gets on with their reports (interrupted now and then by the rest).
      // One step per burst: the next needs the bot's answer to this one.
      if (steppedThisBurst.has(person)) return;
      steppedThisBurst.add(person);
      kind = 'report step';
      if (!purposeful(person)) emulator.sendText(person, '/report');
    } else if (roll < 0.3) {
      kind = 'command';
      emulator.sendText(person, pick(COMMANDS));
    } else if (roll < 0.6 && fromBot.length > 0) {
      // Mostly the newest message's buttons, sometimes an old one's; sometimes twice at once.
      kind = 'press';
      const message = rand() < 0.7 ? fromBot.at(-1)! : pick(fromBot);
      const label = pick(buttons(message).flat());
      const times = rand() < 0.2 ? 2 : 1;
      for (let t = 0; t < times; t++) emulator.pressButton(person, { messageId: message.message_id, text: label });
    } else if (roll < 0.75) {
      kind = 'text';
      emulator.sendText(person, pick(['好的', '3', '本月已完成', '三例', '不知道怎么填', '？', '/cancel']));
    } else if (roll < 0.8) {
      kind = 'huge text';
      emulator.sendText(person, '很长的说明'.repeat(800).slice(0, 4000));
    } else if (roll < 0.86) {
      kind = 'file';
      emulator.sendDocument(person, {
        fileName: pick(['佐证.pdf', '照片.jpg', '计划.xlsx', 'setup.exe']),
        data: new TextEncoder().encode(`file ${rand()}`),
        mimeType: 'application/octet-stream',
      });
    } else if (roll < 0.9) {
      kind = 'block';
      emulator.blockBot(person);
      blocked.add(person);
    } else {
      kind = 'command mid-way';
      emulator.sendText(person, pick(['/tasks', '/help', '/quota']));
    }
    tally[kind] = (tally[kind] ?? 0) + 1;
  }

  for (let done = 0; done < ACTIONS; done += BURST) {
    steppedThisBurst.clear();
    // Half the actions are the diligent liaisons', so reports get carried through.
    for (let i = 0; i < BURST; i++) act(rand() < 0.5 ? pick(people.slice(0, DILIGENT)) : pick(people));
    // Now and then Telegram makes one answer wait 45 s (longer than the bot waits out).
    if (rand() < 0.05) emulator.faults.floodWait({ method: 'sendMessage', retryAfter: 45, count: 1 });
    await e2e.settled();
    // People take their time between bursts; the clock moves with them (idle timeouts, throttles).
    clock.advance(Math.floor(rand() * 90_000));
  }
  console.log(`user-chaos drill (seed ${SEED}): ${JSON.stringify(tally)}`);

  // Everyone comes back: unblocked, after the throttle of stray answers, each asks for /help.
  for (const person of blocked) emulator.unblockBot(person);
  emulator.faults.clear();
  await e2e.settled();
  clock.advance(STRAY_REPLY_INTERVAL_MS);
  expect(emulator.isPolling()).toBe(true);
  for (const [i, person] of people.entries()) {
    // A stranger is answered once per few minutes: only the /help.
    if (i < LIAISONS) await e2e.as(person).send('/cancel');
    expect((await e2e.as(person).send('/help')).text, `person ${person}`).toMatch(HELP);
  }

  // Every report the bot confirmed is stored: "✅ 已报送：10① 查询应用信用信息（办公室），2026年3月。"
  const stored = new Set(
    db
      .select({ task: tasks.number, index: requirements.index, unit: units.name })
      .from(reports)
      .innerJoin(requirements, eq(requirements.id, reports.requirementId))
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .innerJoin(units, eq(units.id, reports.unitId))
      .all()
      .map((r) => `${r.task}${String.fromCodePoint(0x2460 + r.index - 1)}|${r.unit}`),
  );
  const confirmed = people.flatMap((person) =>
    emulator
      .transcript(person)
      .filter((m) => m.from.kind === 'bot')
      .map((m) => m.text?.match(/已报送：(\S+?) .*（(.+?)）/) ?? m.text?.match(/Reported: (\S+?) .*\((.+?)\)/))
      .filter((m): m is RegExpMatchArray => m !== null && m !== undefined)
      .map((m) => `${m[1]}|${m[2]}`),
  );
  console.log(`user-chaos drill: ${confirmed.length} reports confirmed, ${stored.size} stored (item × unit)`);
  // The drill must have carried reports through the chaos for this check to mean anything.
  expect(confirmed.length).toBeGreaterThanOrEqual(20);
  for (const item of confirmed) expect(stored, item).toContain(item);

  // What was logged: Telegram refusing for a reason, never a bug.
  const reasons = e2e.errors.map((error) => {
    const inner = error instanceof ConversationFailed ? error.cause : error;
    return String((inner as Error)?.message ?? JSON.stringify(inner));
  });
  for (const reason of reasons) expect(reason).toMatch(/bot was blocked by the user|Too Many Requests|retry after/);
  console.log(`user-chaos drill: ${reasons.length} errors logged, all Telegram refusals`);
}, 240_000);
