/**
 * One bot's pending updates and Telegram's getUpdates rules around them:
 * - update_id increases by one per update;
 * - an update stays pending (and is delivered again) until a getUpdates call confirms it with an
 *   offset above its id; a negative offset keeps only the last |offset| updates;
 * - `allowed_updates` is remembered between calls, and an empty list means the default (every
 *   type but chat_member, message_reaction and message_reaction_count). As on Telegram, it
 *   decides which updates are created, so changing it does not filter updates already queued;
 * - a long poll waits up to `timeout` for the first update and returns as soon as one arrives;
 * - a new getUpdates call while one is waiting terminates the waiting one with 409 Conflict
 *   (it is the older request that fails, which is why grammY's `bot.stop()`, whose final
 *   getUpdates may reach the server before the aborted long poll is noticed, still succeeds);
 * - updates are kept 24 hours: one not confirmed by then is dropped unseen (a callback_query
 *   after 150 seconds), as the Bot API server files them with those lifetimes;
 * - after a week without any update, the next update_id is not the next number but a random
 *   one (Telegram: "If there are no new updates for at least a week, then identifier of the
 *   next update will be chosen randomly instead of sequentially");
 * - an offset far from the queue's ids (more than 10 above the next id, or two million below
 *   it) is ignored as TDLib's update queue ignores it, so a bot that still confirms with the
 *   offset from before a restart of the ids gets the new updates.
 * Waiting uses real timers: it is about the bot's HTTP client, not about the emulated clock;
 * lifetimes and the week without updates are on the emulator's clock.
 */
import type { Update } from 'grammy/types';
import { conflict } from './api-error';
import type { Clock } from './clock';
import { DEFAULT_SEED, randomInteger, seededRandom, type Random } from './random';

export type UpdateType = Exclude<keyof Update, 'update_id'>;
/** The body of an update before it is given its id; exactly one field is set. */
export type UpdateContent = Omit<Update, 'update_id'>;

export const NOT_SENT_BY_DEFAULT: readonly UpdateType[] = ['chat_member', 'message_reaction', 'message_reaction_count'];

export interface PollOptions {
  offset?: number;
  limit?: number;
  timeoutMs?: number;
  allowedUpdates?: readonly string[];
  /** Aborted when the client goes away; the poll then ends quietly with no updates. */
  signal?: AbortSignal;
}

export interface UpdateRetention {
  /** How long an unconfirmed update is kept; Telegram: 24 hours. */
  defaultMs: number;
  /** How long an unconfirmed callback_query is kept; Telegram: 150 seconds. */
  callbackQueryMs: number;
}

export const TELEGRAM_UPDATE_RETENTION: UpdateRetention = { defaultMs: 24 * 3600_000, callbackQueryMs: 150_000 };
/** "No new updates for at least a week". */
export const UPDATE_ID_RESTART_AFTER_MS = 7 * 24 * 3600_000;

export interface UpdateQueueOptions {
  /** Emulator time for lifetimes and the week without updates; default Date.now. */
  clock?: Clock;
  /** How long unconfirmed updates are kept; `false` keeps them for ever. Default Telegram's. */
  retention?: UpdateRetention | false;
  /** After this long without an update the ids restart at random; `false` never. Default a week. */
  idRestartAfterMs?: number | false;
  /** Draws the restarted ids. */
  random?: Random;
}

/** TDLib refuses a from_id more than this far above its next id, and more than twice its queue size below. */
const OFFSET_AHEAD_LIMIT = 10;
const OFFSET_BEHIND_LIMIT = 2_000_000;
/** TDLib's random first ids: 10 + 1 000 000 + a number below half of its largest id (2^31 − 1). */
const RANDOM_ID_BASE = 1_000_010;
const RANDOM_ID_SPAN = 1_073_741_823;

interface Pending {
  update: Update;
  /** Emulator time after which it is dropped unseen. */
  expiresAt: number;
}

interface Waiter {
  limit: number;
  finish(updates: Update[]): void;
  fail(error: Error): void;
}

export function updateTypeOf(update: UpdateContent): UpdateType | undefined {
  return Object.keys(update).find((key) => key !== 'update_id') as UpdateType | undefined;
}

export class UpdateQueue {
  private pending: Pending[] = [];
  private nextUpdateId: number;
  private allowed: ReadonlySet<string> | undefined;
  private waiter: Waiter | undefined;
  private readonly clock: Clock;
  private readonly retention: UpdateRetention | false;
  private readonly idRestartAfterMs: number | false;
  private readonly random: Random;
  /** Emulator time of the last update queued; undefined before the first. */
  private lastUpdateAt: number | undefined;
  private expiredCount = 0;

  constructor(
    firstUpdateId = 1,
    /** Told when a long poll starts and stops waiting: whether a bot is "online" right now. */
    private readonly onWaitingChange: (waiting: boolean) => void = () => {},
    options: UpdateQueueOptions = {},
  ) {
    this.nextUpdateId = firstUpdateId;
    this.clock = options.clock ?? Date.now;
    this.retention = options.retention ?? TELEGRAM_UPDATE_RETENTION;
    this.idRestartAfterMs = options.idRestartAfterMs ?? UPDATE_ID_RESTART_AFTER_MS;
    this.random = options.random ?? seededRandom(DEFAULT_SEED);
  }

  get isWaiting(): boolean {
    return this.waiter !== undefined;
  }

  get pendingCount(): number {
    this.dropExpired();
    return this.pending.length;
  }

  /** How many updates were dropped unseen because nobody confirmed them in time. */
  get expiredUpdateCount(): number {
    this.dropExpired();
    return this.expiredCount;
  }

