/**
 * The entry point (`npm start`): reads the project's `.env` (variables already set win) and the
 * configuration, then runs the bot against Telegram by long polling when BOT_TOKEN is set
 * (bot/startup.ts: never waiting on Telegram to begin, stopping promptly on SIGTERM or SIGINT),
 * or the offline sandbox when it is not. Everything it says goes through the log (bot/logger.ts),
 * and every call to Telegram through the configured proxy, if any (bot/proxy.ts).
 */
import { FileStore, fileStoreRoot } from '../db/file-store';
import { readConfig, loadEnvFile, ConfigError, type Config } from './config';
import { createLogger, type Logger } from '../bot/logger';
import { telegramTransport } from '../bot/proxy';
import { DatabaseOpenError, openDatabase, type Database_ } from '../db';
import { startCheckpointer, type Checkpointer } from '../db/checkpointer';
import { assembleDuban } from './duban';
import { syncCommandMenus } from '../bot/commands';
import { systemClock } from '../core/clock';
import { acquireInstanceLock, InstanceLockError } from './instance-lock';
import { Api, type Bot } from 'grammy';
import type { BotContext } from '../bot/context';
import { runTelegram, TelegramGate, type Polling } from '../bot/startup';
import { apiSignal, sleep } from '../bot/telegram-retry';
import { startPolling as startRunner } from '../bot/polling';

/** However stopping goes, the process is gone this long after SIGTERM (the lock is released on exit). */
const HARD_EXIT_MS = 9_000;

/** Aborted by the first SIGTERM or SIGINT; a second one, or stopping for too long, exits at once. */
function stopSignal(logger: Logger): AbortSignal {
  const controller = new AbortController();
  const onSignal = (name: string) => {
    if (controller.signal.aborted) {
      logger.error(`Duban: ${name} again; exiting now.`);
      process.exit(1);
    }
    logger.info(`Duban: ${name} received, stopping.`);
    controller.abort();
    setTimeout(() => {
      logger.error(`Duban: not stopped ${HARD_EXIT_MS / 1000}s after ${name}; exiting.`);
      process.exit(1);
    }, HARD_EXIT_MS).unref();
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  return controller.signal;
}

/**
 * The WAL checkpointed on a worker beside the bot (db/checkpointer.ts). A worker that cannot
 * start or later dies leaves SQLite's own checkpoints in the bot's commits: slower, nothing lost.
 */
async function checkpointBeside(database: Database_, file: string, logger: Logger): Promise<Checkpointer | null> {
  const fellBack = (error: unknown) =>
    logger.error({ err: error }, "WAL checkpoints: the worker is gone; SQLite checkpoints in the bot's commits again");
  try {
    return await startCheckpointer(database, file, { onError: fellBack });
  } catch (error) {
    fellBack(error);
    return null;
  }
}

async function runBot(config: Config, token: string, logger: Logger): Promise<number> {
  const signal = stopSignal(logger);
  const lock = acquireInstanceLock(config.database.file);
  process.once('exit', () => lock.release());
  const database = openDatabase(config.database.file);
  const checkpointer = await checkpointBeside(database, config.database.file, logger);
  const transport = telegramTransport(config);
  if (transport.proxy)
    logger.info({ proxy: transport.proxy }, `reaching Telegram at ${config.telegram.apiRoot} through the proxy ${transport.proxy}`);
  // Reminders and menus go through their own Api, without the bot's interactive retries: they pace and retry themselves.
  const plainApi = (timeoutSeconds?: number) =>
    new Api(token, { apiRoot: config.telegram.apiRoot, timeoutSeconds, baseFetchConfig: transport.baseFetchConfig });
  const gate = new TelegramGate();
  const schedulerApi = plainApi();
  schedulerApi.config.use(gate.transformer);
  const { bot, services, scheduler } = assembleDuban(
    {
      token,
      apiRoot: config.telegram.apiRoot,
      deps: {
        db: database.db,
        config,
        clock: systemClock,
        files: new FileStore(fileStoreRoot(config.database.file, config.database.filesDir)),
      },
      logger,
      transport,
    },
    schedulerApi,
    { logger },
  );
  // Long polling with @grammyjs/runner: chats handled side by side, each batch kept in the update inbox first.
  const startPolling = (b: Bot<BotContext>): Polling =>
    startRunner(b, { db: database.db, clock: systemClock, warn: (line) => logger.warn(line) });
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
      logger.info(
        { bot: me.username, database: config.database.file },
        `Duban: @${me.username} is polling Telegram; database ${config.database.file}.`,
      );
      // In the background: a person Telegram refuses, or Telegram down, holds up nothing.
      syncCommandMenus(plainApi(30), database.db, services.i18n, config.admins, { signal: abort, clock: systemClock }).catch(
        (error: unknown) => logger.error({ err: error }, 'command menus'),
      );
    },
    signal,
    sleep,
    out: (line) => logger.info(line),
    err: (line) => logger.error(line),
  });
  await checkpointer?.stop();
  database.close();
  return code;
}

async function runSandbox(config: Config, logger: Logger): Promise<void> {
  const lock = acquireInstanceLock(config.sandbox.databaseFile);
  process.once('exit', () => lock.release());
  const { startSandbox } = await import('../sandbox/run');
  const sandbox = await startSandbox({ config, log: (line) => logger.info(line), logger });
  logger.info('Duban: no BOT_TOKEN is set, so the bot runs in the offline sandbox (nothing reaches Telegram).');
  logger.info(`Sandbox database: ${config.sandbox.databaseFile}`);
  logger.info(`Open the web chat: ${sandbox.url}`);
  const stop = () => void sandbox.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function start(): Promise<void> {
  let config: Config;
  try {
    // Before the configuration reads the environment; what the environment sets already wins.
    loadEnvFile();
    config = readConfig();
  } catch (error) {
    // No log yet: its level is part of the configuration.
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    if ((error as NodeJS.ErrnoException)?.syscall !== undefined) {
      console.error(`Cannot read the .env file: ${(error as Error).message}`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.log.level, secrets: [config.telegram.botToken] });
  // As Node would (exit code 1), but through the log: never the token.
  process.on('uncaughtException', (error) => {
    logger.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    logger.fatal({ err: reason }, 'unhandled rejection');
    process.exit(1);
  });
  try {
    if (config.telegram.botToken) process.exit(await runBot(config, config.telegram.botToken, logger));
    else await runSandbox(config, logger);
  } catch (error) {
    // Another bot on the database, or a database a newer duban migrated: a message, not a stack.
    if (error instanceof InstanceLockError || error instanceof DatabaseOpenError) {
      logger.error(error.message);
      process.exit(1);
    }
    logger.fatal({ err: error }, 'Duban stopped on an error');
    process.exit(1);
  }
}

await start();
