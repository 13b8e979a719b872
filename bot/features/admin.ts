/**
 * Admin commands for running a plan: /units (who has joined), /leads, /deadline (fix a
 * deadline the importer could not read, or change one), /policy (reminder rules, the monthly
 * report day), /calendar (check or load a year's official holiday schedule). Every change is
 * written with an audit entry in the same transaction.
 *
 * /units, /deadline and /policy act on one plan, named in the answer: `#N` after the command
 * (the number /plans shows), the only live plan, or the one picked from buttons
 * (bot/plan-picker.ts). `/units merge` is across plans: units are shared.
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { BaseContext, BotContext } from '../context';
import { circled, escapeHtml, truncate } from '../../core/format';
import { readDeadline } from '../../plans/deadline';
import { describeRule } from '../../plans/describe';
import { effectivePolicy, policySchema, type ReminderPolicy } from '../../schedules/policy';
import { planFacts } from '../../schedules/unit-requirements';
import { parseOfficialSchedule } from '../../schedules/calendar';
import { forPlan, installPlanPicker, planLabel, type PlanRef } from '../plan-picker';
import { replyInParts } from '../../schedules/long-message';
import { unreachableReason } from '../../schedules/reachability';
import { MergeError, mergeUnits, previewMerge } from '../../plans/merge-units';
import { unitRoster } from '../../db/unit-roster';
import { unitIdByName, unitName } from '../../db/unit-names';
import { leadRoster } from '../../db/lead-roster';
import { requirementAtItem, requirementItem } from '../../db/requirement-items';
import { setAssessmentDate, setDeadline, unreadDeadlines, unwrittenDeadlines } from '../../db/deadline-rules';
import { setMonthlyReportDay, setReminderPolicy, storedPolicy } from '../../db/plan-policy';
import { loadCalendarOverride } from '../../db/calendar-overrides';
import { allow } from '../guards';
import { actorOf } from '../audit';
import { callbackData } from '../../core/callback-data';

export const adminFeature = new Composer<BotContext>();
const admins = adminFeature.chatType('private').filter((ctx) => ctx.identity.admin);
/** The same commands from anyone else get one answer. */
const ADMIN_COMMANDS = ['units', 'leads', 'deadline', 'policy', 'calendar'] as const;

/** A list that grows with the plan (a unit a line): in as many messages as Telegram's limit needs. */
/** How /units names why a liaison cannot be reached (schedules/reachability.ts). */
const UNREACHABLE_LABEL = {
  blocked: 'units-unreachable',
  deactivated: 'units-unreachable-deactivated',
  'not-found': 'units-unreachable-not-found',
} as const;

async function replyLines(ctx: BaseContext, lines: string[], html = false): Promise<void> {
  await replyInParts(ctx, lines.join('\n'), html ? { parse_mode: 'HTML' } : {});
}

/** Why a merge cannot be done, in the admin's language. */
function mergeRefusal(ctx: BaseContext, error: MergeError, names: { from: string; into: string }): string {
  const { reason } = error;
  if (reason.kind === 'unknown') return ctx.t('units-merge-no-unit', { name: escapeHtml(reason.name) });
  if (reason.kind === 'same') return ctx.t('units-merge-same', { from: escapeHtml(names.from), into: escapeHtml(names.into) });
  const list = reason.clashes
    .map((c) => {
      const item = requirementItem(ctx.deps.db, c.requirementId);
      return `${item ? `${item.number}${circled(item.index)}` : `#${c.requirementId}`} ${c.period}`;
    })
    .join('、');
  return ctx.t('units-merge-clash', { list: escapeHtml(list) });
}

