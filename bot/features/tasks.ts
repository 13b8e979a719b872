/**
 * /tasks (liaisons): the requirements of my unit, the nearest deadline first, each with
 * the status of its current period. Paged with buttons, up to six a page and never more than
 * one message holds (a task's title may run to thousands of characters: it is shown whole, on a
 * page of its own if need be); a person serving several units picks one first. Buttons carry
 * the unit, checked again on every press.
 */
import { Composer, InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import type { BotContext } from '../context';
import { circled, escapeHtml, formatDay, truncate } from '../../core/format';
import { isLiaison } from '../../db/identity';
import { requirementsOfUnit, reportsOfUnit, type AssignedRequirement, type Report } from '../../schedules/unit-requirements';
import { currentPeriod, type Period } from '../../schedules/periods';
import { periodAsked } from '../../core/period-outcome';
import { PLAN_ZONE } from '../../plans/due-dates';
import { localeOfContext } from '../i18n';
import { TELEGRAM_TEXT_LIMIT, telegramLength } from '../../schedules/long-message';
import { callbackData } from '../../core/callback-data';
import { allow } from '../guards';

export const tasksFeature = new Composer<BotContext>();
const privateChats = tasksFeature.chatType('private');

export const TASKS_PAGE_SIZE = 6;
/** A page of a unit's tasks. */
const pageButton = callbackData('tasks', { unitId: 'int', page: 'int' });

privateChats.command('tasks', allow(['liaison'], 'tasks-not-liaison'), async (ctx) => {
  const units = ctx.identity.liaisonUnits;
  if (units.length === 1) {
    const { text, options } = tasksPage(ctx, units[0]!.id, 0);
    return ctx.reply(text, options);
  }
  return ctx.reply(ctx.t('tasks-choose-unit'), { reply_markup: unitChooser(ctx, 0) });
});

/** Units per page of the chooser: Telegram takes at most 100 buttons under a message. */
export const UNITS_PER_PAGE = 20;
/** A page of the units to choose from, for a liaison of many. */
const chooserButton = callbackData('tasks-units', { page: 'int' });

/** One button per unit of the liaison, a page at a time (a liaison of a province's offices has hundreds). */
function unitChooser(ctx: BotContext, requestedPage: number): InlineKeyboard {
  const units = ctx.identity.liaisonUnits;
  const pages = Math.max(1, Math.ceil(units.length / UNITS_PER_PAGE));
  const page = Math.min(Math.max(0, requestedPage), pages - 1);
  const keyboard = new InlineKeyboard();
  for (const unit of units.slice(page * UNITS_PER_PAGE, (page + 1) * UNITS_PER_PAGE))
    keyboard.text(unit.name, pageButton.encode({ unitId: unit.id, page: 0 })).row();
  if (page > 0) keyboard.text(ctx.t('tasks-prev'), chooserButton.encode({ page: page - 1 }));
  if (page < pages - 1) keyboard.text(ctx.t('tasks-next'), chooserButton.encode({ page: page + 1 }));
  return keyboard;
}

privateChats.callbackQuery(chooserButton.pattern, async (ctx) => {
  await ctx.answerCallbackQuery();
  if (!isLiaison(ctx.identity)) return;
  await ctx.editMessageReplyMarkup({ reply_markup: unitChooser(ctx, chooserButton.decode(ctx.callbackQuery.data)!.page) });
});

privateChats.callbackQuery(pageButton.pattern, async (ctx) => {
  const { unitId, page } = pageButton.decode(ctx.callbackQuery.data)!;
  // A button is only as good as its presser's current roles.
  if (!ctx.identity.liaisonUnits.some((unit) => unit.id === unitId)) {
    return ctx.answerCallbackQuery({ text: ctx.t('common-not-allowed'), show_alert: true });
  }
  await ctx.answerCallbackQuery();
  const { text, options } = tasksPage(ctx, unitId, page);
  // Pressing the page already shown is no error: create-bot.ts treats "message is not modified" as done.
  await ctx.editMessageText(text, options);
});

interface Entry {
  requirement: AssignedRequirement;
  period: Period | null;
  report: Report | undefined;
}

/** Whether the entry's period was asked of the unit (one rule with /overdue, the circular and the ledger). */
function asked(entry: Entry): boolean {
  return entry.period === null || periodAsked(entry.period.due.toMillis(), entry.requirement.assignedAt.getTime());
}

function tasksPage(
  ctx: BotContext,
  unitId: number,
  requestedPage: number,
): { text: string; options: { parse_mode: 'HTML'; reply_markup?: InlineKeyboard } } {
  const unit = ctx.identity.liaisonUnits.find((u) => u.id === unitId)!;
  const now = DateTime.fromJSDate(ctx.deps.clock.now(), { zone: PLAN_ZONE });
  const requirements = requirementsOfUnit(ctx.deps.db, unitId);
  if (requirements.length === 0) return { text: ctx.t('tasks-none', { unit: escapeHtml(unit.name) }), options: { parse_mode: 'HTML' } };
  const reports = reportsOfUnit(
    ctx.deps.db,
    unitId,
    requirements.map((r) => r.requirementId),
  );
  const entries: Entry[] = requirements.map((requirement) => {
    const period = requirement.rule ? currentPeriod(requirement.rule, now, requirement.facts) : null;
    return { requirement, period, report: period ? reports.get(`${requirement.requirementId}|${period.key}`) : undefined };
  });
  // Nearest deadline first; those without a date, then those never asked (due before the unit had them), keep the plan's order after them.
  const order = (entry: Entry) => (!entry.period ? Infinity : asked(entry) ? entry.period.due.toMillis() : Number.MAX_VALUE);
  entries.sort((a, b) => order(a) - order(b));

  const header = (page: number, pages: number) =>
    ctx.t('tasks-header', { unit: escapeHtml(unit.name), count: entries.length, page, pages });
  // The room for entries beside the header (measured with page numbers as wide as they can be).
  const room = TELEGRAM_TEXT_LIMIT - telegramLength(header(entries.length, entries.length));
  // A unit in several plans has two "1①": each entry then names its plan.
  const severalPlans = new Set(requirements.map((r) => r.planId)).size > 1;
  const pages = paginate(
    entries.map((entry) => entryBlock(ctx, entry, now, room - 2, severalPlans)),
    room,
  );
  const page = Math.min(Math.max(requestedPage, 0), pages.length - 1);
  const text = [header(page + 1, pages.length), ...pages[page]!].join('\n\n');
  const keyboard = new InlineKeyboard();
  if (page > 0) keyboard.text(ctx.t('tasks-prev'), pageButton.encode({ unitId, page: page - 1 }));
  if (page < pages.length - 1) keyboard.text(ctx.t('tasks-next'), pageButton.encode({ unitId, page: page + 1 }));
  return { text, options: { parse_mode: 'HTML', reply_markup: keyboard } };
}

/** Entries' blocks in pages: up to TASKS_PAGE_SIZE a page, each page's blocks (a blank line before each) within `room`. */
function paginate(blocks: string[], room: number): string[][] {
  const pages: string[][] = [];
  let page: string[] = [];
  let used = 0;
  for (const block of blocks) {
    const cost = 2 + telegramLength(block);
    if (page.length > 0 && (page.length === TASKS_PAGE_SIZE || used + cost > room)) {
      pages.push(page);
      page = [];
      used = 0;
    }
    page.push(block);
    used += cost;
  }
  pages.push(page);
  return pages;
}

/** An entry's block, its task's title shortened only as far as needed for the block to fit `room` alone. */
function entryBlock(ctx: BotContext, entry: Entry, now: DateTime, room: number, namePlan: boolean): string {
  let block = describeEntry(ctx, entry, now, Infinity, namePlan);
  for (let keep = [...entry.requirement.taskTitle].length; telegramLength(block) > room && keep > 0;) {
    keep = Math.max(0, keep - (telegramLength(block) - room) - 1);
    block = describeEntry(ctx, entry, now, keep, namePlan);
  }
  return block;
}

function describeEntry(
  ctx: BotContext,
  { requirement: r, period, report }: Entry,
  now: DateTime,
  titleChars = Infinity,
  namePlan = false,
): string {
  const lang = localeOfContext(ctx);
  const taskTitle = titleChars === Infinity ? r.taskTitle : truncate(r.taskTitle, titleChars);
  const title = `<b>${escapeHtml(r.taskNumber)}${circled(r.index)} ${escapeHtml(taskTitle)}</b>${r.role === 'cooperating' ? ctx.t('tasks-cooperating') : ''}`;
  const lines = [title];
  if (namePlan) lines.push(ctx.t('tasks-plan', { plan: escapeHtml(truncate(r.planTitle ?? ctx.t('plans-untitled'), 30)) }));
  lines.push(escapeHtml(truncate(r.text.replace(/^[\u2460-\u2473]/, ''), 60)));
  // A deadline as the plan wrote it: a cell, but a cell can hold anything.
  const deadline = escapeHtml(truncate(r.deadlineText, 200));
  if (!r.rule && r.deadlineText.trim() === '') lines.push(ctx.t('tasks-no-deadline'));
  else if (!r.rule) lines.push(ctx.t('tasks-unreadable', { deadline }));
  else if (r.rule.kind === 'relative') lines.push(ctx.t('tasks-no-fixed-date', { deadline }));
  else if (!period) lines.push(ctx.t('tasks-none-left', { deadline }));
  else if (!report && !periodAsked(period.due.toMillis(), r.assignedAt.getTime()))
    lines.push(`${ctx.t('tasks-due', { day: formatDay(period.due, lang) })} · ${ctx.t('tasks-status-not-asked')}`);
  else lines.push(`${ctx.t('tasks-due', { day: formatDay(period.due, lang) })} · ${statusText(ctx, period, report, now)}`);
  if (r.quota) {
    lines.push(
      ctx.t('tasks-quota', {
        target: String(r.quota.target),
        unit: escapeHtml(r.quota.unitLabel),
        period: ctx.t(`period-${r.quota.period}`),
      }),
    );
  }
  return lines.join('\n');
}

function statusText(ctx: BotContext, period: Period, report: Report | undefined, now: DateTime): string {
  if (report) return ctx.t(report.late ? 'tasks-status-late' : 'tasks-status-reported', { status: ctx.t(`status-${report.status}`) });
  if (period.due < now) return ctx.t('tasks-status-overdue');
  const days = Math.floor(period.due.startOf('day').diff(now.startOf('day'), 'days').days);
  return days === 0 ? ctx.t('tasks-status-due-today') : ctx.t('tasks-status-open', { days });
}
