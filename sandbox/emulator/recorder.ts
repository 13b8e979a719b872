/**
 * The record of every Bot API request the emulator received, kept at the HTTP level so that it
 * also shows calls made by Api instances other than the Bot's. Each entry holds the answer
 * exactly as the client got it (or `dropped` when the connection was cut on purpose; with
 * `replyLost` the method ran first, and `response` is the answer the client never saw).
 * The record is bounded so that a long-running demo does not grow without end; the counts
 * (see CallCounts) are not, so a long drill can still tell how many replies it lost.
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
  /** The client got no answer: the connection was cut on purpose (see faults.ts). */
  dropped: boolean;
  /** The method ran and then the connection was cut ("deliver, then drop"): `response` is what was lost. */
  replyLost?: boolean;
}

/** Running totals since the emulator started, unaffected by clearBotCalls and the record's bound. */
export interface CallCounts {
  calls: number;
  /** Cut before the method ran: nothing happened. */
  dropped: number;
  /** Cut after the method ran: it took effect, the client never heard. */
  repliesLost: number;
  /**
   * Of those, the send… calls that created a message (the result has a message_id):
   * each is a delivery a retrying client repeats, i.e. at most one duplicate message.
   */
  deliveriesWithReplyLost: number;
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
  private readonly totals: CallCounts = { calls: 0, dropped: 0, repliesLost: 0, deliveriesWithReplyLost: 0 };

  constructor(private readonly capacity = 10_000) {}

  add(call: Omit<BotCall, 'seq'>): BotCall {
    const recorded: BotCall = { seq: ++this.lastSeq, ...call };
    this.totals.calls++;
    if (call.replyLost === true) {
      this.totals.repliesLost++;
      if (isDelivery(call.method, call.response)) this.totals.deliveriesWithReplyLost++;
    } else if (call.dropped) {
      this.totals.dropped++;
    }
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

  counts(): CallCounts {
    return { ...this.totals };
  }
}

/** A send… method that created a message (edits return messages too, but repeating one changes nothing). */
function isDelivery(method: string, response: ApiResponseBody | undefined): boolean {
  if (!method.toLowerCase().startsWith('send') || response === undefined || !response.ok) return false;
  const result = response.result as { message_id?: unknown } | null;
  return typeof result === 'object' && result !== null && typeof result.message_id === 'number';
}
