/**
 * Admin commands for running a plan: /units (who has joined), /leads, /deadline (fix a
 * deadline the importer could not read, or change one), /policy (reminder rules, the monthly
 * report day), /calendar (check or load a year's official holiday schedule). Every change is
 * written with an audit entry in the same transaction.
 */
import { Composer, InlineKeyboard } from 'grammy';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { BaseContext, BotContext } from '../context';
import { circled, escapeHtml, truncate } from '../format';
import { auditLog, calendarOverrides, deadlineRules, people, planUnits, plans, requirements, roles, tasks, units } from '../../db/schema';
import { readDeadline } from '../../plans/deadline';
import { describeRule } from '../../plans/describe';
import { effectivePolicy, policySchema, type ReminderPolicy } from '../../schedules/policy';
import { planFacts } from '../../schedules/unit-requirements';
import { parseOfficialSchedule } from '../../schedules/calendar';
import { currentPlan } from '../invites/invites';
import { replyInParts } from '../../schedules/long-message';
import { unreachableReason } from '../../schedules/reachability';
import { MergeError, mergeUnits, previewMerge } from '../../plans/merge-units';

export const adminFeature = new Composer<BotContext>();
const admins = adminFeature.chatType('private').filter((ctx) => ctx.identity.admin);
/** The same commands from anyone else get one answer. */
const ADMIN_COMMANDS = ['units', 'leads', 'deadline', 'policy', 'calendar'] as const;

/** A list that grows with the plan (a unit a line): in as many messages as Telegram's limit needs. */
/** How /units names why a liaison cannot be reached (schedules/reachability.ts). */
const UNREACHABLE_LABEL = { blocked: 'units-unreachable', deactivated: 'units-unreachable-deactivated', 'not-found': 'units-unreachable-not-found' } as const;

async function replyLines(ctx: BaseContext, lines: string[], html = false): Promise<void> {
  await replyInParts(ctx, lines.join('\n'), html ? { parse_mode: 'HTML' } : {});
}

function audit(ctx: BaseContext, action: string, subject: string, details: unknown): void {
  ctx.deps.db
    .insert(auditLog)
    .values({
      at: ctx.deps.clock.now(),
      actorPersonId: ctx.identity.person?.id ?? null,
      actorLabel: ctx.identity.person?.name ?? String(ctx.from?.id ?? ''),
      action,
      subject,
      details: details as object,
    })
    .run();
}

/** Why a merge cannot be done, in the admin's language. */
function mergeRefusal(ctx: BaseContext, error: MergeError, names: { from: string; into: string }): string {
  const { reason } = error;
  if (reason.kind === 'unknown') return ctx.t('units-merge-no-unit', { name: escapeHtml(reason.name) });
  if (reason.kind === 'same') return ctx.t('units-merge-same', { from: escapeHtml(names.from), into: escapeHtml(names.into) });
  const list = reason.clashes
    .map((c) => {
      const item = ctx.deps.db
        .select({ number: tasks.number, index: requirements.index })
        .from(requirements)
        .innerJoin(tasks, eq(tasks.id, requirements.taskId))
        .where(eq(requirements.id, c.requirementId))
        .get();
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
  const ids = (name: string) => ctx.deps.db.select({ id: units.id }).from(units).where(eq(units.name, name)).get()!.id;
  const data = `${ids(preview.from)}:${ids(preview.into)}`;
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
    { parse_mode: 'HTML', reply_markup: new InlineKeyboard().text(ctx.t('units-merge-button-yes'), `um:y:${data}`).text(ctx.t('units-merge-button-no'), `um:n:${data}`) },
  );
}

const privateChats = adminFeature.chatType('private');

// The merge button: the sender must still be an admin, and both units must still be there.
privateChats.callbackQuery(/^um:y:(\d+):(\d+)$/, async (ctx) => {
  if (!ctx.identity.admin) return ctx.answerCallbackQuery({ text: ctx.t('common-not-allowed'), show_alert: true });
  const { db } = ctx.deps;
  const name = (id: string) => db.select({ name: units.name }).from(units).where(eq(units.id, Number(id))).get()?.name;
  const from = name(ctx.match[1]!);
  const into = name(ctx.match[2]!);
  if (from === undefined || into === undefined) {
    await ctx.answerCallbackQuery({ text: ctx.t('units-merge-gone'), show_alert: true });
    return ctx.editMessageReplyMarkup().catch(() => undefined);
  }
  const actor = { personId: ctx.identity.person?.id ?? null, label: ctx.identity.person?.name ?? String(ctx.from.id) };
  try {
    mergeUnits(db, { from, into }, { actor, now: ctx.deps.clock.now() }); // audited there ('unit.merge')
  } catch (error) {
    if (!(error instanceof MergeError)) throw error;
    await ctx.answerCallbackQuery();
    return ctx.editMessageText(mergeRefusal(ctx, error, { from, into }), { parse_mode: 'HTML' }).catch(() => undefined);
  }
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('units-merge-done', { from: escapeHtml(from), into: escapeHtml(into) }), { parse_mode: 'HTML' }).catch(() => undefined);
});

