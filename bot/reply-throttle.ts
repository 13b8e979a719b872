/**
 * "At most one answer per chat per few minutes" for messages that lead nowhere: a stranger
 * writing to the bot, or a known person's stray text. Someone who sends thirty messages gets
 * one answer, not thirty, so they neither spend the bot's flood allowance nor slow anyone else.
 * Kept in memory (a restart forgets it, at worst one more answer); bounded in size.
 */
import type { Clock } from '../core/clock';

export const STRAY_REPLY_INTERVAL_MS = 5 * 60_000;
const MAX_CHATS_REMEMBERED = 10_000;

export class ReplyThrottle {
  private readonly lastAnswered = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs = STRAY_REPLY_INTERVAL_MS,
  ) {}

  /** True (and remembered) when this chat may be answered now. */
  allow(key: string): boolean {
    const now = this.clock.now().getTime();
    const last = this.lastAnswered.get(key);
    if (last !== undefined && now - last < this.intervalMs && now >= last) return false;
    // Re-inserted last, so the Map's order is oldest answer first: the first key is the one to forget.
    this.lastAnswered.delete(key);
    this.lastAnswered.set(key, now);
    if (this.lastAnswered.size > MAX_CHATS_REMEMBERED) this.lastAnswered.delete(this.lastAnswered.keys().next().value!);
    return true;
  }
}