/** /units merge FROM INTO: what would move, and a button to do it. */
async function unitsMerge(ctx: BaseContext, args: string[]) {
  if (args.length !== 2) return ctx.reply(ctx.t('units-merge-usage'));
  const names = { from: args[0]!, into: args[1]! };
  let preview;
  try {
    preview = previewMerge(ctx.deps.db, names);
  } catch (error) {
    if (!(error instanceof MergeError)) throw error;
    return ctx.reply(mergeRefusal(ctx, error, names), { parse_mode: 'HTML' });
  }
  // previewMerge has just found both units by these names.
  const ids = (name: string) => {
    const id = unitIdByName(ctx.deps.db, name);
    if (id === undefined) throw new Error(`no unit named "${name}"`);
    return id;
  };
  const units = { fromId: ids(preview.from), intoId: ids(preview.into) };
  return ctx.reply(
    ctx.t('units-merge-preview', {
      from: escapeHtml(preview.from),
      into: escapeHtml(preview.into),
      assignments: preview.assignments,
      reports: preview.reports,
      events: preview.events,
      people: preview.people,
      invites: preview.invites,
    }),
    {
      parse_mode: 'HTML',
      reply_markup: new InlineKeyboard()
        .text(ctx.t('units-merge-button-yes'), mergeButtons.yes.encode(units))
        .text(ctx.t('units-merge-button-no'), mergeButtons.no.encode(units)),
    },
  );
}

const privateChats = adminFeature.chatType('private');

/** /units merge's question: merge the first unit into the second, or not. */
const mergeButtons = {
  yes: callbackData('um:y', { fromId: 'int', intoId: 'int' }),
  no: callbackData('um:n', { fromId: 'int', intoId: 'int' }),
};

// The merge button: the sender must still be an admin, and both units must still be there.
privateChats.callbackQuery(mergeButtons.yes.pattern, allow(['admin']), async (ctx) => {
  const { db } = ctx.deps;
  const pressed = mergeButtons.yes.decode(ctx.callbackQuery.data)!;
  const from = unitName(db, pressed.fromId);
  const into = unitName(db, pressed.intoId);
  if (from === undefined || into === undefined) {
    await ctx.answerCallbackQuery({ text: ctx.t('units-merge-gone'), show_alert: true });
    return ctx.editMessageReplyMarkup().catch(() => undefined);
  }
  try {
    mergeUnits(db, { from, into }, { actor: actorOf(ctx), now: ctx.deps.clock.now() }); // audited there ('unit.merge')
  } catch (error) {
    if (!(error instanceof MergeError)) throw error;
    await ctx.answerCallbackQuery();
    return ctx.editMessageText(mergeRefusal(ctx, error, { from, into }), { parse_mode: 'HTML' }).catch(() => undefined);
  }
  await ctx.answerCallbackQuery();
  await ctx
    .editMessageText(ctx.t('units-merge-done', { from: escapeHtml(from), into: escapeHtml(into) }), { parse_mode: 'HTML' })
    .catch(() => undefined);
});

privateChats.callbackQuery(mergeButtons.no.pattern, allow(['admin']), async (ctx) => {
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('units-merge-cancelled')).catch(() => undefined);
});

/** /units [#N]: the plan's units and their liaisons (units are shared by plans; their liaisons too). */
async function showUnits(ctx: BaseContext, plan: PlanRef) {
  const { db } = ctx.deps;
  const roster = unitRoster(db, plan.id);
  const lines = [ctx.t('units-title', { count: roster.length })];
  for (const unit of roster) {
    const who =
      unit.liaisons.length === 0
        ? ctx.t('units-no-liaison')
        : unit.liaisons
            .map((l) => `${escapeHtml(l.name)}${l.unreachable ? ctx.t(UNREACHABLE_LABEL[unreachableReason(db, l.id)]) : ''}`)
            .join('、');
    lines.push(ctx.t('units-item', { unit: escapeHtml(unit.name), liaisons: who }));
  }
  // Last, so the list reads as before: which plan these units are of.
  lines.push(ctx.t('plan-choice-footer', { plan: escapeHtml(planLabel(ctx.t, plan)) }));
  await replyLines(ctx, lines, true);
}

