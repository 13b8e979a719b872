/**
 * Leads see the work (issue 15 item 3): after /unit's summary, each item's latest report with
 * its note and evidence, and a button per item with files that sends them back: by Telegram's
 * file id, or, when Telegram no longer has it (another bot token, an old file), uploaded again
 * from the archive (db/file-store.ts). Admins and leads whose scope holds the unit, checked
 * again at the press.
 */
import { Composer, GrammyError, InlineKeyboard, InputFile } from 'grammy';
import { DateTime } from 'luxon';
import type { BaseContext, BotContext } from '../context';
import { escapeHtml, formatDay, truncate } from '../../core/format';
import { localeOfContext } from '../i18n';
import { circled } from '../../core/item-label';
import { PLAN_ZONE } from '../../plans/due-dates';
import { replyInParts } from '../../schedules/long-message';
import { scopeOf, type PlanScope, type ScopeUnit } from '../../schedules/scope';
import { reportEvidence, unitItems, type EvidenceItem, type UnitItem } from '../../schedules/unit-evidence';
import { periodLabel } from './report';
import { callbackData } from '../../core/callback-data';

/** A 📎 button under an item of /unit: the files of that report, sent back. */
const evidenceButton = callbackData('ue', { reportId: 'int' });
/** Buttons per message and per row: Telegram takes 100 per message; these stay readable on a phone. */
const BUTTONS_PER_MESSAGE = 30;
const BUTTONS_PER_ROW = 3;
/** A note or a written proof is shown this long in the list; the report keeps it whole. */
const NOTE_SHOWN = 200;

const isFile = (e: EvidenceItem) => e.kind === 'photo' || e.kind === 'document';

function evidenceLine(ctx: BaseContext, e: EvidenceItem): string {
  switch (e.kind) {
    case 'photo':
      return ctx.t('unit-evidence-photo');
    case 'document':
      return escapeHtml(e.fileName ?? ctx.t('unit-evidence-file'));
    case 'link':
      return ctx.t('unit-evidence-link', { url: escapeHtml(e.text ?? '') });
    case 'note':
      return ctx.t('unit-evidence-written', { text: escapeHtml(truncate(e.text ?? '', NOTE_SHOWN)) });
  }
}

function itemBlock(ctx: BaseContext, item: UnitItem): string {
  const locale = localeOfContext(ctx);
  const lines = [`<b>${escapeHtml(`${item.taskNumber}${circled(item.index)}`)}</b> ${escapeHtml(truncate(item.taskTitle, 40))}`];
  if (item.wanted) lines.push(ctx.t('unit-evidence-wanted', { wanted: escapeHtml(item.wanted) }));
  if (!item.report) return lines.join('\n');
  const at = DateTime.fromJSDate(item.report.reportedAt, { zone: PLAN_ZONE });
  lines.push(
    ctx.t('unit-evidence-latest', {
      period: escapeHtml(periodLabel(ctx, item.report.period, at)),
      status: ctx.t(`status-${item.report.status}`),
      date: formatDay(at, locale),
      late: item.report.late ? ctx.t('unit-evidence-late') : '',
    }),
  );
  if (item.report.note) lines.push(ctx.t('unit-evidence-note', { note: escapeHtml(truncate(item.report.note, NOTE_SHOWN)) }));
  lines.push(
    item.evidence.length > 0
      ? ctx.t('unit-evidence-files', { files: item.evidence.map((e) => evidenceLine(ctx, e)).join('；') })
      : ctx.t('unit-evidence-no-files'),
  );
  return lines.join('\n');
}