  /** The update_id the next update will get (unless a week passes first). */
  get upcomingUpdateId(): number {
    return this.nextUpdateId;
  }

  /**
   * Makes the next update_id a new one, as Telegram does after a week without updates:
   * `nextUpdateId`, or by default a random id well below the current ones (or, for a queue
   * that has barely started, a random one in Telegram's range). Refused while updates are
   * pending, since Telegram only restarts an empty queue. Returns the next id.
   */
  restartIds(nextUpdateId?: number): number {
    if (this.pendingCount > 0)
      throw new Error(`${this.pending.length} updates are still pending; update ids restart only on an empty queue`);
    if (nextUpdateId !== undefined && (!Number.isSafeInteger(nextUpdateId) || nextUpdateId < 1 || nextUpdateId > 2 ** 31 - 2)) {
      throw new Error(`an update_id must be a positive 32-bit integer, got ${nextUpdateId}`);
    }
    this.nextUpdateId = nextUpdateId ?? this.randomRestartId();
    return this.nextUpdateId;
  }

  /**
   * Telegram draws from [1 000 010, about 1.07e9], so the new ids are as likely lower as higher.
   * The emulator draws below half the current ids whenever it can, since a lower id is what
   * breaks a bot that skips ids "already seen"; half, so that the old offset stays out of
   * TDLib's window (and is ignored) until the new ids have nearly caught up with it.
   */
  private randomRestartId(): number {
    const highestUsable = Math.floor(this.nextUpdateId / 2) - OFFSET_AHEAD_LIMIT;
    if (highestUsable >= 1) return randomInteger(this.random, 1, highestUsable);
    return RANDOM_ID_BASE + randomInteger(this.random, 0, RANDOM_ID_SPAN - 1);
  }

  /** The remembered allowed_updates, or undefined for Telegram's default set. */
  get allowedUpdates(): string[] | undefined {
    return this.allowed === undefined ? undefined : [...this.allowed];
  }

  setAllowedUpdates(types: readonly string[] | undefined): void {
    if (types === undefined) return;
    this.allowed = types.length === 0 ? undefined : new Set(types);
  }

  wants(type: UpdateType): boolean {
    return this.allowed === undefined ? !NOT_SENT_BY_DEFAULT.includes(type) : this.allowed.has(type);
  }

  /** Queues an update and wakes a waiting poll; returns undefined if the bot does not want this type. */
  enqueue(content: UpdateContent): Update | undefined {
    const type = updateTypeOf(content);
    if (type === undefined || !this.wants(type)) return undefined;
    const now = this.clock();
    this.dropExpired(now);
    const quietFor = this.lastUpdateAt === undefined ? 0 : now - this.lastUpdateAt;
    if (this.idRestartAfterMs !== false && quietFor >= this.idRestartAfterMs && this.pending.length === 0) {
      this.nextUpdateId = this.randomRestartId();
    }
    this.lastUpdateAt = now;
    const update = { update_id: this.nextUpdateId++, ...content } as Update;
    const lifetime =
      this.retention === false ? Infinity : type === 'callback_query' ? this.retention.callbackQueryMs : this.retention.defaultMs;
    this.pending.push({ update, expiresAt: now + lifetime });
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.finish(this.ready(waiter.limit));
    }
    return update;
  }

  dropPending(): void {
    this.pending = [];
  }

  poll(options: PollOptions = {}): Promise<Update[]> {
    this.setAllowedUpdates(options.allowedUpdates);
    this.dropExpired();
    this.confirm(options.offset ?? 0);
    const limit = Math.min(100, Math.max(1, options.limit ?? 100));

    const previous = this.waiter;
    if (previous !== undefined) {
      this.waiter = undefined;
      previous.fail(conflict('terminated by other getUpdates request; make sure that only one bot instance is running'));
    }

    const ready = this.ready(limit);
    const timeoutMs = options.timeoutMs ?? 0;
    if (ready.length > 0 || timeoutMs <= 0 || options.signal?.aborted === true) return Promise.resolve(ready);

    return new Promise<Update[]>((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        if (this.waiter === waiter) this.waiter = undefined;
        this.onWaitingChange(false);
      };
      const waiter: Waiter = {
        limit,
        finish: (updates) => {
          settle();
          resolve(updates);
        },
        fail: (error) => {
          settle();
          reject(error);
        },
      };
      const onAbort = () => waiter.finish([]);
      const timer = setTimeout(() => waiter.finish([]), timeoutMs);
      timer.unref();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.waiter = waiter;
      this.onWaitingChange(true);
    });
  }

  /** Ends a waiting poll with an error (setWebhook does this to a long poll). */
  failWaiting(error: Error): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.fail(error);
  }

  /** Ends a waiting poll with no updates, so that a server can close. */
  releaseWaiting(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.finish([]);
  }

  private ready(limit: number): Update[] {
    return this.pending.slice(0, limit).map((pending) => pending.update);
  }

  private dropExpired(now = this.clock()): void {
    const kept = this.pending.filter((pending) => pending.expiresAt > now);
    this.expiredCount += this.pending.length - kept.length;
    this.pending = kept;
  }

  private confirm(offset: number): void {
    if (offset > 0) {
      // TDLib answers an offset outside its window as if none were given.
      const tooFar = offset > this.nextUpdateId + OFFSET_AHEAD_LIMIT || offset < this.nextUpdateId - OFFSET_BEHIND_LIMIT;
      if (!tooFar) this.pending = this.pending.filter((pending) => pending.update.update_id >= offset);
    } else if (offset < 0) {
      this.pending = this.pending.slice(offset);
    }
  }
}
