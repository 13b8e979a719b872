/**
 * Duban assembled: the bot (bot/create-bot.ts) and the reminder scheduler (schedules/scheduler.ts)
 * on one database, clock and evidence archive, with the scheduler's chores (archiving evidence
 * files whose download failed). Production (app/main.ts), the sandbox (sandbox/run.ts) and the
 * end-to-end harness (test/support/e2e.ts) put them together here, the same way; each then
 * starts them as it needs (long polling behind the start-up gate, at once, or by the test).
 */
import type { Api } from 'grammy';
import { createBot, type CreateBotOptions } from '../bot/create-bot';
import type { BotServices } from '../bot/context';
import { archiveChore } from '../bot/report/archive';
import { Scheduler, type SchedulerDeps } from '../schedules/scheduler';
import { NOTICES } from './notices';

/** How the scheduler reports and waits, where it differs from production's defaults. */
export type SchedulerOptions = Pick<SchedulerDeps, 'log' | 'logger' | 'sleep'>;

/**
 * The reminder scheduler for a bot's services. `api` is an Api without auto-retry (the
 * dispatcher paces and retries itself); the evidence chore downloads through it too.
 */
export function dubanScheduler(services: BotServices, api: Api, options: SchedulerOptions = {}): Scheduler {
  return new Scheduler({
    db: services.db,
    api,
    i18n: services.i18n,
    clock: services.clock,
    notices: NOTICES,
    admins: services.config.admins,
    ...options,
    chores: [archiveChore(services, api)],
  });
}

/** The bot and its scheduler, not started. */
export function assembleDuban(bot: CreateBotOptions, schedulerApi: Api, options: SchedulerOptions = {}) {
  const built = createBot(bot);
  return { ...built, scheduler: dubanScheduler(built.services, schedulerApi, options) };
}
