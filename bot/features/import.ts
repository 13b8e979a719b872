/**
 * /import (admins): a plan in from chat. The admin sends a spreadsheet (or just sends one
 * without the command) or pastes the plan's text; the bot shows what it understood — tasks,
 * units, deadlines, quotas, every problem — and, for a plan already imported, what would
 * change; nothing is written until the admin confirms.
 */
import { Composer, InlineKeyboard } from 'grammy';
import { createConversation, type Conversation } from '@grammyjs/conversations';
import type { BaseContext, BotContext } from '../context';
import { escapeHtml, truncate } from '../format';
import { loadIdentity } from '../identity';
import { readPlan, MAX_FILE_BYTES, type PlanPreview } from '../../plans/import';
import { PlanInputError } from '../../plans/errors';
import { commitPlan } from '../../plans/commit';
import { dryRunCommit } from '../../plans/dry-run';
import { splitHtmlMessage } from '../../schedules/long-message';
import { guardConversation } from '../conversation-failed';

export const IMPORT_CONVERSATION = 'import';
const IDLE_MS = 30 * 60_000;

type ImportConversation = Conversation<BotContext, BaseContext>;

interface Read {
  preview: PlanPreview | null;
  refused: string | null;
}

class Cancelled extends Error {}

function actorOf(outer: BaseContext) {
  const identity = loadIdentity(outer.deps.db, outer.from?.id ?? 0, outer.deps.config.admins);
  return { identity, actor: { personId: identity.person?.id ?? null, label: identity.person?.name ?? String(outer.from?.id ?? '') } };
}

async function readFromTelegram(outer: BaseContext, fileId: string, name: string): Promise<Read> {
  try {
    const file = await outer.api.getFile(fileId);
    const bytes = await outer.deps.downloadFile(file.file_path!);
    return { preview: await readPlan(name, bytes), refused: null };
  } catch (error) {
    if (error instanceof PlanInputError) return { preview: null, refused: error.message };
    throw error;
  }
}

async function readPasted(text: string): Promise<Read> {
  try {
    return { preview: await readPlan('pasted.txt', new TextEncoder().encode(text)), refused: null };
  } catch (error) {
    if (error instanceof PlanInputError) return { preview: null, refused: error.message.replace(/^pasted\.txt: /, '') };
    throw error;
  }
}

/** Problems listed in the preview's parts; the rest are counted. */
export const PREVIEW_PROBLEMS = 50;

type Translator = { t(key: string, variables?: Record<string, string | number>): string };

/**
 * The preview as messages: every unit named (an admin checks the names before confirming; a
 * province has a thousand), up to PREVIEW_PROBLEMS problems listed, split into parts of at most
 * 4,096 characters. The conversation sends each part with parse_mode HTML, the confirm and
 * cancel buttons under the last one only.
 */
export function importPreviewParts(ctx: Translator, preview: PlanPreview, change: ReturnType<typeof dryRunCommit>): string[] {
  return splitHtmlMessage(previewLines(ctx, preview, change, { unitsChars: Infinity, problems: PREVIEW_PROBLEMS }).join('\n'));
}

