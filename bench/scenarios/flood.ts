/**
 * Scenario 6 (issue 11): strangers flood the bot while the admin works. Five strangers each send
 * a burst of 30 messages every 5 seconds; the admin sends /help every 1.1 seconds (under
 * Telegram's one message a second per private chat). Telegram's own flood limits are on, as in
 * production (the emulator's defaults), and the real bot polls with the runner (bot/polling.ts).
 * Measured: the admin's reply time (from sending /help to the bot's answer appearing in the
 * chat), p99 against the target of 1 s; and how many answers the strangers got (once per few
 * minutes each, bot/features/strangers.ts).
 */
import { FileStore, fileStoreRoot } from '../../db/file-store';
import { performance } from 'node:perf_hooks';
import { startEmulator } from '../../sandbox/emulator';
import { seedDemo, DEMO_PERSONAS } from '../../sandbox/demo/seed';
import { createBot } from '../../bot/create-bot';
import { startPolling } from '../../bot/polling';
import { ManualClock } from '../../core/clock';
import { readConfig } from '../../app/config';
import { figure, measure, percentile, tempDatabase, type Scenario } from '../lib';

const ADMIN = 1001;
const FIRST_STRANGER = 700_001;
const STRANGERS = 5;
const BURST = 30;
const BURST_EVERY_MS = 5000;
const HELP_EVERY_MS = 1100;
const NOW = new Date('2026-03-02T02:00:00Z');

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const floodScenario: Scenario = {
  name: 'flood',
  description: "the admin's /help reply time while five strangers flood the bot (Telegram's flood limits on)",
  async run({ scale, log }) {
    const seconds = Math.max(6, Math.round(60 * scale));
    const problems: string[] = [];
    const database = tempDatabase();
    const clock = new ManualClock(NOW);
    await seedDemo(database.db, { year: 2026, now: NOW });
    const strangers = Array.from({ length: STRANGERS }, (_, i) => FIRST_STRANGER + i);
    const emulator = await startEmulator({
      users: [
        ...DEMO_PERSONAS.map((p) => ({ id: p.telegramId, firstName: p.firstName, languageCode: p.languageCode, hasStartedBots: true })),
        ...strangers.map((id) => ({ id, firstName: `陌生人${id}`, languageCode: 'zh-hans', hasStartedBots: true })),
      ],
    });
    const errors: unknown[] = [];
    const config = readConfig({ DUBAN_ADMINS: String(ADMIN) });
    const { bot } = createBot({
      token: emulator.token,
      apiRoot: emulator.apiRoot,
      deps: { db: database.db, config, clock, files: new FileStore(fileStoreRoot(database.file)) },
      onError: (e) => errors.push(e),
    });
    const polling = startPolling(bot, { db: database.db, clock, warn: (line) => errors.push(new Error(line)) });
    const replies: number[] = [];
    let strangerMessages = 0;
    try {
      await emulator.waitForEvent('polling', () => true, { timeoutMs: 30_000 });
      const run = await measure(async () => {
        const until = performance.now() + seconds * 1000;
        const flooding = (async () => {
          while (performance.now() < until) {
            for (const id of strangers) for (let i = 0; i < BURST; i++, strangerMessages++) emulator.sendText(id, `你好 ${i}`);
            await wait(BURST_EVERY_MS);
          }
        })();
        while (performance.now() < until) {
          const started = performance.now();
          const sent = emulator.sendText(ADMIN, '/help');
          await emulator.waitForBotMessage(ADMIN, undefined, { since: sent.message_id, timeoutMs: 60_000 });
          replies.push(performance.now() - started);
          await wait(Math.max(0, HELP_EVERY_MS - (performance.now() - started)));
        }
        await flooding;
      });
      const answered = strangers.map((id) => emulator.transcript(id).filter((m) => m.from.kind === 'bot').length);
      if (errors.length > 0) problems.push(`${errors.length} handler error(s), e.g. ${String((errors[0] as Error)?.message ?? errors[0])}`);
      if (answered.some((n) => n !== 1))
        problems.push(`strangers were answered ${answered.join(', ')} times; expected once each within a few minutes`);
      log(`${replies.length} /help answered during ${seconds} s of ${strangerMessages} stranger messages`);
      return {
        figures: [
          figure('stranger messages', strangerMessages, ''),
          figure(
            'answers to strangers',
            answered.reduce((a, b) => a + b, 0),
            '',
          ),
          figure('admin /help sent', replies.length, ''),
          figure('admin reply p50', percentile(replies, 50), 'ms'),
          figure('admin reply p99', percentile(replies, 99), 'ms', { op: '<', limit: 1000 }),
          figure('admin reply max', Math.max(...replies), 'ms'),
          figure('peak RSS', run.peakRssMb, 'MB'),
        ],
        problems,
        notes: [
          `reply time = from the emulator receiving /help to the bot's answer in the chat, over HTTP on loopback; the emulator applies Telegram's default flood limits`,
        ],
      };
    } finally {
      await polling.stop();
      await emulator.close();
      database.dispose();
    }
  },
};
