/**
 * Sends the outbox within Telegram's limits and records every outcome.
 *
 * Each message's rows are marked `sending` (in a committed write) before the HTTP call and
 * `sent` with the message id after it. A crash between the two leaves them `sending`;
 * `recover()` at start puts them back to `pending`, so they are sent again. That is the only
 * way a reminder can be doubled, and it is bounded: one message is in flight at a time, so a
 * crash repeats at most that one message (test/schedules/dispatcher.test.ts proves the bound).
 *
 * Outcomes:
 * - 429: everything pauses for `retry_after`; the message is retried, not counted as a failure.
 * - 5xx, network errors: retried with backoff (2 s, 10 s, 1 min, then every 5 min) for about a
 *   day, MAX_ATTEMPTS in all; then failed. A network down for an hour loses nothing: a reminder
 *   before its due moment that is still unsent when the moment passes is skipped as stale.
 * - 403 (blocked by the user): the person is marked unreachable, their rows fail, and the
 *   leads of their units are told once.
 * - 400 with migrate_to_chat_id: the group's new id is adopted and the message retried.
 * - other 400s (chat not found …): failed with the reason.
 * Before sending, rows that no longer matter are skipped: the period was reported, the due
 * moment passed (for reminders before it), the person became unreachable.
 */
import { and, asc, eq, inArray, isNull, lte, sql } from 'drizzle-orm';
import { GrammyError, HttpError, InputFile, type Api } from 'grammy';
import type { I18n } from '@grammyjs/i18n';
import { DateTime } from 'luxon';
import type { DB } from '../db';
import { outbox, people, reports, roles } from '../db/schema';
import type { BaseContext } from '../bot/context';
import type { Clock } from '../bot/clock';
import { PLAN_ZONE } from '../plans/due-dates';
import type { WorkingDayCalendar } from './calendar';
import { leadsOfUnit } from './recipients';
import { adoptMigratedChat } from './chat-migration';
import { isLiaisonKind, ITEMS_PER_MESSAGE, renderReminder, type OutboxRow } from './reminder-message';
import { SendThrottle, TELEGRAM_LIMITS, type ThrottleLimits } from './throttle';

const BACKOFF_MS = [2_000, 10_000, 60_000, 300_000];
/** Retrying every 5 minutes for a day, after the first waits. */
export const MAX_ATTEMPTS = BACKOFF_MS.length + (24 * 60) / 5;

export interface DispatcherDeps {
  db: DB;
  api: Api;
  i18n: I18n<BaseContext>;
  clock: Clock;
  calendar: () => WorkingDayCalendar;
  /** Waits `ms` of the clock's time; tests pass one that moves a manual clock. */
  sleep: (ms: number) => Promise<void>;
  limits?: ThrottleLimits;
  log?: (line: string) => void;
  /** Due rows read per pass (default 500); a small page lets a test see how rows are grouped. */
  pageSize?: number;
}

export interface DispatchResult {
  sent: number;
  failed: number;
  skipped: number;
  retried: number;
}

export class Dispatcher {
  private readonly throttle: SendThrottle;
  private running: Promise<DispatchResult> | null = null;

