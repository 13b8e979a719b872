/**
 * The buttons under a reminder: "done" records a done report for that requirement's period
 * in one tap; "remind me next working day" plans the message's items again for the next
 * working day, never past the due day. Each press is checked against the presser's units,
 * and pressing twice records nothing twice. "Done" saves through saveReport like /report does,
 * for the period of the message pressed.
 */
import { Composer, InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import type { BotContext } from '../context';
import { outboxRow, outboxRowsOfMessage } from '../../db/outbox-rows';
import { requirementItem } from '../../db/requirement-items';
import { reminderPolicyOfRequirement } from '../../db/plans';
import { saveReport } from '../report/save';
import { circled, formatDay } from '../../core/format';
import { localeOfContext } from '../i18n';
import { PLAN_ZONE } from '../../plans/due-dates';
import { isLiaisonKind } from '../../core/outbox-kind';
import { reminderButtons } from '../../schedules/reminder-callbacks';
import { effectivePolicy } from '../../schedules/policy';
import { enqueue } from '../../schedules/enqueue';

export const remindersFeature = new Composer<BotContext>();
const privateChats = remindersFeature.chatType('private');

/** The outbox row behind a button, if the presser is a liaison of its unit. */
function ownRow(ctx: BotContext, id: number) {
  const row = outboxRow(ctx.deps.db, id);
  if (!row || row.requirementId === null || row.unitId === null || row.period === null || !isLiaisonKind(row.kind)) return null;
  return ctx.identity.liaisonUnits.some((unit) => unit.id === row.unitId) ? row : null;
}

/** The keyboard of the pressed message without the buttons whose callback data match. */
function keyboardWithout(ctx: BotContext, drop: (data: string) => boolean): InlineKeyboard {
  const rows = ctx.callbackQuery?.message?.reply_markup?.inline_keyboard ?? [];
  return new InlineKeyboard(
    rows.map((row) => row.filter((b) => !('callback_data' in b) || !drop(b.callback_data))).filter((row) => row.length > 0),
  );
}

privateChats.callbackQuery(reminderButtons.done.pattern, async (ctx) => {
  const row = ownRow(ctx, reminderButtons.done.decode(ctx.callbackQuery.data)!.outboxId);
  if (!row) return ctx.answerCallbackQuery({ text: ctx.t('common-not-allowed'), show_alert: true });
  const { db, clock } = ctx.deps;
  const now = clock.now();
  const saved = saveReport(
    db,
    {
      requirementId: row.requirementId!,
      unitId: row.unitId!,
      period: row.period!,
      dueAt: row.dueAt,
      status: 'done',
      note: null,
      count: null,
      evidence: [],
      personId: ctx.identity.person?.id ?? null,
    },
    now,
    { onlyIfNew: true },
  );
  const item = requirementItem(db, row.requirementId!);
  const label = item ? `${item.number}${circled(item.index)}` : '';
  const when = DateTime.fromJSDate(now, { zone: PLAN_ZONE })
    .setLocale(localeOfContext(ctx) === 'en' ? 'en-GB' : 'zh-CN')
    .toFormat('M/d HH:mm');
  // The press is answered first: Telegram refuses answers after ~15 s, and the edit below may wait on its flood control.
  await ctx.answerCallbackQuery({
    text:
      'refused' in saved
        ? ctx.t(saved.refused === 'closed' ? 'edit-closed' : 'reminder-already-reported')
        : saved.late
          ? ctx.t('reminder-done-late', { item: label })
          : ctx.t('reminder-done-recorded', { item: label, when }),
  });
  await ctx
    .editMessageReplyMarkup({ reply_markup: keyboardWithout(ctx, (data) => data === ctx.callbackQuery.data) })
    .catch(() => undefined);
});

privateChats.callbackQuery(reminderButtons.snooze.pattern, async (ctx) => {
  const first = ownRow(ctx, reminderButtons.snooze.decode(ctx.callbackQuery.data)!.outboxId);
  if (!first || first.dueAt === null) return ctx.answerCallbackQuery({ text: ctx.t('common-not-allowed'), show_alert: true });
  const { db, clock } = ctx.deps;
  const now = clock.now();
  const messageId = ctx.callbackQuery.message?.message_id ?? first.messageId;
  const items = outboxRowsOfMessage(
    db,
    first.chatId,
    messageId ?? -1,
    ctx.identity.liaisonUnits.map((u) => u.id),
  );
  const policy = effectivePolicy(reminderPolicyOfRequirement(db, first.requirementId!));
  const calendar = ctx.deps.calendar();
  const today = DateTime.fromJSDate(now, { zone: PLAN_ZONE }).toISODate()!;
  const nextDay = calendar.nextWorkingDay(today).date;
  const [hour, minute] = policy.workStart.split(':').map(Number) as [number, number];
  const sendAfter = DateTime.fromISO(nextDay, { zone: PLAN_ZONE }).set({ hour, minute });
  // Never past the due day: a reminder after it would only say it is late.
  if (sendAfter.toMillis() > first.dueAt.getTime())
    return ctx.answerCallbackQuery({ text: ctx.t('reminder-snooze-too-late'), show_alert: true });
  for (const item of items.length > 0 ? items : [first]) {
    // Reminders about an item only (a lead's notice about a unit is no reminder to put off).
    if (item.personId === null || item.requirementId === null || item.unitId === null || item.period === null) continue;
    enqueue(
      db,
      {
        key: {
          kind: 'snooze',
          day: nextDay,
          personId: item.personId,
          requirementId: item.requirementId,
          unitId: item.unitId,
          period: item.period,
        },
        personId: item.personId,
        chatId: item.chatId,
        requirementId: item.requirementId,
        unitId: item.unitId,
        period: item.period,
        sendAfter: sendAfter.toJSDate(),
        dueAt: item.dueAt,
        payload: {},
      },
      now,
    );
  }
  await ctx.answerCallbackQuery({ text: ctx.t('reminder-snooze-set', { day: formatDay(sendAfter, localeOfContext(ctx)) }) });
  await ctx
    .editMessageReplyMarkup({ reply_markup: keyboardWithout(ctx, (data) => reminderButtons.snooze.pattern.test(data)) })
    .catch(() => undefined);
});
