/**
 * /score (issue 15 item 4): for each assessment plan in the asker's scope (a plan whose tasks
 * carry points), each indicator's points, its units, the proof asked for and received, and the
 * points at risk; then, per unit, the indicators where it still owes proof. The rule behind
 * "at risk" is schedules/score.ts's, and the message says it. Admins and leads only.
 */
import { Composer } from 'grammy';
import type { BaseContext, BotContext } from '../context';
import { isLead } from '../identity';
import { escapeHtml, truncate } from '../format';
import { localeOfContext } from '../i18n';
import { replyInParts } from '../../schedules/long-message';
import { scopeOf } from '../../schedules/scope';
import { planScores, type IndicatorScore, type PlanScore } from '../../schedules/score';

/** Points as people write them: 7.5, 10. */
function points(n: number, locale: string): string {
  return n.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 1 });
}

function indicatorBlock(ctx: BaseContext, indicator: IndicatorScore, locale: string): string {
  const lines = [ctx.t('score-indicator', { number: escapeHtml(indicator.taskNumber), title: escapeHtml(truncate(indicator.title, 40)), points: points(indicator.points, locale) })];
  lines.push(ctx.t('score-units', { units: escapeHtml(indicator.units.join('、')) }));
  if (indicator.wanted.length > 0) lines.push(ctx.t('score-wanted', { wanted: escapeHtml(truncate(indicator.wanted.join('；'), 200)) }));
  lines.push(ctx.t('score-received', { received: indicator.withEvidence, pairs: indicator.pairs, risk: points(indicator.atRisk, locale) }));
  if (indicator.lacking.length > 0) {
    lines.push(ctx.t('score-lacking', { lacking: escapeHtml(indicator.lacking.map((l) => `${l.unit}（${l.items.join('、')}）`).join('；')) }));
  }
  return lines.join('\n');
}

function planText(ctx: BaseContext, plan: PlanScore): string {
  const locale = localeOfContext(ctx);
  const blocks = [
    ctx.t('score-heading', { plan: escapeHtml(plan.title), total: points(plan.total, locale), risk: points(plan.atRisk, locale) }),
    ...plan.indicators.map((i) => indicatorBlock(ctx, i, locale)),
  ];
  if (plan.units.length > 0) {
    blocks.push(
      [ctx.t('score-by-unit'), ...plan.units.map((u) => ctx.t('score-unit', { unit: escapeHtml(u.unit), indicators: escapeHtml(u.indicators.join('、')), risk: points(u.atRisk, locale) }))].join('\n'),
    );
  } else {
    blocks.push(ctx.t('score-all-proven'));
  }
  return blocks.join('\n\n');
}

export const scoreFeature = new Composer<BotContext>();

scoreFeature.command('score', async (ctx) => {
  if (!ctx.identity.admin && !isLead(ctx.identity)) return ctx.reply(ctx.t('summary-not-lead'));
  const scores = planScores(ctx.deps.db, scopeOf(ctx.deps.db, ctx.identity).plans);
  if (scores.length === 0) return ctx.reply(ctx.t('score-no-points'));
  // However many indicators and units, in as many messages as it takes; a plan per text.
  for (const plan of scores) await replyInParts(ctx, planText(ctx, plan), { parse_mode: 'HTML' });
});