  constructor(private readonly deps: DispatcherDeps) {
    this.throttle = new SendThrottle(deps.limits ?? TELEGRAM_LIMITS);
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
      const due = db
        .select()
        .from(outbox)
        .where(and(eq(outbox.status, 'pending'), lte(outbox.sendAfter, clock.now())))
        // outbox_dispatch_order_idx: each chat's rows of one kind and due day are read together.
        .orderBy(asc(outbox.sendAfter), asc(outbox.chatId), asc(outbox.kind), asc(outbox.dueAt), asc(outbox.id))
        .limit(this.deps.pageSize ?? 500)
        .all();
      if (due.length === 0) return result;
      let progressed = false;
      for (const batch of this.batches(due)) {
        const outcome = await this.sendBatch(batch, result);
        progressed ||= outcome;
      }
      // Rows retried later (backoff) are no longer due; a loop without progress would spin.
      if (!progressed) return result;
    }
  }

  /** Groups rows into messages: one chat, one kind, one due day, a handful of items. */
  private batches(rows: OutboxRow[]): OutboxRow[][] {
    const groups = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const dueDay = row.dueAt ? DateTime.fromJSDate(row.dueAt, { zone: PLAN_ZONE }).toISODate() : '';
      const key = isLiaisonKind(row.kind) ? `${row.chatId}|${row.kind}|${dueDay}` : `${row.id}`;
      const group = groups.get(key) ?? [];
      group.push(row);
      groups.set(key, group);
    }
    const out: OutboxRow[][] = [];
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i += ITEMS_PER_MESSAGE) out.push(group.slice(i, i + ITEMS_PER_MESSAGE));
    }
    return out;
  }

  private setStatus(rows: OutboxRow[], values: Partial<typeof outbox.$inferInsert>): void {
    this.deps.db
      .update(outbox)
      .set({ ...values, updatedAt: this.deps.clock.now() })
      .where(inArray(outbox.id, rows.map((r) => r.id)))
      .run();
  }

  /** Rows of a batch still worth sending; the others are marked skipped with the reason. */
  private stillWanted(rows: OutboxRow[], result: DispatchResult): OutboxRow[] {
    const { db, clock } = this.deps;
    const now = clock.now();
    const wanted: OutboxRow[] = [];
    for (const row of rows) {
      let reason: string | null = null;
      const person = row.personId === null ? null : db.select({ unreachableAt: people.unreachableAt }).from(people).where(eq(people.id, row.personId)).get();
      if (person?.unreachableAt) reason = 'unreachable';
      else if (isLiaisonKind(row.kind) && row.kind !== 'overdue' && row.dueAt && row.dueAt.getTime() < now.getTime()) reason = 'stale: the due moment has passed';
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

  /** Sends one message for the batch; returns whether anything changed state. */
  private async sendBatch(candidates: OutboxRow[], result: DispatchResult): Promise<boolean> {
    const rows = this.stillWanted(candidates, result);
    if (rows.length < candidates.length && rows.length === 0) return true;
    const { db, clock, api, i18n } = this.deps;
    const rendered = renderReminder(db, i18n, this.deps.calendar(), rows, clock.now());
    if (!rendered) {
      this.setStatus(rows, { status: 'skipped', lastError: 'nothing left to say' });
      result.skipped += rows.length;
      return true;
    }
    const chatId = rows[0]!.chatId;
    for (;;) {
      const wait = this.throttle.waitFor(chatId, clock.now().getTime());
      if (wait <= 0) break;
      await this.deps.sleep(wait);
    }
    // Committed before the call: a crash from here until `sent` is recorded may repeat this one message.
    this.setStatus(rows, { status: 'sending', attempts: sql`${outbox.attempts} + 1` as unknown as number });
    try {
      const message = await api.sendMessage(chatId, rendered.text, {
        parse_mode: 'HTML',
        reply_markup: rendered.keyboard ?? undefined,
        link_preview_options: { is_disabled: true },
      });
      this.throttle.record(chatId, clock.now().getTime());
      this.setStatus(rows, { status: 'sent', messageId: message.message_id, sentAt: clock.now(), lastError: null });
      result.sent += rows.length;
      if (rendered.pictures) await this.sendPictures(chatId, rendered.pictures);
      return true;
    } catch (error) {
      return this.handleFailure(rows, error, result);
    }
  }

  /**
   * The pictures after a message that is already recorded as sent: best effort, never
   * retried, so a failure can cost a chart but never repeat the message.
   */
  private async sendPictures(chatId: number, pictures: () => Promise<Buffer[]>): Promise<void> {
    try {
      for (const [i, picture] of (await pictures()).entries()) {
        for (let wait = this.throttle.waitFor(chatId, this.deps.clock.now().getTime()); wait > 0; wait = this.throttle.waitFor(chatId, this.deps.clock.now().getTime())) {
          await this.deps.sleep(wait);
        }
        await this.deps.api.sendPhoto(chatId, new InputFile(picture, `chart-${i + 1}.png`));
        this.throttle.record(chatId, this.deps.clock.now().getTime());
      }
    } catch (error) {
      this.deps.log?.(`charts to chat ${chatId} not sent: ${String((error as Error)?.message ?? error)}`);
    }
  }

  private async handleFailure(rows: OutboxRow[], error: unknown, result: DispatchResult): Promise<boolean> {
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
      if (code === 403) {
        this.setStatus(rows, { status: 'failed', lastError: description });
        result.failed += rows.length;
        this.markUnreachable(rows[0]!, now);
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

  /** The person blocked the bot: mark them, and tell the leads of their units once. */
  private markUnreachable(row: OutboxRow, now: Date): void {
    const { db } = this.deps;
    if (row.personId === null) return;
    const person = row.personId;
    db.update(people).set({ unreachableAt: now, updatedAt: now }).where(eq(people.id, person)).run();
    const unitIds = db
      .select({ unitId: roles.unitId })
      .from(roles)
      .where(and(eq(roles.personId, person), eq(roles.role, 'liaison'), isNull(roles.revokedAt)))
      .all()
      .map((r) => r.unitId)
      .filter((id): id is number => id !== null);
    const told = new Set<number>([person]);
    for (const unitId of unitIds) {
      for (const lead of leadsOfUnit(db, unitId)) {
        if (told.has(lead.personId)) continue;
        told.add(lead.personId);
        db.insert(outbox)
          .values({
            // Once per lead and unreachable person, however many reminders bounce.
            key: `unreachable|p${lead.personId}|person${person}`,
            personId: lead.personId,
            chatId: lead.chatId,
            unitId,
            kind: 'unreachable',
            sendAfter: now,
            payload: { personId: person },
            createdAt: now,
            updatedAt: now,
          })
          .onConflictDoNothing({ target: outbox.key })
          .run();
      }
    }
  }
}
