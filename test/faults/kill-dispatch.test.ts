/**
 * The crash drill: a real bot process (npm start with a token, pointed at the emulator)
 * dispatches 500 reminders; it is killed with SIGKILL at random moments, 10 times, and
 * restarted each time. Nothing may be lost, and each kill may repeat at most the one message
 * that was in flight (schedules/dispatcher.ts explains the bound).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { startEmulator } from '../../sandbox/emulator';
import { openDatabase } from '../../db';
import { outbox, people } from '../../db/schema';

const root = new URL('../..', import.meta.url).pathname;
const CHATS = 500;
const KILLS = 10;
/** A seeded generator, so a failing run can be repeated. */
function random(seed: number): () => number {
  let state = seed;
  return () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
}

const dir = mkdtempSync(join(tmpdir(), 'duban-drill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('kill -9 during a 500-reminder dispatch', () => {
  it('loses nothing and repeats at most one message per kill', async () => {
    const users = Array.from({ length: CHATS }, (_, i) => ({ id: 10_000 + i, firstName: `联络员${i}`, languageCode: 'zh-hans', hasStartedBots: true }));
    const emulator = await startEmulator({ users });
    const file = join(dir, 'duban.sqlite');
    const database = openDatabase(file);
    const now = new Date();
    // Reminders that render without any plan: the "no holiday data" notice for a far year.
    for (const user of users) {
      const person = database.db.insert(people).values({ telegramId: user.id, chatId: user.id, name: user.firstName }).returning().get();
      database.db
        .insert(outbox)
        .values({ key: `drill|${user.id}`, personId: person.id, chatId: user.id, kind: 'calendar-missing', sendAfter: now, payload: { year: 2099 } })
        .run();
    }
    database.close();

    const env = { ...process.env, BOT_TOKEN: emulator.token, TELEGRAM_API_ROOT: emulator.apiRoot, DUBAN_DB: file };
    const start = (): ChildProcess => spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], { cwd: root, env, stdio: 'ignore' });
    const delivered = () => emulator.botCalls({ method: 'sendMessage' }).filter((c) => c.response?.ok).length;
    const next = random(20261124);
    let bot = start();
    try {
      for (let kill = 0; kill < KILLS; kill++) {
        // Let it send some: between 5 and 40 more messages, then kill it mid-flight.
        const target = delivered() + 5 + Math.floor(next() * 35);
        const started = Date.now();
        while (delivered() < Math.min(target, CHATS) && Date.now() - started < 20_000) await new Promise((r) => setTimeout(r, 10));
        bot.kill('SIGKILL');
        await new Promise((resolve) => bot.on('exit', resolve));
        bot = start();
      }
      const started = Date.now();
      const check = openDatabase(file);
      try {
        const unsent = () => check.db.select().from(outbox).all().filter((r) => r.status !== 'sent').length;
        while (unsent() > 0 && Date.now() - started < 90_000) await new Promise((r) => setTimeout(r, 200));
        expect(unsent()).toBe(0);
        const rows = check.db.select({ chatId: outbox.chatId, messageId: outbox.messageId }).from(outbox).all();
        // Every chat got its reminder; what was sent twice is at most one message per kill.
        const perChat = new Map<number, number>();
        for (const call of emulator.botCalls({ method: 'sendMessage' }).filter((c) => c.response?.ok)) {
          const chat = Number((call.params as { chat_id: number }).chat_id);
          perChat.set(chat, (perChat.get(chat) ?? 0) + 1);
        }
        expect(perChat.size).toBe(CHATS);
        const duplicates = [...perChat.values()].reduce((n, count) => n + count - 1, 0);
        expect(duplicates).toBeLessThanOrEqual(KILLS);
        expect(rows.every((r) => r.messageId !== null)).toBe(true);
        expect(check.db.select().from(people).where(eq(people.telegramId, 10_000)).all()).toHaveLength(1);
      } finally {
        check.close();
      }
    } finally {
      bot.kill('SIGKILL');
      await emulator.close();
    }
  }, 240_000);
});