privateChats.callbackQuery(/^um:n:(\d+):(\d+)$/, async (ctx) => {
  if (!ctx.identity.admin) return ctx.answerCallbackQuery({ text: ctx.t('common-not-allowed'), show_alert: true });
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('units-merge-cancelled')).catch(() => undefined);
});

admins.command('units', async (ctx) => {
  const [sub, ...rest] = ctx.match.trim().split(/\s+/).filter(Boolean);
  if (sub !== undefined && /^(merge|合并)$/i.test(sub)) return unitsMerge(ctx, rest);
  const plan = currentPlan(ctx.deps.db);
  if (!plan) return ctx.reply(ctx.t('plans-none'));
  const { db } = ctx.deps;
  const rows = db.select({ id: units.id, name: units.name }).from(planUnits).innerJoin(units, eq(units.id, planUnits.unitId)).where(eq(planUnits.planId, plan.id)).orderBy(asc(units.id)).all();
  const lines = [ctx.t('units-title', { count: rows.length })];
  for (const unit of rows) {
    const liaisons = db
      .select({ id: people.id, name: people.name, unreachable: people.unreachableAt })
      .from(roles)
      .innerJoin(people, eq(people.id, roles.personId))
      .where(and(eq(roles.role, 'liaison'), eq(roles.unitId, unit.id), isNull(roles.revokedAt)))
      .all();
    const who =
      liaisons.length === 0
        ? ctx.t('units-no-liaison')
        : liaisons.map((l) => `${l.name}${l.unreachable ? ctx.t(UNREACHABLE_LABEL[unreachableReason(db, l.id)]) : ''}`).join('、');
    lines.push(ctx.t('units-item', { unit: unit.name, liaisons: who }));
  }
  await replyLines(ctx, lines);
});

admins.command('leads', async (ctx) => {
  const rows = ctx.deps.db
    .select({ name: people.name, unit: units.name, plan: plans.title })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .leftJoin(units, eq(units.id, roles.unitId))
    .leftJoin(plans, eq(plans.id, roles.planId))
    .where(and(eq(roles.role, 'lead'), isNull(roles.revokedAt)))
    .orderBy(asc(roles.id))
    .all();
  if (rows.length === 0) return ctx.reply(ctx.t('leads-none'));
  await replyLines(ctx, [ctx.t('leads-title'), ...rows.map((r) => ctx.t('leads-item', { name: r.name, scope: r.unit ?? r.plan ?? '' }))]);
});

/** A requirement by "task-item" (18-2) in the latest plan. */
function findRequirement(ctx: BaseContext, planId: number, ref: string) {
  const match = ref.match(/^([^-\s]+)-(\d+)$/);
  if (!match) return undefined;
  return ctx.deps.db
    .select({ id: requirements.id, index: requirements.index, number: tasks.number, problems: requirements.problems })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.planId, planId), eq(tasks.number, match[1]!), eq(requirements.index, Number(match[2])), isNull(requirements.archivedAt)))
    .get();
}

