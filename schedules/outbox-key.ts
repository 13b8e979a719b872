/**
 * The outbox's keys: one builder for every kind (core/outbox-kind.ts). A key is unique in the
 * outbox (db/schema.ts), so planning the same message twice plans it once; each kind's key
 * names what makes its message one message. The shapes are those the planners wrote before this
 * builder existed, character for character, so the rows of an older database still match
 * (test/schedules/outbox-key.test.ts).
 */
import type { OutboxKind, ReminderKind } from '../core/outbox-kind';

export type OutboxKeyParts =
  | ReminderKeyParts
  /** A reminder put off to `day` (YYYY-MM-DD). */
  | { kind: 'snooze'; day: string; personId: number; requirementId: number; unitId: number; period: string }
  /** A week's summary (its ISO week key) to a lead, or to a plan's leading group. */
  | { kind: 'weekly-summary'; to: { personId: number } | { planId: number }; week: string }
  | { kind: 'circular-draft'; personId: number; circularId: number }
  | { kind: 'circular'; to: { personId: number } | { groupChatId: number }; circularId: number }
  | { kind: 'calendar-missing'; personId: number; year: number }
  /** Once per lead, liaison and time the liaison was found unreachable. */
  | { kind: 'unreachable'; personId: number; aboutPersonId: number; since: Date }
  /** Once per admin, plan, group and time the group was lost. */
  | { kind: 'group-lost'; personId: number; planId: number; chatId: number; at: Date }
  /** Once per admin and outbox row too long to send whole. */
  | { kind: 'too-long'; personId: number; outboxId: number }
  /**
   * A kind added since: once per recipient (a person, or a group's chat) and `subject`, what
   * the notice is about ("plan3", "2027"). Its key needs no line here.
   */
  | SubjectKeyParts;

/**
 * A liaison's reminder about one item, unit and period; a lead's notice about a unit
 * (requirementId null, period "@" and the due day: once per unit and due day).
 */
export interface ReminderKeyParts {
  kind: ReminderKind | 'overdue-lead' | 'no-liaison';
  personId: number;
  requirementId: number | null;
  unitId: number;
  period: string;
}

export interface SubjectKeyParts {
  kind: Exclude<OutboxKind, KeyedKind>;
  to: { personId: number } | { chatId: number };
  subject: string;
}

/** The kinds whose keys were written before this builder, each in its own shape below. */
type KeyedKind =
  | ReminderKind
  | 'overdue-lead'
  | 'no-liaison'
  | 'snooze'
  | 'weekly-summary'
  | 'circular-draft'
  | 'circular'
  | 'calendar-missing'
  | 'unreachable'
  | 'group-lost'
  | 'too-long';

export function outboxKey(parts: OutboxKeyParts): string {
  switch (parts.kind) {
    case 'snooze':
      return `snooze@${parts.day}|p${parts.personId}|r${parts.requirementId}|u${parts.unitId}|${parts.period}`;
    case 'weekly-summary':
      return 'personId' in parts.to ? `weekly|p${parts.to.personId}|${parts.week}` : `weekly|plan${parts.to.planId}|${parts.week}`;
    case 'circular-draft':
      return `circular-draft|p${parts.personId}|c${parts.circularId}`;
    case 'circular':
      return 'personId' in parts.to
        ? `circular|p${parts.to.personId}|c${parts.circularId}`
        : `circular|g${parts.to.groupChatId}|c${parts.circularId}`;
    case 'calendar-missing':
      return `calendar-missing|p${parts.personId}|${parts.year}`;
    case 'unreachable':
      return `unreachable|p${parts.personId}|person${parts.aboutPersonId}|@${parts.since.getTime()}`;
    case 'group-lost':
      return `group-lost|p${parts.personId}|plan${parts.planId}|g${parts.chatId}|@${parts.at.getTime()}`;
    case 'too-long':
      return `too-long|p${parts.personId}|o${parts.outboxId}`;
    default:
      return hasSubject(parts) ? subjectKey(parts) : reminderKey(parts);
  }
}

/** A kind added since the builder (only those have a subject), or else a reminder's or lead's notice. */
function hasSubject(parts: SubjectKeyParts | ReminderKeyParts): parts is SubjectKeyParts {
  return 'subject' in parts;
}

function subjectKey(parts: SubjectKeyParts): string {
  return `${parts.kind}|${'personId' in parts.to ? `p${parts.to.personId}` : `g${parts.to.chatId}`}|${parts.subject}`;
}

function reminderKey(parts: ReminderKeyParts): string {
  // Requirement first: the planner writes one requirement's rows at a time, so their keys
  // land side by side in the unique index instead of all over it (fewer pages written a tick).
  return `${parts.kind}|r${parts.requirementId ?? '-'}|u${parts.unitId}|p${parts.personId}|${parts.period}`;
}
