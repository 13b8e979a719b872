/**
 * End-to-end tests in a few lines: the real bot, built by createBot, polling the sandbox's
 * Bot API emulator over HTTP, with a fresh migrated database holding the demo plan and
 * people, on a clock the test sets. Act as a person; read what the bot answered.
 *
 *   const e2e = await startE2E();
 *   const reply = await e2e.as(LIAISON).send('/tasks');
 *   const { message } = await e2e.as(LIAISON).press(reply, '下一页 ▶');
 *
 * Call inside a test: the bot, the emulator and the database are closed when it finishes.
 */
import { FileStore, fileStoreRoot } from '../../db/file-store';
import { onTestFinished } from 'vitest';
import { startEmulator, type CallbackAnswer, type EmulatorOptions, type TranscriptEntry } from '../../sandbox/emulator';
import { DEMO_GROUP, DEMO_PERSONAS, seedDemo } from '../../sandbox/demo/seed';
import { createBot } from '../../bot/create-bot';
import { syncCommandMenus } from '../../bot/commands';
import { ManualClock } from '../../core/clock';
import { Api } from 'grammy';
import type { Scheduler } from '../../schedules/scheduler';
import { dubanScheduler } from '../../app/duban';
import { readConfig } from '../../app/config';
import { freshDatabase } from './db';
import { startPolling, type PollingHandle } from '../../bot/polling';

export const ADMIN = 1001;
export const LIAISON = 2001; // 政策法规处
export const LIAISON_EN = 2002; // 信息管理处, English
export const LEAD = 3001;
export const STRANGER = 9999;

/** How long a test waits for the bot to answer before failing with what the chat shows. */
const REPLY_TIMEOUT_MS = 5000;

export interface E2EOptions {
  /** The bot's clock; default Monday 2 March 2026, 09:00 in Shanghai. */
  now?: Date;
  /** Seed the demo plan and people (default true). */
  demo?: boolean;
  /** The year the demo plan is seeded for (default 2026): its periods run from 1 January to 31 December of it. */
  demoYear?: number;
  /** When the demo plan was imported (its assignments' time); default the clock's start. */
  seededAt?: Date;
  env?: NodeJS.ProcessEnv;
  /** Run the emulator's clock (message dates, flood limits) on the test's clock too. */
  shareClock?: boolean;
  floodLimits?: EmulatorOptions['floodLimits'];
  /**
   * 'expected' for a test that provokes handler errors (and asserts on `e2e.errors` itself).
   * Otherwise any error a handler logged fails the test when it finishes, asserted or not.
   */
  errors?: 'expected';
}

