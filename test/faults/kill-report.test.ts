/**
 * The crash drill for /report: a real bot process (`app/main.ts` with a token, pointed at the
 * emulator) is killed with SIGKILL while a liaison is reporting, and restarted.
 *
 * - Mid-conversation: at a random step (seeded), a random few milliseconds after the
 *   liaison's answer (handled or not yet), sometimes with the next answer sent while the bot
 *   is down. After the restart the liaison goes on from the last question the chat shows,
 *   and falls back to /report only when an answer gets no reaction.
 * - Right after pressing ✅ 提交, a random few milliseconds later.
 * - After the report was saved but before the confirmation went out (the emulator holds the
 *   bot's answers back, the drill kills when the report is in the database): Telegram hands
 *   the press to the restarted bot again.
 *
 * Every round must end with the liaison told that the report is saved, exactly one report
 * for it (with what was entered), an event-relative requirement with exactly one new event,
 * and no error in the chat or in the bot's output.
 */
import { afterAll, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { startEmulator, type Emulator, type TranscriptEntry } from '../../sandbox/emulator';
import { openDatabase } from '../../db';
import { LIAISON, REQUIREMENTS, seedReportPlan, type DrillRequirement } from './support/report-seed';
import { pause, random, startTsx, until, type Child } from './support/processes';

const dir = mkdtempSync(join(tmpdir(), 'duban-kill-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Round = { kind: 'mid'; answers: number } | { kind: 'submit' } | { kind: 'saved-unanswered' };

/**
 * Which requirement each round reports, and how its bot dies. Monthly requirements can be
 * reported once, events any number of times. `answers`: how many questions the liaison has
 * answered when the bot is killed (0: only /report was sent), the last one a random few
 * milliseconds before.
 */
const ROUNDS: Array<Round & { item: string }> = [
  { kind: 'mid', item: '1①', answers: 2 }, // the requirement and the status picked
  { kind: 'mid', item: '2①', answers: 4 }, // … the note and the count written
  { kind: 'mid', item: '5①', answers: 0 },
  { kind: 'mid', item: '6①', answers: 4 }, // … the note written, no evidence: the summary shows
  { kind: 'submit', item: '3①' },
  { kind: 'submit', item: '5①' },
  { kind: 'saved-unanswered', item: '4①' },
  { kind: 'saved-unanswered', item: '6①' },
];

const ERROR_TEXT = '抱歉，处理时出错了';
const SAVED = /^(✅ 已报送|⚠️ 已报送|✅ 已记录新事项)/;

type Step = 'pick' | 'status' | 'note' | 'count' | 'evidence' | 'summary' | 'saved' | 'other';

/** What the last question in the chat asks for; nudges and reminders are no questions. */
function lastQuestion(transcript: TranscriptEntry[], since: number): { step: Step; entry?: TranscriptEntry } {
  for (const entry of [...transcript].reverse()) {
    if (entry.from.kind !== 'bot' || entry.message_id <= since) continue;
    const text = entry.text ?? '';
    const data = (entry.inline_keyboard ?? []).flat().map((b) => ('callback_data' in b ? b.callback_data : ''));
    if (/^(请点击上面的按钮|请直接发送文字|⏰|❗|⚠️ 提醒)/.test(text)) continue;
    if (SAVED.test(text)) return { step: 'saved', entry };
    if (text.startsWith('请选择要报送的任务') && data.some((d) => d?.startsWith('rp:pick:'))) return { step: 'pick', entry };
    if (data.some((d) => d?.startsWith('rp:st:'))) return { step: 'status', entry };
    if (text.startsWith('请用一两句话说明进展')) return { step: 'note', entry };
    if (text.startsWith('本期完成了多少') || text.includes('不是数量')) return { step: 'count', entry };
    if (text.startsWith('请发送佐证材料') || text.startsWith('已收到第')) return { step: 'evidence', entry };
    if (text.startsWith('请确认报送内容')) return { step: 'summary', entry };
    return { step: 'other', entry };
  }
  return { step: 'other' };
}

/** Everything the bot shows in the chat, to tell whether an answer got any reaction. */
const snapshot = (emulator: Emulator) =>
  JSON.stringify(emulator.transcript(LIAISON.id).map((m) => [m.message_id, m.text, m.inline_keyboard]));

it('kill -9 during /report: the liaison finishes, with exactly one report and never an error', async () => {
  const file = join(dir, 'duban.sqlite');
  const seeded = openDatabase(file);
  // The bot runs on the real clock: a plan for this year, or next year's in late December (when this year's months are all due).
  await seedReportPlan(seeded.db, DateTime.now().setZone('Asia/Shanghai').plus({ days: 25 }).year, new Date());
  seeded.close();
  const sqlite = new Database(file);
  sqlite.pragma('busy_timeout = 5000');
  const reportsOf = (item: string) =>
    sqlite
      .prepare(
        `select r.status, r.note, r.count, r.period from reports r join requirements q on q.id = r.requirement_id join tasks t on t.id = q.task_id where t.number = ? order by r.id`,
      )
      .all(item.slice(0, -1)) as { status: string; note: string | null; count: number | null; period: string }[];
  const eventsOf = (item: string) =>
    sqlite
      .prepare(
        'select count(*) from events e join requirements q on q.id = e.requirement_id join tasks t on t.id = q.task_id where t.number = ?',
      )
      .pluck()
      .get(item.slice(0, -1)) as number;
  const allReports = () => sqlite.prepare('select count(*) from reports').pluck().get() as number;
  /** Chats with a conversation under way, from the conversations plugin's stored state. */
  const activeConversations = () =>
    (sqlite.prepare('select key, state from conversation_state').all() as { key: string; state: string }[]).filter((row) =>
      Object.values((JSON.parse(row.state) as { state?: Record<string, unknown[]> }).state ?? {}).some((list) => list.length > 0),
    );

  const emulator = await startEmulator({
    users: [{ ...LIAISON, hasStartedBots: true }],
    floodLimits: { perPrivateChat: { burst: 20, perSecond: 5 } },
  });
  const env = { ...process.env, BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot, DUBAN_DB: file };
  const outputs: string[] = [];
  let bot: Child | undefined;
  const start = async () => {
    await until(() => !emulator.isPolling(), "the dead bot's long poll to end");
    bot = startTsx('app/main.ts', [], env);
    await until(() => emulator.isPolling(), 'the bot to poll', 60_000);
  };
  const crash = async () => {
    await bot!.kill();
    outputs.push(bot!.output());
  };
  /**
   * The bot has handled every update and waits for more. Polling alone does not say so: the
   * runner asks for the next batch while it handles the last (bot/polling.ts), so the updates
   * it holds are those in its update inbox, emptied as each one is handled.
   */
  const inboxed = () => sqlite.prepare('select count(*) from update_inbox').pluck().get() as number;
  const settled = () =>
    until(() => emulator.isPolling() && emulator.pendingUpdateCount() === 0 && inboxed() === 0, 'the bot to handle every update', 30_000);
  const next = random(20_261_126);
  const log: string[] = [];

  try {
    await start();
    for (const [round, plan] of ROUNDS.entries()) {
      const target = REQUIREMENTS.find((r) => r.item === plan.item) as DrillRequirement;
      const note = `第${round + 1}轮：进展说明`;
      const since = emulator.transcript(LIAISON.id).at(-1)?.message_id ?? 0;
      const reportsBefore = reportsOf(target.item).length;
      const eventsBefore = eventsOf(target.item);
      const totalBefore = allReports();
      let restarted = false;

      /** The liaison's next answer to what the chat shows; returns the step answered. */
      const answer = (): Step => {
        const { step, entry } = lastQuestion(emulator.transcript(LIAISON.id), since);
        const press = (data: string) => emulator.pressButton(LIAISON.id, { messageId: entry!.message_id, data });
        switch (step) {
          case 'pick': {
            const button = entry!
              .inline_keyboard!.flat()
              .find((b) => b.text.replace(/^✓ /, '').startsWith(`${target.item} ${target.title}`));
            if (button === undefined || !('callback_data' in button))
              throw new Error(`no button for ${target.item} in ${JSON.stringify(entry!.inline_keyboard)}`);
            press(button.callback_data!);
            break;
          }
          case 'status':
            press('rp:st:in_progress');
            break;
          case 'note':
            emulator.sendText(LIAISON.id, note);
            break;
          case 'count':
            emulator.sendText(LIAISON.id, '3');
            break;
          case 'evidence':
            press('rp:done');
            break;
          case 'summary':
            press('rp:ok');
            break;
          case 'saved':
            break;
          case 'other':
            emulator.sendText(LIAISON.id, '/report');
            break;
        }
        return step;
      };
      /** Answers until the chat says the report is saved; an answer without any reaction is followed by /report. */
      const finish = async () => {
        for (let actions = 0; ; actions++) {
          if (actions > 15)
            throw new Error(`round ${round + 1} (${plan.kind} ${plan.item}) did not end; the chat shows:\n${describe(emulator, since)}`);
          await settled();
          const before = snapshot(emulator);
          const step = answer();
          if (step === 'saved') return;
          await settled();
          if (snapshot(emulator) === before) {
            log.push(`round ${round + 1}: no reaction to the ${step} answer, /report again`);
            emulator.sendText(LIAISON.id, '/report');
          }
        }
      };
      /** Answers normally until the chat asks what `stop` wants; returns that step. */
      const answerUntil = async (stop: (step: Step) => boolean) => {
        for (let actions = 0; actions < 15; actions++) {
          await settled();
          const { step } = lastQuestion(emulator.transcript(LIAISON.id), since);
          if (stop(step)) return step;
          answer();
        }
        throw new Error(`round ${round + 1}: the conversation never got there:\n${describe(emulator, since)}`);
      };

      emulator.sendText(LIAISON.id, '/report');
      if (plan.kind === 'mid') {
        const answered: Step[] = [];
        for (let i = 0; i < plan.answers; i++) {
          await answerUntil(() => true);
          answered.push(answer());
        }
        await pause(next() * 300);
        await crash();
        // Sometimes the liaison answers while the bot is down: Telegram keeps the update.
        const whileDown = next() < 0.5;
        if (whileDown) {
          const step = lastQuestion(emulator.transcript(LIAISON.id), since).step;
          if (step !== 'other' && step !== 'saved') answer();
        }
        log.push(
          `round ${round + 1} (${plan.item}): killed after ${['/report', ...answered].join(', ')}${whileDown ? ', answered while down' : ''}`,
        );
        await start();
        restarted = true;
      } else {
        await answerUntil((step) => step === 'summary');
        if (plan.kind === 'submit') {
          answer();
          await pause(next() * 300);
          await crash();
          log.push(`round ${round + 1} (${plan.item}): killed just after ✅ 提交`);
        } else {
          // Hold the bot's answers back so it is killed between saving and saying so.
          const slow = emulator.faults.slowResponses(3_000);
          answer();
          await until(() => allReports() > totalBefore, 'the report to be saved', 30_000);
          await crash();
          slow.clear();
          log.push(`round ${round + 1} (${plan.item}): killed after the report was saved, before the confirmation`);
        }
        await start();
        restarted = true;
      }
      await finish();

      // Exactly one report for the round, as entered; for an event, exactly one new event.
      const reports = reportsOf(target.item);
      expect(reports.length - reportsBefore, `round ${round + 1}: ${log.at(-1)}`).toBe(1);
      expect(reports.at(-1), `round ${round + 1}`).toMatchObject({ status: 'in_progress', note, count: target.quota ? 3 : null });
      if (target.event) expect(eventsOf(target.item) - eventsBefore, `round ${round + 1}: events`).toBe(1);
      expect(allReports(), `round ${round + 1}: reports overall`).toBe(totalBefore + 1);
      const shown = emulator.transcript(LIAISON.id).filter((m) => m.message_id > since);
      expect(
        shown.filter((m) => m.from.kind === 'bot' && m.text?.startsWith(ERROR_TEXT)),
        `round ${round + 1}`,
      ).toEqual([]);
      expect(restarted).toBe(true);
      // Nothing left half-way: the next /report starts afresh.
      expect(activeConversations(), `round ${round + 1}`).toEqual([]);
    }
  } finally {
    if (bot) await crash();
    sqlite.close();
    await emulator.close();
    if (process.env.FAULTS_TRACE) console.log(log.join('\n'));
  }
  // Nothing went wrong inside the bot either.
  for (const output of outputs) expect(output).not.toMatch(/bot error|scheduler tick failed|Error:/);
}, 240_000);

function describe(emulator: Emulator, since: number): string {
  return emulator
    .transcript(LIAISON.id)
    .filter((m) => m.message_id > since)
    .map(
      (m) =>
        `#${m.message_id} ${m.from.kind}: ${JSON.stringify(m.text ?? '')} ${JSON.stringify((m.inline_keyboard ?? []).flat().map((b) => b.text))}`,
    )
    .join('\n');
}
