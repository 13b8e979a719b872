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
import { and, count, countDistinct, eq, inArray, isNull } from 'drizzle-orm';
import type { BaseContext, BotContext } from '../context';
import type { DB } from '../../db';
import { escapeHtml } from '../../core/format';
import { outbox, planUnits, plans, requirements, roles, tasks } from '../../db/schema';
import { replyInParts } from '../../schedules/long-message';
import { draftsByRequirement } from '../../schedules/planner';
import { plannerState, readLastPlanned } from '../../schedules/planner-store';
import type { WorkingDayCalendar } from '../../schedules/calendar';
import { planById, planLabel, readPlanChoice, type PlanRef } from '../plan-picker';
import { isPlanDate, planFirstDay } from '../../plans/plan-years';
import { outboxOfPlan, PLAN_ARCHIVED, PlanLifecycleError, setPlanEnd } from '../../schedules/plan-lifecycle';
import { planBounds } from '../../schedules/periods';
import { auditChange } from '../audit';
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
  const rows = db.select().from(plans).orderBy(plans.id).all();
  if (rows.length === 0) return ctx.reply(ctx.t('plans-none'));
  const now = ctx.deps.clock.now();
  const lines = [ctx.t('plans-title')];
  for (const plan of rows) {
    const size = db
      .select({ tasks: countDistinct(tasks.id), requirements: count(requirements.id) })
      .from(tasks)
      .leftJoin(requirements, and(eq(requirements.taskId, tasks.id), isNull(requirements.archivedAt)))
      .where(and(eq(tasks.planId, plan.id), isNull(tasks.archivedAt)))
      .get()!;
    const unitIds = db.select({ id: planUnits.unitId }).from(planUnits).where(eq(planUnits.planId, plan.id));
    const unitCount = db.select({ n: count() }).from(planUnits).where(eq(planUnits.planId, plan.id)).get()!.n;
    const liaisons = db
      .select({ n: countDistinct(roles.personId) })
      .from(roles)
      .where(and(eq(roles.role, 'liaison'), isNull(roles.revokedAt), inArray(roles.unitId, unitIds)))
      .get()!.n;
    lines.push(
      ctx.t('plans-item', {
        n: String(plan.id),
        title: escapeHtml(plan.title ?? ctx.t('plans-untitled')),
        year: plan.year === null ? ctx.t('plans-no-year') : String(plan.year),
        state: planState(ctx, plan, now),
        tasks: size.tasks,
        requirements: size.requirements,
        units: unitCount,
        liaisons,
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
function planState(ctx: BaseContext, plan: typeof plans.$inferSelect, now: Date): string {
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

/** The plan's requirements, and its circulars, as conditions on outbox rows. */
const rowsOfPlan = outboxOfPlan;

/**
 * Plans the reminders of a restored plan that fell while it was archived, (since, now], as the
 * planner does after downtime. Nothing when the planner never ran (its first tick plans nothing).
 */
function planSinceArchived(db: DB, calendar: WorkingDayCalendar, planId: number, since: Date, now: Date): number {
  if (readLastPlanned(db) === null) return 0;
  const base = plannerState(db, calendar);
  const state = { ...base, requirements: base.requirements.filter((r) => r.planId === planId) };
  let planned = 0;
  for (const part of draftsByRequirement(state, { from: since, to: now })) {
    for (const d of part.drafts) {
      planned += db
        .insert(outbox)
        .values({
          key: d.key,
          personId: d.personId,
          chatId: d.chatId,
          requirementId: d.requirementId,
          unitId: d.unitId,
          period: d.period,
          kind: d.kind,
          sendAfter: d.sendAfter,
          dueAt: d.dueAt,
          payload: {},
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: outbox.key })
        .run().changes;
    }
  }
  return planned;
}

function audit(ctx: BaseContext, action: string, plan: PlanRef, details: object) {
  auditChange(ctx, action, `plan:${plan.id}`, { title: plan.title, year: plan.year, ...details });
}

/**
 * Archives the plan; false when it already was (two admins confirming at once change it once).
 * A plan waiting to be archived after a rollover (plans.archive_when_done) is archived now, and
 * no longer waits: restored, it stays live.
 */
function archive(ctx: BaseContext, plan: PlanRef): boolean {
  const { db } = ctx.deps;
  const now = ctx.deps.clock.now();
  return db.transaction((tx) => {
    const changed = tx
      .update(plans)
      .set({ archivedAt: now, archiveWhenDone: null, updatedAt: now })
      .where(and(eq(plans.id, plan.id), isNull(plans.archivedAt)))
      .run().changes;
    if (changed === 0) return false;
    const skipped = tx
      .update(outbox)
      .set({ status: 'skipped', lastError: ARCHIVED, updatedAt: now })
      .where(and(eq(outbox.status, 'pending'), rowsOfPlan(db, plan.id)))
      .run().changes;
    audit(ctx, 'plan.archive', plan, { remindersSkipped: skipped });
    return true;
  });
}

/** Restores the plan; false when it was live already. */
function restore(ctx: BaseContext, plan: PlanRef): boolean {
  const { db } = ctx.deps;
  const now = ctx.deps.clock.now();
  return db.transaction((tx) => {
    const since = tx.select({ at: plans.archivedAt }).from(plans).where(eq(plans.id, plan.id)).get()?.at;
    if (!since) return false;
    tx.update(plans).set({ archivedAt: null, updatedAt: now }).where(eq(plans.id, plan.id)).run();
    const requeued = tx
      .update(outbox)
      .set({ status: 'pending', lastError: null, updatedAt: now })
      .where(and(eq(outbox.status, 'skipped'), eq(outbox.lastError, ARCHIVED), rowsOfPlan(db, plan.id)))
      .run().changes;
    const planned = planSinceArchived(db, ctx.deps.calendar(), plan.id, since, now);
    audit(ctx, 'plan.restore', plan, { remindersRequeued: requeued, remindersPlanned: planned });
    return true;
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
  const current = endOf(ctx.deps.db, plan.id);
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

function endOf(db: DB, planId: number): string | null {
  return db.select({ endsOn: plans.endsOn }).from(plans).where(eq(plans.id, planId)).get()?.endsOn ?? null;
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
  if (endOf(ctx.deps.db, plan.id) === endsOn) {
    return ctx
      .editMessageText(ctx.t('plans-end-unchanged', { ...args, date: endsOn ?? 'none' }), { parse_mode: 'HTML' })
      .catch(() => undefined);
  }
  const actor = { personId: ctx.identity.person?.id ?? null, label: ctx.identity.person?.name ?? String(ctx.from.id) };
  let text: string;
  try {
    const change = setPlanEnd(ctx.deps.db, plan.id, endsOn, { actor, now: ctx.deps.clock.now() });
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
