/**
 * /score (issue 15 item 4): for each assessment plan in the asker's scope (a plan whose tasks
 * carry points), each indicator's points, its units, the proof asked for and received, and the
 * points at risk; then, per unit, the indicators where it still owes proof; then a chart of the
 * points per indicator, worst first. The rule behind "at risk" is digests/score.ts's, and the
 * message says it. Admins and leads only.
 *
 * A district plan can give one indicator to forty units, so the lines that list units stop
 * after UNITS_PER_LINE names ("…等 42 个单位"), and the per-unit section after UNITS_PER_SECTION
 * units: the whole list is a wall nobody reads, the worst come first, and /unit shows any one
 * unit in full.
 */
import { Composer, InputFile } from 'grammy';
import type { BaseContext, BotContext } from '../context';
import { escapeHtml, truncate } from '../../core/format';
import { localeOfContext } from '../i18n';
import { replyInParts } from '../../schedules/long-message';
import { planName, scopeOf, type PlanScope } from '../../schedules/scope';
import { planScores, pointsAtRiskOf, type IndicatorScore, type PlanScore } from '../../digests/score';
import { allow } from '../guards';

/** Names listed on one line (责任单位, 缺少佐证) before "等 N 个单位". */
export const UNITS_PER_LINE = 10;
/** Units listed in the per-unit section, worst first, before "…另有 N 个单位". */
export const UNITS_PER_SECTION = 30;

/** Points as people write them: 7.5, 10. */
function points(n: number, locale: string): string {
  return n.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 1 });
}

/**
 * Entries, one per unit, escaped and joined with `separator`; past UNITS_PER_LINE the rest are
 * counted, not listed. The locale decides how: "甲、乙等 42 个单位" counts them all, as Chinese
 * writes it; "甲、乙 and 40 more units" the ones left out.
 */
function unitList(ctx: BaseContext, entries: readonly string[], separator: string): string {
  const list = entries.slice(0, UNITS_PER_LINE).map(escapeHtml).join(separator);
  if (entries.length <= UNITS_PER_LINE) return list;
  return ctx.t('score-list-more', { list, total: entries.length, more: entries.length - UNITS_PER_LINE });
}

function indicatorBlock(ctx: BaseContext, indicator: IndicatorScore, locale: string): string {
  const lines = [
    ctx.t('score-indicator', {
      number: escapeHtml(indicator.taskNumber),
      title: escapeHtml(truncate(indicator.title, 40)),
      points: points(indicator.points, locale),
    }),
  ];
  lines.push(ctx.t('score-units', { units: unitList(ctx, indicator.units, '、') }));
  if (indicator.wanted.length > 0) lines.push(ctx.t('score-wanted', { wanted: escapeHtml(truncate(indicator.wanted.join('；'), 200)) }));
  lines.push(ctx.t('score-received', { received: indicator.withEvidence, pairs: indicator.pairs, risk: points(indicator.atRisk, locale) }));
  if (indicator.lacking.length > 0) {
    lines.push(
      ctx.t('score-lacking', {
        lacking: unitList(
          ctx,
          indicator.lacking.map((l) => `${l.unit}（${l.items.join('、')}）`),
          '；',
        ),
      }),
    );
  }
  return lines.join('\n');
}

/** Per unit, worst first, the indicators it owes proof on; past UNITS_PER_SECTION, a count and their points at risk. */
function unitSection(ctx: BaseContext, plan: PlanScore, locale: string): string {
  const shown = plan.units.slice(0, UNITS_PER_SECTION);
  const hidden = plan.units.slice(UNITS_PER_SECTION);
  const lines = [
    ctx.t('score-by-unit'),
    ...shown.map((u) =>
      ctx.t('score-unit', { unit: escapeHtml(u.unit), indicators: escapeHtml(u.indicators.join('、')), risk: points(u.atRisk, locale) }),
    ),
  ];
  if (hidden.length > 0) {
    const risk = pointsAtRiskOf(plan, new Set(hidden.map((u) => u.unit)));
    lines.push(ctx.t('score-unit-more', { count: hidden.length, risk: points(risk, locale) }));
  }
  return lines.join('\n');
}

function planText(ctx: BaseContext, plan: PlanScore): string {
  const locale = localeOfContext(ctx);
  const blocks = [
    ctx.t('score-heading', { plan: escapeHtml(plan.title), total: points(plan.total, locale), risk: points(plan.atRisk, locale) }),
    ...plan.indicators.map((i) => indicatorBlock(ctx, i, locale)),
  ];
  blocks.push(plan.units.length > 0 ? unitSection(ctx, plan, locale) : ctx.t('score-all-proven'));
  return blocks.join('\n\n');
}

/**
 * The plan's indicators as a picture, in the asker's language. When several plans are sent, each
 * chart's title names its plan, as the summary's charts do (digests/summary-charts.ts).
 */
async function planChart(ctx: BaseContext, plan: PlanScore, scope: PlanScope | undefined, several: boolean): Promise<Buffer> {
  const title = ctx.t('score-chart-title');
  const name = scope ? planName(scope) : plan.title;
  // Loaded at the first chart, not at start (digests/summary-charts.ts says why).
  const { renderScoreChart } = await import('../../digests/charts');
  return renderScoreChart({
    title: several ? `${title} · ${name}` : title,
    indicators: plan.indicators.map((i) => ({ number: i.taskNumber, title: i.title, points: i.points, atRisk: i.atRisk })),
    locale: localeOfContext(ctx) === 'en' ? 'en' : 'zh-CN',
  });
}

export const scoreFeature = new Composer<BotContext>();

scoreFeature.command('score', allow(['admin', 'lead'], 'summary-not-lead'), async (ctx) => {
  const plans = scopeOf(ctx.deps.db, ctx.identity).plans;
  const scores = planScores(ctx.deps.db, plans);
  if (scores.length === 0) return ctx.reply(ctx.t('score-no-points'));
  // However many indicators and units, in as many messages as it takes; a plan per text, its chart after it.
  for (const [i, plan] of scores.entries()) {
    await replyInParts(ctx, planText(ctx, plan), { parse_mode: 'HTML' });
    const chart = await planChart(
      ctx,
      plan,
      plans.find((p) => p.planId === plan.planId),
      scores.length > 1,
    );
    await ctx.replyWithPhoto(new InputFile(chart, `score-${i + 1}.png`));
  }
});
