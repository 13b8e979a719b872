/**
 * /import (admins): a plan in from chat. The admin sends a spreadsheet (or just sends one
 * without the command) or pastes the plan's text; the bot shows what it understood — tasks,
 * units, deadlines, quotas, every problem — and, for a plan already imported, what would
 * change; nothing is written until the admin confirms.
 *
 * The readers report problems and refusals as codes with a location (plans/problems.ts);
 * they are worded here in the admin's language. Only the preview is sent as HTML: text the
 * admin sent (file names, unit names) is escaped there and nowhere else.
 */
import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { createConversation, type Conversation } from '@grammyjs/conversations';
import type { BaseContext, BotContext } from '../context';
import { escapeHtml, truncate } from '../../core/format';
import { loadIdentity } from '../../db/identity';
import type { PlanPreview } from '../../plans/import';
import { MAX_FILE_BYTES } from '../../plans/file-limits';
import { PlanInputError } from '../../plans/errors';
import {
  wordLocation,
  wordProblem,
  wordProblemMessage,
  type PlanProblem,
  type ProblemCode,
  type WordingOptions,
} from '../../plans/problems';
import type { IgnoredReason } from '../../plans/plan';
import { commitWithYear, yearQuestions, type YearAnswers, type YearQuestions } from '../import/plan-year';
import { dryRunCommit } from '../../plans/dry-run';
import { splitHtmlMessage } from '../../schedules/long-message';
import { guardConversation } from '../conversation-failed';
import { DateTime } from 'luxon';
import { PLAN_ZONE } from '../../plans/due-dates';
import { allow } from '../guards';
import { callbackData } from '../../core/callback-data';

/** The plan readers, loaded at the first import: exceljs, pdf.js and mammoth take a second to load, and start-up should not wait for them. */
const readers = () => import('../../plans/import');

/** The /import conversation's buttons. */
const importButtons = {
  /** An answer to a question (replace which plan, run in which year …). */
  answer: callbackData('im:q', { value: /\w+/ }),
  /** A year for a plan that names none: y2026. */
  year: callbackData('im:q', { year: /y\d{4}/ }),
  cancel: 'im:x',
  textDone: 'im:text',
  confirm: 'im:ok',
  sheet: 'im:xlsx',
} as const;

export const IMPORT_CONVERSATION = 'import';
const IDLE_MS = 30 * 60_000;

type ImportConversation = Conversation<BotContext, BaseContext>;

/** What was read: the plan, or why it cannot be imported at all. */
type Read = { preview: PlanPreview } | { refused: PlanProblem };

/** Text pasted in chat is read as a file of this name (and an untitled plan keyed by it); shown as "pasted text". */
const PASTED = 'pasted.txt';

class Cancelled extends Error {}

function actorOf(outer: BaseContext) {
  const identity = loadIdentity(outer.deps.db, outer.from?.id ?? 0, outer.deps.config.admins);
  return { identity, actor: { personId: identity.person?.id ?? null, label: identity.person?.name ?? String(outer.from?.id ?? '') } };
}

async function readFromTelegram(outer: BaseContext, fileId: string, name: string, year?: number): Promise<Read> {
  try {
    const file = await outer.api.getFile(fileId);
    const bytes = await outer.deps.downloadFile(file.file_path!);
    return { preview: await (await readers()).readPlan(name, bytes, { year }) };
  } catch (error) {
    if (error instanceof PlanInputError) return { refused: error.problem };
    throw error;
  }
}

async function readPasted(text: string, year?: number): Promise<Read> {
  try {
    return { preview: await (await readers()).readPlan(PASTED, new TextEncoder().encode(text), { year }) };
  } catch (error) {
    if (error instanceof PlanInputError) return { refused: error.problem };
    throw error;
  }
}

/** Problems shown of each kind (code) in the preview; the rest of the kind are counted. */
export const PREVIEW_PLACES = 3;
/** Ignored lines quoted in the preview; the rest are counted (the preview sheet lists them all). */
export const PREVIEW_IGNORED = 10;

/** Every reason a line is ignored, worded by `ignored-<reason>` (the compiler checks the list is whole). */
export const IGNORED_REASONS: Record<IgnoredReason, true> = {
  notice: true,
  preamble: true,
  goals: true,
  organization: true,
  'work-requirements': true,
  signature: true,
  'attachment-heading': true,
  'page-furniture': true,
  'page-number': true,
  closing: true,
  'other-column': true,
  'unused-cell': true,
  heading: true,
  'scoring-rule': true,
};

