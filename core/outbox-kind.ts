/**
 * The kinds of message the outbox carries (db/schema.ts `outbox.kind`). Adding a kind of notice
 * starts here: a member of this union, its key's shape in schedules/outbox-key.ts, and its words
 * where the dispatcher renders it (schedules/reminder-message.ts).
 */

/** A liaison's reminder: N working days before the due day, on it, or after it (overdue). */
export type ReminderKind = `before-${number}` | 'due' | 'overdue';

export type OutboxKind =
  | ReminderKind
  /** The unit's lead: its liaison let the item go overdue. */
  | 'overdue-lead'
  /** The unit's lead: the unit has no liaison to remind. */
  | 'no-liaison'
  /** A reminder a liaison put off to the next working day (the 明天提醒 button). */
  | 'snooze'
  /** The weekly summary, to a lead or a plan's leading group. */
  | 'weekly-summary'
  /** The month's circular as a draft, to the admins. */
  | 'circular-draft'
  /** The published circular, to the plan's group and its leads. */
  | 'circular'
  /** The admins: next year's holiday calendar is not loaded. */
  | 'calendar-missing'
  /** A lead: a liaison of theirs blocked the bot. */
  | 'unreachable'
  /** The admins: the bot left a plan's leading group. */
  | 'group-lost'
  /** The admins: a message was too long to send whole. */
  | 'too-long';
