/**
 * Which plan an admin command acts on. Several plans run at once (a city's plan beside a
 * bureau's own, last year's beside this year's), so /units, /deadline, /policy, /group,
 * /invite 领导 and /pack each act on one plan, named in their answer:
 * - `#N` (or a bare N where nothing else could be meant) right after the command picks plan N,
 *   the number /plans shows: `/units #2`, `/policy #2 before 5,1`, `/invite 领导 #2`;
 * - else, with one live plan, the command acts on it;
 * - else the admin gets a picker: a button per live plan ("title（year）", 8 a page), and a
 *   cancel button. The picker replies to the command and is scoped to the admin who sent it:
 *   a press is refused when it comes from anyone else, or from someone no longer an admin
 *   (roles are checked at the edge and again on press), and a plan archived since the
 *   picker was shown is refused as no longer live. The command's words are the picker's last
 *   line, read back on press, so a picker survives a restart of the bot.
 *
 * Callback data: `pc:<command code>:<asker's Telegram id>:<plan id | p<page> | x>`.
 */
import { InlineKeyboard, type Composer } from 'grammy';
import type { BaseContext, BotContext } from './context';
import { escapeHtml, truncate } from '../core/format';
import { livePlans, planById, type PlanRef } from '../db/plans';
import { callbackData } from '../core/callback-data';

/** A press on a command's plan picker (pc:<command code>): who asked, and a plan's id, a page (p2) or cancel (x). */
function pickerButton(code: string) {
  return callbackData(`pc:${code}`, { asker: 'int', choice: /x|p\d+|\d+/ });
}

export type { PlanRef } from '../db/plans';

/** The commands that act on a plan, with the short code their picker buttons carry. */
export const PLAN_COMMANDS = { units: 'u', deadline: 'd', policy: 'p', group: 'g', invite: 'i', pack: 'k' } as const;
export type PlanCommand = keyof typeof PLAN_COMMANDS;

/** Plans on a page of the picker (a button a row). */
export const PICKER_PAGE_SIZE = 8;
/** A title's start on a button: Telegram cuts long button labels anyway, the year must stay. */
const TITLE_ON_BUTTON = 24;

type Translate = (key: string, args?: Record<string, string | number>) => string;

/** "title（year）"; the title alone when it already says the year (福州市…2026年…任务分解表). Not escaped. */
export function planLabel(t: Translate, plan: Pick<PlanRef, 'title' | 'year'>): string {
  const title = plan.title ?? t('plans-untitled');
  if (plan.year === null || title.includes(String(plan.year))) return title;
  return t('plan-choice-label', { title, year: String(plan.year) });
}

/** A picker button: the title's start, and the year always. */
function buttonLabel(t: Translate, plan: PlanRef): string {
  const title = truncate(plan.title ?? t('plans-untitled'), TITLE_ON_BUTTON);
  return plan.year === null ? title : t('plan-choice-label', { title, year: String(plan.year) });
}

/**
 * A plan chosen in the command's words: a leading `#N` (`＃N`), or a bare `N` when `bare`.
 * Returns the plan number (null when none was given) and the words after it.
 */
