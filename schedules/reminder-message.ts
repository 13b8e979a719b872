/**
 * The text and buttons of a reminder message. The dispatcher groups outbox rows going to one
 * chat, of one kind and due day, into one message: a liaison with eight requirements due on
 * the 10th gets one reminder listing them, not eight. Details are read from the database
 * when the message is sent, so it says what is still missing at that moment.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import type { DB } from '../db';
import { circulars, outbox, people, plans, quotas, requirements, roles, tasks, units } from '../db/schema';
import { latestRatio } from './ratio-targets';
import { quotaWindow, type QuotaWindow } from './quota-window';
import { circled, escapeHtml, formatDay, truncate } from '../core/format';
import { unreachableReason } from './reachability';
import type { Translator } from '../core/translate';
import { DEFAULT_LOCALE } from '../core/locale';
import { PLAN_ZONE } from '../plans/due-dates';
import type { WorkingDayCalendar } from './calendar';
import { countedSoFarOfUnits, planFacts, requirementsOfUnit, reportsOfUnit } from './unit-requirements';
import { periodsFrom } from './periods';
import { weeklySummaryMessage } from './weekly';
import { circularButtons, renderCircular } from './circular-text';
import type { CircularContent } from './circular';

export type OutboxRow = typeof outbox.$inferSelect;

/** At most this many items in one message; more go in the next. */
export const ITEMS_PER_MESSAGE = 10;

/**
 * A reminder names each item by its number and the start of its task's title, so that ten items
 * of any plan fit in one message; the whole title is in /tasks.
 */
export const TITLE_IN_REMINDER = 30;

export interface RenderedMessage {
  text: string;
  keyboard: InlineKeyboard | null;
  /** Pictures sent after the text (a summary's charts), best effort. */
  pictures?: () => Promise<Buffer[]>;
}

export const CALLBACK_DONE = 'rd';
export const CALLBACK_SNOOZE = 'rs';
export const CALLBACK_REPORT = 'rr';

const LIAISON_KINDS = /^(before-\d+|due|overdue|snooze)$/;

export function isLiaisonKind(kind: string): boolean {
  return LIAISON_KINDS.test(kind);
}

export function localeOfPerson(db: DB, personId: number | null): string {
  if (personId === null) return DEFAULT_LOCALE;
  return db.select({ language: people.language }).from(people).where(eq(people.id, personId)).get()?.language ?? DEFAULT_LOCALE;
}

/** The message for rows of one chat, kind and due day. Null when nothing in it is worth sending any more. */
export function renderReminder(
  db: DB,
  i18n: Translator,
  calendar: WorkingDayCalendar,
  rows: OutboxRow[],
  now: Date,
): RenderedMessage | null {
  const first = rows[0]!;
  const locale = localeOfPerson(db, first.personId);
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
  const due = DateTime.fromJSDate(first.dueAt ?? now, { zone: PLAN_ZONE });
  const day = formatDay(due, locale);

  if (isLiaisonKind(first.kind)) return renderLiaisonReminder(db, t, calendar, rows, now, due, day);
  if (first.kind === 'circular-draft' || first.kind === 'circular') {
    const circular = db
      .select()
      .from(circulars)
      .where(eq(circulars.id, (first.payload as { circularId: number }).circularId))
      .get();
    if (!circular) return null;
    const draft = first.kind === 'circular-draft';
    // A draft published or held before it reached this admin is no news any more.
    if (draft && circular.status !== 'draft') return null;
    return {
      text: renderCircular(i18n, locale, circular.content as CircularContent, draft),
      keyboard: draft ? circularButtons(i18n, locale, circular.id, true) : null,
    };
  }
  if (first.kind === 'weekly-summary') {
    // To a leading group: its plan alone; to a lead: their plans and units, plan by plan.
    const weekly = weeklySummaryMessage(db, i18n, calendar, first, locale, now);
    return weekly && { ...weekly, keyboard: null };
  }
  if (first.kind === 'calendar-missing') {
    const { year } = first.payload as { year: number };
    // Loaded since the warning was planned: nothing to say any more.
    if (calendar.coverage(year) !== 'none') return null;
    return { text: t('reminder-calendar-missing', { year: String(year) }), keyboard: null };
  }
  if (first.kind === 'too-long') return renderTooLong(db, t, first);
  const unitName =
    first.unitId === null ? '' : (db.select({ name: units.name }).from(units).where(eq(units.id, first.unitId)).get()?.name ?? '');
  if (first.kind === 'unreachable') {
    const payload = first.payload as { personId?: number };
    const person = db
      .select()
      .from(people)
      .where(eq(people.id, payload.personId ?? -1))
      .get();
    if (!person) return null;
    const served = db
      .select({ name: units.name })
      .from(roles)
      .innerJoin(units, eq(units.id, roles.unitId))
      .where(and(eq(roles.personId, person.id), eq(roles.role, 'liaison')))
      .all()
      .map((u) => u.name);
    return {
      text: t(unreachableNotice(db, person.id, first.createdAt), { person: escapeHtml(person.name), units: escapeHtml(served.join('、')) }),
      keyboard: null,
    };
  }
  if (first.kind === 'group-lost') {
    const { planId } = first.payload as { planId: number };
    const plan = db.select({ title: plans.title, group: plans.leadGroupChatId }).from(plans).where(eq(plans.id, planId)).get();
    // Bound again since (to this group or another): nothing to say any more.
    if (!plan || plan.group !== null) return null;
    return { text: t('group-lost', { plan: escapeHtml(plan.title ?? '') }), keyboard: null };
  }
  const missing = unreportedOfUnitDueOn(db, first.unitId!, first.dueAt!);
  if (missing.length === 0) return null;
  const key = first.kind === 'no-liaison' ? 'reminder-no-liaison' : 'reminder-overdue-lead';
  const lines = [t(key, { unit: escapeHtml(unitName), count: missing.length, day })];
  if (first.kind === 'overdue-lead') {
    for (const item of missing.slice(0, ITEMS_PER_MESSAGE))
      lines.push(`• ${escapeHtml(item.taskNumber)}${circled(item.index)} ${escapeHtml(truncate(item.taskTitle, TITLE_IN_REMINDER))}`);
    if (missing.length > ITEMS_PER_MESSAGE) lines.push(t('reminder-more', { count: missing.length - ITEMS_PER_MESSAGE }));
  }
  return { text: lines.join('\n'), keyboard: null };
}