function previewLines(ctx: Translator, preview: PlanPreview, change: ReturnType<typeof dryRunCommit>, shown: { unitsChars: number; problems: number }): string[] {
  const requirements = preview.tasks.flatMap((t) => t.requirements);
  const units = preview.units.map((u) => u.name).join('、') || ctx.t('import-none');
  const lines = [
    ctx.t('import-preview', {
      title: escapeHtml(preview.title ?? ctx.t('import-no-title')),
      year: preview.year === null ? ctx.t('import-no-year') : String(preview.year),
      source: escapeHtml(preview.source),
      sections: preview.sections.length,
      tasks: preview.tasks.length,
      requirements: requirements.length,
      units: preview.units.length,
      quotas: requirements.filter((r) => r.quota).length,
    }),
    ctx.t('import-preview-units', { units: escapeHtml(shown.unitsChars === Infinity ? units : truncate(units, shown.unitsChars)) }),
    ctx.t('import-preview-deadlines', {
      recognized: requirements.filter((r) => r.deadline.recognized).length,
      unrecognized: requirements.filter((r) => !r.deadline.recognized).length,
    }),
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
  if (preview.problems.length === 0) lines.push(ctx.t('import-no-problems'));
  else {
    lines.push(ctx.t('import-preview-problems', { count: preview.problems.length }));
    for (const p of preview.problems.slice(0, shown.problems)) lines.push(`• ${escapeHtml(truncate(`${p.where}: ${p.message}`, 160))}`);
    if (preview.problems.length > shown.problems) lines.push(ctx.t('import-preview-more', { count: preview.problems.length - shown.problems }));
  }
  return lines;
}

async function waitFor(conversation: ImportConversation, ctx: BaseContext, deadline: number): Promise<BaseContext> {
  const update = await conversation.wait();
  const now = await conversation.external((outer) => outer.deps.clock.now().getTime());
  if (now > deadline) await conversation.halt({ next: true });
  const text = update.message?.text ?? '';
  if (/^\/cancel(@\w+)?$/.test(text.trim()) || update.callbackQuery?.data === 'im:x') throw new Cancelled();
  if (text.startsWith('/')) await conversation.halt({ next: true });
  return update;
}

export async function importConversation(conversation: ImportConversation, ctx: BaseContext, document?: { fileId: string; name: string; size: number }): Promise<void> {
  const cancel = new InlineKeyboard().text(ctx.t('report-button-cancel'), 'im:x');
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
        await ctx.reply(ctx.t('import-reading', { name: escapeHtml(file.name) }));
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
      if (update.callbackQuery?.data === 'im:text' && pasted.trim() !== '') {
        await update.answerCallbackQuery();
        const text = pasted;
        read = await conversation.external(() => readPasted(text));
        break;
      }
      if (update.message?.text) {
        pasted += `${update.message.text}\n`;
        await update.reply(ctx.t('import-text-received', { chars: [...pasted].length }), {
          reply_markup: new InlineKeyboard().text(ctx.t('import-button-text-done'), 'im:text').text(ctx.t('report-button-cancel'), 'im:x'),
        });
        continue;
      }
      // Neither a file nor text (a sticker, a stray button): answered and forgotten, so it does not grow the replay log.
      if (update.callbackQuery) await update.answerCallbackQuery({ text: ctx.t('report-use-buttons') });
      else await update.reply(ctx.t('import-ask'), { reply_markup: cancel });
      await conversation.skip({ next: false });
    }
    if (read.refused !== null || read.preview === null) {
      await ctx.reply(ctx.t('import-refused', { reason: escapeHtml(read.refused ?? '') }));
      return;
    }
    const preview = read.preview;
    const parts = await conversation.external((outer) =>
      importPreviewParts(ctx, preview, dryRunCommit(outer.deps.db, preview, { actor: actorOf(outer).actor, now: outer.deps.clock.now() })),
    );
    const confirm = new InlineKeyboard().text(ctx.t('import-button-confirm'), 'im:ok').text(ctx.t('report-button-cancel'), 'im:x');
    // A province's preview takes several messages; the buttons go under the last.
    for (const [i, part] of parts.entries()) await ctx.reply(part, { parse_mode: 'HTML', ...(i === parts.length - 1 ? { reply_markup: confirm } : {}) });
    for (;;) {
      const update = await waitFor(conversation, ctx, deadline);
      if (update.callbackQuery?.data === 'im:ok') {
        await update.answerCallbackQuery();
        break;
      }
      if (update.callbackQuery) await update.answerCallbackQuery({ text: ctx.t('report-use-buttons') });
      else await update.reply(ctx.t('report-use-buttons'));
      await conversation.skip({ next: false });
    }
    const result = await conversation.external((outer) => {
      const { identity, actor } = actorOf(outer);
      // Rights may have changed while the admin read the preview: checked again at the moment of writing.
      if (!identity.admin) return null;
      return commitPlan(outer.deps.db, preview, { actor, now: outer.deps.clock.now() });
    });
    if (!result) {
      await ctx.reply(ctx.t('common-not-allowed'));
      return;
    }
    await ctx.reply(
      ctx.t('import-confirmed', {
        title: escapeHtml(preview.title ?? preview.source),
        added: result.tasks.added.length,
        updated: result.tasks.updated.length,
        archived: result.tasks.archived.length,
        newUnits: escapeHtml(result.newUnits.join('、') || ctx.t('import-none')),
      }),
    );
  } catch (error) {
    if (!(error instanceof Cancelled)) throw error;
    await ctx.reply(ctx.t('import-cancelled'));
  }
}

export const importFeature = new Composer<BotContext>();
const privateChats = importFeature.chatType('private');

privateChats.command('import', async (ctx) => {
  if (!ctx.identity.admin) return ctx.reply(ctx.t('common-not-allowed'));
  await ctx.conversation.enter(IMPORT_CONVERSATION);
});

/** An admin who just sends a spreadsheet means to import it. */
privateChats.on('message:document', async (ctx, next) => {
  if (!ctx.identity.admin) return next();
  const { document } = ctx.message;
  await ctx.conversation.enter(IMPORT_CONVERSATION, { fileId: document.file_id, name: document.file_name ?? 'plan', size: document.file_size ?? 0 });
});

export function importConversationMiddleware(config: Parameters<typeof createConversation<BotContext, BaseContext>>[1]) {
  return createConversation<BotContext, BaseContext>(guardConversation(IMPORT_CONVERSATION, importConversation), config);
}