admins.command('units', async (ctx) => {
  const words = ctx.match.trim().split(/\s+/).filter(Boolean);
  const [sub, ...rest] = words;
  if (sub !== undefined && /^(merge|合并)$/i.test(sub)) return unitsMerge(ctx, rest);
  return forPlan(ctx, 'units', words, (c, plan) => showUnits(c, plan), { bare: true });
});
installPlanPicker(privateChats, 'units', (ctx, plan) => showUnits(ctx, plan));

admins.command('leads', async (ctx) => {
  const rows = leadRoster(ctx.deps.db);
  if (rows.length === 0) return ctx.reply(ctx.t('leads-none'));
  // A plan lead: which plan, and whether it is archived (its lead hears nothing of it then).
  const scope = (r: (typeof rows)[number]) => {
    if (r.unit !== null) return escapeHtml(r.unit);
    const plan = escapeHtml(planLabel(ctx.t, { title: r.planTitle, year: r.planYear }));
    return r.planArchived === null ? plan : `${plan}${ctx.t('plans-archived-mark')}`;
  };
  await replyLines(
    ctx,
    [ctx.t('leads-title'), ...rows.map((r) => ctx.t('leads-item', { name: escapeHtml(r.name), scope: scope(r) }))],
    true,
  );
});

/** A requirement by "task-item" (18-2) in the plan. */
function findRequirement(ctx: BaseContext, planId: number, ref: string) {
  const match = ref.match(/^([^-\s]+)-(\d+)$/);
  if (!match) return undefined;
  return requirementAtItem(ctx.deps.db, planId, match[1]!, Number(match[2]));
}

/** /deadline [#N] [TASK-ITEM DEADLINE]: the plan's unread deadlines, or one fixed. */
async function deadline(ctx: BaseContext, plan: PlanRef, args: string[]) {
  const [ref, ...rest] = args;
  const { db } = ctx.deps;
  const planName = escapeHtml(planLabel(ctx.t, plan));
  if (ref === undefined) {
    const unread = unreadDeadlines(db, plan.id);
    if (unread.length === 0) return ctx.reply(ctx.t('deadline-unread-none', { plan: planName }), { parse_mode: 'HTML' });
    return replyLines(
      ctx,
      [
        ctx.t('deadline-unread-title', { plan: planName }),
        ...unread.map((u) =>
          ctx.t('deadline-unread-item', {
            item: escapeHtml(`${u.number}${circled(u.index)} ${truncate(u.title, 16)}`),
            task: escapeHtml(u.number),
            index: u.index,
            text: escapeHtml(u.text || '—'),
          }),
        ),
        ctx.t('deadline-usage'),
      ],
      true,
    );
  }
  const text = rest.join(' ');
  if (text === '') return ctx.reply(ctx.t('deadline-usage'));
  if (ASSESSMENT_WORDS.has(ref.toLowerCase())) return assessmentDate(ctx, plan, text);
  const requirement = findRequirement(ctx, plan.id, ref);
  if (!requirement) return ctx.reply(ctx.t('deadline-no-requirement', { ref: escapeHtml(ref), plan: planName }), { parse_mode: 'HTML' });
  const reading = readDeadline(text, { year: planFacts(db, plan.id).year });
  if (!reading.recognized || !reading.rule)
    return ctx.reply(ctx.t('deadline-not-read', { text: escapeHtml(reading.text) }), { parse_mode: 'HTML' });
  // An "admin" rule: it survives re-imports of the plan (plans/commit.ts).
  setDeadline(db, plan.id, requirement, { text: reading.text, rule: reading.rule }, { actor: actorOf(ctx), now: ctx.deps.clock.now() });
  return ctx.reply(
    ctx.t('deadline-set', {
      plan: planName,
      item: escapeHtml(`${requirement.number}${circled(requirement.index)}`),
      text: escapeHtml(reading.text),
      rule: escapeHtml(describeRule(reading.rule)),
    }),
    { parse_mode: 'HTML' },
  );
}

/** `/deadline 评估 11月30日前`: the words naming the assessment date rather than one requirement. */
const ASSESSMENT_WORDS = new Set(['评估', '考核', 'assessment']);

