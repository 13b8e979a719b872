/**
 * /plans (admins): every imported plan with its number (the one `#N` picks in /units,
 * /deadline, /policy, /group and /invite 领导: bot/plan-picker.ts), title, year, state and size.
 *
 * `/plans archive N` and `/plans restore N`, each after a confirmation, audited ('plan.archive',
 * 'plan.restore'). An archived plan is left out of every view and gets no reminders: the planner
 * reads live plans only (schedules/planner-store.ts), and the reminders and circulars it had
 * waiting in the outbox are skipped ('plan archived'). Restoring puts those back (the dispatcher
 * still drops what became stale) and plans what fell while it was archived as after downtime:
 * of each period only the latest useful reminder, overdue folded into one notice.
 *
 * `/plans end N YYYY-MM-DD` sets the plan's last day and `/plans end N none` clears it, after
 * a confirmation (setPlanEnd, schedules/plan-lifecycle.ts: audited 'plan.end'): no period falls due
 * after it. The list shows the end when one is set, 已结束 (ended) for a live plan whose last
 * day has passed, and when a plan replaced by next year's is waiting to be archived.
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { BaseContext, BotContext } from '../context';
import type { DB } from '../../db';
import { escapeHtml } from '../../core/format';
import { allPlans, archivePlan, planById, planEnd, planSize, restorePlan, type Plan, type PlanRef } from '../../db/plans';
import { insertPlannedReminders } from '../../db/outbox-rows';
import type { Actor } from '../../db/audit-log';
import { replyInParts } from '../../schedules/long-message';
import { draftsByRequirement } from '../../schedules/planner';
import { plannerState, readLastPlanned } from '../../schedules/planner-store';
import type { WorkingDayCalendar } from '../../schedules/calendar';
import { planLabel, readPlanChoice } from '../plan-picker';
import { isPlanDate, planFirstDay } from '../../plans/plan-years';
import { PLAN_ARCHIVED, PlanLifecycleError, setPlanEnd } from '../../schedules/plan-lifecycle';
import { planBounds } from '../../schedules/periods';
import { allow } from '../guards';
import { callbackData } from '../../core/callback-data';

export const plansFeature = new Composer<BotContext>();

/** The plan questions' buttons: archive, restore or cancel (a, r, n); set or clear the plan's last day. */
const planButtons = {
  decide: callbackData('pl', { action: ['a', 'r', 'n'], planId: 'int' }),
  end: callbackData('pl:e', { planId: 'int', endsOn: /\d{4}-\d{2}-\d{2}|none/ }),
};

/** Why an outbox row of an archived plan was not sent; restoring looks for it (the scheduler's archive of a replaced plan writes it too). */
const ARCHIVED = PLAN_ARCHIVED;

function listPlans(ctx: BaseContext) {
  const { db } = ctx.deps;
  const rows = allPlans(db);
  if (rows.length === 0) return ctx.reply(ctx.t('plans-none'));
  const now = ctx.deps.clock.now();
  const lines = [ctx.t('plans-title')];
  for (const plan of rows) {
    const size = planSize(db, plan.id);
    lines.push(
      ctx.t('plans-item', {
        n: String(plan.id),
        title: escapeHtml(plan.title ?? ctx.t('plans-untitled')),
        year: plan.year === null ? ctx.t('plans-no-year') : String(plan.year),
        state: planState(ctx, plan, now),
        tasks: size.tasks,
        requirements: size.requirements,
        units: size.units,
        liaisons: size.liaisons,
      }),
    );
  }
  lines.push('', ctx.t('plans-usage'), ctx.t('plans-end-usage'));
  return replyInParts(ctx, lines.join('\n'), { parse_mode: 'HTML' });
}

/**
 * 进行中, 已结束 (live, its last day passed) or 已归档; with the end when an admin set one, and
 * whether it waits to be archived (replaced by next year's plan, its last notices not all out).
 */
function planState(ctx: BaseContext, plan: Plan, now: Date): string {
  const ended = plan.archivedAt === null && now.getTime() > planBounds(plan).lastMs;
  const state = ctx.t(plan.archivedAt !== null ? 'plans-state-archived' : ended ? 'plans-end-state-ended' : 'plans-state-live');
  const details: string[] = [];
  if (plan.endsOn !== null) details.push(ctx.t('plans-end-until', { date: plan.endsOn }));
  if (plan.archivedAt === null && plan.archiveWhenDone !== null) details.push(ctx.t('plans-rollover-when-done'));
  return details.length === 0 ? state : ctx.t('plans-end-details', { state, details: details.join(ctx.t('plans-end-details-separator')) });
}