/** /unit's second part: the unit's items with their latest report and evidence, and buttons to fetch the files. */
export async function sendUnitEvidence(ctx: BaseContext, plans: PlanScope[], unit: ScopeUnit): Promise<void> {
  const items = unitItems(ctx.deps.db, plans, unit.id);
  if (items.length === 0) return;
  const planIds = [...new Set(items.map((i) => i.planId))];
  const blocks: string[] = [ctx.t('unit-evidence-heading', { unit: escapeHtml(unit.name) })];
  for (const planId of planIds) {
    if (planIds.length > 1) blocks.push(`<b>${escapeHtml(plans.find((p) => p.planId === planId)?.title ?? '')}</b>`);
    const ofPlan = items.filter((i) => i.planId === planId);
    for (const item of ofPlan) if (item.report) blocks.push(itemBlock(ctx, item));
    // Items with nothing reported in one line: a list of forty "not reported yet" hides the work.
    const silent = ofPlan.filter((i) => !i.report);
    if (silent.length > 0) {
      blocks.push(
        ctx.t('unit-evidence-not-reported-list', {
          count: silent.length,
          items: escapeHtml(silent.map((i) => `${i.taskNumber}${circled(i.index)}`).join('、')),
        }),
      );
    }
  }
  await replyInParts(ctx, blocks.join('\n\n'), { parse_mode: 'HTML' });

  const withFiles = items.filter((i) => i.report && i.evidence.some(isFile));
  for (let start = 0; start < withFiles.length; start += BUTTONS_PER_MESSAGE) {
    const keyboard = new InlineKeyboard();
    withFiles.slice(start, start + BUTTONS_PER_MESSAGE).forEach((item, i) => {
      if (i > 0 && i % BUTTONS_PER_ROW === 0) keyboard.row();
      keyboard.text(
        `📎 ${item.taskNumber}${circled(item.index)}（${item.evidence.filter(isFile).length}）`,
        evidenceButton.encode({ reportId: item.report!.id }),
      );
    });
    await ctx.reply(ctx.t('unit-evidence-pick'), { reply_markup: keyboard });
  }
}

/** Telegram no longer serves this file id (another bot's, or gone): upload it again from the archive. */
function isGoneFile(error: unknown): boolean {
  return error instanceof GrammyError && error.error_code === 400 && /file|wrong|identifier/i.test(error.description);
}

async function sendBack(ctx: BaseContext, e: EvidenceItem & { fileId: string | null }): Promise<boolean> {
  const name = e.fileName ?? (e.kind === 'photo' ? `photo-${e.id}.jpg` : `file-${e.id}`);
  if (e.fileId) {
    try {
      if (e.kind === 'photo') await ctx.replyWithPhoto(e.fileId);
      else await ctx.replyWithDocument(e.fileId);
      return true;
    } catch (error) {
      if (!isGoneFile(error)) throw error;
    }
  }
  if (e.sha256 && ctx.deps.files.has(e.sha256)) {
    const upload = new InputFile(ctx.deps.files.pathOf(e.sha256), name);
    if (e.kind === 'photo') await ctx.replyWithPhoto(upload);
    else await ctx.replyWithDocument(upload);
    return true;
  }
  await ctx.reply(ctx.t('unit-evidence-gone', { name: escapeHtml(e.kind === 'photo' ? ctx.t('unit-evidence-photo') : name) }), {
    parse_mode: 'HTML',
  });
  return false;
}

export const unitEvidenceFeature = new Composer<BotContext>();

unitEvidenceFeature.callbackQuery(evidenceButton.pattern, async (ctx) => {
  const found = reportEvidence(ctx.deps.db, evidenceButton.decode(ctx.callbackQuery.data)!.reportId);
  // At the press, not when the list was sent: the lead may have lost the unit since.
  const inScope =
    found !== null &&
    scopeOf(ctx.deps.db, ctx.identity).plans.some((p) => p.planId === found.planId && p.units.some((u) => u.id === found.unitId));
  if (!found || !inScope) return ctx.answerCallbackQuery({ text: ctx.t('common-not-allowed'), show_alert: true });
  await ctx.answerCallbackQuery();
  for (const e of found.evidence.filter(isFile)) await sendBack(ctx, e);
});