/**
 * The assessment date (issue 15 item 6): every requirement of the plan that names no deadline
 * (an indicator judged on its proof at the year's assessment) falls due on it, and is reminded
 * before it as any other. A deadline written but not read is left: it says something, and is
 * fixed item by item. Kept over re-imports, as any deadline an admin sets.
 */
async function assessmentDate(ctx: BaseContext, plan: PlanRef, text: string) {
  const { db } = ctx.deps;
  const planName = escapeHtml(planLabel(ctx.t, plan));
  const reading = readDeadline(text, { year: planFacts(db, plan.id).year });
  if (!reading.recognized || reading.rule?.kind !== 'once')
    return ctx.reply(ctx.t('deadline-assessment-not-date', { text: escapeHtml(reading.text) }), { parse_mode: 'HTML' });
  const rule = reading.rule;
  const now = ctx.deps.clock.now();
  const unwritten = unwrittenDeadlines(db, plan.id);
  if (unwritten.length === 0) return ctx.reply(ctx.t('deadline-assessment-none', { plan: planName }), { parse_mode: 'HTML' });
  setAssessmentDate(db, plan.id, unwritten, { text: reading.text, rule }, { actor: actorOf(ctx), now });
  return ctx.reply(
    ctx.t('deadline-assessment-set', {
      plan: planName,
      count: unwritten.length,
      text: escapeHtml(reading.text),
      rule: escapeHtml(describeRule(rule)),
    }),
    { parse_mode: 'HTML' },
  );
}

// A bare number is a plan: requirements are written TASK-ITEM (18-2).
admins.command('deadline', (ctx) => forPlan(ctx, 'deadline', ctx.match.trim().split(/\s+/).filter(Boolean), deadline, { bare: true }));
installPlanPicker(privateChats, 'deadline', deadline);

/** Why a /policy change cannot be read: a locale key (plans-policy-…) and its arguments. */
export interface PolicyError {
  key: string;
  args?: Record<string, string>;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A /policy change as a partial policy, or the reason it cannot be read. */
export function readPolicyChange(
  args: string[],
  current: ReminderPolicy,
): { change: Partial<ReminderPolicy> } | { day: number } | { error: PolicyError } {
  const [what = '', value = ''] = args;
  const onOff = (v: string) => (/^(on|开|是|yes)$/i.test(v) ? true : /^(off|关|否|no)$/i.test(v) ? false : null);
  switch (what.toLowerCase()) {
    case 'before': {
      const days = value
        .split(/[,，、]/)
        .filter(Boolean)
        .map(Number);
      if (days.length === 0 || days.length > 5 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 20))
        return { error: { key: 'plans-policy-before' } };
      return { change: { beforeWorkingDays: days } };
    }
    case 'due':
    case 'overdue': {
      const flag = onOff(value);
      if (flag === null) return { error: { key: 'plans-policy-on-off', args: { what: what.toLowerCase() } } };
      return { change: what.toLowerCase() === 'due' ? { onDueDay: flag } : { overdue: flag } };
    }
    case 'hours': {
      const m = value.match(/^(\d{1,2}:\d{2})[-–~～](\d{1,2}:\d{2})$/);
      const [start, end] = m ? [m[1]!.padStart(5, '0'), m[2]!.padStart(5, '0')] : ['', ''];
      if (!CLOCK_TIME.test(start) || !CLOCK_TIME.test(end)) return { error: { key: 'plans-policy-hours' } };
      if (start >= end) return { error: { key: 'plans-policy-hours-order', args: { start, end } } };
      const next = policySchema.safeParse({ ...current, workStart: start, workEnd: end });
      if (!next.success) return { error: { key: 'plans-policy-hours' } };
      return { change: { workStart: start, workEnd: end } };
    }
    case 'summary': {
      const [weekday = '', time = ''] = args.slice(1);
      const day = Number(weekday);
      const at = time.padStart(5, '0');
      if (!/^\d$/.test(weekday) || day < 1 || day > 7 || !CLOCK_TIME.test(at)) return { error: { key: 'plans-policy-summary' } };
      return { change: { summaryWeekday: day, summaryTime: at } };
    }
    case 'day': {
      const day = Number(value);
      if (!/^\d{1,2}$/.test(value) || day < 1 || day > 28) return { error: { key: 'plans-policy-day' } };
      return { day };
    }
    default:
      return { error: { key: 'plans-policy-what' } };
  }
}

