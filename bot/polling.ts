/**
 * Long polling with @grammyjs/runner: updates of different chats are handled at once, so one
 * person's slow reply (a flood wait, a large file) never holds up anyone else; updates of one
 * chat stay in order (`sequentialize` in create-bot.ts).
 *
 * The runner asks for the next batch while the last one is still being handled, which tells
 * Telegram the last batch was received: a crash then would lose it. So each batch is written
 * to the update inbox (bot/update-inbox.ts) before it is handled, and whatever a crash left
 * there is handled first at the next start. Together with the dedupe of handled updates this
 * keeps "every update is handled at least once, and its effects happen once".
 */
import { createConcurrentSink, createRunner, createSource, type RunnerHandle } from '@grammyjs/runner';
import { GrammyError, HttpError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import type { DB } from '../db';
import type { Clock } from '../core/clock';
import type { BotContext } from './context';
import { takeUpdatesToReplay, receiveUpdates } from './update-inbox';
import { sleep } from './telegram-retry';

/** The wait between failed getUpdates calls: doubling from 1 s, at most this long. */
export const MAX_POLL_BACKOFF_MS = 60_000;
/** Updates of several chats handled at once; the runner's default is 500. */
const CONCURRENCY = 100;

export interface PollingDeps {
  db: DB;
  clock: Clock;
  /** Where polling trouble is reported (stderr in production). */
  warn?: (line: string) => void;
}

export interface PollingHandle {
  /** Stops asking for updates and resolves once the updates in hand are handled. */
  stop(): Promise<void>;
  /** Resolves when polling stops; rejects on a fatal error (401 bad token, 409 another poller). */
  task: Promise<void>;
  /** Resolves once no update is being handled (at once when none is): tests wait on it. */
  idle(): Promise<void>;
}

/** A failure polling cannot get past: a wrong token, or another process polling the same bot. */
export function isFatalPollingError(error: unknown): boolean {
  return error instanceof GrammyError && (error.error_code === 401 || error.error_code === 409);
}

export function startPolling(bot: Bot<BotContext>, deps: PollingDeps): PollingHandle {
  const warn = deps.warn ?? ((line: string) => console.error(line));
  const stopping = new AbortController();
  let runner: RunnerHandle | undefined;
  let offset = 0;

  /**
   * Written before the runner hands them on, and before the next call confirms them. A database
   * refusing writes (disk full) must not stop the bot answering: the updates are handled
   * anyway, only without the guarantee of a second try after a crash.
   */
  function keep(updates: Update[]): void {
    try {
      receiveUpdates(deps.db, updates, deps.clock.now());
    } catch (error) {
      warn(`updates ${updates[0]?.update_id}…${updates.at(-1)?.update_id} could not be written to the inbox: ${String(error)}`);
    }
  }

  async function fetchBatch(limit: number, signal: AbortSignal): Promise<Update[]> {
    let backoff = 1000;
    for (;;) {
      try {
        const updates = await bot.api.getUpdates({ offset, limit: Math.max(1, Math.min(limit, 100)), timeout: 30 }, signal as never);
        keep(updates);
        const last = updates.at(-1);
        if (last) offset = last.update_id + 1;
        return updates;
      } catch (error) {
        if (signal.aborted || isFatalPollingError(error)) throw error;
        const retryAfter = error instanceof GrammyError ? error.parameters.retry_after : undefined;
        const wait = retryAfter !== undefined ? retryAfter * 1000 : backoff;
        const reason = error instanceof HttpError || error instanceof GrammyError ? error.message : String(error);
        warn(`Telegram: getUpdates failed (${reason}); retrying in ${Math.round(wait / 1000)} s.`);
        await sleep(wait, signal);
        if (signal.aborted) throw error;
        backoff = Math.min(backoff * 2, MAX_POLL_BACKOFF_MS);
      }
    }
  }

  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];
  async function consume(update: Update): Promise<void> {
    inFlight++;
    try {
      await bot.handleUpdate(update);
    } finally {
      if (--inFlight === 0) {
        for (const resolve of idleWaiters) resolve();
        idleWaiters = [];
      }
    }
  }

  const sink = createConcurrentSink<Update, unknown>(
    { consume },
    async (error) => {
      // bot.catch logs; a handler that itself fails must not end polling either.
      await Promise.resolve(bot.errorHandler(error as never)).catch((e) => warn(`error handler failed: ${String(e)}`));
    },
    { concurrency: CONCURRENCY },
  );

  async function run(): Promise<void> {
    await bot.init();
    if (stopping.signal.aborted) return;
    // What a crash left unhandled goes first, in the order Telegram sent it.
    const { replay, givenUp } = takeUpdatesToReplay(deps.db);
    for (const id of givenUp) warn(`update ${id} was cut off by a crash several times; it is skipped.`);
    for (const update of replay) {
      if (stopping.signal.aborted) return;
      await consume(update).catch((error) => bot.errorHandler(error));
    }
    if (stopping.signal.aborted) return;
    runner = createRunner(createSource({ supply: (limit, signal) => fetchBatch(limit, signal as unknown as AbortSignal) }), sink);
    runner.start();
    await runner.task();
  }

  const task = run();
  return {
    task,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((resolve) => idleWaiters.push(resolve))),
    async stop() {
      stopping.abort();
      await runner?.stop();
      await task.catch(() => undefined);
    },
  };
}
