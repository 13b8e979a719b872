/**
 * Failures switched on by a test: the things that go wrong with Telegram in production. Each
 * registration returns a handle whose `clear()` undoes just that fault; `clear()` on the plan
 * undoes all of them. Counted faults ("the next 2 calls") are used up as requests arrive, and
 * every Bot API request counts, getUpdates included, unless a method is named.
 * Time spans are on the emulator's clock, so a test can expire them by moving its clock.
 *
 * Blocking the bot is not here: it is something a user does (see Emulator.blockBot), and
 * Telegram tells the bot about it with a my_chat_member update.
 */
import { ApiError } from './api-error';
import type { Clock } from './clock';

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

/** What happens to one Bot API request before it is handled. */
export interface RequestFate {
  /** Destroy the connection without answering. */
  drop: boolean;
  /** Wait this long (real milliseconds) before answering. */
  delayMs: number;
  /** Answer with this instead of calling the method. */
  serverError?: ApiError;
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

const SERVER_ERROR_DESCRIPTIONS: Record<ServerErrorStatus, string> = {
  500: 'Internal Server Error',
  502: 'Bad Gateway',
};

export class FaultPlan {
  private readonly missingChats = new Map<number, symbol>();
  private serverErrorRules: ServerErrorRule[] = [];
  private dropRules: DropRule[] = [];
  private delays: Array<{ ms: number }> = [];

  constructor(private readonly clock: Clock) {}

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

  clear(): void {
    this.missingChats.clear();
    this.serverErrorRules = [];
    this.dropRules = [];
    this.delays = [];
  }

  isChatMissing(chatId: number): boolean {
    return this.missingChats.has(chatId);
  }

  /** Decides the fate of one request, using up counted faults. */
  fateOf(method: string): RequestFate {
    const now = this.clock();
    this.dropRules = this.dropRules.filter((rule) => rule.until === undefined || now < rule.until);
    const drop = this.dropRules.find((rule) => rule.remaining === undefined || rule.remaining > 0);
    const delayMs = this.delays.reduce((sum, rule) => sum + rule.ms, 0);
    if (drop !== undefined) {
      if (drop.remaining !== undefined && --drop.remaining === 0) this.dropRules = this.dropRules.filter((r) => r !== drop);
      return { drop: true, delayMs };
    }
    const lowerMethod = method.toLowerCase();
    const failing = this.serverErrorRules.find((rule) => rule.method === undefined || rule.method === lowerMethod);
    if (failing !== undefined) {
      if (--failing.remaining === 0) this.serverErrorRules = this.serverErrorRules.filter((r) => r !== failing);
      return {
        drop: false,
        delayMs,
        serverError: new ApiError(failing.status, SERVER_ERROR_DESCRIPTIONS[failing.status]),
      };
    }
    return { drop: false, delayMs };
  }
}
