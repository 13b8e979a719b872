/**
 * The offline sandbox: the Bot API emulator, the real bot talking to it over HTTP, the demo
 * plan and people, all on a clock that can be moved. `npm start` without BOT_TOKEN runs it.
 */
import { FileStore, fileStoreRoot } from '../db/file-store';
import { DateTime } from 'luxon';
import { Api } from 'grammy';
import { startEmulator, type Emulator } from './emulator';
import { DEMO_GROUP, DEMO_PERSONAS, seedDemo } from './demo/seed';
import { openDatabase, type Database_ } from '../db';
import { assembleDuban } from '../app/duban';
import { startPolling } from '../bot/polling';
import { syncCommandMenus } from '../bot/commands';
import { AdjustableClock } from '../core/clock';
import { lastUpdateId } from '../db/processed-updates';
import type { Config } from '../app/config';
import type { Logger } from '../bot/logger';
import { PLAN_ZONE } from '../plans/due-dates';
import type { Scheduler } from '../schedules/scheduler';
import { loadCalendar, plannerState } from '../schedules/planner-store';
import { upcoming, type Upcoming } from '../schedules/upcoming';
import { lateWebChat } from './web/server';

export interface SandboxOptions {
  config: Config;
  log?: (line: string) => void;
  /** Structured lines (bot/logger.ts): the scheduler's, and the bot's once create-bot takes a logger; `log` gets the rest. */
  logger?: Logger;
}

export interface RunningSandbox {
  emulator: Emulator;
  database: Database_;
  clock: AdjustableClock;
  scheduler: Scheduler;
  /** Moves the clock and waits for the reminders that fall due by then to be planned and sent. */
  jumpTo(target: Date): Promise<void>;
  /** The next reminder time and deadline after the clock's now. */
  upcoming(): Upcoming;
  /** The web chat's address. */
  url: string;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const log = options.log ?? (() => undefined);
  const clock = new AdjustableClock();
  // The web chat needs the running sandbox, which needs the emulator: bound once it exists.
  const webChat = lateWebChat();
  const database = openDatabase(options.config.sandbox.databaseFile);
  const emulator = await startEmulator({
    // The sandbox's database outlives the emulator: update ids go on from the last one handled,
    // or the bot would skip the new updates as already handled.
    firstUpdateId: lastUpdateId(database.db) + 1,
    host: options.config.sandbox.host,
    port: options.config.sandbox.port,
    now: () => clock.now().getTime(),
    users: DEMO_PERSONAS.map((p) => ({
      id: p.telegramId,
      firstName: p.firstName,
      lastName: p.lastName,
      languageCode: p.languageCode,
      hasStartedBots: true,
    })),
    groups: [{ id: DEMO_GROUP.id, title: DEMO_GROUP.title, type: 'supergroup', members: DEMO_PERSONAS.map((p) => p.telegramId) }],
    fallback: webChat.fallback,
  });
  try {
    const year = DateTime.fromJSDate(clock.now(), { zone: PLAN_ZONE }).year;
    await seedDemo(database.db, { year, now: clock.now() });
    // Reminders go through their own Api, without the bot's interactive retries: the dispatcher paces and retries itself.
    const { bot, services, scheduler } = assembleDuban(
      {
        token: emulator.token,
        apiRoot: emulator.apiRoot,
        deps: {
          db: database.db,
          config: options.config,
          clock,
          files: new FileStore(fileStoreRoot(options.config.sandbox.databaseFile, options.config.database.filesDir)),
        },
        ...(options.logger
          ? { logger: options.logger }
          : { onError: (error: unknown) => log(`bot error: ${String((error as Error)?.stack ?? error)}`) }),
      },
      new Api(emulator.token, { apiRoot: emulator.apiRoot }),
      { log, logger: options.logger },
    );
    await syncCommandMenus(bot.api, database.db, services.i18n, options.config.admins);
    const polling = startPolling(bot, { db: database.db, clock, warn: log });
    polling.task.then(
      () => log('bot stopped polling'),
      (error: unknown) => log(`bot stopped: ${String(error)}`),
    );
    scheduler.start();
    const url = `${emulator.apiRoot}/`;
    const sandbox: RunningSandbox = {
      emulator,
      database,
      clock,
      scheduler,
      url,
      async jumpTo(target: Date) {
        clock.jumpTo(target);
        await scheduler.tickAfterNow();
      },
      upcoming: () => upcoming(plannerState(database.db, loadCalendar(database.db)), clock.now()),
      async stop() {
        await scheduler.stop();
        await polling.stop();
        await emulator.close();
        database.close();
      },
    };
    webChat.bind({ ...sandbox, personas: DEMO_PERSONAS, group: DEMO_GROUP });
    return sandbox;
  } catch (error) {
    await emulator.close();
    database.close();
    throw error;
  }
}
