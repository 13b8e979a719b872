/**
 * Failures switched on by a test: the things that go wrong with Telegram in production. Each
 * registration returns a handle whose `clear()` undoes just that fault; `clear()` on the plan
 * undoes all of them. Counted faults ("the next 2 calls") are used up as requests arrive, and
 * every Bot API request counts, getUpdates included, unless a method is named.
 * Time spans are on the emulator's clock, so a test can expire them by moving its clock.
 *
 * The order a request meets them in: a dropped connection (nothing happens), a forced 429 or a
 * server error (the method does not run), then a lost reply (the method runs, its answer is
 * lost). Slow responses add up on top of any of them.
 *
 * Blocking the bot, deactivating an account and kicking the bot from a group are not here:
 * they are things people do (see Emulator.blockBot, deactivateUser, kickBot).
 */
import { ApiError, tooManyRequests } from './api-error';
import type { Clock } from './clock';
import { seededRandom, DEFAULT_SEED, type Random } from './random';

export interface FaultHandle {
  clear(): void;
}

export type ServerErrorStatus = 500 | 502;

export interface ServerErrorFault {
  /** How many calls fail; default 1. */
  count?: number;
  /** Only calls of this Bot API method (any case); default every method. */
  method?: string;
  status?: ServerErrorStatus;
}

export type DropFault = { count: number } | { forMs: number };

/**
 * "Deliver, then drop the connection": the method runs (the message is sent, the update
 * confirmed …) but the client never gets the answer, as when Telegram's reply is lost to a
 * timeout or a reset. A client that retries then does the thing twice.
 * Without `count`, `probability` or `forMs` it hits the next matching call only.
 */
export interface LostReplyFault {
  /** Only calls of this Bot API method (any case); default every method but getUpdates. */
  method?: string;
  /** At most this many replies are lost; default 1 unless `probability` or `forMs` is given (then no limit). */
  count?: number;
  /** Each matching call loses its reply with this chance (seeded, see EmulatorOptions.seed); default 1. */
  probability?: number;
  /** The fault ends after this much emulator time. */
  forMs?: number;
}

/** A forced "429 Too Many Requests: retry after N", as Telegram answers any method now and then. */
export interface FloodWaitFault {
  /** retry_after in seconds. */
  retryAfter: number;
  /** Only calls of this Bot API method (any case); default every method but getUpdates. */
  method?: string;
  /**
   * Refuse this many calls, each with the full retry_after. Without it the method is refused
   * until retry_after seconds of emulator time have passed, each answer giving the seconds
   * left, as Telegram's flood wait does.
   */
  count?: number;
}

/** What happens to one Bot API request. */
export interface RequestFate {
  /** Destroy the connection without answering, before the method runs. */
  drop: boolean;
  /** Wait this long (real milliseconds) before answering. */
  delayMs: number;
  /** Answer with this instead of calling the method (a server error or a forced 429). */
  serverError?: ApiError;
  /** Run the method, then destroy the connection without answering. */
  loseReply?: boolean;
}

interface ServerErrorRule {
  remaining: number;
  method?: string;
  status: ServerErrorStatus;
}

interface DropRule {
  remaining?: number;
  until?: number;
}

interface LostReplyRule {
  method?: string;
  remaining?: number;
  probability: number;
  until?: number;
}

interface FloodWaitRule {
  method?: string;
  retryAfter: number;
  remaining?: number;
  until?: number;
}

const SERVER_ERROR_DESCRIPTIONS: Record<ServerErrorStatus, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

/** Faults that name no method spare getUpdates: a long poll losing its answer is a dropped connection. */
function matches(ruleMethod: string | undefined, lowerMethod: string): boolean {
  return ruleMethod === undefined ? lowerMethod !== 'getupdates' : ruleMethod === lowerMethod;
}

export class FaultPlan {
  private readonly missingChats = new Map<number, symbol>();
  private serverErrorRules: ServerErrorRule[] = [];
  private dropRules: DropRule[] = [];
  private delays: Array<{ ms: number }> = [];
  private lostReplyRules: LostReplyRule[] = [];
  private floodWaitRules: FloodWaitRule[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly random: Random = seededRandom(DEFAULT_SEED),
  ) {}

  /** The chat answers "chat not found" to every method, as if it had been deleted. */
  chatNotFound(chatId: number): FaultHandle {
    const token = Symbol('chatNotFound');
    this.missingChats.set(chatId, token);
    return {
      clear: () => {
        if (this.missingChats.get(chatId) === token) this.missingChats.delete(chatId);
      },
    };
  }

  serverErrors(fault: ServerErrorFault = {}): FaultHandle {
    const rule: ServerErrorRule = { remaining: fault.count ?? 1, status: fault.status ?? 500 };
    if (fault.method !== undefined) rule.method = fault.method.toLowerCase();
    this.serverErrorRules.push(rule);
    return { clear: () => (this.serverErrorRules = this.serverErrorRules.filter((r) => r !== rule)) };
  }