function renderLiaisonReminder(
  db: DB,
  t: (key: string, vars?: Record<string, string | number>) => string,
  calendar: WorkingDayCalendar,
  rows: OutboxRow[],
  now: Date,
  due: DateTime,
  day: string,
): RenderedMessage | null {
  const first = rows[0]!;
  const today = DateTime.fromJSDate(now, { zone: PLAN_ZONE }).toISODate()!;
  const daysLeft = calendar.workingDaysBetween(today, due.toISODate()!).count;
  // The on-the-day reminder of a due day that is not a working day comes on the working day
  // before it (Friday for a Sunday): it says how far the due day really is, in calendar days.
  const calendarDaysLeft = Math.max(0, Math.round(due.startOf('day').diff(DateTime.fromISO(today, { zone: PLAN_ZONE }), 'days').days));
  const header =
    first.kind === 'due'
      ? t('reminder-due', { day, days: calendarDaysLeft })
      : first.kind === 'overdue'
        ? t('reminder-overdue', { day })
        : first.kind === 'snooze'
          ? t('reminder-snoozed', { day })
          : t('reminder-before', { day, days: daysLeft });
  const details = db
    .select({
      requirementId: requirements.id,
      index: requirements.index,
      text: requirements.text,
      taskNumber: tasks.number,
      taskTitle: tasks.title,
      planId: tasks.planId,
      quotaTarget: quotas.target,
      quotaUnit: quotas.unitLabel,
      quotaPeriod: quotas.period,
      quotaKind: quotas.kind,
    })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .leftJoin(quotas, eq(quotas.requirementId, requirements.id))
    .where(
      inArray(
        requirements.id,
        rows.map((r) => r.requirementId!),
      ),
    )
    .all();
  const byId = new Map(details.map((d) => [d.requirementId, d]));
  const lines = [header];
  const unitIds = [...new Set(rows.map((r) => r.unitId!))];
  const unitNames = new Map(
    db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(inArray(units.id, unitIds))
      .all()
      .map((u) => [u.id, u.name]),
  );
  const keyboard = new InlineKeyboard();
  rows.forEach((row, i) => {
    const detail = byId.get(row.requirementId!);
    if (!detail) return;
    const item = `${detail.taskNumber}${circled(detail.index)}`;
    lines.push(
      '',
      t('reminder-item', { number: i + 1, task: escapeHtml(item), title: escapeHtml(truncate(detail.taskTitle, TITLE_IN_REMINDER)) }),
    );
    lines.push(escapeHtml(truncate(detail.text.replace(/^[\u2460-\u2473]/, ''), 50)));
    if (unitIds.length > 1) lines.push(t('reminder-unit', { unit: escapeHtml(unitNames.get(row.unitId!) ?? '') }));
    if (detail.quotaTarget !== null && detail.quotaPeriod !== null && detail.quotaKind === 'ratio') {
      const latest = latestRatio(db, row.requirementId!, row.unitId!, quotaWindow(detail.quotaPeriod, now, planFacts(db, detail.planId)));
      lines.push(
        latest === null
          ? t('reminder-ratio-none', { target: String(detail.quotaTarget) })
          : t('reminder-ratio', { target: String(detail.quotaTarget), latest: String(latest) }),
      );
    } else if (detail.quotaTarget !== null && detail.quotaPeriod !== null) {
      const done = countedSoFar(db, row.requirementId!, row.unitId!, quotaWindow(detail.quotaPeriod, now, planFacts(db, detail.planId)));
      lines.push(
        t('reminder-quota', {
          target: String(detail.quotaTarget),
          unit: escapeHtml(detail.quotaUnit ?? ''),
          period: t(`period-${detail.quotaPeriod}`),
          done: String(done),
        }),
      );
    }
    keyboard
      .text(t('reminder-button-done', { item }), `${CALLBACK_DONE}:${row.id}`)
      .text(t('reminder-button-report', { item }), `${CALLBACK_REPORT}:${row.id}`)
      .row();
  });
  if (first.kind !== 'overdue') keyboard.text(t('reminder-button-snooze'), `${CALLBACK_SNOOZE}:${first.id}`);
  return { text: lines.join('\n'), keyboard };
}