export function readPlanChoice(words: string[], options: { bare?: boolean } = {}): { choice: number | null; rest: string[] } {
  const first = words[0];
  const match = first?.match(options.bare ? /^[#＃]?(\d{1,9})$/ : /^[#＃](\d{1,9})$/);
  return match ? { choice: Number(match[1]), rest: words.slice(1) } : { choice: null, rest: words };
}

export type PlanRun = (ctx: BaseContext, plan: PlanRef, args: string[]) => Promise<unknown>;

export interface ForPlanOptions {
  /** Accept a bare plan number (`/units 2`), where the command's own words cannot be a number. */
  bare?: boolean;
  /** What to say when no plan is live (default plans-none). */
  none?: string;
  /** The command's fixed words before its arguments, shown in the picker (`领导` of /invite 领导). */
  prefix?: string[];
  /** `#N` may name an archived plan (/pack of last year's assessment); the picker still offers live plans only. */
  archived?: boolean;
}

/** Runs `run` on the plan the words choose, the only live plan, or the one the admin picks. */
export async function forPlan(
  ctx: BaseContext,
  command: PlanCommand,
  words: string[],
  run: PlanRun,
  options: ForPlanOptions = {},
): Promise<unknown> {
  const { db } = ctx.deps;
  const { choice, rest } = readPlanChoice(words, options);
  if (choice !== null) {
    const plan = planById(db, choice);
    if (!plan) return ctx.reply(ctx.t('plan-choice-unknown', { n: String(choice) }));
    if (plan.archivedAt !== null && !options.archived)
      return ctx.reply(ctx.t('plan-choice-archived-arg', { n: String(choice), plan: escapeHtml(planLabel(ctx.t, plan)) }), {
        parse_mode: 'HTML',
      });
    return run(ctx, plan, rest);
  }
  const live = livePlans(db);
  if (live.length === 0) return ctx.reply(ctx.t(options.none ?? 'plans-none'));
  if (live.length === 1) return run(ctx, live[0]!, rest);
  const line = commandLine(command, [...(options.prefix ?? []), ...rest]);
  const { text, keyboard } = picker(ctx, command, ctx.from!.id, line, live, 0);
  return ctx.reply(text, {
    parse_mode: 'HTML',
    reply_markup: keyboard,
    reply_parameters: ctx.msg ? { message_id: ctx.msg.message_id, allow_sending_without_reply: true } : undefined,
  });
}

/** The command as the picker shows it and reads it back: one line, single spaces. */
function commandLine(command: PlanCommand, words: string[]): string {
  return [`/${command}`, ...words].join(' ').replace(/\s+/g, ' ').trim();
}

function picker(ctx: BaseContext, command: PlanCommand, asker: number, line: string, live: PlanRef[], requestedPage: number) {
  const code = PLAN_COMMANDS[command];
  const pages = Math.max(1, Math.ceil(live.length / PICKER_PAGE_SIZE));
  const page = Math.min(Math.max(requestedPage, 0), pages - 1);
  const button = pickerButton(code);
  const keyboard = new InlineKeyboard();
  for (const plan of live.slice(page * PICKER_PAGE_SIZE, (page + 1) * PICKER_PAGE_SIZE))
    keyboard.text(buttonLabel(ctx.t, plan), button.encode({ asker, choice: String(plan.id) })).row();
  if (page > 0) keyboard.text(ctx.t('tasks-prev'), button.encode({ asker, choice: `p${page - 1}` }));
  if (page < pages - 1) keyboard.text(ctx.t('tasks-next'), button.encode({ asker, choice: `p${page + 1}` }));
  if (pages > 1) keyboard.row();
  keyboard.text(ctx.t('plan-choice-cancel'), button.encode({ asker, choice: 'x' }));
  const title =
    pages > 1
      ? ctx.t('plan-choice-ask-paged', { count: live.length, page: page + 1, pages })
      : ctx.t('plan-choice-ask', { count: live.length });
  // The command stays the last line: a press reads it back from the message.
  return { text: `${title}\n${escapeHtml(line)}`, keyboard };
}

/** The command's words after the command, read back from the picker's last line. */
function wordsOf(
  ctx: BaseContext & { callbackQuery: NonNullable<BaseContext['callbackQuery']> },
  command: PlanCommand,
): { line: string; args: string[] } | null {
  const message = ctx.callbackQuery.message;
  const text = message && 'text' in message ? message.text : undefined;
  const line = text?.split('\n').at(-1)?.trim();
  if (!line || !line.startsWith(`/${command}`)) return null;
  return { line, args: line.split(' ').slice(1) };
}

/**
 * Installs the picker's buttons for one command on a composer (the private chats of a
 * feature, or the group chats for /group): `run` gets the chosen plan and the command's words.
 * `skip` drops fixed words the command put before its arguments (the 领导 of /invite 领导).
 */
export function installPlanPicker<C extends BotContext>(
  composer: Composer<C>,
  command: PlanCommand,
  run: PlanRun,
  options: { skip?: number } = {},
): void {
  const code = PLAN_COMMANDS[command];
  const button = pickerButton(code);
  composer.callbackQuery(button.pattern, async (ctx) => {
    const { asker, choice: action } = button.decode(ctx.callbackQuery.data)!;
    if (ctx.from.id !== asker) return ctx.answerCallbackQuery({ text: ctx.t('plan-choice-not-yours'), show_alert: true });
    // The asker may have lost the admin role since: checked again on every press.
    if (!ctx.identity.admin) return ctx.answerCallbackQuery({ text: ctx.t('common-not-allowed'), show_alert: true });
    const words = wordsOf(ctx, command);
    if (!words) return ctx.answerCallbackQuery({ text: ctx.t('common-button-expired'), show_alert: true });
    const { db } = ctx.deps;
    const redraw = async (page: number) => {
      const live = livePlans(db);
      if (live.length === 0) return ctx.editMessageText(ctx.t('plans-none')).catch(() => undefined);
      const { text, keyboard } = picker(ctx, command, asker, words.line, live, page);
      return ctx.editMessageText(text, { parse_mode: 'HTML', reply_markup: keyboard }).catch(() => undefined);
    };
    if (action === 'x') {
      await ctx.answerCallbackQuery();
      return ctx.editMessageText(ctx.t('plan-choice-cancelled')).catch(() => undefined);
    }
    if (action.startsWith('p')) {
      await ctx.answerCallbackQuery();
      return redraw(Number(action.slice(1)));
    }
    const plan = planById(db, Number(action));
    if (!plan || plan.archivedAt !== null) {
      const text = plan ? ctx.t('plan-choice-archived', { plan: planLabel(ctx.t, plan) }) : ctx.t('common-button-expired');
      await ctx.answerCallbackQuery({ text, show_alert: true });
      return redraw(0);
    }
    await ctx.answerCallbackQuery();
    await ctx
      .editMessageText(ctx.t('plan-choice-chosen', { plan: escapeHtml(planLabel(ctx.t, plan)), command: escapeHtml(words.line) }), {
        parse_mode: 'HTML',
      })
      .catch(() => undefined);
    return run(ctx, plan, words.args.slice(options.skip ?? 0));
  });
}
