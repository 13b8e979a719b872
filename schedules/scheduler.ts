/**
 * Wakes the planner and the dispatcher: node-cron every minute (zone Asia/Shanghai), once at
 * start (catch-up after downtime), and after every jump of an adjustable clock (the sandbox).
 * Each tick also archives the replaced plans whose last notices are out (schedules/plan-lifecycle.ts).
 * All state is in the database; this only decides when to look at it.
 */
import cron, { type ScheduledTask } from 'node-cron';
import { and, eq, gt, inArray, lte, max, sql } from 'drizzle-orm';
import type { Api } from 'grammy';
import type { DB } from '../db';
import { outbox } from '../db/schema';
import { prepared } from '../db/prepared';
import type { Translator } from '../core/translate';
import type { Clock } from '../core/clock';
import { PLAN_ZONE } from '../plans/due-dates';
import type { WorkingDayCalendar } from './calendar';
import { Dispatcher, type DispatchResult } from './dispatcher';
import { loadCalendar, runPlanningTick, type TickResult } from './planner-store';
import type { ThrottleLimits } from './throttle';
import { distinctNotices, type NoticeRegistry } from './notices/notice';
import { forgetOldUpdates } from '../db/processed-updates';
import { archiveFinishedPlans } from './plan-lifecycle';

/** The longest the planner may hold the event loop (and the database) in one go. */
export const PLANNING_SLICE_MS = 50;

/** Where the scheduler's lines go, with their details as fields (bot/logger.ts's pino Logger fits). */
export interface SchedulerLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** What a tick did: the log's one line about it. */
export interface TickSummary {
  /** Rows added to the outbox during the tick: reminders, summaries, circulars, notices. */
  planned: number;
  /** The dispatcher's counts (schedules/dispatcher.ts DispatchResult); `retried` counts attempts given another go (429, 5xx, no connection, a migrated group). */
  sent: number;
  failed: number;
  skipped: number;
  retried: number;
  /**
   * The same by outbox kind (before-3, due, overdue, weekly-summary, circular …). Planned: every
   * row added. Sent, failed, skipped: the rows due when the dispatch began, by where they ended.
   * Retried: their attempts beyond the one that settled them (a 5xx or no connection, retried
   * within the tick or left for later). A 429 gives its attempt back and leaves no trace on the
   * row, and rows that fell due while a long dispatch ran were not seen: both count in the totals only.
   */
  byKind: Partial<Record<'planned' | 'sent' | 'failed' | 'skipped' | 'retried', Record<string, number>>>;
}

export interface SchedulerDeps {
  db: DB;
  /** An Api without auto-retry: the dispatcher handles 429 and 5xx itself. */
  api: Api;
  i18n: Translator;
  clock: Clock;
  /** Every kind's notice (app/notices.ts): their planners run each tick, the dispatcher words rows with them. */
  notices: NoticeRegistry;
  /** Configured admins (DUBAN_ADMINS), who are warned of missing holiday data with the granted ones. */
  admins?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  limits?: ThrottleLimits;
  /** A line of text per event (the sandbox's console, tests). */
  log?: (line: string) => void;
  /** Structured lines instead of `log`'s text, when given (app/main.ts passes its pino logger). */
  logger?: SchedulerLogger;
  /**
   * Work the bot gives each tick, after the dispatch (archiving evidence files whose download
   * failed). Each runs on its own: one that fails is logged and the others and the tick go on.
   */
  chores?: readonly { name: string; run: () => Promise<unknown> }[];
}

/**
 * What calendarSource compares: how many years an admin has loaded and when the last load was.
 * The count shows a year loaded in the same millisecond as another (a manual clock: the sandbox,
 * the tests); the time shows a year loaded again.
 */
const CALENDAR_STAMP = 'SELECT count(*) AS years, coalesce(max(updated_at), 0) AS at FROM calendar_overrides';

/**
 * The calendar, rebuilt only when an admin loads or changes a year's schedule. Every /report list
 * asks for it (500 liaisons at once, issue 17), so the check is one statement prepared once per
 * connection (db/prepared.ts): drizzle built and prepared its SQL on every call.
 */
