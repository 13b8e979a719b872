/**
 * Telegram's flood control, as token buckets on the emulator's clock.
 *
 * New messages (sendMessage, sendPhoto, sendDocument) pass three buckets, from the published
 * limits: "about 30 messages per second", "no more than 20 messages per minute in the same
 * group", "avoid more than one message per second in a chat"; these give those rates with a
 * small burst, which is how the real server behaves in practice.
 *
 * Other methods are limited per method (FloodLimits.methods): Telegram answers 429 to edits,
 * answerCallbackQuery, setMyCommands and others too, and there its waits are long (retry_after
 * of 5 to 60 seconds is common). Telegram publishes no numbers for these; the defaults below let
 * a normal flow through and refuse a bot that hammers a method, with waits in that range.
 *
 * A limit with a `retryAfter` range answers a refused call with a retry_after drawn from it
 * (seeded), never below the real wait, and keeps refusing everything that limit covers until
 * that time has passed, as Telegram's flood wait does: a client that retries early is refused
 * again. Without a range the answer is the real wait rounded up to whole seconds (at least 1).
 */
import type { Clock } from './clock';
import { DEFAULT_SEED, randomInteger, seededRandom, type Random } from './random';

export interface BucketSpec {
  /** How many calls may go at once after a quiet period. */
  burst: number;
  /** The sustained rate. */
  perSecond: number;
  /**
   * [min, max] seconds: the retry_after given when this limit is hit, and how long it then
   * refuses everything it covers. Default: the real wait, with no penalty beyond it.
   */
  retryAfter?: [number, number];
}

export interface MethodLimit extends BucketSpec {
  /** One bucket per bot, or per bot and chat_id (a call without chat_id counts per bot). */
  per: 'bot' | 'chat';
  /** Methods naming the same bucket share it (the three edit methods do); default the method's name. */
  bucket?: string;
}

export interface FloodLimits {
  perBot: BucketSpec | false;
  perPrivateChat: BucketSpec | false;
  perGroupChat: BucketSpec | false;
  /**
   * Limits on any Bot API method by name (any case), on top of the message buckets for the
   * send methods; `false` lifts one. Options given to the emulator are merged into the defaults
   * method by method.
   */
  methods: Record<string, MethodLimit | false>;
}

/** Edits count per chat, all three methods together. */
const EDITS: MethodLimit = { per: 'chat', bucket: 'edits', burst: 20, perSecond: 1, retryAfter: [5, 30] };
/** The command menu: a burst at start-up is fine, one call per chat for many chats is not. */
const COMMAND_MENU: MethodLimit = { per: 'bot', bucket: 'commands', burst: 20, perSecond: 0.5, retryAfter: [5, 60] };

export const TELEGRAM_FLOOD_LIMITS: FloodLimits = {
  perBot: { burst: 30, perSecond: 30 },
  perPrivateChat: { burst: 3, perSecond: 1 },
  perGroupChat: { burst: 20, perSecond: 20 / 60 },
  methods: {
    editMessageText: EDITS,
    editMessageCaption: EDITS,
    editMessageReplyMarkup: EDITS,
    answerCallbackQuery: { per: 'bot', burst: 30, perSecond: 30, retryAfter: [5, 15] },
    setMyCommands: COMMAND_MENU,
    deleteMyCommands: COMMAND_MENU,
  },
};

/** The defaults with some limits replaced: whole kinds at the top level, single methods in `methods`. */
export function mergeFloodLimits(overrides: Partial<FloodLimits> | false | undefined): FloodLimits | false {
  if (overrides === false) return false;
  const merged: FloodLimits = { ...TELEGRAM_FLOOD_LIMITS, ...overrides, methods: { ...TELEGRAM_FLOOD_LIMITS.methods } };
  // Method names are matched in any case: an override replaces the default however it is spelt.
  for (const [name, limit] of Object.entries(overrides?.methods ?? {})) {
    for (const known of Object.keys(merged.methods)) if (known.toLowerCase() === name.toLowerCase()) delete merged.methods[known];
    merged.methods[name] = limit;
  }
  return merged;
}

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

