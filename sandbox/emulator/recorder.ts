/**
 * The record of every Bot API request the emulator received, kept at the HTTP level so that it
 * also shows calls made by Api instances other than the Bot's. Each entry holds the answer
 * exactly as the client got it (or `dropped` when the connection was cut on purpose).
 * The record is bounded so that a long-running demo does not grow without end.
 */
import type { ApiErrorBody } from './api-error';

export type ApiResponseBody = { ok: true; result: unknown; description?: string } | ApiErrorBody;

export interface BotCall {
  /** Increases by one per recorded call, from 1. */
  seq: number;
  /** When the request arrived, on the emulator's clock (ms). */
  at: number;
  /** Undefined when the token was unknown. */
  botId?: number;
  method: string;
  /** As received; JSON parameters parsed, uploaded files summarised as `{ file: { name, size } }`. */
  params: Record<string, unknown>;
  response?: ApiResponseBody;
  dropped: boolean;
}

export interface CallFilter {
  method?: string;
  botId?: number;
  /** Only calls with a larger seq. */
  afterSeq?: number;
}

export class CallRecorder {
  private calls: BotCall[] = [];
  private lastSeq = 0;

  constructor(private readonly capacity = 10_000) {}

  add(call: Omit<BotCall, 'seq'>): BotCall {
    const recorded: BotCall = { seq: ++this.lastSeq, ...call };
    this.calls.push(recorded);
    if (this.calls.length > this.capacity) this.calls.splice(0, this.calls.length - this.capacity);
    return recorded;
  }

  list(filter: CallFilter = {}): BotCall[] {
    const method = filter.method?.toLowerCase();
    return this.calls.filter(
      (call) =>
        (method === undefined || call.method.toLowerCase() === method) &&
        (filter.botId === undefined || call.botId === filter.botId) &&
        (filter.afterSeq === undefined || call.seq > filter.afterSeq),
    );
  }

  clear(): void {
    this.calls = [];
  }
}
