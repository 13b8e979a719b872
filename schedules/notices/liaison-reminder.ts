/**
 * A liaison's reminder (before-N, due, overdue, and one put off with 明天提醒): one message per
 * chat, kind and due day listing the items, each with its 已完成 and 去填报 buttons. Details are
 * read when the message is sent, so it says what is still missing at that moment.
 */
import { eq, inArray } from 'drizzle-orm';
import { InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import { quotas, requirements, tasks, units } from '../../db/schema';
import type { ReminderKind } from '../../core/outbox-kind';
import { circled, escapeHtml, formatDay, truncate } from '../../core/format';
import { PLAN_ZONE } from '../../core/zone';
import { latestRatio } from '../ratio-targets';
import { quotaWindow } from '../quota-window';
import { countedSoFar, planFacts } from '../unit-requirements';
import { reminderButtons } from '../reminder-callbacks';
import type { Notice, OutboxRow, RenderContext, RenderedMessage } from './notice';

/** At most this many items in one message; more go in the next. */
export const ITEMS_PER_MESSAGE = 10;

/**
 * A reminder names each item by its number and the start of its task's title, so that ten items
 * of any plan fit in one message; the whole title is in /tasks.
 */
export const TITLE_IN_REMINDER = 30;

type LiaisonKind = ReminderKind | 'snooze';

export const liaisonReminder: Notice<LiaisonKind> = {
  grouping: 'by-chat-and-day',
  render: renderLiaisonReminder,
};

function renderLiaisonReminder(context: RenderContext, rows: OutboxRow<LiaisonKind>[]): RenderedMessage | null {
  const { db, t, calendar, now, locale } = context;
  const first = rows[0]!;
  const due = DateTime.fromJSDate(first.dueAt ?? now, { zone: PLAN_ZONE });
  const day = formatDay(due, locale);
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
      .text(t('reminder-button-done', { item }), reminderButtons.done.encode({ outboxId: row.id }))
      .text(t('reminder-button-report', { item }), reminderButtons.report.encode({ outboxId: row.id }))
      .row();
  });
  if (first.kind !== 'overdue') keyboard.text(t('reminder-button-snooze'), reminderButtons.snooze.encode({ outboxId: first.id }));
  return { text: lines.join('\n'), keyboard };
}
