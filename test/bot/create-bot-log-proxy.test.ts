/**
 * The bot as createBot builds it, with the `logger` and `transport` options app/main.ts passes
 * (these tests need create-bot.ts to take them), and app/main.ts itself as a process:
 * - through a proxy, getMe, long polling, the answer to a person and the download of a file the
 *   person sent (services.downloadFile) all reach the emulator over the proxy's connections
 *   only (an HTTP proxy by CONNECT to an https: API root, as test/bot/proxy.test.ts sets up);
 * - every update has its child log: a debug line with its ids and duration, and a handler's
 *   error logged at error level with the same ids and no token;
 * - `npm start` with BOT_TOKEN and HTTP_PROXY: the getMe probe, polling, the command menus and an
 *   answer all pass through the proxy; its output is JSON lines, none holding the token.
 */
import { FileStore, fileStoreRoot } from '../../db/file-store';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Agent } from 'node:http';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startEmulator } from '../../sandbox/emulator';
import { createBot } from '../../bot/create-bot';
import { readConfig } from '../../app/config';
import { ManualClock } from '../../core/clock';
import { createLogger } from '../../bot/logger';
import { startPolling } from '../../bot/polling';
import { telegramTransport } from '../../bot/proxy';
import { freshDatabase, tempDir } from '../support/db';
import { startFront, startHttpProxy, TLS_CERT } from './proxy-servers';

/** createBot with the options app/main.ts passes; typed here until create-bot.ts declares them. */
const build = createBot;

const PERSON = 4343;
const OTHER = 4344;

