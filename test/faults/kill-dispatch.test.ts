/**
 * The crash drill: a real bot process (npm start with a token, pointed at the emulator)
 * dispatches 500 reminders; it is killed with SIGKILL at random moments, 10 times, and
 * restarted each time. Nothing may be lost, and each kill may repeat at most the one message
 * that was in flight (schedules/dispatcher.ts explains the bound).
 *
 * Checked: each kill lands while the bot is running and the dispatch is under way (some chats
 * not yet reached); a bot that does not deliver the messages the drill waits for, or does not
 * finish the dispatch after the last restart, fails the drill with its output instead of being
 * killed anyway. After each kill the outbox rows left `sending` name the message in flight; the
 * restarted bot may deliver again only to that chat, at most once, and nothing else twice. In
 * the end every chat has its reminder, every row is `sent` with a message id the emulator
 * delivered to its chat, and no process printed an error (a log line at level error or fatal,
 * or an `Error:`).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { startEmulator } from '../../sandbox/emulator';
import { openDatabase } from '../../db';
import { outbox, people } from '../../db/schema';
import { random, startTsx, until, type Child } from './support/processes';

const CHATS = 500;
const KILLS = 10;

const dir = mkdtempSync(join(tmpdir(), 'duban-drill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Lines of a process's output that report an error: pino's error (50) and fatal (60) levels, or any text naming an Error. */
function errorLines(output: string): string[] {
  return output.split('\n').filter((line) => {
    if (/Error:|bot error|scheduler tick failed/.test(line)) return true;
    try {
      return (JSON.parse(line) as { level?: number }).level! >= 50;
    } catch {
      return false;
    }
  });
}

describe('kill -9 during a 500-reminder dispatch', () => {
  it('loses nothing and repeats at most the one message in flight per kill', async () => {
    const users = Array.from({ length: CHATS }, (_, i) => ({
      id: 10_000 + i,
      firstName: `联络员${i}`,
      languageCode: 'zh-hans',
      hasStartedBots: true,
    }));
    const emulator = await startEmulator({ users });
    const file = join(dir, 'duban.sqlite');
    const database = openDatabase(file);
    const now = new Date();
    // Reminders that render without any plan: the "no holiday data" notice for a far year.
    for (const user of users) {
      const person = database.db.insert(people).values({ telegramId: user.id, chatId: user.id, name: user.firstName }).returning().get();
      database.db
        .insert(outbox)
        .values({
          key: `drill|${user.id}`,
          personId: person.id,
          chatId: user.id,
          kind: 'calendar-missing',
          sendAfter: now,
          payload: { year: 2099 },
        })
        .run();
    }
    database.close();

    const env = { ...process.env, BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot, DUBAN_DB: file };
    const start = (): Child => startTsx('app/main.ts', [], env);
    const deliveries = () => emulator.botCalls({ method: 'sendMessage' }).filter((c) => c.response?.ok);
    const chatOf = (call: { params: Record<string, unknown> }) => Number(call.params.chat_id);
    const lastSeq = () => emulator.botCalls().at(-1)?.seq ?? 0;
    /** Fails with the bot's output when `condition` does not hold in time. */
    const waitFor = async (bot: Child, condition: () => boolean, what: string, timeoutMs: number) => {
      try {
        await until(condition, what, timeoutMs);
      } catch (error) {
        throw new Error(`${(error as Error).message}; the bot printed:\n${bot.output().slice(-3000)}`, { cause: error });
      }
    };
    /** The chats of the rows a killed bot left `sending`: the message it had in flight. */
    const inFlight = (): number[] => {
      const sqlite = new Database(file);
      try {
        return [...new Set(sqlite.prepare("SELECT chat_id FROM outbox WHERE status = 'sending'").pluck().all() as number[])];
      } finally {
        sqlite.close();
      }
    };

    const next = random(20261124);
    const outputs: string[] = [];
    /** Per kill: the last call recorded before the restart, and the chats left in flight. */
    const kills: { afterSeq: number; inFlight: number[] }[] = [];
    let bot = start();
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        // Let it send some: between 5 and 40 more messages, then kill it mid-flight.
        const target = deliveries().length + 5 + Math.floor(next() * 35);
        await waitFor(bot, () => deliveries().length >= target, `the bot to deliver ${target} messages before kill ${kill + 1}`, 30_000);
        const reached = new Set(deliveries().map(chatOf)).size;
        expect(reached, `kill ${kill + 1} lands during the dispatch`).toBeLessThan(CHATS);
        expect(
          bot.process.exitCode ?? bot.process.signalCode,
          `the bot is still running at kill ${kill + 1}; it printed:\n${bot.output().slice(-3000)}`,
        ).toBeNull();
        await bot.kill();
        outputs.push(bot.output());
        kills.push({ afterSeq: lastSeq(), inFlight: inFlight() });
        bot = start();
      }
      const check = openDatabase(file);
      try {
        const unsent = () =>
          check.db
            .select()
            .from(outbox)
            .all()
            .filter((r) => r.status !== 'sent').length;
        await waitFor(bot, () => unsent() === 0, 'every outbox row to be sent after the last restart', 90_000);
        const rows = check.db.select({ chatId: outbox.chatId, messageId: outbox.messageId }).from(outbox).all();
        const calls = deliveries();
        // Every chat got its reminder, and each row names a message the emulator delivered to its chat.
        expect(new Set(calls.map(chatOf)).size).toBe(CHATS);
        const delivered = new Set(calls.map((c) => `${chatOf(c)}|${(c.response as { result: { message_id: number } }).result.message_id}`));
        expect(rows.filter((r) => !delivered.has(`${r.chatId}|${r.messageId}`))).toEqual([]);
        // What was delivered twice, by the process that delivered it again: after kill k, at most
        // the one message the killed bot had in flight; before the first kill, nothing.
        const seen = new Set<number>();
        const repeats: { afterKill: number; chat: number }[] = [];
        for (const call of calls) {
          const chat = chatOf(call);
          if (seen.has(chat)) repeats.push({ afterKill: kills.filter((k) => k.afterSeq < call.seq).length, chat });
          seen.add(chat);
        }
        if (process.env.FAULTS_TRACE)
          console.log(
            `kill-dispatch: in flight at each kill ${JSON.stringify(kills.map((k) => k.inFlight))}; repeats ${JSON.stringify(repeats)}`,
          );
        for (const repeat of repeats) {
          expect(repeat.afterKill, `chat ${repeat.chat} delivered twice before any kill`).toBeGreaterThan(0);
          const kill = kills[repeat.afterKill - 1]!;
          expect(kill.inFlight, `chat ${repeat.chat} delivered again after kill ${repeat.afterKill}`).toContain(repeat.chat);
          expect(
            repeats.filter((r) => r.afterKill === repeat.afterKill),
            `repeats after kill ${repeat.afterKill}`,
          ).toHaveLength(1);
        }
        expect(check.db.select().from(people).where(eq(people.telegramId, 10_000)).all()).toHaveLength(1);
      } finally {
        check.close();
      }
    } finally {
      await bot.kill();
      outputs.push(bot.output());
      await emulator.close();
    }
    // Every process's output, the last one's included: no error.
    expect(outputs.flatMap(errorLines)).toEqual([]);
  }, 240_000);
});