admins.command('deadline', async (ctx) => {
  const plan = currentPlan(ctx.deps.db);
  if (!plan) return ctx.reply(ctx.t('plans-none'));
  const [ref, ...rest] = ctx.match.trim().split(/\s+/).filter(Boolean);
  const { db } = ctx.deps;
  if (ref === undefined) {
    const unread = db
      .select({ number: tasks.number, index: requirements.index, title: tasks.title, text: deadlineRules.text })
      .from(deadlineRules)
      .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .where(and(eq(tasks.planId, plan.id), eq(deadlineRules.recognized, false), isNull(requirements.archivedAt)))
      .orderBy(asc(tasks.position), asc(requirements.index))
      .all();
    if (unread.length === 0) return ctx.reply(ctx.t('deadline-unread-none'));
    return replyLines(ctx, [
      ctx.t('deadline-unread-title'),
      ...unread.map((u) => ctx.t('deadline-unread-item', { item: `${u.number}${circled(u.index)} ${truncate(u.title, 16)}`, task: u.number, index: u.index, text: u.text || '—' })),
      ctx.t('deadline-usage'),
    ]);
  }
  const text = rest.join(' ');
  if (text === '') return ctx.reply(ctx.t('deadline-usage'));
  const requirement = findRequirement(ctx, plan.id, ref);
  if (!requirement) return ctx.reply(ctx.t('deadline-no-requirement', { ref: escapeHtml(ref) }));
  const reading = readDeadline(text, { year: planFacts(db, plan.id).year });
  if (!reading.recognized || !reading.rule) return ctx.reply(ctx.t('deadline-not-read', { text: escapeHtml(reading.text) }));
  const now = ctx.deps.clock.now();
  db.transaction(() => {
    // "admin" rules survive re-imports of the plan (plans/commit.ts).
    db.update(deadlineRules)
      .set({ text: reading.text, recognized: true, rule: reading.rule, origin: 'admin', updatedAt: now })
      .where(eq(deadlineRules.requirementId, requirement.id))
      .run();
    db.update(requirements)
      .set({ problems: requirement.problems.filter((p) => !/deadline/.test(p)), updatedAt: now })
      .where(eq(requirements.id, requirement.id))
      .run();
    audit(ctx, 'deadline.set', `requirement:${requirement.id}`, { text: reading.text, rule: reading.rule });
  });
  return ctx.reply(ctx.t('deadline-set', { item: `${requirement.number}${circled(requirement.index)}`, text: escapeHtml(reading.text), rule: describeRule(reading.rule) }));
});

/** A /policy change as a partial policy, or the reason it cannot be read. */
function readPolicyChange(args: string[], current: ReminderPolicy): { change: Partial<ReminderPolicy> } | { day: number } | { error: string } {
  const [what, value = ''] = args;
  const onOff = (v: string) => (/^(on|开|是|yes)$/i.test(v) ? true : /^(off|关|否|no)$/i.test(v) ? false : null);
  switch (what) {
    case 'before': {
      const days = value.split(/[,，、]/).filter(Boolean).map(Number);
      if (days.length === 0 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 20)) return { error: 'before: working days from 1 to 20, e.g. 3,1' };
      return { change: { beforeWorkingDays: days } };
    }
    case 'due':
    case 'overdue': {
      const flag = onOff(value);
      if (flag === null) return { error: `${what}: on or off` };
      return { change: what === 'due' ? { onDueDay: flag } : { overdue: flag } };
    }
    case 'hours': {
      const m = value.match(/^(\d{2}:\d{2})[-–~](\d{2}:\d{2})$/);
      if (!m) return { error: 'hours: HH:MM-HH:MM, e.g. 09:00-18:00' };
      const next = policySchema.safeParse({ ...current, workStart: m[1], workEnd: m[2] });
      if (!next.success) return { error: next.error.issues.map((i) => i.message).join('; ') };
      return { change: { workStart: m[1]!, workEnd: m[2]! } };
    }
    case 'summary': {
      const [weekday = '', time = ''] = args.slice(1);
      const day = Number(weekday);
      if (!Number.isInteger(day) || day < 1 || day > 7 || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) {
        return { error: 'summary: a weekday from 1 (Monday) to 7 and a time HH:MM, e.g. summary 1 09:00' };
      }
      return { change: { summaryWeekday: day, summaryTime: time } };
    }
    case 'day': {
      const day = Number(value);
      if (!Number.isInteger(day) || day < 1 || day > 28) return { error: 'day: a day of the month from 1 to 28' };
      return { day };
    }
    default:
      return { error: 'before | due | overdue | hours | day | summary' };
  }
}

