/**
 * Sends the outbox within Telegram's limits and records every outcome.
 *
 * Each message's rows are marked `sending` (in a committed write) before the HTTP call and
 * `sent` with the message id after it. A crash between the two leaves them `sending`;
 * `recover()` at start puts them back to `pending`, so they are sent again. That is the only
 * way a reminder can be doubled, and it is bounded: one message is in flight at a time, so a
 * crash repeats at most that one message (test/schedules/dispatcher.test.ts proves the bound).
 *
 * A text longer than Telegram's 4,096 characters (a circular of many units) goes out in parts
 * (schedules/long-message.ts), each recorded as it is accepted: before the first, the parts'
 * texts are fixed on the row (`parts`), and after each, `parts_sent` counts it. A retry — after
 * a 5xx, a 429 or a crash — sends the remaining parts of the same text, so every part reaches
 * the chat once, save the one part in flight at a crash. Rows of several items (a liaison's
 * reminder) whose message would not fit in one go out in smaller messages instead.
 *
 * Outcomes:
 * - 429: everything pauses for `retry_after`; the message is retried, not counted as a failure.
 * - 5xx, network errors: retried with backoff (2 s, 10 s, 1 min, then every 5 min) for about a
 *   day, MAX_ATTEMPTS in all; then failed. A network down for an hour loses nothing: a reminder
 *   before its due moment that is still unsent when the moment passes is skipped as stale.
 * - 403 to a person (blocked the bot, "user is deactivated", never started it) and 400 "chat not
 *   found" (an account the bot never met, or deleted): the person is marked unreachable, their
 *   rows fail with Telegram's words, and the leads of their units are told once, in words that
 *   fit the reason (schedules/notices/unreachable.ts).
 * - 403 or "chat not found" in a group ("bot was kicked from the group chat"): the plans whose
 *   leading group it was are unbound and the admins told once (schedules/group-lost.ts).
 * - 400 with migrate_to_chat_id: the group's new id is adopted and the message retried.
 * - 400 "message is too long" (never expected: the parts are measured as Telegram measures):
 *   failed, and the admins are told what could not be sent to whom.
 * - other 400s: failed with the reason.
 *
 * Lost replies. Telegram can deliver a message and then lose its answer (a timeout, a reset):
 * to the dispatcher that is a network error like any other, so the message is sent again and
 * the chat has it twice. Nothing can be checked first: the Bot API has no way to read a chat's
 * messages or to send with an idempotency key, so "was it delivered?" has no answer, and not
 * retrying would lose every message whose request never reached Telegram. The bound is
 * therefore one duplicate per lost reply (a retry that loses its reply too is another lost
 * reply), never more: a part recorded in `parts_sent` is not sent again, and pictures after a
 * message are never retried. The Telegram-faults drill counts them (test/faults/README.md).
 * Before sending, rows that no longer matter are skipped: the period was reported, the due
 * moment passed (for reminders before it), the person became unreachable.
 */
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import { DateTime } from 'luxon';
import type { DB } from '../db';
import { outbox, people, reports, roles } from '../db/schema';
import type { Translator } from '../core/translate';
import type { Clock } from '../core/clock';
import { PLAN_ZONE } from '../plans/due-dates';
import type { WorkingDayCalendar } from './calendar';
import { adminsOf } from './recipients';
import { splitHtmlMessage } from './long-message';
import { markUnreachable } from './reachability';
import { adoptMigratedChat } from './chat-migration';
import { loseLeadGroup } from './group-lost';
import { ITEMS_PER_MESSAGE } from './notices/liaison-reminder';
import { asOutboxRow, noticeOf, type NoticeRegistry, type OutboxRow } from './notices/notice';
import { isLiaisonKind } from '../core/outbox-kind';
import { localeOfPerson } from '../db/identity';
import { enqueue } from './enqueue';
import { SendThrottle, TELEGRAM_LIMITS, type ThrottleLimits } from './throttle';

const BACKOFF_MS = [2_000, 10_000, 60_000, 300_000];
/** Retrying every 5 minutes for a day, after the first waits. */
export const MAX_ATTEMPTS = BACKOFF_MS.length + (24 * 60) / 5;

export interface DispatcherDeps {
  db: DB;
  api: Api;
  i18n: Translator;
  clock: Clock;
  calendar: () => WorkingDayCalendar;
  /** Every kind's notice (app/notices.ts): how its rows are grouped and worded. */
  notices: NoticeRegistry;
  /** Waits `ms` of the clock's time; tests pass one that moves a manual clock. */
  sleep: (ms: number) => Promise<void>;
  limits?: ThrottleLimits;
  log?: (line: string) => void;
  /** Due rows read per pass (default 500); a small page lets a test see how rows are grouped. */
  pageSize?: number;
  /** Configured admins (DUBAN_ADMINS), told with the granted ones of a message Telegram refused as too long. */
  admins?: readonly number[];
}