/** `/plans archive N` / `/plans restore N`: the confirmation, or why there is nothing to confirm. */
function askChange(ctx: BaseContext, action: 'archive' | 'restore', words: string[]) {
  const { choice } = readPlanChoice(words, { bare: true });
  if (choice === null || words.length !== 1) return ctx.reply(ctx.t('plans-usage'));
  const plan = planById(ctx.deps.db, choice);
  if (!plan) return ctx.reply(ctx.t('plan-choice-unknown', { n: String(choice) }));
  const args = { n: String(plan.id), plan: escapeHtml(planLabel(ctx.t, plan)) };
  if (action === 'archive' && plan.archivedAt !== null) return ctx.reply(ctx.t('plans-already-archived', args), { parse_mode: 'HTML' });
  if (action === 'restore' && plan.archivedAt === null) return ctx.reply(ctx.t('plans-already-live', args), { parse_mode: 'HTML' });
  const keyboard = new InlineKeyboard()
    .text(ctx.t(`plans-button-${action}`), planButtons.decide.encode({ action: action === 'archive' ? 'a' : 'r', planId: plan.id }))
    .text(ctx.t('plans-button-cancel'), planButtons.decide.encode({ action: 'n', planId: plan.id }));
  return ctx.reply(ctx.t(`plans-${action}-confirm`, args), { parse_mode: 'HTML', reply_markup: keyboard });
}

plansFeature.command('plans', allow(['admin']), (ctx) => {
  const [sub, ...rest] = ctx.match.trim().split(/\s+/).filter(Boolean);
  if (sub === undefined) return listPlans(ctx);
  if (/^(archive|归档)$/i.test(sub)) return askChange(ctx, 'archive', rest);
  if (/^(restore|恢复)$/i.test(sub)) return askChange(ctx, 'restore', rest);
  if (/^(end|结束)$/i.test(sub)) return askEnd(ctx, rest);
  return ctx.reply(ctx.t('plans-usage'));
});

/**
 * Plans the reminders of a restored plan that fell while it was archived, (since, now], as the
 * planner does after downtime. Nothing when the planner never ran (its first tick plans nothing).
 */
function planSinceArchived(db: DB, calendar: WorkingDayCalendar, planId: number, since: Date, now: Date): number {
  if (readLastPlanned(db) === null) return 0;
  const base = plannerState(db, calendar);
  const state = { ...base, requirements: base.requirements.filter((r) => r.planId === planId) };
  let planned = 0;
  for (const part of draftsByRequirement(state, { from: since, to: now })) planned += insertPlannedReminders(db, part.drafts, now);
  return planned;
}

/** The admin making the change, as the audit log names them (their Telegram id when they have no person row). */
function actorOf(ctx: BaseContext): Actor {
  return { personId: ctx.identity.person?.id ?? null, label: ctx.identity.person?.name ?? String(ctx.from?.id ?? '') };
}

/**
 * Archives the plan; false when it already was (two admins confirming at once change it once).
 * A plan waiting to be archived after a rollover (plans.archive_when_done) is archived now, and
 * no longer waits: restored, it stays live.
 */
function archive(ctx: BaseContext, plan: PlanRef): boolean {
  return archivePlan(ctx.deps.db, plan, { actor: actorOf(ctx), now: ctx.deps.clock.now(), reason: ARCHIVED });
}

/** Restores the plan; false when it was live already. */
function restore(ctx: BaseContext, plan: PlanRef): boolean {
  const { db } = ctx.deps;
  const now = ctx.deps.clock.now();
  return restorePlan(db, plan, {
    actor: actorOf(ctx),
    now,
    reason: ARCHIVED,
    planSince: (since) => planSinceArchived(db, ctx.deps.calendar(), plan.id, since, now),
  });
}

/** What `none` (clear the end) may be written as. */
const NO_END = /^(none|无|清除|取消)$/i;

/** The end an admin gave: a date, null to clear, or the refusal's words. */
function readEnd(ctx: BaseContext, plan: PlanRef, text: string): { endsOn: string | null } | { refusal: string } {
  if (NO_END.test(text)) return { endsOn: null };
  // Full-width digits and dashes are normal input from a Chinese keyboard: ２０２６－０６－３０.
  const date = text.normalize('NFKC');
  if (!isPlanDate(date)) return { refusal: ctx.t('plans-end-bad-date', { text: escapeHtml(text) }) };
  const first = planFirstDay(plan);
  if (first !== null && date < first) return { refusal: ctx.t('plans-end-before-year', { date, year: String(plan.year) }) };
  return { endsOn: date };
}

