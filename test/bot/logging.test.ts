/**
 * The log (bot/logger.ts, bot/log-updates.ts): JSON lines at LOG_LEVEL, pretty ones on request,
 * a child logger per update that names ids and kinds but never what a person wrote, and the
 * bot token in no line, whatever carries it: a message, an error's message and stack (grammY's
 * network errors name the /bot<token>/ URL), a nested field, its URL-encoded spelling.
 *
 * The last test runs the bot's parts as app/main.ts wires them, each writing to one in-memory
 * log: createBot with a handler whose reply fails (no connection: node-fetch's error names the
 * URL with the token), the getMe probe failing the same way, the start-up's retry lines, and
 * the scheduler's ticks with a dispatch that cannot connect. Every line is read.
 */
import { FileStore, fileStoreRoot } from '../../db/file-store';
import { describe, expect, it } from 'vitest';
import { Api, Bot, HttpError, type Context } from 'grammy';
import type { Update, UserFromGetMe } from 'grammy/types';
import { DateTime } from 'luxon';
import { createLogger, redactor, type Logger, type LoggerOptions } from '../../bot/logger';
import { attachLog, callbackKind, logUpdates } from '../../bot/log-updates';
import { createBot } from '../../bot/create-bot';
import { readConfig } from '../../app/config';
import { ManualClock } from '../../core/clock';
import { runTelegram, TelegramGate } from '../../bot/startup';
import { apiSignal } from '../../bot/telegram-retry';
import { Scheduler } from '../../schedules/scheduler';
import { PLAN_ZONE } from '../../plans/due-dates';
import { startE2E } from '../support/e2e';
import { freshDatabase } from '../support/db';
import { closedPort } from '../support/processes';
import { NOTICES } from '../../app/notices';

const TOKEN = '7123456789:AAH-secret_token-part-0123456789abcdef';
const BOT_INFO = {
  id: 7123456789,
  is_bot: true,
  first_name: 'Duban',
  username: 'duban_test_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
} as UserFromGetMe;

