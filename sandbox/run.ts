/**
 * The offline sandbox: the Bot API emulator, the real bot talking to it over HTTP, the demo
 * plan and people, all on a clock that can be moved. `npm start` without BOT_TOKEN runs it.
 */
import { DateTime } from 'luxon';
import { startEmulator, type Emulator } from './emulator';
import { DEMO_GROUP, DEMO_PERSONAS, seedDemo } from './demo/seed';
import { openDatabase, type Database_ } from '../db';
import { createBot } from '../bot/create-bot';
import { syncCommandMenus } from '../bot/commands';
import { AdjustableClock } from '../bot/clock';
import type { Config } from '../bot/config';
import { PLAN_ZONE } from '../plans/due-dates';

export interface SandboxOptions {
  config: Config;
  log?: (line: string) => void;
}

export interface RunningSandbox {
  emulator: Emulator;
  database: Database_;
  clock: AdjustableClock;
  /** The web chat's address. */
  url: string;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const log = options.log ?? (() => undefined);
  const clock = new AdjustableClock();
  const emulator = await startEmulator({
    host: options.config.sandbox.host,
    port: options.config.sandbox.port,
    now: () => clock.now().getTime(),
    users: DEMO_PERSONAS.map((p) => ({ id: p.telegramId, firstName: p.firstName, lastName: p.lastName, languageCode: p.languageCode, hasStartedBots: true })),
    groups: [{ id: DEMO_GROUP.id, title: DEMO_GROUP.title, type: 'supergroup', members: DEMO_PERSONAS.map((p) => p.telegramId) }],
  });
  const database = openDatabase(options.config.sandbox.databaseFile);
  try {
    const year = DateTime.fromJSDate(clock.now(), { zone: PLAN_ZONE }).year;
    await seedDemo(database.db, { year, now: clock.now() });
    const { bot, services } = createBot({
      token: emulator.token,
      apiRoot: emulator.apiRoot,
      deps: { db: database.db, config: options.config, clock },
      onError: (error) => log(`bot error: ${String((error as Error)?.stack ?? error)}`),
    });
    await syncCommandMenus(bot.api, database.db, services.i18n, options.config.admins);
    const running = bot.start({ onStart: () => log('bot polling the sandbox emulator') });
    const url = `${emulator.apiRoot}/`;
    return {
      emulator,
      database,
      clock,
      url,
      async stop() {
        await bot.stop();
        await running.catch(() => undefined);
        await emulator.close();
        database.close();
      },
    };
  } catch (error) {
    await emulator.close();
    database.close();
    throw error;
  }
}
