/**
 * The entry point (`npm start`): reads the configuration, then runs the bot against
 * Telegram by long polling when BOT_TOKEN is set, or the offline sandbox when it is not.
 */
import { readConfig, ConfigError, type Config } from './config';
import { openDatabase } from '../db';
import { createBot } from './create-bot';
import { syncCommandMenus } from './commands';
import { systemClock } from './clock';
import { acquireInstanceLock, InstanceLockError } from './instance-lock';
import { Api } from 'grammy';
import { Scheduler } from '../schedules/scheduler';

async function runTelegram(config: Config, token: string): Promise<void> {
  const lock = acquireInstanceLock(config.database.file);
  process.once('exit', () => lock.release());
  const database = openDatabase(config.database.file);
  const { bot, services } = createBot({
    token,
    apiRoot: config.telegram.apiRoot,
    deps: { db: database.db, config, clock: systemClock },
    onError: (error) => console.error('bot error:', error),
  });
  // Reminders go through their own Api: no auto-retry, the dispatcher paces and retries itself.
  const scheduler = new Scheduler({
    db: database.db,
    api: new Api(token, { apiRoot: config.telegram.apiRoot }),
    i18n: services.i18n,
    clock: systemClock,
    admins: config.admins,
    log: (line) => console.log(line),
  });
  const stop = () => void scheduler.stop().then(() => bot.stop());
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await syncCommandMenus(bot.api, database.db, services.i18n, config.admins);
  scheduler.start();
  await bot.start({ onStart: (me) => console.log(`Duban: @${me.username} is polling Telegram; database ${config.database.file}.`) });
  database.close();
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
    if (config.telegram.botToken) await runTelegram(config, config.telegram.botToken);
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