type Translator = { t(key: string, variables?: Record<string, string | number>): string };

/** Where a plan was read from, as the admin knows it: the file's name, or "pasted text". */
function sourceLabel(ctx: Translator, source: string): string {
  return source === PASTED ? ctx.t('import-pasted-text') : source;
}

/** A problem or refusal in the admin's language, with where it is. Plain text: escape it for HTML. */
export function wordImportProblem(ctx: Translator, problem: PlanProblem): string {
  return wordProblem((key, args) => ctx.t(key, args), problem, wording(ctx));
}

function wording(ctx: Translator): WordingOptions {
  return { fileLabel: (file) => sourceLabel(ctx, file) };
}

/** Where in the file, without the file's name (the preview names it once): "第5行，第2条要求", or the file when that is all. */
function wordPlace(ctx: Translator, problem: PlanProblem): string {
  const place = wordLocation((key, args) => ctx.t(key, args), { ...problem.where, file: '' }).trim();
  return place === '' ? sourceLabel(ctx, problem.where.file) : place;
}

/** Problems by kind (code), kinds in order of first appearance. */
function byKind(problems: PlanProblem[]): PlanProblem[][] {
  const kinds = new Map<ProblemCode, PlanProblem[]>();
  for (const p of problems) {
    const kind = kinds.get(p.code);
    if (kind) kind.push(p);
    else kinds.set(p.code, [p]);
  }
  return [...kinds.values()];
}

/**
 * The problems grouped by kind, one entry per kind: a kind whose problems all say the same
 * (no unit named) is one line with its count and first places; a kind whose problems differ
 * (which deadline could not be read) shows its first few in full and counts the rest.
 * Plain text: escaped by the caller.
 */
export function problemKindLines(ctx: Translator, problems: PlanProblem[]): string[] {
  const t = (key: string, args?: Record<string, string | number>) => ctx.t(key, args);
  const lines: string[] = [];
  for (const kind of byKind(problems)) {
    if (kind.length === 1) {
      lines.push(`• ${truncate(wordImportProblem(ctx, kind[0]!), 160)}`);
      continue;
    }
    const messages = new Set(kind.map((p) => wordProblemMessage(t, p, wording(ctx))));
    if (messages.size === 1) {
      const places = [...new Set(kind.map((p) => wordPlace(ctx, p)))];
      lines.push(
        ctx.t('import-problem-kind', {
          message: truncate([...messages][0]!, 120),
          count: kind.length,
          places: places.slice(0, PREVIEW_PLACES).join(ctx.t('import-problem-place-separator')),
          more: Math.max(0, places.length - PREVIEW_PLACES),
        }),
      );
      continue;
    }
    lines.push(ctx.t('import-problem-kind-first', { problem: truncate(wordImportProblem(ctx, kind[0]!), 160), count: kind.length }));
    for (const p of kind.slice(1, PREVIEW_PLACES))
      lines.push(ctx.t('import-problem-kind-also', { problem: truncate(wordImportProblem(ctx, p), 160) }));
    if (kind.length > PREVIEW_PLACES) lines.push(ctx.t('import-problem-kind-more', { count: kind.length - PREVIEW_PLACES }));
  }
  return lines;
}

/** The first ignored lines with why, then how many more. Plain text: escaped by the caller. */
function ignoredLines(ctx: Translator, preview: PlanPreview): string[] {
  if (preview.ignored.length === 0) return [];
  const lines = [ctx.t('import-preview-ignored', { count: preview.ignored.length })];
  for (const line of preview.ignored.slice(0, PREVIEW_IGNORED)) {
    const where = wordLocation((key, args) => ctx.t(key, args), { ...line.where, file: '' }).trim() || sourceLabel(ctx, line.where.file);
    lines.push(
      ctx.t('import-ignored-line', {
        where,
        reason: ctx.t(`ignored-${line.reason}`),
        text: truncate(line.text.replace(/\s*\n\s*/g, ' '), 60),
      }),
    );
  }
  if (preview.ignored.length > PREVIEW_IGNORED)
    lines.push(ctx.t('import-preview-ignored-more', { count: preview.ignored.length - PREVIEW_IGNORED }));
  return lines;
}