  /** Connections are closed without an answer: for the next `count` requests, or for `forMs` of emulator time. */
  dropConnections(fault: DropFault): FaultHandle {
    const rule: DropRule = 'count' in fault ? { remaining: fault.count } : { until: this.clock() + fault.forMs };
    this.dropRules.push(rule);
    return { clear: () => (this.dropRules = this.dropRules.filter((r) => r !== rule)) };
  }

  /** Every answer is delayed by `ms` real milliseconds (several slow faults add up). */
  slowResponses(ms: number): FaultHandle {
    const rule = { ms };
    this.delays.push(rule);
    return { clear: () => (this.delays = this.delays.filter((r) => r !== rule)) };
  }

  /** The method runs, then the connection is cut: see LostReplyFault. */
  loseReplies(fault: LostReplyFault = {}): FaultHandle {
    const probability = fault.probability ?? 1;
    if (!(probability >= 0 && probability <= 1)) throw new Error(`probability must be between 0 and 1, got ${fault.probability}`);
    const rule: LostReplyRule = { probability };
    if (fault.method !== undefined) rule.method = fault.method.toLowerCase();
    if (fault.count !== undefined) rule.remaining = fault.count;
    else if (fault.probability === undefined && fault.forMs === undefined) rule.remaining = 1;
    if (fault.forMs !== undefined) rule.until = this.clock() + fault.forMs;
    this.lostReplyRules.push(rule);
    return { clear: () => (this.lostReplyRules = this.lostReplyRules.filter((r) => r !== rule)) };
  }

  /** Forces 429 answers with a given retry_after: see FloodWaitFault. */
  floodWait(fault: FloodWaitFault): FaultHandle {
    if (!Number.isSafeInteger(fault.retryAfter) || fault.retryAfter < 1) {
      throw new Error(`retryAfter must be a whole number of seconds ≥ 1, got ${fault.retryAfter}`);
    }
    const rule: FloodWaitRule = { retryAfter: fault.retryAfter };
    if (fault.method !== undefined) rule.method = fault.method.toLowerCase();
    if (fault.count !== undefined) rule.remaining = fault.count;
    else rule.until = this.clock() + fault.retryAfter * 1000;
    this.floodWaitRules.push(rule);
    return { clear: () => (this.floodWaitRules = this.floodWaitRules.filter((r) => r !== rule)) };
  }

  clear(): void {
    this.missingChats.clear();
    this.serverErrorRules = [];
    this.dropRules = [];
    this.delays = [];
    this.lostReplyRules = [];
    this.floodWaitRules = [];
  }

  isChatMissing(chatId: number): boolean {
    return this.missingChats.has(chatId);
  }

  /** Decides the fate of one request, using up counted faults. */
  fateOf(method: string): RequestFate {
    const now = this.clock();
    this.dropRules = this.dropRules.filter((rule) => rule.until === undefined || now < rule.until);
    this.lostReplyRules = this.lostReplyRules.filter((rule) => rule.until === undefined || now < rule.until);
    this.floodWaitRules = this.floodWaitRules.filter((rule) => rule.until === undefined || now < rule.until);
    const drop = this.dropRules.find((rule) => rule.remaining === undefined || rule.remaining > 0);
    const delayMs = this.delays.reduce((sum, rule) => sum + rule.ms, 0);
    if (drop !== undefined) {
      if (drop.remaining !== undefined && --drop.remaining === 0) this.dropRules = this.dropRules.filter((r) => r !== drop);
      return { drop: true, delayMs };
    }
    const lowerMethod = method.toLowerCase();
    const flooded = this.floodWaitRules.find((rule) => matches(rule.method, lowerMethod));
    if (flooded !== undefined) {
      if (flooded.remaining !== undefined && --flooded.remaining <= 0) {
        this.floodWaitRules = this.floodWaitRules.filter((r) => r !== flooded);
      }
      const seconds = flooded.until === undefined ? flooded.retryAfter : Math.max(1, Math.ceil((flooded.until - now) / 1000));
      return { drop: false, delayMs, serverError: tooManyRequests(seconds) };
    }
    const failing = this.serverErrorRules.find((rule) => rule.method === undefined || rule.method === lowerMethod);
    if (failing !== undefined) {
      if (--failing.remaining === 0) this.serverErrorRules = this.serverErrorRules.filter((r) => r !== failing);
      return {
        drop: false,
        delayMs,
        serverError: new ApiError(failing.status, SERVER_ERROR_DESCRIPTIONS[failing.status]),
      };
    }
    const losing = this.lostReplyRules.find(
      (rule) => matches(rule.method, lowerMethod) && (rule.remaining === undefined || rule.remaining > 0),
    );
    // A probability of 1 draws nothing, so adding a certain fault does not shift later draws.
    if (losing !== undefined && (losing.probability >= 1 || this.random() < losing.probability)) {
      if (losing.remaining !== undefined && --losing.remaining === 0) {
        this.lostReplyRules = this.lostReplyRules.filter((r) => r !== losing);
      }
      return { drop: false, delayMs, loseReply: true };
    }
    return { drop: false, delayMs };
  }
}