/** /policy [#N] [change]: the plan's reminder rules, changed first when a change is given. */
async function policy(ctx: BaseContext, plan: PlanRef, args: string[]) {
  const { db } = ctx.deps;
  const current = effectivePolicy(storedPolicy(db, plan.id));
  let updated = false;
  if (args.length > 0) {
    const read = readPolicyChange(args, current);
    if ('error' in read) {
      return ctx.reply(ctx.t('policy-invalid', { text: escapeHtml(args.join(' ')), reason: ctx.t(read.error.key, read.error.args) }), {
        parse_mode: 'HTML',
      });
    }
    const change = { actor: actorOf(ctx), now: ctx.deps.clock.now() };
    if ('day' in read) setMonthlyReportDay(db, plan.id, read.day, change);
    else setReminderPolicy(db, plan.id, { ...current, ...read.change }, read.change, change);
    updated = true;
  }
  const now = effectivePolicy(storedPolicy(db, plan.id));
  const prefix = updated ? `${ctx.t('policy-updated')}\n` : '';
  return ctx.reply(
    prefix +
      ctx.t('policy-show', {
        plan: escapeHtml(planLabel(ctx.t, plan)),
        before: now.beforeWorkingDays.join('、') || '—',
        onDue: ctx.t(now.onDueDay ? 'policy-yes' : 'policy-no'),
        overdue: ctx.t(now.overdue ? 'policy-yes' : 'policy-no'),
        start: now.workStart,
        end: now.workEnd,
        day: String(planFacts(db, plan.id).monthlyReportDay),
        summaryDay: ctx.t(`weekday-${now.summaryWeekday}`),
        summaryTime: now.summaryTime,
      }),
    { parse_mode: 'HTML' },
  );
}

// A bare number is a plan: every change starts with a word (before, due, hours …).
admins.command('policy', (ctx) => forPlan(ctx, 'policy', ctx.match.trim().split(/\s+/).filter(Boolean), policy, { bare: true }));
installPlanPicker(privateChats, 'policy', policy);

admins.command('calendar', async (ctx) => {
  const [first = '', ...rest] = ctx.match.split('\n');
  const year = Number(first.trim());
  if (!/^\d{4}$/.test(first.trim()) || year < 2000 || year > 2100) return ctx.reply(ctx.t('calendar-usage'));
  const notice = rest.join('\n');
  if (notice.trim() === '') {
    const source = ctx.deps.calendar().coverage(year);
    return ctx.reply(ctx.t('calendar-status', { year: String(year), source: ctx.t(`calendar-source-${source}`) }));
  }
  const parsed = parseOfficialSchedule(notice, year);
  if (!parsed.ok) {
    return replyLines(
      ctx,
      [
        ctx.t('calendar-errors', { year: String(year) }),
        // Worded from the error's code, in the admin's language (the parser's message is English, for logs).
        ...parsed.errors.map((e) =>
          ctx.t('calendar-error-item', {
            line: String(e.line ?? '—'),
            message: ctx.t(`plans-calendar-${e.code}`, { text: escapeHtml(e.text), year: String(year) }),
          }),
        ),
      ],
      true,
    );
  }
  const { override } = parsed;
  loadCalendarOverride(ctx.deps.db, year, override, notice, { actor: actorOf(ctx), now: ctx.deps.clock.now() });
  return ctx.reply(
    ctx.t('calendar-loaded', { year: String(year), holidays: override.holidays.length, workdays: override.workdays.length }),
  );
});

adminFeature.chatType('private').command([...ADMIN_COMMANDS], (ctx) => ctx.reply(ctx.t('common-not-allowed')));