/** `/plans end N YYYY-MM-DD|none`: the confirmation, or why there is nothing to confirm. */
function askEnd(ctx: BaseContext, words: string[]) {
  const { choice, rest } = readPlanChoice(words, { bare: true });
  if (choice === null || rest.length !== 1) return ctx.reply(ctx.t('plans-end-usage'));
  const plan = planById(ctx.deps.db, choice);
  if (!plan) return ctx.reply(ctx.t('plan-choice-unknown', { n: String(choice) }));
  const args = { n: String(plan.id), plan: escapeHtml(planLabel(ctx.t, plan)) };
  if (plan.archivedAt !== null) return ctx.reply(ctx.t('plan-choice-archived-arg', args), { parse_mode: 'HTML' });
  const read = readEnd(ctx, plan, rest[0]!);
  if ('refusal' in read) return ctx.reply(read.refusal, { parse_mode: 'HTML' });
  const current = planEnd(ctx.deps.db, plan.id);
  if (read.endsOn === current) return ctx.reply(ctx.t('plans-end-unchanged', { ...args, date: current ?? 'none' }), { parse_mode: 'HTML' });
  const keyboard = new InlineKeyboard()
    .text(
      ctx.t(read.endsOn === null ? 'plans-end-button-clear' : 'plans-end-button-set'),
      planButtons.end.encode({ planId: plan.id, endsOn: read.endsOn ?? 'none' }),
    )
    .text(ctx.t('plans-button-cancel'), planButtons.decide.encode({ action: 'n', planId: plan.id }));
  const text =
    read.endsOn === null
      ? ctx.t('plans-end-clear-confirm', { ...args, date: current!, year: plan.year === null ? 'none' : String(plan.year) })
      : ctx.t('plans-end-confirm', { ...args, date: read.endsOn });
  return ctx.reply(text, { parse_mode: 'HTML', reply_markup: keyboard });
}

const privateChats = plansFeature.chatType('private');

// The admin role is checked again on press: it may have been lost since the question.
privateChats.callbackQuery(planButtons.end.pattern, allow(['admin']), async (ctx) => {
  const pressed = planButtons.end.decode(ctx.callbackQuery.data)!;
  // The plan may have been archived since the question.
  const plan = planById(ctx.deps.db, pressed.planId);
  if (!plan) {
    await ctx.answerCallbackQuery({ text: ctx.t('common-button-expired'), show_alert: true });
    return ctx.editMessageReplyMarkup().catch(() => undefined);
  }
  const args = { n: String(plan.id), plan: escapeHtml(planLabel(ctx.t, plan)) };
  await ctx.answerCallbackQuery();
  if (plan.archivedAt !== null)
    return ctx.editMessageText(ctx.t('plan-choice-archived-arg', args), { parse_mode: 'HTML' }).catch(() => undefined);
  const endsOn = pressed.endsOn === 'none' ? null : pressed.endsOn;
  // Pressed twice, or by two admins: the second changes nothing.
  if (planEnd(ctx.deps.db, plan.id) === endsOn) {
    return ctx
      .editMessageText(ctx.t('plans-end-unchanged', { ...args, date: endsOn ?? 'none' }), { parse_mode: 'HTML' })
      .catch(() => undefined);
  }
  let text: string;
  try {
    const change = setPlanEnd(ctx.deps.db, plan.id, endsOn, { actor: actorOf(ctx), now: ctx.deps.clock.now() });
    text =
      endsOn === null
        ? ctx.t('plans-end-cleared', { ...args, year: plan.year === null ? 'none' : String(plan.year) })
        : ctx.t('plans-end-set', { ...args, date: endsOn, skipped: change.remindersSkipped });
  } catch (error) {
    if (!(error instanceof PlanLifecycleError)) throw error;
    const { reason } = error;
    text =
      reason.kind === 'end-before-year'
        ? ctx.t('plans-end-before-year', { date: reason.endsOn, year: String(reason.year) })
        : reason.kind === 'bad-date'
          ? ctx.t('plans-end-bad-date', { text: escapeHtml(reason.text) })
          : ctx.t('common-button-expired');
  }
  return ctx.editMessageText(text, { parse_mode: 'HTML' }).catch(() => undefined);
});

privateChats.callbackQuery(planButtons.decide.pattern, allow(['admin']), async (ctx) => {
  const { action, planId } = planButtons.decide.decode(ctx.callbackQuery.data)!;
  if (action === 'n') {
    await ctx.answerCallbackQuery();
    return ctx.editMessageText(ctx.t('plans-cancelled')).catch(() => undefined);
  }
  const plan = planById(ctx.deps.db, planId);
  if (!plan) {
    await ctx.answerCallbackQuery({ text: ctx.t('common-button-expired'), show_alert: true });
    return ctx.editMessageReplyMarkup().catch(() => undefined);
  }
  const args = { n: String(plan.id), plan: escapeHtml(planLabel(ctx.t, plan)) };
  const done = action === 'a' ? archive(ctx, plan) : restore(ctx, plan);
  await ctx.answerCallbackQuery();
  const key = done
    ? action === 'a'
      ? 'plans-archived'
      : 'plans-restored'
    : action === 'a'
      ? 'plans-already-archived'
      : 'plans-already-live';
  await ctx.editMessageText(ctx.t(key, args), { parse_mode: 'HTML' }).catch(() => undefined);
});