/** The lead's notice fits why the person cannot be reached (schedules/reachability.ts). */
const UNREACHABLE_NOTICE = {
  blocked: 'reminder-unreachable',
  deactivated: 'reminder-unreachable-deactivated',
  'not-found': 'reminder-unreachable-not-found',
} as const;

function unreachableNotice(db: DB, personId: number, markedAt: Date): string {
  return UNREACHABLE_NOTICE[unreachableReason(db, personId, markedAt)];
}

/** What kind of message a refused one was, as the locales' select expressions name it. */
function kindFamily(kind: string): string {
  if (isLiaisonKind(kind) || kind === 'overdue-lead' || kind === 'no-liaison') return 'reminder';
  return ['circular', 'circular-draft', 'weekly-summary'].includes(kind) ? kind : 'other';
}

/** To an admin: a message Telegram refused as too long, what it was and whom it was for. */
function renderTooLong(db: DB, t: (key: string, vars?: Record<string, string | number>) => string, row: OutboxRow): RenderedMessage {
  const refused = row.payload as { kind: string; personId: number | null; chatId: number; sent?: number; parts?: number };
  const person =
    refused.personId === null ? undefined : db.select({ name: people.name }).from(people).where(eq(people.id, refused.personId)).get();
  const group = person ? undefined : db.select({ title: plans.title }).from(plans).where(eq(plans.leadGroupChatId, refused.chatId)).get();
  const who = person?.name ?? (group ? t('too-long-group', { plan: escapeHtml(group.title ?? '') }) : String(refused.chatId));
  const lines = [t('too-long-refused', { kind: kindFamily(refused.kind), who: person ? escapeHtml(who) : who })];
  if ((refused.sent ?? 0) > 0) lines.push(t('too-long-partly', { sent: refused.sent!, parts: refused.parts ?? 0 }));
  return { text: lines.join('\n'), keyboard: null };
}

/** Counts a unit has reported toward a quota within its window (schedules/quota-window.ts). */
export function countedSoFar(db: DB, requirementId: number, unitId: number, window: Pick<QuotaWindow, 'from' | 'to'>): number {
  return countedSoFarOfUnits(db, [unitId], [requirementId], window).get(requirementId)?.get(unitId) ?? 0;
}

/** The unit's requirements falling due on `dueAt`'s day (Shanghai) that it has not reported. */
export function unreportedOfUnitDueOn(db: DB, unitId: number, dueAt: Date) {
  const due = DateTime.fromJSDate(dueAt, { zone: PLAN_ZONE });
  const all = requirementsOfUnit(db, unitId);
  const reported = reportsOfUnit(
    db,
    unitId,
    all.map((r) => r.requirementId),
  );
  return all.filter((r) => {
    if (!r.rule) return false;
    // Due that day, at any time: the lead's notice is one per unit and due day (每周五下班前 is due
    // at 18:00, 每月10日前 at 23:59:59; on a Friday the 10th both are in it).
    const [period] = periodsFrom(r.rule, due.startOf('day'), 1, r.facts);
    return (
      period !== undefined &&
      period.due.setZone(PLAN_ZONE).toISODate() === due.toISODate() &&
      !reported.has(`${r.requirementId}|${period.key}`)
    );
  });
}