/** A bucket and the flood wait it imposed, if any. */
class Limiter {
  private readonly bucket: TokenBucket;
  /** Emulator time until which everything is refused, after a refusal with a retryAfter range. */
  private blockedUntil = 0;

  constructor(
    readonly spec: BucketSpec,
    now: number,
  ) {
    this.bucket = new TokenBucket(spec, now);
  }

  /** Milliseconds to wait before a call may pass; 0 if it may pass now. */
  waitMs(now: number): number {
    return Math.max(this.blockedUntil - now, this.bucket.waitMs(now), 0);
  }

  take(now: number): void {
    this.bucket.take(now);
  }

  /** The retry_after (seconds) to answer a refused call with; starts a flood wait for a ranged limit. */
  refuse(now: number, waitMs: number, random: Random): number {
    const exact = Math.max(1, Math.ceil(waitMs / 1000 - EPSILON));
    if (this.spec.retryAfter === undefined || this.blockedUntil > now) return exact;
    const [min, max] = this.spec.retryAfter;
    const seconds = Math.max(exact, randomInteger(random, min, max));
    this.blockedUntil = now + seconds * 1000;
    return seconds;
  }
}

export type FloodVerdict = { ok: true } | { ok: false; retryAfterSeconds: number };

export class FloodControl {
  private readonly limiters = new Map<string, Limiter>();
  /** Method limits by lower-case name. */
  private readonly methodLimits = new Map<string, MethodLimit>();

  constructor(
    private readonly limits: FloodLimits | false,
    private readonly clock: Clock,
    private readonly random: Random = seededRandom(DEFAULT_SEED),
  ) {
    if (limits === false) return;
    for (const [name, limit] of Object.entries(limits.methods ?? {})) {
      if (limit !== false) this.methodLimits.set(name.toLowerCase(), limit);
    }
  }

  /**
   * Takes a token from every bucket a new message to this chat passes through, or takes none
   * and says how long to wait (whole seconds, at least 1, as in Telegram's retry_after).
   */
  trySend(botId: number, chat: { id: number; kind: 'private' | 'group' }): FloodVerdict {
    if (this.limits === false) return { ok: true };
    const now = this.clock();
    const chatSpec = chat.kind === 'private' ? this.limits.perPrivateChat : this.limits.perGroupChat;
    const limiters: Limiter[] = [];
    if (this.limits.perBot !== false) limiters.push(this.limiter(`bot:${botId}`, this.limits.perBot, now));
    if (chatSpec !== false) limiters.push(this.limiter(`chat:${botId}:${chat.id}`, chatSpec, now));
    return this.pass(limiters, now);
  }

  /** Counts one call of a method that has a limit (see FloodLimits.methods); any other call passes. */
  tryMethod(botId: number, method: string, chatId: number | undefined): FloodVerdict {
    const limit = this.methodLimits.get(method.toLowerCase());
    if (limit === undefined) return { ok: true };
    const now = this.clock();
    const bucket = limit.bucket ?? method.toLowerCase();
    const key = limit.per === 'chat' && chatId !== undefined ? `method:${bucket}:${botId}:${chatId}` : `method:${bucket}:${botId}`;
    return this.pass([this.limiter(key, limit, now)], now);
  }

  private pass(limiters: Limiter[], now: number): FloodVerdict {
    const waits = limiters.map((limiter) => limiter.waitMs(now));
    const longest = Math.max(0, ...waits);
    if (longest > 0) {
      // The limiter that refuses decides the answer (and starts its flood wait); the others keep their tokens.
      const refusing = limiters[waits.indexOf(longest)] as Limiter;
      return { ok: false, retryAfterSeconds: refusing.refuse(now, longest, this.random) };
    }
    for (const limiter of limiters) limiter.take(now);
    return { ok: true };
  }

  private limiter(key: string, spec: BucketSpec, now: number): Limiter {
    let limiter = this.limiters.get(key);
    if (limiter === undefined) {
      limiter = new Limiter(spec, now);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }
}
