/**
 * A kind of notice (core/outbox-kind.ts): how the dispatcher groups its due rows into messages,
 * how it words them when they are sent, and, for kinds that plan themselves each tick, how it
 * plans them. One file per kind implements this (schedules/notices/, digests/notices/);
 * app/notices.ts lists them all for the scheduler and the dispatcher.
 */
import type { InlineKeyboard } from 'grammy';
import type { DB } from '../../db';
import type { outbox } from '../../db/schema';
import type { OutboxKind, OutboxPayload } from '../../core/outbox-kind';
import type { Translator } from '../../core/translate';
import type { WorkingDayCalendar } from '../calendar';

/** An outbox row of one kind, its payload typed by the kind. */
export type OutboxRow<K extends OutboxKind = OutboxKind> = Omit<typeof outbox.$inferSelect, 'kind' | 'payload'> & {
  kind: K;
  payload: OutboxPayload<K>;
};

export interface RenderedMessage {
  text: string;
  keyboard: InlineKeyboard | null;
  /** Pictures sent after the text (a summary's charts), best effort. */
  pictures?: () => Promise<Buffer[]>;
}

/** What a notice is worded with, at the moment it is sent. */
export interface RenderContext {
  db: DB;
  i18n: Translator;
  calendar: WorkingDayCalendar;
  now: Date;
  /** The reader's language (their own, or the default for a group). */
  locale: string;
  t: (key: string, vars?: Record<string, string | number>) => string;
}

/** What a notice is planned with, each tick. */
export interface PlanContext {
  db: DB;
  calendar: WorkingDayCalendar;
  now: Date;
  /** Configured admins (DUBAN_ADMINS), beside those granted in chat. */
  admins: readonly number[];
}

export interface Notice<K extends OutboxKind> {
  /**
   * How due rows become messages: `by-chat-and-day` puts a chat's rows of one kind and due day
   * in one message (a liaison's eight items due on the 10th in one reminder); `alone` sends
   * each row as its own message.
   */
  grouping: 'by-chat-and-day' | 'alone';
  /**
   * With `by-chat-and-day`, the most rows one message takes (default: a liaison reminder's
   * ITEMS_PER_MESSAGE, each item with its buttons). The dispatcher reads a page of rows at a time,
   * so a group never spans more than a page.
   */
  rowsPerMessage?: number;
  /** The message for rows of one group. Null when nothing in it is worth sending any more. */
  render(context: RenderContext, rows: OutboxRow<K>[]): RenderedMessage | null;
  /** Plans this kind's rows (rows planned twice are one, by their key). Absent for kinds planned elsewhere. */
  plan?(context: PlanContext): number;
}

/** The registry's slots: every kind, with the reminders N days before sharing one. */
export type NoticeSlot = Exclude<OutboxKind, `before-${number}`> | 'before';

/** Every kind's notice. A kind missing here is a type error where the registry is written. */
export type NoticeRegistry = { [S in NoticeSlot]: Notice<S extends 'before' ? `before-${number}` : S> };

export function noticeOf(registry: NoticeRegistry, kind: OutboxKind): Notice<OutboxKind> {
  const slot: NoticeSlot = kind.startsWith('before-') ? 'before' : (kind as NoticeSlot);
  return registry[slot] as Notice<OutboxKind>;
}

/** Each notice once (one notice may fill several slots), in the registry's order: the planners to run. */
export function distinctNotices(registry: NoticeRegistry): Notice<OutboxKind>[] {
  return [...new Set(Object.values(registry) as Notice<OutboxKind>[])];
}

/** The typed payload of a row read from the outbox (its JSON column is written only by enqueue()). */
export function asOutboxRow(row: typeof outbox.$inferSelect): OutboxRow {
  return row as OutboxRow;
}
