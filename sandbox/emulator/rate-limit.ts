/**
 * Telegram's flood control, as token buckets on the emulator's clock. The published limits are
 * approximate ("about 30 messages per second", "no more than 20 messages per minute in the same
 * group", "avoid more than one message per second in a chat"); these buckets give those rates
 * with a small burst, which is how the real server behaves in practice.
 *
 * Only new messages are counted (sendMessage, sendPhoto, sendDocument …). Edits, deletions,
 * callback answers and chat actions are not: Telegram limits them separately and more loosely,
 * and counting them here would make tests of a normal edit-after-button flow flaky.
 */
import type { Clock } from './clock';

export interface BucketSpec {
  /** How many messages may go at once after a quiet period. */
  burst: number;
  /** The sustained rate. */
  perSecond: number;
}

export interface FloodLimits {
  perBot: BucketSpec | false;
  perPrivateChat: BucketSpec | false;
  perGroupChat: BucketSpec | false;
}

export const TELEGRAM_FLOOD_LIMITS: FloodLimits = {
  perBot: { burst: 30, perSecond: 30 },
  perPrivateChat: { burst: 3, perSecond: 1 },
  perGroupChat: { burst: 20, perSecond: 20 / 60 },
};

// Refill arithmetic is in floating point; this keeps "exactly one token after 3 s at 1/3 per s" whole.
const EPSILON = 1e-9;

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly spec: BucketSpec,
    now: number,
  ) {
    this.tokens = spec.burst;
    this.updatedAt = now;
  }

  private refill(now: number): void {
    // A clock moved backwards by a test refills nothing rather than draining the bucket.
    const elapsed = Math.max(0, now - this.updatedAt);
    this.tokens = Math.min(this.spec.burst, this.tokens + (elapsed / 1000) * this.spec.perSecond);
    this.updatedAt = Math.max(now, this.updatedAt);
  }

  /** Milliseconds until one token is available; 0 if one is available now. */
  waitMs(now: number): number {
    this.refill(now);
    if (this.tokens >= 1 - EPSILON) return 0;
    return ((1 - this.tokens) / this.spec.perSecond) * 1000;
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }
}

export type FloodVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export class FloodControl {
  private readonly buckets = new Map<string, TokenBucket>();

  constructor(
    private readonly limits: FloodLimits | false,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes a token from every bucket a new message to this chat passes through, or takes none
   * and says how long to wait (whole seconds, at least 1, as in Telegram's retry_after).
   */
  trySend(botId: number, chat: { id: number; kind: 'private' | 'group' }): FloodVerdict {
    if (this.limits === false) return { ok: true };
    const now = this.clock();
    const chatSpec = chat.kind === 'private' ? this.limits.perPrivateChat : this.limits.perGroupChat;
    const buckets: TokenBucket[] = [];
    if (this.limits.perBot !== false) buckets.push(this.bucket(`bot:${botId}`, this.limits.perBot, now));
    if (chatSpec !== false) buckets.push(this.bucket(`chat:${botId}:${chat.id}`, chatSpec, now));

    const waitMs = Math.max(0, ...buckets.map((bucket) => bucket.waitMs(now)));
    if (waitMs > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    for (const bucket of buckets) bucket.take(now);
    return { ok: true };
  }

  private bucket(key: string, spec: BucketSpec, now: number): TokenBucket {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new TokenBucket(spec, now);
      this.buckets.set(key, bucket);
    }
    return bucket;
  }
}