/** A log written to memory: its raw lines, and parsed when they are JSON. */
function memoryLog(options: Pick<LoggerOptions, 'level' | 'pretty' | 'secrets'> = {}) {
  const lines: string[] = [];
  const logger = createLogger({
    level: options.level ?? 'trace',
    pretty: options.pretty ?? false,
    secrets: options.secrets ?? [TOKEN],
    destination: { write: (line) => lines.push(line) },
  });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** The error grammY throws when Telegram cannot be reached, made by a real failed call. */
async function networkError(apiRoot: string, token = TOKEN): Promise<HttpError> {
  try {
    await new Api(token, { apiRoot }).getMe();
  } catch (error) {
    return error as HttpError;
  }
  throw new Error('getMe to a closed port succeeded');
}

function message(updateId: number, text: string, from = 5001): Update {
  const entities = text.startsWith('/') ? [{ type: 'bot_command' as const, offset: 0, length: text.split(' ')[0]!.length }] : undefined;
  return {
    update_id: updateId,
    message: {
      message_id: updateId,
      date: 1_770_000_000,
      chat: { id: from, type: 'private', first_name: 'Li' },
      from: { id: from, is_bot: false, first_name: 'Li' },
      text,
      entities,
    },
  };
}

describe('createLogger', () => {
  it('writes one JSON object a line, at the level asked for', () => {
    const log = memoryLog({ level: 'info' });
    log.logger.debug('not at info');
    log.logger.info({ unit: 3 }, 'planned');
    log.logger.error('broke');
    expect(log.lines).toHaveLength(2);
    expect(log.lines.every((line) => line.endsWith('\n') && line.indexOf('\n') === line.length - 1)).toBe(true);
    const [info, error] = log.records();
    expect(info).toMatchObject({ level: 30, msg: 'planned', unit: 3 });
    expect(new Date(info!.time as string).toISOString()).toBe(info!.time);
    expect(error).toMatchObject({ level: 50, msg: 'broke' });
  });

  it('LOG_LEVEL is read and checked with the rest of the configuration', () => {
    expect(readConfig({}).log.level).toBe('info');
    expect(readConfig({ LOG_LEVEL: ' DEBUG ' }).log.level).toBe('debug');
    expect(() => readConfig({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL: /);
    const log = memoryLog({ level: readConfig({ LOG_LEVEL: 'warn' }).log.level });
    log.logger.info('quiet');
    log.logger.warn('loud');
    expect(log.records().map((r) => r.msg)).toEqual(['loud']);
  });

  it('pretty lines for a terminal: readable, not JSON, and redacted too', () => {
    const log = memoryLog({ pretty: true });
    log.logger.info({ chat_id: 42 }, `sent via https://api.telegram.org/bot${TOKEN}/sendMessage`);
    expect(log.lines).toHaveLength(1);
    expect(() => JSON.parse(log.lines[0]!)).toThrow();
    expect(log.lines[0]).toMatch(/INFO.*sent via https:\/\/api\.telegram\.org\/bot<BOT_TOKEN>\/sendMessage/);
    expect(log.lines[0]).toMatch(/chat_id: 42/);
    expect(log.lines[0]).not.toContain(TOKEN.split(':')[1]);
  });
});

describe('the token never reaches a line', () => {
  it('in a message, a nested field, an error message and stack, URL-encoded, and any /bot<token> path', async () => {
    const log = memoryLog();
    const failure = new Error(`request to https://api.telegram.org/bot${TOKEN}/getUpdates failed`);
    log.logger.info(`token ${TOKEN}`);
    log.logger.warn(
      { request: { url: `https://api.telegram.org/file/bot${TOKEN}/documents/file_1.xlsx`, encoded: encodeURIComponent(TOKEN) } },
      'download',
    );
    log.logger.error({ err: failure }, 'polling failed');
    log.logger.error({ err: new Error('wrapped', { cause: failure }) }, 'with a cause');
    log.logger.info(`another bot's path: /bot123:ABCdef-ghi_jkl/getMe`);
    log.logger.info({ err: await networkError(`http://127.0.0.1:${await closedPort()}`) }, 'a real network error');
    const text = log.lines.join('');
    expect(log.lines).toHaveLength(6);
    for (const secret of [TOKEN, TOKEN.split(':')[1]!, encodeURIComponent(TOKEN), 'ABCdef-ghi_jkl']) expect(text).not.toContain(secret);
    // What was there is still said, with the token replaced.
    expect(text).toContain('https://api.telegram.org/bot<BOT_TOKEN>/getUpdates failed');
    expect(text).toContain('/file/bot<BOT_TOKEN>/documents/file_1.xlsx');
    expect(text).toContain('"encoded":"<BOT_TOKEN>"');
    expect(text).toContain('/bot<BOT_TOKEN>/getMe');
    expect(text).toMatch(/ECONNREFUSED/);
    // The stack is there, not dropped.
    expect(log.records()[2]).toMatchObject({ err: { type: 'Error', stack: expect.stringContaining('logging.test.ts') } });
  });

  it('the redactor alone: every spelling, longest first', () => {
    const redact = redactor([TOKEN, undefined, '']);
    expect(redact(`a ${TOKEN} b ${encodeURIComponent(TOKEN)} c ${encodeURIComponent(TOKEN).replace('%3A', '%3a')}`)).toBe(
      'a <BOT_TOKEN> b <BOT_TOKEN> c <BOT_TOKEN>',
    );
    expect(redact('nothing secret')).toBe('nothing secret');
  });
});

describe('a child logger per update', () => {
  type LogContext = Context & { log: Logger };

  it('binds update id, chat, sender and the command or button kind, never the text; one debug line with the duration', async () => {
    const log = memoryLog();
    const bot = new Bot<LogContext>(TOKEN, { botInfo: BOT_INFO });
    bot.use(logUpdates(log.logger));
    bot.command('start', (ctx) => ctx.log.info('joining'));
    bot.callbackQuery(/^rp:pick:\d+$/, (ctx) => ctx.log.info('picked'));
    bot.on('message:document', (ctx) => ctx.log.info('a file'));
    await bot.handleUpdate(message(10, '/start SECRET-INVITE-CODE'));
    await bot.handleUpdate(message(11, 'personal words about my office'));
    await bot.handleUpdate({
      update_id: 12,
      callback_query: {
        id: 'q1',
        chat_instance: 'c',
        data: 'rp:pick:3',
        from: { id: 5001, is_bot: false, first_name: 'Li' },
        message: { message_id: 9, date: 1, chat: { id: 5001, type: 'private', first_name: 'Li' } },
      },
    } as Update);
    await bot.handleUpdate({
      update_id: 13,
      message: {
        message_id: 13,
        date: 1,
        chat: { id: -100, type: 'supergroup', title: 'G' },
        from: { id: 5002, is_bot: false, first_name: 'Wu' },
        document: { file_id: 'f', file_unique_id: 'u', file_name: 'salaries.xlsx' },
        caption: 'private caption',
      },
    } as Update);
    const records = log.records();
    expect(records.find((r) => r.msg === 'joining')).toMatchObject({
      update_id: 10,
      type: 'message',
      chat_id: 5001,
      chat_type: 'private',
      from_id: 5001,
      content: 'text',
      command: '/start',
    });
    expect(records.find((r) => r.msg === 'picked')).toMatchObject({
      update_id: 12,
      type: 'callback_query',
      chat_id: 5001,
      from_id: 5001,
      callback: 'rp:pick',
    });
    expect(records.find((r) => r.msg === 'a file')).toMatchObject({
      update_id: 13,
      chat_id: -100,
      chat_type: 'supergroup',
      from_id: 5002,
      content: 'document',
    });
    const handled = records.filter((r) => r.msg === 'update handled');
    expect(handled.map((r) => r.update_id)).toEqual([10, 11, 12, 13]);
    expect(handled.every((r) => r.level === 20 && typeof r.ms === 'number' && r.ms >= 0)).toBe(true);
    const text = log.lines.join('');
    for (const personal of ['SECRET-INVITE-CODE', 'personal words', 'salaries', 'private caption']) expect(text).not.toContain(personal);
  });

  it('at info, an update that went well writes nothing; one that failed below it is logged at error level and passed on', async () => {
    const log = memoryLog({ level: 'info' });
    const bot = new Bot<LogContext>(TOKEN, { botInfo: BOT_INFO });
    bot.use(logUpdates(log.logger));
    bot.command('help', () => undefined);
    bot.command('report', () => {
      throw new Error(`boom at https://api.telegram.org/bot${TOKEN}/sendMessage`);
    });
    await bot.handleUpdate(message(20, '/help'));
    expect(log.lines).toEqual([]);
    await expect(bot.handleUpdate(message(21, '/report'))).rejects.toThrow(/boom/);
    expect(log.records()).toEqual([
      expect.objectContaining({
        level: 50,
        msg: 'update failed',
        update_id: 21,
        command: '/report',
        err: expect.objectContaining({ message: 'boom at https://api.telegram.org/bot<BOT_TOKEN>/sendMessage' }),
      }),
    ]);
  });

  it('attachLog gives a context the same bindings once, without a line of its own', async () => {
    const log = memoryLog();
    const bot = new Bot<LogContext>(TOKEN, { botInfo: BOT_INFO });
    bot.use(attachLog(log.logger), attachLog(log.logger));
    bot.on('message', (ctx) => ctx.log.info('replayed'));
    await bot.handleUpdate(message(30, '/report@duban_test_bot now'));
    expect(log.records()).toEqual([expect.objectContaining({ msg: 'replayed', update_id: 30, command: '/report' })]);
  });

  it('callback kinds keep the leading words and drop ids', () => {
    expect(callbackKind('rp:pick:3')).toBe('rp:pick');
    expect(callbackKind('tasks:12:0')).toBe('tasks');
    expect(callbackKind('lang:en')).toBe('lang:en');
    expect(callbackKind('inv:x:5:6')).toBe('inv:x');
    expect(callbackKind('12345')).toBe('?');
  });
});

describe('a run of the bot, every line read', () => {
  it('handler errors, the getMe probe, the start-up retries and the scheduler: the token is in none', async () => {
    // As app/main.ts makes it: the configured token is the secret.
    const log = memoryLog({ secrets: [TOKEN] });
    const logger = log.logger;
    const unreachable = `http://127.0.0.1:${await closedPort()}`;

    // 1. A handler whose reply cannot be sent: the error boundary reports it, as app/main.ts wires onError.
    const database = freshDatabase();
    const { bot } = createBot({
      token: TOKEN,
      apiRoot: unreachable,
      botInfo: BOT_INFO,
      deps: {
        db: database.db,
        config: readConfig({}),
        clock: new ManualClock(new Date('2026-03-02T01:00:00Z')),
        files: new FileStore(fileStoreRoot(database.file)),
      },
      onError: (error) => logger.error({ err: error }, 'bot error'),
      sleep: async () => undefined,
    });
    await bot.handleUpdate(message(40, '/help'));

    // 2. The getMe probe failing, logged raw.
    logger.error({ err: await networkError(unreachable) }, 'getMe failed');

    // 3. The start-up, with its out and err lines to the log as app/main.ts has them; stopped after the first retry line.
    const stop = new AbortController();
    const code = await runTelegram({
      bot: { botInfo: BOT_INFO },
      apiRoot: unreachable,
      token: TOKEN,
      getMe: (signal) => new Api(TOKEN, { apiRoot: unreachable }).getMe(apiSignal(signal)),
      startPolling: () => ({ stop: async () => undefined, task: Promise.resolve() }),
      scheduler: { start: () => undefined, stop: async () => undefined },
      gate: new TelegramGate(),
      signal: stop.signal,
      sleep: async () => stop.abort(),
      out: (line) => logger.info(line),
      err: (line) => logger.error(line),
    });
    expect(code).toBe(0);

    // 4. The scheduler, on the demo plan, sending reminders to an API it cannot reach, and its tick lines.
    const e2e = await startE2E({ now: DateTime.fromISO('2026-03-04T12:00', { zone: PLAN_ZONE }).toJSDate() });
    const scheduler = new Scheduler({
      db: e2e.db,
      api: new Api(e2e.emulator.token, { apiRoot: unreachable }),
      i18n: e2e.services.i18n,
      clock: e2e.clock,
      notices: NOTICES,
      sleep: async (ms) => e2e.clock.advance(ms),
      logger: createLogger({
        level: 'trace',
        pretty: false,
        secrets: [e2e.emulator.token],
        destination: { write: (line) => log.lines.push(line) },
      }),
    });
    await scheduler.tick();
    e2e.clock.set(DateTime.fromISO('2026-03-05T09:00', { zone: PLAN_ZONE }).toJSDate());
    const { dispatch } = await scheduler.tick();
    expect(dispatch.retried).toBeGreaterThan(0);

    const records = log.records();
    const text = log.lines.join('');
    // Each part said something, with the failing URL's token replaced…
    expect(records.find((r) => r.msg === 'bot error')).toMatchObject({
      level: 50,
      err: { error: { message: expect.stringContaining('/bot<BOT_TOKEN>/sendMessage') } },
    });
    expect(records.find((r) => r.msg === 'getMe failed')).toMatchObject({
      err: { error: { message: expect.stringContaining('/bot<BOT_TOKEN>/getMe') } },
    });
    expect(
      records.some((r) => typeof r.msg === 'string' && r.msg.startsWith(`cannot reach Telegram at ${unreachable}: connect ECONNREFUSED`)),
    ).toBe(true);
    expect(records.filter((r) => r.msg === 'scheduler tick').at(-1)).toMatchObject({ level: 30, retried: dispatch.retried });
    // …and neither token appears anywhere, nor the secret half of either.
    for (const secret of [TOKEN, TOKEN.split(':')[1]!, e2e.emulator.token, e2e.emulator.token.split(':')[1]!])
      expect(text).not.toContain(secret);
  });
});
