/**
 * The kinds of message the outbox carries (db/schema.ts `outbox.kind`) and what each row of a
 * kind carries in its JSON `payload`. Adding a kind of notice is one member here (its payload)
 * and one file that says how it is keyed, planned and worded (a `Notice`, schedules/notices/);
 * app/notices.ts lists every kind's notice, and the compiler refuses a kind left out of it.
 */

/** A liaison's reminder: N working days before the due day, on it, or after it (overdue). */
export type ReminderKind = `before-${number}` | 'due' | 'overdue';

/** Nothing beyond the row's columns (requirement, unit, period, due day). */
type NoPayload = Record<string, never>;

/** Each kind's payload. A reminder's own row says everything (its requirement, unit and period). */
export interface OutboxPayloads {
  [reminder: `before-${number}`]: NoPayload;
  due: NoPayload;
  overdue: NoPayload;
  /** The unit's lead: its liaison let the item go overdue. */
  'overdue-lead': NoPayload;
  /** The unit's lead: the unit has no liaison to remind. */
  'no-liaison': NoPayload;
  /** A reminder a liaison put off to the next working day (the 明天提醒 button). */
  snooze: NoPayload;
  /** The weekly summary: to a plan's leading group, its plan; to a lead, none (their scope). */
  'weekly-summary': { planId?: number };
  /** The month's circular as a draft, to the admins. */
  'circular-draft': { circularId: number };
  /** The published circular, to the plan's group and its leads. */
  circular: { circularId: number };
  /** The admins: next year's holiday calendar is not loaded. */
  'calendar-missing': { year: number };
  /** A lead: a liaison of theirs (`personId`) blocked the bot. */
  unreachable: { personId: number };
  /** The admins: the bot left a plan's leading group. */
  'group-lost': { planId: number; chatId: number };
  /** The admins: a message was too long to send whole; what it was and whom it was for. */
  'too-long': { outboxId: number; kind: OutboxKind; personId: number | null; chatId: number; sent?: number; parts?: number };
}

export type OutboxKind = keyof OutboxPayloads;

export type OutboxPayload<K extends OutboxKind = OutboxKind> = OutboxPayloads[K];

const REMINDER = /^(before-\d+|due|overdue)$/;

export function isReminderKind(kind: string): kind is ReminderKind {
  return REMINDER.test(kind);
}

/** Kinds a liaison gets about their own items: the reminders and a put-off reminder. */
export function isLiaisonKind(kind: string): kind is ReminderKind | 'snooze' {
  return kind === 'snooze' || isReminderKind(kind);
}

/** What the planner plans: a liaison's reminder, or a lead's notice about a unit. */
export type DraftKind = ReminderKind | 'overdue-lead' | 'no-liaison';

/** A row the planner worked out, keyed (schedules/outbox-key.ts), for the outbox (db/outbox-rows.ts). */
export interface OutboxDraft {
  key: string;
  personId: number;
  chatId: number;
  /** Null for notices about a whole unit (overdue-lead, no-liaison). */
  requirementId: number | null;
  unitId: number;
  period: string;
  kind: DraftKind;
  sendAfter: Date;
  dueAt: Date;
}