/** Points add up in tenths and halves (7.5): summed without binary fractions showing (0.1 + 0.2). */
function pointsTotal(points: number[]): number {
  return Math.round(points.reduce((sum, p) => sum + p, 0) * 100) / 100;
}

/**
 * The preview as messages: the counts, every unit named (an admin checks the names before
 * confirming; a province has a thousand), the first ignored lines with why, the problems
 * grouped by kind, split into parts of at most 4,096 characters. The conversation sends each
 * part with parse_mode HTML, the buttons (confirm, the preview sheet, cancel) under the last.
 */
export function importPreviewParts(ctx: Translator, preview: PlanPreview, change: ReturnType<typeof dryRunCommit>): string[] {
  return splitHtmlMessage(previewLines(ctx, preview, change).join('\n'));
}

function previewLines(ctx: Translator, preview: PlanPreview, change: ReturnType<typeof dryRunCommit>): string[] {
  const requirements = preview.tasks.flatMap((t) => t.requirements);
  const units = preview.units.map((u) => u.name).join('、') || ctx.t('import-none');
  const points = preview.tasks.flatMap((t) => (t.points === null ? [] : [t.points]));
  const evidence = requirements.filter((r) => r.evidence !== null).length;
  const lines = [
    ctx.t('import-preview', {
      title: escapeHtml(preview.title ?? ctx.t('import-no-title')),
      year: preview.year === null ? ctx.t('import-no-year') : String(preview.year),
      source: escapeHtml(sourceLabel(ctx, preview.source)),
      sections: preview.sections.length,
      tasks: preview.tasks.length,
      requirements: requirements.length,
      units: preview.units.length,
      quotas: requirements.filter((r) => r.quota).length,
    }),
    ctx.t('import-preview-units', { units: escapeHtml(units) }),
    ctx.t('import-preview-deadlines', {
      recognized: requirements.filter((r) => r.deadline.recognized).length,
      // Written but not understood, apart from not written at all (a plan that names no deadline for an item).
      unrecognized: requirements.filter((r) => !r.deadline.recognized && r.deadline.text.trim() !== '').length,
      missing: requirements.filter((r) => r.deadline.text.trim() === '').length,
    }),
    ...(points.length > 0 ? [ctx.t('import-preview-points', { tasks: points.length, total: pointsTotal(points) })] : []),
    ...(evidence > 0 ? [ctx.t('import-preview-evidence', { count: evidence })] : []),
    change.created
      ? ctx.t('import-preview-changes-new')
      : ctx.t('import-preview-changes', {
          added: change.tasks.added.length,
          updated: change.tasks.updated.length,
          archived: change.tasks.archived.length,
          unchanged: change.tasks.unchanged,
        }),
    '',
  ];
  const ignored = ignoredLines(ctx, preview);
  if (ignored.length > 0) lines.push(...ignored.map(escapeHtml), '');
  if (preview.problems.length === 0) lines.push(ctx.t('import-no-problems'));
  else {
    lines.push(ctx.t('import-preview-problems', { count: preview.problems.length }));
    lines.push(...problemKindLines(ctx, preview.problems).map(escapeHtml));
  }
  lines.push('', ctx.t('import-preview-sheet-hint'));
  return lines;
}

/**
 * Sends the preview as a workbook to correct and send back (plans/preview-sheet.ts), if the
 * person pressing is still an admin; returns whether it was sent. The admin may press again
 * for another copy.
 */
async function sendPreviewSheet(outer: BaseContext, ctx: Translator, preview: PlanPreview): Promise<boolean> {
  if (!actorOf(outer).identity.admin) return false;
  const { previewSheet, previewSheetName } = await import('../../plans/preview-sheet');
  const bytes = await previewSheet(preview, (key, args) => ctx.t(key, args), wording(ctx));
  const name = previewSheetName(preview.title ?? sourceLabel(ctx, preview.source).replace(/\.[^.]*$/, ''));
  await outer.api.sendDocument(outer.chat!.id, new InputFile(bytes, name), { caption: ctx.t('import-sheet-caption') });
  return true;
}

/**
 * The preview's messages, or why the plan cannot be imported: the dry run commits, and a
 * commit refuses a plan that uses a task number twice (plans/commit.ts).
 */
