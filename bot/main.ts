/**
 * The entry point (`npm start`): reads the configuration, then runs the bot against
 * Telegram by long polling when BOT_TOKEN is set (bot/startup.ts: never waiting on Telegram
 * to begin, stopping promptly on SIGTERM or SIGINT), or the offline sandbox when it is not.
 */
import { readConfig, ConfigError, type Config } from './config';
import { openDatabase } from '../db';
import { createBot } from './create-bot';
import { syncCommandMenus } from './commands';
import { systemClock } from './clock';
import { acquireInstanceLock, InstanceLockError } from './instance-lock';
import { Api, type Bot } from 'grammy';
import type { BotContext } from './context';
import { Scheduler } from '../schedules/scheduler';
import { runTelegram, TelegramGate, type Polling } from './startup';
import { apiSignal, sleep } from './telegram-retry';
import { startPolling as startRunner } from './polling';

/** However stopping goes, the process is gone this long after SIGTERM (the lock is released on exit). */
const HARD_EXIT_MS = 9_000;

/** Aborted by the first SIGTERM or SIGINT; a second one, or stopping for too long, exits at once. */
function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const onSignal = (name: string) => {
    if (controller.signal.aborted) {
      console.error(`Duban: ${name} again; exiting now.`);
      process.exit(1);
    }
    console.log(`Duban: ${name} received, stopping.`);
    controller.abort();
    setTimeout(() => {
      console.error(`Duban: not stopped ${HARD_EXIT_MS / 1000}s after ${name}; exiting.`);
      process.exit(1);
    }, HARD_EXIT_MS).unref();
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  return controller.signal;
}

async function runBot(config: Config, token: string): Promise<number> {
  const signal = stopSignal();
  const lock = acquireInstanceLock(config.database.file);
  process.once('exit', () => lock.release());
  const database = openDatabase(config.database.file);
  const { bot, services } = createBot({
    token,
    apiRoot: config.telegram.apiRoot,
    deps: { db: database.db, config, clock: systemClock },
    onError: (error) => console.error('bot error:', error),
  });
  // Reminders and menus go through their own Api, without the bot's interactive retries: they pace and retry themselves.
  const plainApi = (timeoutSeconds?: number) => new Api(token, { apiRoot: config.telegram.apiRoot, timeoutSeconds });
  const gate = new TelegramGate();
  const schedulerApi = plainApi();
  schedulerApi.config.use(gate.transformer);
  const scheduler = new Scheduler({
    db: database.db,
    api: schedulerApi,
    i18n: services.i18n,
    clock: systemClock,
    admins: config.admins,
    log: (line) => console.log(line),
  });
  // Long polling with @grammyjs/runner: chats handled side by side, each batch kept in the update inbox first.
  const startPolling = (b: Bot<BotContext>): Polling => startRunner(b, { db: database.db, clock: systemClock, warn: (line) => console.error(line) });
  const probe = plainApi(10);
  const code = await runTelegram({
    bot,
    apiRoot: config.telegram.apiRoot,
    token,
    getMe: (abort) => probe.getMe(apiSignal(abort)),
    startPolling,
    scheduler,
    gate,
    connected: (me, abort) => {
      console.log(`Duban: @${me.username} is polling Telegram; database ${config.database.file}.`);
      // In the background: a person Telegram refuses, or Telegram down, holds up nothing.
      syncCommandMenus(plainApi(30), database.db, services.i18n, config.admins, { signal: abort, clock: systemClock }).catch((error: unknown) =>
        console.error('command menus:', error),
      );
    },
    signal,
    sleep,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
  database.close();
  return code;
}

async function runSandbox(config: Config): Promise<void> {
  const lock = acquireInstanceLock(config.sandbox.databaseFile);
  process.once('exit', () => lock.release());
  const { startSandbox } = await import('../sandbox/run');
  const sandbox = await startSandbox({ config, log: (line) => console.log(line) });
  console.log('Duban: no BOT_TOKEN is set, so the bot runs in the offline sandbox (nothing reaches Telegram).');
  console.log(`Sandbox database: ${config.sandbox.databaseFile}`);
  console.log(`Open the web chat: ${sandbox.url}`);
  const stop = () => void sandbox.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function start(): Promise<void> {
  let config: Config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  try {
    if (config.telegram.botToken) process.exit(await runBot(config, config.telegram.botToken));
    else await runSandbox(config);
  } catch (error) {
    if (error instanceof InstanceLockError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

await start();
