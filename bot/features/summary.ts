/**
 * Leads (and admins) on demand: /summary (the weekly summary now), /overdue (only what is
 * overdue), /unit 信息管理处 (one unit in detail), /yearly (per unit, the year's periods on
 * time, late, missing). Each sees only their scope, plan by plan (schedules/scope.ts): a lead
 * of a plan nothing of another plan sharing its units; an admin or a lead of units in several
 * plans a part per plan under its heading.
 */
import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { DateTime } from 'luxon';
import type { BaseContext, BotContext } from '../context';
import { isLead } from '../../db/identity';
import { localeOfContext } from '../i18n';
import { buildSummary, buildYearRecords } from '../../digests/summary';
import { renderSummary, renderYearRecords, yearRecordsAreCut } from '../../digests/summary-text';
import { callbackData } from '../../core/callback-data';
import { formatDate } from '../../core/format';
import { summaryCharts } from '../../digests/summary-charts';
import { scopeOf, unitScope, type PlanScope } from '../../schedules/scope';
import { replyInParts } from '../../schedules/long-message';
import { PLAN_ZONE } from '../../plans/due-dates';
import { sendUnitEvidence } from './unit-evidence';

export const summaryFeature = new Composer<BotContext>();

function allowed(ctx: BaseContext): boolean {
  return ctx.identity.admin || isLead(ctx.identity);
}

async function reply(ctx: BaseContext, plans: PlanScope[], label: string, overdueOnly = false) {
  const summary = buildSummary(ctx.deps.db, plans, ctx.deps.clock.now(), ctx.deps.calendar());
  const locale = localeOfContext(ctx);
  // However many units and items, in as many messages as it takes.
  await replyInParts(ctx, renderSummary(ctx.deps.i18n, locale, summary, label, { overdueOnly }), { parse_mode: 'HTML' });
  if (overdueOnly) return;
  for (const [i, chart] of (await summaryCharts(summary, locale)).entries()) {
    await ctx.replyWithPhoto(new InputFile(chart, `chart-${i + 1}.png`));
  }
}

summaryFeature.command(['summary', 'overdue'], (ctx) => {
  if (!allowed(ctx)) return ctx.reply(ctx.t('summary-not-lead'));
  const scope = scopeOf(ctx.deps.db, ctx.identity);
  return reply(ctx, scope.plans, scope.label.join('、') || ctx.t('summary-scope-all'), ctx.message?.text?.startsWith('/overdue') ?? false);
});

summaryFeature.command('unit', async (ctx) => {
  if (!allowed(ctx)) return ctx.reply(ctx.t('summary-not-lead'));
  const name = ctx.match.trim();
  if (name === '') return ctx.reply(ctx.t('summary-unit-usage'));
  // Only a unit inside the asker's scope, and only in the plans it is in their scope for: a lead
  // of one office cannot read another's reports, a lead of one plan not another plan's.
  const scope = scopeOf(ctx.deps.db, ctx.identity);
  const unit = scope.units.find((u) => u.name === name);
  // Plain text: the name as typed, unescaped.
  if (!unit) return ctx.reply(ctx.t('summary-no-unit', { name }));
  const plans = unitScope(scope, unit.id);
  await reply(ctx, plans, unit.name);
  // Then what the unit submitted, item by item, with its files to fetch (issue 15).
  await sendUnitEvidence(ctx, plans, unit);
});

/** 完整统计 under /yearly: the whole record as a spreadsheet, of the presser's scope at the moment pressed. */
const yearlyFullRecord = callbackData('yr:f', {});
/** The workbook's builder, loaded at the first press: exceljs takes most of a second to load. */
const yearlyWorkbooks = () => import('../../digests/yearly-workbook');

/** The year so far in the person's scope, and the moment it is of (Shanghai). */
function yearRecordsNow(ctx: BaseContext) {
  const now = ctx.deps.clock.now();
  return {
    records: buildYearRecords(ctx.deps.db, scopeOf(ctx.deps.db, ctx.identity).plans, now),
    at: DateTime.fromJSDate(now, { zone: PLAN_ZONE }),
  };
}

// Here rather than with the circulars (bot/features/circular.ts): a leads' view, scoped like the others.
summaryFeature.command('yearly', async (ctx) => {
  if (!allowed(ctx)) return ctx.reply(ctx.t('summary-not-lead'));
  const { records, at } = yearRecordsNow(ctx);
  // A line per unit; a plan of more units than that lists its worst, the rest in the spreadsheet.
  const cut = yearRecordsAreCut(records);
  await replyInParts(ctx, renderYearRecords(ctx.deps.i18n, localeOfContext(ctx), at, records), {
    parse_mode: 'HTML',
    ...(cut ? { reply_markup: new InlineKeyboard().text(ctx.t('yearly-button-full'), yearlyFullRecord.encode({})) } : {}),
  });
});

summaryFeature.callbackQuery(yearlyFullRecord.pattern, async (ctx) => {
  if (!allowed(ctx)) return ctx.answerCallbackQuery({ text: ctx.t('summary-not-lead'), show_alert: true });
  await ctx.answerCallbackQuery();
  const { records, at } = yearRecordsNow(ctx);
  const locale = localeOfContext(ctx);
  await ctx.replyWithChatAction('upload_document');
  const bytes = await (await yearlyWorkbooks()).yearlyWorkbook(ctx.deps.i18n, locale, at, records);
  return ctx.replyWithDocument(new InputFile(bytes, `${ctx.t('yearly-file-name', { date: at.toFormat('yyyyMMdd') })}.xlsx`), {
    caption: ctx.t('yearly-full-caption', { year: String(at.year), date: formatDate(at, locale) }),
  });
});
