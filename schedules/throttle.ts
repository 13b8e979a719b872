/**
 * Telegram's flood limits as a pure scheduler: about 30 messages a second overall, about one a
 * second per private chat (with a short burst), 20 a minute per group. `waitFor` says how long
 * to wait before the next message to a chat may go; `record` books a sent message; a 429's
 * `retry_after` pauses everything. Time is passed in, so tests need no real timers.
 */

export interface ThrottleLimits {
  /** Messages per second across all chats. */
  perSecond: number;
  /** Minimum gap between two messages to one private chat, in ms. */
  privateGapMs: number;
  /** Messages a group may receive per minute. */
  groupPerMinute: number;
}

export const TELEGRAM_LIMITS: ThrottleLimits = { perSecond: 30, privateGapMs: 1000, groupPerMinute: 20 };

export class SendThrottle {
  /** Send times of the last second, overall. */
  private readonly recent: number[] = [];
  private readonly lastToChat = new Map<number, number>();
  private readonly groupSends = new Map<number, number[]>();
  private pausedUntil = 0;

  constructor(private readonly limits: ThrottleLimits = TELEGRAM_LIMITS) {}

  /** Milliseconds to wait at `now` before a message to `chatId` may be sent (0: send now). */
  waitFor(chatId: number, now: number): number {
    let wait = Math.max(0, this.pausedUntil - now);
    this.prune(now);
    if (this.recent.length >= this.limits.perSecond) wait = Math.max(wait, this.recent[0]! + 1000 - now);
    if (chatId < 0) {
      const sends = (this.groupSends.get(chatId) ?? []).filter((t) => t > now - 60_000);
      if (sends.length >= this.limits.groupPerMinute) wait = Math.max(wait, sends[0]! + 60_000 - now);
    } else {
      const last = this.lastToChat.get(chatId);
      if (last !== undefined) wait = Math.max(wait, last + this.limits.privateGapMs - now);
    }
    return wait;
  }

  record(chatId: number, now: number): void {
    this.recent.push(now);
    if (chatId < 0) {
      const sends = (this.groupSends.get(chatId) ?? []).filter((t) => t > now - 60_000);
      sends.push(now);
      this.groupSends.set(chatId, sends);
    } else {
      this.lastToChat.set(chatId, now);
    }
  }

  /** Telegram said 429: nothing goes out until `retryAfterSeconds` have passed. */
  pause(retryAfterSeconds: number, now: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterSeconds * 1000);
  }

  private prune(now: number): void {
    while (this.recent.length > 0 && this.recent[0]! <= now - 1000) this.recent.shift();
  }
}