function previewOrRefusal(
  outer: BaseContext,
  ctx: Translator,
  preview: PlanPreview,
): { parts: string[]; questions: YearQuestions } | { refused: PlanProblem } {
  try {
    const now = outer.deps.clock.now();
    const change = dryRunCommit(outer.deps.db, preview, { actor: actorOf(outer).actor, now });
    return { parts: importPreviewParts(ctx, preview, change), questions: yearQuestions(outer.deps.db, preview, change.created, now) };
  } catch (error) {
    if (error instanceof PlanInputError) return { refused: error.problem };
    throw error;
  }
}

/** Tells the admin why the plan cannot be imported. Plain text: the reason quotes the file's name and cells as they are. */
async function refuse(ctx: BaseContext, problem: PlanProblem): Promise<void> {
  await ctx.reply(ctx.t('import-refused', { reason: wordImportProblem(ctx, problem) }));
}

/** Asks a question with buttons (and cancel) and waits for one of them; returns its value. */
async function ask(
  conversation: ImportConversation,
  ctx: BaseContext,
  deadline: number,
  text: string,
  choices: [label: string, value: string][],
): Promise<string> {
  const keyboard = new InlineKeyboard();
  for (const [label, value] of choices) keyboard.text(label, importButtons.answer.encode({ value })).row();
  keyboard.text(ctx.t('report-button-cancel'), importButtons.cancel);
  await ctx.reply(text, { reply_markup: keyboard });
  for (;;) {
    const update = await waitFor(conversation, ctx, deadline);
    const value = importButtons.answer.decode(update.callbackQuery?.data)?.value;
    if (value !== undefined && choices.some(([, v]) => v === value)) {
      await update.answerCallbackQuery();
      await update.editMessageReplyMarkup().catch(() => undefined);
      return value;
    }
    if (update.callbackQuery) await update.answerCallbackQuery({ text: ctx.t('report-use-buttons') });
    else await update.reply(ctx.t('report-use-buttons'));
    await conversation.skip({ next: false });
  }
}

/** Years a plan may be given in chat: a plan of 2000 is a record, one past 2100 a typo. */
const YEAR_RANGE = { min: 2000, max: 2100 };

/**
 * Asks which year a plan with none is for: last, this or next year as buttons, or any year
 * typed (a 2021 plan imported in 2026 as a record). Returns the year.
 */
async function askYear(conversation: ImportConversation, ctx: BaseContext, deadline: number, thisYear: number): Promise<number> {
  const keyboard = new InlineKeyboard();
  for (const year of [thisYear - 1, thisYear, thisYear + 1])
    keyboard.text(ctx.t('import-year-button', { year: String(year) }), importButtons.year.encode({ year: `y${year}` })).row();
  keyboard.text(ctx.t('report-button-cancel'), importButtons.cancel);
  await ctx.reply(ctx.t('import-ask-year'), { reply_markup: keyboard });
  for (;;) {
    const update = await waitFor(conversation, ctx, deadline);
    const pressed = importButtons.year.decode(update.callbackQuery?.data)?.year;
    if (pressed !== undefined) {
      // y2026: the year, behind a letter that keeps it apart from the other answers' values.
      await update.answerCallbackQuery();
      await update.editMessageReplyMarkup().catch(() => undefined);
      return Number(pressed.slice(1));
    }
    const typed = update.message?.text?.trim().match(/^(\d{4})\s*年?$/)?.[1];
    if (typed !== undefined && Number(typed) >= YEAR_RANGE.min && Number(typed) <= YEAR_RANGE.max) return Number(typed);
    if (update.callbackQuery) await update.answerCallbackQuery({ text: ctx.t('import-year-use') });
    else await update.reply(ctx.t('import-year-use'));
    await conversation.skip({ next: false });
  }
}

async function waitFor(conversation: ImportConversation, ctx: BaseContext, deadline: number): Promise<BaseContext> {
  const update = await conversation.wait();
  const now = await conversation.external((outer) => outer.deps.clock.now().getTime());
  if (now > deadline) await conversation.halt({ next: true });
  const text = update.message?.text ?? '';
  if (/^\/cancel(@\w+)?$/.test(text.trim()) || update.callbackQuery?.data === importButtons.cancel) throw new Cancelled();
  if (text.startsWith('/')) await conversation.halt({ next: true });
  return update;
}