/** Telegram's answer to a text over its limit. */
const TOO_LONG = /message is too long|MESSAGE_TOO_LONG/i;
/** A chat the bot cannot reach at all: an account it never met or that was deleted, a deleted group. */
const CHAT_NOT_FOUND = /chat not found/i;

export interface DispatchResult {
  sent: number;
  failed: number;
  skipped: number;
  retried: number;
}

export class Dispatcher {
  private readonly throttle: SendThrottle;
  private running: Promise<DispatchResult> | null = null;
  /** Set by stop(): the dispatch under way ends before its next message (SIGTERM, bot/startup.ts). */
  private stopping = false;

  constructor(private readonly deps: DispatcherDeps) {
    this.throttle = new SendThrottle(deps.limits ?? TELEGRAM_LIMITS);
  }

  /** Ends the dispatch under way between two messages; rows not yet sent stay pending. */
  stop(): void {
    this.stopping = true;
  }

  resume(): void {
    this.stopping = false;
  }

  /** After a crash: rows left `sending` go back to `pending` (each may repeat one message). */
  recover(): number {
    const now = this.deps.clock.now();
    return this.deps.db.update(outbox).set({ status: 'pending', updatedAt: now }).where(eq(outbox.status, 'sending')).run().changes;
  }

  /** Sends everything due now. Concurrent calls share one run. */
  dispatchDue(): Promise<DispatchResult> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<DispatchResult> {
    const result: DispatchResult = { sent: 0, failed: 0, skipped: 0, retried: 0 };
    const { db, clock } = this.deps;
    for (;;) {
      if (this.stopping) return result;
      const due = db
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), lte(outbox.sendAfter, clock.now())))
        // outbox_dispatch_order_idx: each chat's rows of one kind and due day are read together.
        .orderBy(asc(outbox.sendAfter), asc(outbox.chatId), asc(outbox.kind), asc(outbox.dueAt), asc(outbox.id))
        .limit(this.deps.pageSize ?? 500)
        .all()
        .map(asOutboxRow);
      if (due.length === 0) return result;
      let progressed = false;
      for (const batch of this.batches(due)) {
        if (this.stopping) return result;
        const outcome = await this.sendBatch(batch, result);
        progressed ||= outcome;
      }
      // Rows retried later (backoff) are no longer due; a loop without progress would spin.
      if (!progressed) return result;
    }
  }

  /** Groups rows into messages as their kind's notice says: one chat, one kind, one due day, a handful of items; or each alone. */
  private batches(rows: OutboxRow[]): OutboxRow[][] {
    const groups = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const dueDay = row.dueAt ? DateTime.fromJSDate(row.dueAt, { zone: PLAN_ZONE }).toISODate() : '';
      const key =
        noticeOf(this.deps.notices, row.kind).grouping === 'by-chat-and-day' ? `${row.chatId}|${row.kind}|${dueDay}` : `${row.id}`;
      const group = groups.get(key) ?? [];
      group.push(row);
      groups.set(key, group);
    }
    const out: OutboxRow[][] = [];
    for (const group of groups.values()) {
      const size = noticeOf(this.deps.notices, group[0]!.kind).rowsPerMessage ?? ITEMS_PER_MESSAGE;
      for (let i = 0; i < group.length; i += size) out.push(group.slice(i, i + size));
    }
    return out;
  }

  private setStatus(rows: OutboxRow[], values: Partial<typeof outbox.$inferInsert>): void {
    this.deps.db
      .update(outbox)
      .set({ ...values, updatedAt: this.deps.clock.now() })
      .where(
        inArray(
          outbox.id,
          rows.map((r) => r.id),
        ),
      )
      .run();
  }

  /** Rows of a batch still worth sending; the others are marked skipped with the reason. */
  private stillWanted(rows: OutboxRow[], result: DispatchResult): OutboxRow[] {
    const { db, clock } = this.deps;
    const now = clock.now();
    const wanted: OutboxRow[] = [];
    for (const row of rows) {
      let reason: string | null = null;
      const person =
        row.personId === null
          ? null
          : db.select({ unreachableAt: people.unreachableAt }).from(people).where(eq(people.id, row.personId)).get();
      if (person?.unreachableAt) reason = 'unreachable';
      // A group's row read with this page may have been given up since (schedules/group-lost.ts).
      else if (
        row.personId === null &&
        db.select({ status: outbox.status }).from(outbox).where(eq(outbox.id, row.id)).get()?.status !== 'pending'
      )
        continue;
      else if (isLiaisonKind(row.kind) && row.kind !== 'overdue' && row.dueAt && row.dueAt.getTime() < now.getTime())
        reason = 'stale: the due moment has passed';
      // Removed (or moved) since it was planned: a liaison hears only of the units they serve now.
      else if (isLiaisonKind(row.kind) && row.personId !== null && row.unitId !== null && !this.servesUnit(row.personId, row.unitId))
        reason = 'removed';
      else if (row.requirementId !== null && row.unitId !== null && row.period !== null) {
        const reported = db
          .select({ id: reports.id })
          .from(reports)
          .where(and(eq(reports.requirementId, row.requirementId), eq(reports.unitId, row.unitId), eq(reports.period, row.period)))
          .get();
        if (reported) reason = 'reported';
      }
      if (reason) {
        this.setStatus([row], { status: 'skipped', lastError: reason });
        result.skipped++;
      } else {
        wanted.push(row);
      }
    }
    return wanted;
  }

  private servesUnit(personId: number, unitId: number): boolean {
    return (
      this.deps.db
        .select({ id: roles.id })
        .from(roles)
        .where(and(eq(roles.personId, personId), eq(roles.role, 'liaison'), eq(roles.unitId, unitId), isNull(roles.revokedAt)))
        .get() !== undefined
    );
  }

  /** The batch's message, worded by its kind's notice in its reader's language. */
  private render(rows: OutboxRow[]) {
    const { db, i18n, clock } = this.deps;
    const locale = localeOfPerson(db, rows[0]!.personId);
    return noticeOf(this.deps.notices, rows[0]!.kind).render(
      { db, i18n, calendar: this.deps.calendar(), now: clock.now(), locale, t: (key, vars) => i18n.t(locale, key, vars) },
      rows,
    );
  }

  /** Sends one message for the batch (in parts if it is long); returns whether anything changed state. */
  private async sendBatch(candidates: OutboxRow[], result: DispatchResult): Promise<boolean> {
    const rows = this.stillWanted(candidates, result);
    if (rows.length === 0) return true;
    const { clock, api } = this.deps;
    const rendered = this.render(rows);
    // A message some parts of which have reached the chat is finished with the same text, even if it would now say something else (or nothing).
    const first = rows[0]!;
    const resumed =
      rows.length === 1 && first.parts !== null && first.partsSent > 0 && first.partsSent < first.parts.length ? first.parts : null;
    const parts = resumed ?? (rendered ? splitHtmlMessage(rendered.text) : []);
    if (parts.length === 0) {
      this.setStatus(rows, { status: 'skipped', lastError: 'nothing left to say' });
      result.skipped += rows.length;
      return true;
    }
    if (!resumed && parts.length > 1 && rows.length > 1) {
      // Several items too long for one message: fewer items a message.
      const half = Math.ceil(rows.length / 2);
      const done = await this.sendBatch(rows.slice(0, half), result);
      return (await this.sendBatch(rows.slice(half), result)) || done;
    }
    const chatId = first.chatId;
    // The chat's pace first: a stop that comes while waiting leaves the rows pending, untouched.
    await this.paced(chatId);
    if (this.stopping) return false;
    // Committed before the first call: a crash from here until a part is recorded may repeat that one part.
    this.setStatus(rows, {
      status: 'sending',
      attempts: sql`${outbox.attempts} + 1` as unknown as number,
      ...(resumed ? {} : { parts: parts.length > 1 ? parts : null, partsSent: 0 }),
    });
    let sent = resumed ? first.partsSent : 0;
    try {
      for (; sent < parts.length; sent++) {
        await this.paced(chatId);
        const last = sent === parts.length - 1;
        const message = await api.sendMessage(chatId, parts[sent]!, {
          parse_mode: 'HTML',
          // The buttons under the last part, which ends the text.
          reply_markup: last ? (rendered?.keyboard ?? undefined) : undefined,
          link_preview_options: { is_disabled: true },
        });
        this.throttle.record(chatId, clock.now().getTime());
        if (last)
          this.setStatus(rows, {
            status: 'sent',
            messageId: message.message_id,
            sentAt: clock.now(),
            lastError: null,
            partsSent: parts.length,
          });
        else this.setStatus(rows, { partsSent: sent + 1 });
      }
      result.sent += rows.length;
      if (rendered?.pictures) await this.sendPictures(chatId, rendered.pictures);
      return true;
    } catch (error) {
      return this.handleFailure(rows, error, result, { sent, parts: parts.length });
    }
  }

  /** Waits until the throttle lets a message go to the chat. */
  private async paced(chatId: number): Promise<void> {
    for (;;) {
      const wait = this.throttle.waitFor(chatId, this.deps.clock.now().getTime());
      if (wait <= 0) return;
      await this.deps.sleep(wait);
    }
  }

  /**
   * The pictures after a message that is already recorded as sent: best effort, never
   * retried, so a failure can cost a chart but never repeat the message.
   */
  private async sendPictures(chatId: number, pictures: () => Promise<Buffer[]>): Promise<void> {
    try {
      for (const [i, picture] of (await pictures()).entries()) {
        for (
          let wait = this.throttle.waitFor(chatId, this.deps.clock.now().getTime());
          wait > 0;
          wait = this.throttle.waitFor(chatId, this.deps.clock.now().getTime())
        ) {
          await this.deps.sleep(wait);
        }
        await this.deps.api.sendPhoto(chatId, new InputFile(picture, `chart-${i + 1}.png`));
        this.throttle.record(chatId, this.deps.clock.now().getTime());
      }
    } catch (error) {
      this.deps.log?.(`charts to chat ${chatId} not sent: ${String((error as Error)?.message ?? error)}`);
    }
  }

  private async handleFailure(
    rows: OutboxRow[],
    error: unknown,
    result: DispatchResult,
    progress: { sent: number; parts: number },
  ): Promise<boolean> {
    const { clock, log } = this.deps;
    const now = clock.now();
    // One message may join rows retried before with fresh ones: the most tried row counts.
    const attempts = Math.max(...rows.map((r) => r.attempts ?? 0)) + 1;
    if (error instanceof GrammyError) {
      const { error_code: code, description, parameters } = error;
      if (code === 429) {
        this.throttle.pause(parameters.retry_after ?? 5, now.getTime());
        // A flood wait is Telegram's pacing, not a failure: the attempt is given back.
        this.setStatus(rows, { status: 'pending', attempts: attempts - 1, lastError: description });
        result.retried += rows.length;
        return true;
      }
      if (code === 400 && parameters.migrate_to_chat_id !== undefined) {
        adoptMigratedChat(this.deps.db, rows[0]!.chatId, parameters.migrate_to_chat_id, now);
        this.setStatus(rows, { status: 'pending', chatId: parameters.migrate_to_chat_id, lastError: description });
        result.retried += rows.length;
        return true;
      }
      if (code === 403 || (code === 400 && CHAT_NOT_FOUND.test(description))) {
        this.setStatus(rows, { status: 'failed', lastError: description });
        result.failed += rows.length;
        const { personId, chatId } = rows[0]!;
        // The one rule for a person the bot cannot reach (schedules/reachability.ts): marked once, the leads told once.
        if (personId !== null) markUnreachable(this.deps.db, personId, now, { via: String(code), detail: description });
        // A group the bot is no longer in: no plan leads there any more, the admins are told once.
        else if (chatId < 0)
          loseLeadGroup(this.deps.db, chatId, now, { via: String(code), detail: description, admins: this.deps.admins ?? [] });
        log?.(`message to chat ${chatId} refused: ${description}`);
        return true;
      }
      if (code === 400 && TOO_LONG.test(description)) {
        this.setStatus(rows, { status: 'failed', lastError: description });
        result.failed += rows.length;
        log?.(`message to chat ${rows[0]!.chatId} refused as too long (part ${progress.sent + 1} of ${progress.parts})`);
        this.tellAdminsTooLong(rows[0]!, progress, now);
        return true;
      }
      if (code < 500) {
        this.setStatus(rows, { status: 'failed', lastError: description });
        result.failed += rows.length;
        log?.(`reminder to chat ${rows[0]!.chatId} failed: ${description}`);
        return true;
      }
    } else if (!(error instanceof HttpError)) {
      throw error;
    }
    // 5xx or the network: try again later, a bounded number of times.
    const reason = error instanceof GrammyError ? error.description : (error as Error).message;
    if (attempts >= MAX_ATTEMPTS) {
      this.setStatus(rows, { status: 'failed', lastError: `gave up after ${attempts} attempts: ${reason}` });
      result.failed += rows.length;
    } else {
      const retryAt = new Date(now.getTime() + BACKOFF_MS[Math.min(attempts - 1, BACKOFF_MS.length - 1)]!);
      this.setStatus(rows, { status: 'pending', sendAfter: retryAt, lastError: reason });
      result.retried += rows.length;
    }
    return false;
  }

  /**
   * Telegram refused a message as too long: it is failed for good, so the admins hear what could
   * not be sent to whom, once per message (never about a notice of their own).
   */
  private tellAdminsTooLong(row: OutboxRow, progress: { sent: number; parts: number }, now: Date): void {
    if (row.kind === 'too-long') return;
    const { db } = this.deps;
    for (const admin of adminsOf(db, this.deps.admins ?? [])) {
      enqueue(
        db,
        {
          key: { kind: 'too-long', personId: admin.personId, outboxId: row.id },
          personId: admin.personId,
          chatId: admin.chatId,
          unitId: row.unitId,
          period: row.period,
          payload: {
            outboxId: row.id,
            kind: row.kind,
            personId: row.personId,
            chatId: row.chatId,
            sent: progress.sent,
            parts: progress.parts,
          },
        },
        now,
      );
    }
  }
}