function memoryLog(level: 'debug' | 'info' = 'debug', secrets: string[] = []) {
  const lines: string[] = [];
  const logger = createLogger({ level, pretty: false, secrets, destination: { write: (line) => lines.push(line) } });
  return { logger, lines, records: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

async function emulatorWithPerson() {
  const emulator = await startEmulator({ users: [{ id: PERSON, firstName: 'Wang', languageCode: 'zh-hans', hasStartedBots: true }] });
  return emulator;
}

describe('createBot with a transport', () => {
  it('getMe, polling, answers and file downloads all go through the proxy', async () => {
    const emulator = await emulatorWithPerson();
    const front = await startFront(Number(new URL(emulator.apiRoot).port), { tls: true });
    const proxy = await startHttpProxy();
    const apiRoot = `https://localhost:${front.port}`;
    const config = readConfig({ TELEGRAM_API_ROOT: apiRoot, HTTPS_PROXY: proxy.url });
    const transport = telegramTransport(config, { ca: TLS_CERT });
    const database = freshDatabase();
    const log = memoryLog('info', [emulator.token]);
    const { bot, services } = build({
      token: emulator.token,
      apiRoot,
      deps: { db: database.db, config, clock: new ManualClock(new Date()), files: new FileStore(fileStoreRoot(database.file)) },
      logger: log.logger,
      transport,
    });
    await bot.init(); // getMe
    const polling = startPolling(bot, { db: database.db, clock: new ManualClock(new Date()), warn: () => undefined });
    try {
      const sent = emulator.sendText(PERSON, '/help');
      await emulator.waitForBotMessage(PERSON, undefined, { since: sent.message_id, timeoutMs: 5000 });
      const document = emulator.sendDocument(PERSON, { fileName: 'evidence.txt', data: Buffer.from('证据 evidence') }).document!;
      const file = await bot.api.getFile(document.file_id);
      expect(Buffer.from(await services.downloadFile(file.file_path!)).toString()).toBe('证据 evidence');
    } finally {
      await polling.stop();
      (transport.baseFetchConfig?.agent as Agent).destroy();
      await emulator.close();
    }
    const methods = new Set(emulator.botCalls().map((call) => call.method));
    for (const method of ['getMe', 'getUpdates', 'sendMessage', 'getFile']) expect(methods).toContain(method);
    expect(front.peerPorts.length).toBeGreaterThan(0);
    expect(front.peerPorts.filter((port) => !proxy.onwardPorts.has(port))).toEqual([]);
    expect(new Set(proxy.tunnels)).toEqual(new Set([`localhost:${front.port}`]));
  });
});

describe('createBot with a logger', () => {
  it('a debug line per update with its ids; a failing handler logged at error level through ctx.log, without the token', async () => {
    const emulator = await emulatorWithPerson();
    try {
      const database = freshDatabase();
      const log = memoryLog('debug', [emulator.token]);
      const { bot } = build({
        token: emulator.token,
        apiRoot: emulator.apiRoot,
        deps: {
          db: database.db,
          config: readConfig({}),
          clock: new ManualClock(new Date()),
          files: new FileStore(fileStoreRoot(database.file)),
        },
        logger: log.logger,
        sleep: async () => undefined,
      });
      await bot.init();
      const update = (id: number, from: number, text: string) => ({
        update_id: id,
        message: {
          message_id: id,
          date: Math.floor(Date.now() / 1000),
          chat: { id: from, type: 'private' as const, first_name: 'Wang' },
          from: { id: from, is_bot: false, first_name: 'Wang' },
          text,
          entities: [{ type: 'bot_command' as const, offset: 0, length: 5 }],
        },
      });
      await bot.handleUpdate(update(501, PERSON, '/help me please'));
      // Telegram failing every answer: the handler's reply throws, the error boundary logs it.
      // (Another person: a stranger is answered once per five minutes, so PERSON would get no reply.)
      emulator.faults.serverErrors({ count: 1000, method: 'sendMessage', status: 500 });
      await bot.handleUpdate(update(502, OTHER, '/help'));
      const records = log.records();
      expect(
        records
          .filter((r) => r.msg === 'update handled')
          .map((r) => ({ update_id: r.update_id, command: r.command, chat_id: r.chat_id, from_id: r.from_id, level: r.level })),
      ).toEqual([
        { update_id: 501, command: '/help', chat_id: PERSON, from_id: PERSON, level: 20 },
        { update_id: 502, command: '/help', chat_id: OTHER, from_id: OTHER, level: 20 },
      ]);
      expect(records.filter((r) => r.msg === 'bot error')).toEqual([
        expect.objectContaining({
          level: 50,
          update_id: 502,
          command: '/help',
          chat_id: OTHER,
          err: expect.objectContaining({ message: expect.stringContaining('sendMessage') }),
        }),
      ]);
      const text = log.lines.join('');
      expect(text).not.toContain(emulator.token.split(':')[1]);
      expect(text).not.toContain('me please');
    } finally {
      await emulator.close();
    }
  });
});

describe('npm start through a proxy', () => {
  it('every call the process makes goes through HTTP_PROXY; its log is JSON lines without the token', async () => {
    const emulator = await emulatorWithPerson();
    const front = await startFront(Number(new URL(emulator.apiRoot).port), { tls: false });
    const proxy = await startHttpProxy();
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY', 'NO_PROXY']) {
      delete env[name];
      delete env[name.toLowerCase()];
    }
    const root = new URL('../..', import.meta.url).pathname;
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
      cwd: root,
      env: {
        ...env,
        BOT_TOKEN: emulator.token,
        TELEGRAM_API_ROOT: `http://127.0.0.1:${front.port}`,
        HTTP_PROXY: proxy.url,
        DUBAN_DB: join(tempDir(), 'duban.sqlite'),
        DUBAN_ADMINS: '',
        LOG_LEVEL: 'debug',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    let output = '';
    const waiters: Array<() => void> = [];
    const onOutput = (chunk: Buffer) => {
      output += chunk;
      for (const waiter of [...waiters]) waiter();
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    /** Resolves once the condition holds, checked on every output and every request through the proxy; fails after 20 s. */
    const until = (condition: () => boolean) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`not seen within 20 s; the proxy forwarded ${proxy.forwarded.length} request(s):\n${output}`)),
          20_000,
        );
        const check = () => {
          if (condition()) {
            clearTimeout(timer);
            waiters.splice(waiters.indexOf(check), 1);
            resolve();
          }
        };
        waiters.push(check);
        void exited.then((code) => reject(new Error(`app/main.ts exited (${code}):\n${output}`)));
        check();
      });
    const methods = () => new Set(proxy.forwarded.map((url) => new URL(url).pathname.split('/').at(-1)));
    proxy.onRequest = () => [...waiters].forEach((waiter) => waiter());
    try {
      await until(() => /is polling Telegram/.test(output));
      const sent = emulator.sendText(PERSON, '/help');
      await emulator.waitForBotMessage(PERSON, undefined, { since: sent.message_id, timeoutMs: 10_000 });
      await until(() => methods().has('setMyCommands') && /"msg":"update handled"/.test(output));
    } finally {
      child.kill('SIGTERM');
      await exited;
      await emulator.close();
    }
    for (const method of ['getMe', 'getUpdates', 'sendMessage', 'setMyCommands']) expect(methods()).toContain(method);
    expect(front.peerPorts.length).toBeGreaterThan(0);
    expect(front.peerPorts.filter((port) => !proxy.onwardPorts.has(port))).toEqual([]);
    const lines = output.trim().split('\n');
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records.some((r) => r.msg === `reaching Telegram at http://127.0.0.1:${front.port} through the proxy ${proxy.url}/`)).toBe(true);
    expect(records.find((r) => r.msg === 'update handled' && r.command === '/help')).toMatchObject({
      level: 20,
      chat_id: PERSON,
      from_id: PERSON,
    });
    expect(output).not.toContain(emulator.token.split(':')[1]);
  }, 60_000);
});