export function calendarSource(db: DB): () => WorkingDayCalendar {
  let cached: { years: number; at: number; calendar: WorkingDayCalendar } | null = null;
  return () => {
    const { years, at } = prepared<[], { years: number; at: number }>(db, CALENDAR_STAMP).get()!;
    if (!cached || cached.years !== years || cached.at !== at) cached = { years, at, calendar: loadCalendar(db) };
    return cached.calendar;
  };
}

export class Scheduler {
  readonly dispatcher: Dispatcher;
  private readonly calendar: () => WorkingDayCalendar;
  private task: ScheduledTask | null = null;
  private ticking: Promise<{ plan: TickResult; dispatch: DispatchResult }> | null = null;
  private stopping = false;

  constructor(private readonly deps: SchedulerDeps) {
    this.calendar = calendarSource(deps.db);
    this.dispatcher = new Dispatcher({
      db: deps.db,
      api: deps.api,
      i18n: deps.i18n,
      clock: deps.clock,
      calendar: this.calendar,
      notices: deps.notices,
      sleep: deps.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      limits: deps.limits,
      log: deps.logger ? (line) => deps.logger!.warn({}, line) : deps.log,
      admins: deps.admins,
    });
  }

  /** One planning pass and one dispatch pass; overlapping calls share the pass under way. */
  tick(): Promise<{ plan: TickResult; dispatch: DispatchResult }> {
    this.ticking ??= (async () => {
      const logging = this.deps.logger !== undefined || this.deps.log !== undefined;
      const mark = logging ? this.outboxMark() : 0;
      const calendar = this.calendar();
      const now = this.deps.clock.now();
      const plan = await this.plan(calendar, now);
      for (const notice of distinctNotices(this.deps.notices))
        notice.plan?.({ db: this.deps.db, calendar, now, admins: this.deps.admins ?? [] });
      forgetOldUpdates(this.deps.db, now);
      const due = logging ? this.dueRows() : new Map<number, DueRow>();
      const dispatch = await this.dispatcher.dispatchDue();
      if (logging) this.reportTick(mark, due, dispatch);
      // After the dispatch: a replaced plan whose last notices just went out is archived now.
      const archived = archiveFinishedPlans(this.deps.db, calendar, now);
      if (archived.length > 0)
        this.say(
          'info',
          { planIds: archived },
          `archived replaced plan(s) with nothing left to send: ${archived.map((id) => `#${id}`).join(', ')}`,
        );
      for (const chore of this.deps.chores ?? []) {
        if (this.stopping) break;
        await chore
          .run()
          .catch((error: unknown) =>
            this.say('warn', { err: error }, `${chore.name} failed: ${String((error as Error)?.message ?? error)}`),
          );
      }
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
      // Stopping: the slice's pending span is saved with it, the next start goes on from there.
      if (slice.done || this.stopping) return { ...slice, planned };
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** The last outbox row's id: rows after it were added since. */
  private outboxMark(): number {
    return (
      this.deps.db
        .select({ id: max(outbox.id) })
        .from(outbox)
        .get()?.id ?? 0
    );
  }

  /** The rows the dispatch is about to send (outbox_dispatch_order_idx), as they are now. */
  private dueRows(): Map<number, DueRow> {
    const rows = this.deps.db
      .select({ id: outbox.id, kind: outbox.kind, attempts: outbox.attempts })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.sendAfter, this.deps.clock.now())))
      .all();
    return new Map(rows.map((row) => [row.id, { kind: row.kind, attempts: row.attempts }]));
  }

  /** One line about a tick that did anything (none about an idle one); never fails the tick. */
  private reportTick(mark: number, due: Map<number, DueRow>, dispatch: DispatchResult): void {
    try {
      const summary = summariseTick(this.deps.db, mark, due, dispatch);
      if (summary.planned + summary.sent + summary.failed + summary.skipped + summary.retried === 0) return;
      if (this.deps.logger) this.deps.logger.info(summary, 'scheduler tick');
      else this.deps.log?.(tickLine(summary));
    } catch (error) {
      this.say('warn', { err: error }, `scheduler tick not summarised: ${String((error as Error)?.message ?? error)}`);
    }
  }

