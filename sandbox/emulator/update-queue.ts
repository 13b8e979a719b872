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
 *   getUpdates may reach the server before the aborted long poll is noticed, still succeeds).
 * Waiting uses real timers: it is about the bot's HTTP client, not about the emulated clock.
 */
import type { Update } from 'grammy/types';
import { conflict } from './api-error';

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

interface Waiter {
  limit: number;
  finish(updates: Update[]): void;
  fail(error: Error): void;
}

export function updateTypeOf(update: UpdateContent): UpdateType | undefined {
  return Object.keys(update).find((key) => key !== 'update_id') as UpdateType | undefined;
}

export class UpdateQueue {
  private pending: Update[] = [];
  private nextUpdateId: number;
  private allowed: ReadonlySet<string> | undefined;
  private waiter: Waiter | undefined;

  constructor(
    firstUpdateId = 1,
    /** Told when a long poll starts and stops waiting: whether a bot is "online" right now. */
    private readonly onWaitingChange: (waiting: boolean) => void = () => {},
  ) {
    this.nextUpdateId = firstUpdateId;
  }

  get isWaiting(): boolean {
    return this.waiter !== undefined;
  }

  get pendingCount(): number {
    return this.pending.length;
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
    const update = { update_id: this.nextUpdateId++, ...content } as Update;
    this.pending.push(update);
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.finish(this.pending.slice(0, waiter.limit));
    }
    return update;
  }

  dropPending(): void {
    this.pending = [];
  }

  poll(options: PollOptions = {}): Promise<Update[]> {
    this.setAllowedUpdates(options.allowedUpdates);
    this.confirm(options.offset ?? 0);
    const limit = Math.min(100, Math.max(1, options.limit ?? 100));

    const previous = this.waiter;
    if (previous !== undefined) {
      this.waiter = undefined;
      previous.fail(conflict('terminated by other getUpdates request; make sure that only one bot instance is running'));
    }

    const ready = this.pending.slice(0, limit);
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

  private confirm(offset: number): void {
    if (offset > 0) this.pending = this.pending.filter((update) => update.update_id >= offset);
    else if (offset < 0) this.pending = this.pending.slice(offset);
  }
}