export async function importConversation(
  conversation: ImportConversation,
  ctx: BaseContext,
  document?: { fileId: string; name: string; size: number },
): Promise<void> {
  const cancel = new InlineKeyboard().text(ctx.t('report-button-cancel'), importButtons.cancel);
  try {
    const deadline = await conversation.external((outer) => outer.deps.clock.now().getTime() + IDLE_MS);
    let read: Read | null = null;
    let file = document;
    let pasted = '';
    if (!file) await ctx.reply(ctx.t('import-ask'), { reply_markup: cancel });
    while (read === null) {
      if (file) {
        if (file.size > MAX_FILE_BYTES) {
          await ctx.reply(ctx.t('import-too-big', { size: (file.size / 1024 / 1024).toFixed(1) }));
          return;
        }
        await ctx.reply(ctx.t('import-reading', { name: file.name }));
        const { fileId, name } = file;
        read = await conversation.external((outer) => readFromTelegram(outer, fileId, name));
        break;
      }
      const update = await waitFor(conversation, ctx, deadline);
      const sent = update.message?.document;
      if (sent) {
        file = { fileId: sent.file_id, name: sent.file_name ?? 'plan', size: sent.file_size ?? 0 };
        continue;
      }
      if (update.callbackQuery?.data === importButtons.textDone && pasted.trim() !== '') {
        await update.answerCallbackQuery();
        const text = pasted;
        read = await conversation.external(() => readPasted(text));
        break;
      }
      if (update.message?.text) {
        pasted += `${update.message.text}\n`;
        await update.reply(ctx.t('import-text-received', { chars: [...pasted].length }), {
          reply_markup: new InlineKeyboard()
            .text(ctx.t('import-button-text-done'), importButtons.textDone)
            .text(ctx.t('report-button-cancel'), importButtons.cancel),
        });
        continue;
      }
      // Neither a file nor text (a sticker, a stray button): answered and forgotten, so it does not grow the replay log.
      if (update.callbackQuery) await update.answerCallbackQuery({ text: ctx.t('report-use-buttons') });
      else await update.reply(ctx.t('import-ask'), { reply_markup: cancel });
      await conversation.skip({ next: false });
    }
    if ('refused' in read) return await refuse(ctx, read.refused);
    if (read.preview.year === null) {
      // Without a year, 3月底前 and xx年6月30日前 fall on no date: the admin says which year
      // the plan is for, and it is read again with it.
      const thisYear = await conversation.external((outer) => DateTime.fromJSDate(outer.deps.clock.now(), { zone: PLAN_ZONE }).year);
      const year = await askYear(conversation, ctx, deadline, thisYear);
      const fileNow = file;
      const text = pasted;
      read = fileNow
        ? await conversation.external((outer) => readFromTelegram(outer, fileNow.fileId, fileNow.name, year))
        : await conversation.external(() => readPasted(text, year));
      if ('refused' in read) return await refuse(ctx, read.refused);
    }
    const { preview } = read;
    const shown = await conversation.external((outer) => previewOrRefusal(outer, ctx, preview));
    if ('refused' in shown) return await refuse(ctx, shown.refused);
    const { parts, questions } = shown;
    const confirm = new InlineKeyboard()
      .text(ctx.t('import-button-confirm'), importButtons.confirm)
      .text(ctx.t('import-button-sheet'), importButtons.sheet)
      .row()
      .text(ctx.t('report-button-cancel'), importButtons.cancel);
    // A province's preview takes several messages; the buttons go under the last.
    for (const [i, part] of parts.entries())
      await ctx.reply(part, { parse_mode: 'HTML', ...(i === parts.length - 1 ? { reply_markup: confirm } : {}) });
    for (;;) {
      const update = await waitFor(conversation, ctx, deadline);
      if (update.callbackQuery?.data === importButtons.confirm) {
        await update.answerCallbackQuery();
        break;
      }
      if (update.callbackQuery?.data === importButtons.sheet) {
        // Rights are checked at the press, as at the commit: the preview names every unit and task.
        const sent = await conversation.external((outer) => sendPreviewSheet(outer, ctx, preview));
        await update.answerCallbackQuery(sent ? {} : { text: ctx.t('common-not-allowed'), show_alert: true });
        if (!sent) return;
        await conversation.skip({ next: false });
      }
      // The corrected sheet (or any file) sent instead of confirming: a new import of it.
      if (update.message?.document) await conversation.halt({ next: true });
      if (update.callbackQuery) await update.answerCallbackQuery({ text: ctx.t('report-use-buttons') });
      else await update.reply(ctx.t('report-use-buttons'));
      await conversation.skip({ next: false });
    }
    const answers: YearAnswers = { runInYear: null, replaces: null };
    if (questions.pastYear) {
      const { planYear, thisYear } = questions.pastYear;
      const choice = await ask(
        conversation,
        ctx,
        deadline,
        ctx.t('import-past-year', { year: String(planYear), thisYear: String(thisYear) }),
        [
          [ctx.t('import-past-year-own', { year: String(planYear) }), 'own'],
          [ctx.t('import-past-year-roll', { thisYear: String(thisYear) }), 'roll'],
        ],
      );
      if (choice === 'roll') answers.runInYear = thisYear;
    }
    const previous = questions.previous;
    // A plan rolled forward into the year of a live version of itself would replace it too; one run for its own past year replaces nothing.
    if (previous && (answers.runInYear !== null || !questions.pastYear)) {
      const choice = await ask(
        conversation,
        ctx,
        deadline,
        ctx.t('import-replace', { old: previous.title ?? '', oldYear: previous.year === null ? '' : String(previous.year) }),
        [
          [ctx.t('import-replace-yes'), 'yes'],
          [ctx.t('import-replace-no'), 'no'],
        ],
      );
      if (choice === 'yes') answers.replaces = previous.id;
    }
    const saved = await conversation.external((outer) => {
      const { identity, actor } = actorOf(outer);
      // Rights may have changed while the admin read the preview: checked again at the moment of writing.
      if (!identity.admin) return null;
      return commitWithYear(outer.deps.db, preview, answers, { actor, now: outer.deps.clock.now() });
    });
    if (!saved) {
      await ctx.reply(ctx.t('common-not-allowed'));
      return;
    }
    if ('refused' in saved) {
      await ctx.reply(ctx.t('import-replaced-meanwhile', { old: previous?.title ?? '' }));
      return;
    }
    const { result, rolledTo, rollover } = saved;
    const lines = [
      ctx.t('import-confirmed', {
        title: preview.title ?? sourceLabel(ctx, preview.source),
        added: result.tasks.added.length,
        updated: result.tasks.updated.length,
        archived: result.tasks.archived.length,
        newUnits: result.newUnits.join('、') || ctx.t('import-none'),
      }),
    ];
    if (questions.pastYear && rolledTo === null) lines.push(ctx.t('import-done-own-year', { year: String(questions.pastYear.planYear) }));
    if (rolledTo !== null) lines.push(ctx.t('import-done-rolled', { year: String(rolledTo) }));
    if (rollover) {
      lines.push(
        ctx.t(rollover.archived === 'now' ? 'import-done-replaced-archived' : 'import-done-replaced-later', {
          old: previous?.title ?? '',
          leads: rollover.leadsCarried,
          group: rollover.groupCarried ? 'yes' : 'no',
          policy: rollover.policyCarried ? 'yes' : 'no',
        }),
      );
    }
    if (result.archivedPlan) lines.push(ctx.t('import-done-still-archived', { plan: String(result.planId) }));
    await ctx.reply(lines.join('\n'));
  } catch (error) {
    if (!(error instanceof Cancelled)) throw error;
    await ctx.reply(ctx.t('import-cancelled'));
  }
}

export const importFeature = new Composer<BotContext>();
const privateChats = importFeature.chatType('private');

privateChats.command('import', allow(['admin']), async (ctx) => {
  await ctx.conversation.enter(IMPORT_CONVERSATION);
});

/** An admin who just sends a spreadsheet means to import it. */
privateChats.on('message:document', async (ctx, next) => {
  if (!ctx.identity.admin) return next();
  const { document } = ctx.message;
  await ctx.conversation.enter(IMPORT_CONVERSATION, {
    fileId: document.file_id,
    name: document.file_name ?? 'plan',
    size: document.file_size ?? 0,
  });
});

export function importConversationMiddleware(config: Parameters<typeof createConversation<BotContext, BaseContext>>[1]) {
  return createConversation<BotContext, BaseContext>(guardConversation(IMPORT_CONVERSATION, importConversation), config);
}