admins.command('policy', async (ctx) => {
  const plan = currentPlan(ctx.deps.db);
  if (!plan) return ctx.reply(ctx.t('plans-none'));
  const { db } = ctx.deps;
  const stored = db.select({ policy: plans.reminderPolicy }).from(plans).where(eq(plans.id, plan.id)).get()?.policy;
  const policy = effectivePolicy(stored);
  const args = ctx.match.trim().split(/\s+/).filter(Boolean);
  let updated = false;
  if (args.length > 0) {
    const read = readPolicyChange(args, policy);
    if ('error' in read) return ctx.reply(ctx.t('policy-invalid', { text: escapeHtml(args.join(' ')), reason: read.error }));
    const now = ctx.deps.clock.now();
    db.transaction(() => {
      if ('day' in read) db.update(plans).set({ monthlyReportDay: read.day, updatedAt: now }).where(eq(plans.id, plan.id)).run();
      else db.update(plans).set({ reminderPolicy: { ...policy, ...read.change }, updatedAt: now }).where(eq(plans.id, plan.id)).run();
      audit(ctx, 'policy.set', `plan:${plan.id}`, read);
    });
    updated = true;
  }
  const now = effectivePolicy(db.select({ policy: plans.reminderPolicy }).from(plans).where(eq(plans.id, plan.id)).get()?.policy);
  const prefix = updated ? `${ctx.t('policy-updated')}\n` : '';
  return ctx.reply(
    prefix +
    ctx.t('policy-show', {
      plan: escapeHtml(plan.title ?? ''),
      before: now.beforeWorkingDays.join('、') || '—',
      onDue: ctx.t(now.onDueDay ? 'policy-yes' : 'policy-no'),
      overdue: ctx.t(now.overdue ? 'policy-yes' : 'policy-no'),
      start: now.workStart,
      end: now.workEnd,
      day: String(planFacts(db, plan.id).monthlyReportDay),
      summaryDay: ctx.t(`weekday-${now.summaryWeekday}`),
      summaryTime: now.summaryTime,
    }),
  );
});

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
    return replyLines(ctx, [
      ctx.t('calendar-errors', { year: String(year) }),
      ...parsed.errors.map((e) => ctx.t('calendar-error-item', { line: String(e.line ?? '—'), message: escapeHtml(e.message) })),
    ], true);
  }
  const { override } = parsed;
  const now = ctx.deps.clock.now();
  const { db } = ctx.deps;
  db.transaction(() => {
    const values = { holidays: override.holidays, workdays: override.workdays, source: notice, loadedBy: ctx.identity.person?.id ?? null, updatedAt: now };
    db.insert(calendarOverrides)
      .values({ year, ...values, createdAt: now })
      .onConflictDoUpdate({ target: calendarOverrides.year, set: values })
      .run();
    audit(ctx, 'calendar.load', `year:${year}`, { holidays: override.holidays.length, workdays: override.workdays.length });
  });
  return ctx.reply(ctx.t('calendar-loaded', { year: String(year), holidays: override.holidays.length, workdays: override.workdays.length }));
});

adminFeature.chatType('private').command([...ADMIN_COMMANDS], (ctx) => ctx.reply(ctx.t('common-not-allowed')));