export async function startE2E(options: E2EOptions = {}) {
  const database = freshDatabase();
  const files = new FileStore(fileStoreRoot(database.file));
  const clock = new ManualClock(options.now ?? new Date('2026-03-02T01:00:00Z'));
  if (options.demo !== false) await seedDemo(database.db, { year: options.demoYear ?? 2026, now: options.seededAt ?? clock.now() });
  const emulator = await startEmulator({
    now: options.shareClock ? () => clock.now().getTime() : undefined,
    // People in tests type faster than people do: a roomier burst per chat. Telegram's own limits
    // are enforced by default and tested in test/sandbox/emulator and test/schedules/dispatcher.test.ts.
    floodLimits: options.floodLimits ?? { perPrivateChat: { burst: 20, perSecond: 5 } },
    users: [
      ...DEMO_PERSONAS.map((p) => ({
        id: p.telegramId,
        firstName: p.firstName,
        lastName: p.lastName,
        languageCode: p.languageCode,
        hasStartedBots: true,
      })),
      { id: STRANGER, firstName: '路人', languageCode: 'zh-hans' },
    ],
    groups: [{ id: DEMO_GROUP.id, title: DEMO_GROUP.title, type: 'supergroup', members: DEMO_PERSONAS.map((p) => p.telegramId) }],
  });
  const config = readConfig(options.env ?? {});
  const errors: unknown[] = [];
  let current!: ReturnType<typeof createBot>;
  let polling!: PollingHandle;
  /** Builds a bot on the same database and starts it polling as production does (bot/polling.ts); resolves once it polls. */
  async function launch() {
    current = createBot({
      token: emulator.token,
      apiRoot: emulator.apiRoot,
      deps: { db: database.db, config, clock, files },
      onError: (error) => errors.push(error),
      // On a shared clock the emulator's flood waits pass only when the clock moves: waiting moves it.
      sleep: options.shareClock ? async (ms) => clock.advance(ms) : undefined,
    });
    const polls = emulator.waitForEvent('polling', () => true, { timeoutMs: REPLY_TIMEOUT_MS });
    polling = startPolling(current.bot, { db: database.db, clock, warn: (line) => errors.push(new Error(line)) });
    await Promise.race([polls, polling.task.then(() => Promise.reject(new Error('polling ended before it began')))]);
  }
  async function halt() {
    await polling.stop();
  }
  await launch();
  await syncCommandMenus(current.bot.api, database.db, current.services.i18n, config.admins);
  onTestFinished(async () => {
    await halt();
    await emulator.close();
    if (options.errors !== 'expected' && errors.length > 0) {
      throw new Error(
        `the bot logged ${errors.length} error(s) this test did not expect: ${errors.map((e) => String((e as Error)?.stack ?? e)).join('\n')}`,
      );
    }
  });

  /** The next change the bot makes in a chat after `since`: a new message, or an edit of one. */
  function nextChange(chatId: number, since: number, messageId?: number): Promise<TranscriptEntry> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`the bot changed nothing in chat ${chatId} within ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      const off = emulator.on('message', (event) => {
        const fromBot = event.entry.from.kind === 'bot' && event.chatId === chatId;
        const isNew = event.kind === 'new' && event.entry.message_id > since;
        const isEdit = event.kind === 'edited' && (messageId === undefined || event.entry.message_id === messageId);
        if (fromBot && (isNew || isEdit)) {
          clearTimeout(timer);
          off();
          resolve(event.entry);
        }
      });
    });
  }

  function as(userId: number, chatId: number = userId) {
    return {
      /** Sends a text as this person and resolves with the bot's next message in that chat. */
      async send(text: string): Promise<TranscriptEntry> {
        const message = emulator.sendText(userId, text, { chatId });
        return emulator.waitForBotMessage(chatId, undefined, { since: message.message_id, timeoutMs: REPLY_TIMEOUT_MS });
      },
      /** Presses a button (by its label) under a bot message; resolves with the answer and the bot's next change. */
      async press(entry: TranscriptEntry, label: string): Promise<{ answer: CallbackAnswer; message: TranscriptEntry }> {
        const latest = emulator.transcript(chatId).at(-1)?.message_id ?? 0;
        const change = nextChange(chatId, latest, entry.message_id);
        const query = emulator.pressButton(userId, { chatId, messageId: entry.message_id, text: label });
        const answer = await emulator.waitForCallbackAnswer(query.id, { timeoutMs: REPLY_TIMEOUT_MS });
        return { answer, message: await change };
      },
      /** Presses a button and resolves with the bot's next new message (not an edit) in the chat. */
      async pressForReply(entry: TranscriptEntry, label: string): Promise<TranscriptEntry> {
        const latest = emulator.transcript(chatId).at(-1)?.message_id ?? 0;
        const reply = emulator.waitForBotMessage(chatId, undefined, { since: latest, timeoutMs: REPLY_TIMEOUT_MS });
        emulator.pressButton(userId, { chatId, messageId: entry.message_id, text: label });
        return reply;
      },
      /** Presses a button and resolves with the callback answer only (for buttons that change nothing). */
      async pressForAnswer(entry: TranscriptEntry, choice: { text?: string; data?: string }): Promise<CallbackAnswer> {
        const query = emulator.pressButton(userId, { chatId, messageId: entry.message_id, ...choice });
        return emulator.waitForCallbackAnswer(query.id, { timeoutMs: REPLY_TIMEOUT_MS });
      },
      /** Sends a document as this person and resolves with the bot's next message. */
      async sendDocument(fileName: string, data: Uint8Array, mimeType = 'application/octet-stream'): Promise<TranscriptEntry> {
        const message = emulator.sendDocument(userId, { fileName, data, mimeType }, { chatId });
        return emulator.waitForBotMessage(chatId, undefined, { since: message.message_id, timeoutMs: REPLY_TIMEOUT_MS });
      },
      /** Sends a photo as this person and resolves with the bot's next message. */
      async sendPhoto(data: Uint8Array, caption?: string): Promise<TranscriptEntry> {
        const message = emulator.sendPhoto(userId, { data, caption }, { chatId });
        return emulator.waitForBotMessage(chatId, undefined, { since: message.message_id, timeoutMs: REPLY_TIMEOUT_MS });
      },
      transcript: () => emulator.transcript(chatId),
    };
  }

  return {
    emulator,
    db: database.db,
    /** The evidence archive the bot stores files in (db/file-store.ts). */
    files,
    sqlite: database.sqlite,
    clock,
    get bot() {
      return current.bot;
    },
    get services() {
      return current.services;
    },
    errors,
    as,
    /**
     * The reminder scheduler on the test's clock, with its own Api to the emulator (as in
     * production: no auto-retry); its waits move the clock instead of sleeping.
     */
    scheduler(api: Api = new Api(emulator.token, { apiRoot: emulator.apiRoot })): Scheduler {
      return dubanScheduler(current.services, api, { sleep: async (ms) => clock.advance(ms) });
    },
    /** Resolves once the bot has handled every update and waits for more (its writes are done). */
    async settled(): Promise<void> {
      // The runner asks for more while it still handles what it has: wait for both to be done.
      for (;;) {
        if (!(emulator.isPolling() && emulator.pendingUpdateCount() === 0)) {
          await emulator.waitForEvent('polling', (event) => event.waiting, { timeoutMs: REPLY_TIMEOUT_MS });
        }
        await polling.idle();
        if (emulator.isPolling() && emulator.pendingUpdateCount() === 0) return;
      }
    },
    /** Stops polling (the bot hears nothing until restart()), as a process that is down would. */
    async stopPolling() {
      await halt();
    },
    /** Stops the bot and starts a new one on the same database, as a restart of the process would. */
    async restart() {
      await halt();
      await launch();
    },
  };
}

/** The labels of an entry's inline buttons, row by row. */
export function buttons(entry: TranscriptEntry): string[][] {
  return (entry.inline_keyboard ?? []).map((row) => row.map((button) => button.text));
}
