/**
 * Leads (and admins) on demand: /summary (the weekly summary now), /overdue (only what is
 * overdue), /unit 信息管理处 (one unit in detail). Each sees only the units in their scope.
 */
import { Composer, InputFile } from 'grammy';
import type { BaseContext, BotContext } from '../context';
import { escapeHtml } from '../format';
import { isLead } from '../identity';
import { localeOfContext } from '../i18n';
import { buildSummary } from '../../schedules/summary';
import { renderSummary } from '../../schedules/summary-text';
import { summaryCharts } from '../../schedules/summary-charts';
import { scopeOf } from '../../schedules/scope';
import { replyInParts } from '../../schedules/long-message';

export const summaryFeature = new Composer<BotContext>();

function allowed(ctx: BaseContext): boolean {
  return ctx.identity.admin || isLead(ctx.identity);
}

async function reply(ctx: BaseContext, units: { id: number; name: string }[], label: string, overdueOnly = false) {
  const summary = buildSummary(ctx.deps.db, units, ctx.deps.clock.now(), ctx.deps.calendar());
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
  return reply(ctx, scope.units, scope.label.join('、') || ctx.t('summary-scope-all'), ctx.message?.text?.startsWith('/overdue') ?? false);
});

summaryFeature.command('unit', (ctx) => {
  if (!allowed(ctx)) return ctx.reply(ctx.t('summary-not-lead'));
  const name = ctx.match.trim();
  if (name === '') return ctx.reply(ctx.t('summary-unit-usage'));
  // Only a unit inside the asker's scope: a lead of one office cannot read another's reports.
  const unit = scopeOf(ctx.deps.db, ctx.identity).units.find((u) => u.name === name);
  if (!unit) return ctx.reply(ctx.t('summary-no-unit', { name: escapeHtml(name) }));
  return reply(ctx, [unit], unit.name);
});
