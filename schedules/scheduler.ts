/**
 * Wakes the planner and the dispatcher: node-cron every minute (zone Asia/Shanghai), once at
 * start (catch-up after downtime), and after every jump of an adjustable clock (the sandbox).
 * All state is in the database; this only decides when to look at it.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { max } from 'drizzle-orm';
import type { Api } from 'grammy';
import type { I18n } from '@grammyjs/i18n';
import type { DB } from '../db';
import { calendarOverrides } from '../db/schema';
import type { BaseContext } from '../bot/context';
import type { Clock } from '../bot/clock';
import { PLAN_ZONE } from '../plans/due-dates';
import type { WorkingDayCalendar } from './calendar';
import { Dispatcher, type DispatchResult } from './dispatcher';
import { loadCalendar, runPlanningTick, type TickResult } from './planner-store';
import type { ThrottleLimits } from './throttle';
import { planCalendarWarnings } from './calendar-watch';
import { planWeeklySummaries } from './weekly';
import { planCirculars } from './circular';
import { forgetOldUpdates } from '../bot/dedupe';

/** The longest the planner may hold the event loop (and the database) in one go. */
export const PLANNING_SLICE_MS = 50;

export interface SchedulerDeps {
  db: DB;
  /** An Api without auto-retry: the dispatcher handles 429 and 5xx itself. */
  api: Api;
  i18n: I18n<BaseContext>;
  clock: Clock;
  /** Configured admins (DUBAN_ADMINS), who are warned of missing holiday data with the granted ones. */
  admins?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  limits?: ThrottleLimits;
  log?: (line: string) => void;
}

/** The calendar, rebuilt only when an admin loads or changes a year's schedule. */
export function calendarSource(db: DB): () => WorkingDayCalendar {
  let cached: { stamp: number; calendar: WorkingDayCalendar } | null = null;
  return () => {
    const stamp = db.select({ at: max(calendarOverrides.updatedAt) }).from(calendarOverrides).get()?.at?.getTime() ?? 0;
    if (!cached || cached.stamp !== stamp) cached = { stamp, calendar: loadCalendar(db) };
    return cached.calendar;
  };
}

export class Scheduler {
  readonly dispatcher: Dispatcher;
  private readonly calendar: () => WorkingDayCalendar;
  private task: ScheduledTask | null = null;
  private ticking: Promise<{ plan: TickResult; dispatch: DispatchResult }> | null = null;

  constructor(private readonly deps: SchedulerDeps) {
    this.calendar = calendarSource(deps.db);
    this.dispatcher = new Dispatcher({
      db: deps.db,
      api: deps.api,
      i18n: deps.i18n,
      clock: deps.clock,
      calendar: this.calendar,
      sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      limits: deps.limits,
      log: deps.log,
      admins: deps.admins,
    });
  }

  /** One planning pass and one dispatch pass; overlapping calls share the pass under way. */
  tick(): Promise<{ plan: TickResult; dispatch: DispatchResult }> {
    this.ticking ??= (async () => {
      const calendar = this.calendar();
      const now = this.deps.clock.now();
      const plan = await this.plan(calendar, now);
      planCalendarWarnings(this.deps.db, calendar, now, this.deps.admins ?? []);
      planWeeklySummaries(this.deps.db, calendar, now);
      planCirculars(this.deps.db, calendar, now, this.deps.admins ?? []);
      forgetOldUpdates(this.deps.db, now);
      const dispatch = await this.dispatcher.dispatchDue();
      return { plan, dispatch };
    })().finally(() => {
      this.ticking = null;
    });
    return this.ticking;
  }

  /**
   * Plans up to now in slices of at most PLANNING_SLICE_MS, letting the bot answer people
   * between them: a minute holding 80,000 reminders takes seconds to plan (bench/README.md).
   */
  private async plan(calendar: WorkingDayCalendar, now: Date): Promise<TickResult> {
    let planned = 0;
    for (;;) {
      const slice = runPlanningTick(this.deps.db, calendar, now, { budgetMs: PLANNING_SLICE_MS });
      planned += slice.planned;
      if (slice.done) return { ...slice, planned };
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * A tick that starts after now: waits for a tick under way (it may have planned with an
   * earlier time) and runs a fresh one. For callers that just moved the clock.
   */
  async tickAfterNow(): Promise<{ plan: TickResult; dispatch: DispatchResult }> {
    await this.ticking?.catch(() => undefined);
    return this.tick();
  }

  /** Recovers rows a crash left in flight, catches up at once, then ticks every minute. */
  start(): void {
    const recovered = this.dispatcher.recover();
    if (recovered > 0) this.deps.log?.(`resending ${recovered} reminder(s) a crash left in flight`);
    const run = () => {
      this.tick().catch((error: unknown) => this.deps.log?.(`scheduler tick failed: ${String((error as Error)?.stack ?? error)}`));
    };
    this.task = cron.schedule('* * * * *', run, { timezone: PLAN_ZONE, noOverlap: true, name: 'duban-reminders' });
    run();
  }

  async stop(): Promise<void> {
    await this.task?.stop();
    this.task = null;
    await this.ticking?.catch(() => undefined);
  }
}
