/**
 * Running against Telegram, from start to stop, without ever waiting on Telegram to begin:
 *
 * 1. The reminder scheduler starts at once: it plans whatever Telegram does, and its
 *    dispatcher retries sends on its own (held by a TelegramGate until the token is known good).
 * 2. getMe, until Telegram answers. No connection or a 5xx (or a 429) is said on stderr
 *    ("cannot reach Telegram at <apiRoot>: <reason>; retrying in Ns") and tried again after
 *    1 s, 2 s, 4 s … at most 60 s. A 401 (or 404) means the token is wrong: exit code 1, with
 *    a message naming BOT_TOKEN and never the token.
 * 3. Long polling starts (`startPolling`, the one step @grammyjs/runner's run(bot) replaces),
 *    and `connected` runs in the background (the command menus).
 * 4. When `signal` aborts (SIGTERM, SIGINT), at any of these moments, the scheduler and the
 *    polling are stopped, waiting at most `stopTimeoutMs` for them, and the exit code is 0.
 *    Polling that ends by itself with an error (a token revoked meanwhile: 401; a second bot
 *    polling with it: 409) gives exit code 1.
 *
 * Pure of process and timers: app/main.ts passes the real ones, tests pass their own.
 */
import { GrammyError, HttpError, type Transformer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { describeTelegramError, isPassing, retryAfterMs } from './telegram-retry';

/** Long polling under way. */
export interface Polling {
  stop(): Promise<void>;
  /** Settles when polling has ended: stopped, or failed. */
  task: Promise<void>;
}

export interface TelegramStartup<B extends { botInfo: UserFromGetMe }> {
  bot: B;
  /** For messages only; the token is never printed. */
  apiRoot: string;
  token: string;
  /** getMe without retries of its own (the bot's Api retries silently). */
  getMe(signal: AbortSignal): Promise<UserFromGetMe>;
  /** Starts long polling; the bot knows itself (botInfo) by then. */
  startPolling(bot: B): Polling;
  scheduler: { start(): void; stop(): Promise<void> };
  /** Background work once Telegram answered (the command menus); must stop when `signal` aborts. */
  connected?(me: UserFromGetMe, signal: AbortSignal): void;
  /** Opened once getMe answered; installed on the scheduler's Api (see TelegramGate). */
  gate?: TelegramGate;
  /** Aborted to stop (SIGTERM, SIGINT). */
  signal: AbortSignal;
  /** Waits `ms`, ending early when `signal` aborts; never rejects. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** stdout and stderr, a line at a time. */
  out(line: string): void;
  err(line: string): void;
  firstDelayMs?: number;
  maxDelayMs?: number;
  /** How long stopping may take before giving up on it (default 5 s). */
  stopTimeoutMs?: number;
}

/**
 * The scheduler starts before Telegram has answered, but what it sends waits for the answer
 * to getMe: with a wrong token every send would fail for good (401) and the reminders due at
 * start would be lost. Until getMe succeeded, a send fails as a network error does, which the
 * dispatcher retries later (after the first attempt's verdict: in the usual start, getMe
 * answers within a moment and nothing is refused at all).
 */
export class TelegramGate {
  private state: 'unknown' | 'open' | 'shut' = 'unknown';
  private readonly verdict: Promise<void>;
  private settle!: () => void;

  constructor() {
    this.verdict = new Promise((resolve) => (this.settle = resolve));
  }

  open(): void {
    this.state = 'open';
    this.settle();
  }

  shut(): void {
    if (this.state !== 'open') this.state = 'shut';
    this.settle();
  }

  readonly transformer: Transformer = async (prev, method, payload, signal) => {
    if (this.state === 'unknown') await this.verdict;
    if (this.state !== 'open')
      throw new HttpError(`Network request for '${method}' not made`, new Error('Telegram has not answered getMe yet'));
    return prev(method, payload, signal);
  };
}

export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 60_000;
export const STOP_TIMEOUT_MS = 5_000;

/** Runs until stopped; resolves with the process's exit code. */
export async function runTelegram<B extends { botInfo: UserFromGetMe }>(s: TelegramStartup<B>): Promise<number> {
  s.scheduler.start();
  s.signal.addEventListener('abort', () => s.gate?.shut(), { once: true });
  let polling: Polling | null = null;
  let code = 0;
  try {
    const me = await reachTelegram(s);
    if (typeof me === 'number') {
      code = me;
    } else if (me !== null) {
      s.bot.botInfo = me;
      polling = s.startPolling(s.bot);
      const ended = polling.task.then(
        () => null,
        (error: unknown) => error ?? new Error('polling failed'),
      );
      if (!s.signal.aborted) s.connected?.(me, s.signal);
      const outcome = await Promise.race([ended, aborted(s.signal).then(() => 'aborted' as const)]);
      if (outcome !== 'aborted' && outcome !== null && !s.signal.aborted) {
        s.err(failureMessage(s, outcome, 'polling Telegram stopped'));
        code = 1;
      }
    }
  } finally {
    await stopAll(s, polling);
  }
  return code;
}

/** getMe until it answers: the bot's identity, an exit code (refused), or null (stopped). */
async function reachTelegram<B extends { botInfo: UserFromGetMe }>(s: TelegramStartup<B>): Promise<UserFromGetMe | number | null> {
  let delay = s.firstDelayMs ?? FIRST_DELAY_MS;
  let failures = 0;
  while (!s.signal.aborted) {
    try {
      const me = await s.getMe(s.signal);
      s.gate?.open();
      if (failures > 0) s.out(`reached Telegram at ${s.apiRoot} after ${failures} failed attempt(s)`);
      return me;
    } catch (error) {
      failures++;
      s.gate?.shut();
      if (s.signal.aborted) return null;
      if (!isPassing(error)) {
        s.err(failureMessage(s, error, 'Telegram refused to start the bot'));
        return 1;
      }
      const ms = Math.max(delay, retryAfterMs(error));
      s.err(`cannot reach Telegram at ${s.apiRoot}: ${describeTelegramError(error, s.token)}; retrying in ${Math.round(ms / 1000)}s`);
      await s.sleep(ms, s.signal);
      delay = Math.min(delay * 2, s.maxDelayMs ?? MAX_DELAY_MS);
    }
  }
  return null;
}

function failureMessage<B extends { botInfo: UserFromGetMe }>(s: TelegramStartup<B>, error: unknown, what: string): string {
  const reason = describeTelegramError(error, s.token);
  if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
    return `${what}: ${reason}. BOT_TOKEN is not a valid token for ${s.apiRoot} (wrong, or revoked): copy the bot's token from @BotFather into BOT_TOKEN.`;
  }
  if (error instanceof GrammyError && error.error_code === 409) {
    return `${what}: ${reason}. Another process is polling with the same BOT_TOKEN; stop it first.`;
  }
  return `${what}: ${reason}`;
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

/** Stops the scheduler and the polling, giving them at most stopTimeoutMs. */
async function stopAll<B extends { botInfo: UserFromGetMe }>(s: TelegramStartup<B>, polling: Polling | null): Promise<void> {
  const timeout = s.stopTimeoutMs ?? STOP_TIMEOUT_MS;
  const deadline = new AbortController();
  const stopped = Promise.allSettled([s.scheduler.stop(), polling ? polling.stop().then(() => polling.task) : Promise.resolve()]).then(
    () => true,
  );
  const late = s.sleep(timeout, deadline.signal).then(() => false);
  const inTime = await Promise.race([stopped, late]);
  deadline.abort();
  if (!inTime) s.err(`stopping took longer than ${Math.round(timeout / 1000)}s; exiting anyway`);
}