  private say(level: 'info' | 'warn' | 'error', details: { err?: unknown; planIds?: number[] }, line: string): void {
    if (this.deps.logger) this.deps.logger[level](details, line);
    else this.deps.log?.(line);
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
    this.stopping = false;
    this.dispatcher.resume();
    const recovered = this.dispatcher.recover();
    if (recovered > 0) this.say('warn', {}, `resending ${recovered} reminder(s) a crash left in flight`);
    const run = () => {
      this.tick().catch((error: unknown) =>
        this.say(
          'error',
          { err: error },
          this.deps.logger ? 'scheduler tick failed' : `scheduler tick failed: ${String((error as Error)?.stack ?? error)}`,
        ),
      );
    };
    this.task = cron.schedule('* * * * *', run, { timezone: PLAN_ZONE, noOverlap: true, name: 'duban-reminders' });
    run();
  }

  /** Stops ticking; a tick under way ends between two messages (or planning slices), losing nothing. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.dispatcher.stop();
    await this.task?.stop();
    this.task = null;
    await this.ticking?.catch(() => undefined);
  }
}

/** A row due when a dispatch began, as it was then. */
interface DueRow {
  kind: string;
  attempts: number;
}

/** SQLite's limit on bound values is far above this; pages keep each statement small. */
const ID_PAGE = 500;

/** What a tick did, from the outbox rows it added and the due rows' states after the dispatch. */
export function summariseTick(db: DB, mark: number, due: ReadonlyMap<number, DueRow>, dispatch: DispatchResult): TickSummary {
  const byKind: TickSummary['byKind'] = {};
  const add = (what: keyof TickSummary['byKind'], kind: string, n = 1) => {
    const counts = (byKind[what] ??= {});
    counts[kind] = (counts[kind] ?? 0) + n;
  };
  let planned = 0;
  const added = db
    .select({ kind: outbox.kind, n: sql<number>`count(*)` })
    .from(outbox)
    .where(gt(outbox.id, mark))
    .groupBy(outbox.kind)
    .all();
  for (const { kind, n } of added) {
    add('planned', kind, n);
    planned += n;
  }
  const ids = [...due.keys()];
  for (let i = 0; i < ids.length; i += ID_PAGE) {
    const now = db
      .select({ id: outbox.id, status: outbox.status, attempts: outbox.attempts })
      .from(outbox)
      .where(inArray(outbox.id, ids.slice(i, i + ID_PAGE)))
      .all();
    for (const row of now) {
      const before = due.get(row.id)!;
      if (row.status === 'sent' || row.status === 'failed' || row.status === 'skipped') add(row.status, before.kind);
      // Every send counts an attempt; a settling one (sent, or failed for good) is not a retry.
      const retries = row.attempts - before.attempts - (row.status === 'sent' || row.status === 'failed' ? 1 : 0);
      if (retries > 0) add('retried', before.kind, retries);
    }
  }
  return { planned, sent: dispatch.sent, failed: dispatch.failed, skipped: dispatch.skipped, retried: dispatch.retried, byKind };
}

/** The summary as one line of text: "scheduler tick: planned 3 (before-3 2, due 1); sent 3 (before-3 2, due 1); failed 0; …". */
export function tickLine(summary: TickSummary): string {
  const part = (what: keyof TickSummary['byKind']) => {
    const kinds = Object.entries(summary.byKind[what] ?? {}).sort(([a], [b]) => a.localeCompare(b));
    return `${what} ${summary[what]}${kinds.length > 0 ? ` (${kinds.map(([kind, n]) => `${kind} ${n}`).join(', ')})` : ''}`;
  };
  return `scheduler tick: ${(['planned', 'sent', 'failed', 'skipped', 'retried'] as const).map(part).join('; ')}`;
}
