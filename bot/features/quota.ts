/**
 * /quota (liaisons): each counted target of my units, what is done, what should be done by
 * now, and whether it is behind. /edit: change my last report of a period still open.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { DateTime } from 'luxon';
import { circled, escapeHtml, formatDay, truncate } from '../../core/format';
import { isLiaison } from '../../db/identity';
import { latestReportBy } from '../../db/reports';
import { requirementsOfUnit } from '../../schedules/unit-requirements';
import { countedSoFar } from '../../schedules/unit-requirements';
import { latestRatio } from '../../schedules/ratio-targets';
import { quotaWindow } from '../../schedules/quota-window';
import { quotaPace, type Pace } from '../../schedules/quota-pace';
import { currentPeriod } from '../../schedules/periods';
import { PLAN_ZONE } from '../../plans/due-dates';
import { localeOfContext } from '../i18n';
import { periodClosed } from '../../schedules/circular';
import { REPORT_CONVERSATION, type ReportPreset } from './report';
import { replyInParts } from '../../schedules/long-message';
import { allow } from '../guards';

export const quotaFeature = new Composer<BotContext>();
const privateChats = quotaFeature.chatType('private');

privateChats.command('quota', allow(['liaison'], 'report-not-liaison'), async (ctx) => {
  const now = ctx.deps.clock.now();
  const blocks: string[] = [];
  for (const unit of ctx.identity.liaisonUnits) {
    const withQuota = requirementsOfUnit(ctx.deps.db, unit.id).filter((r) => r.quota);
    if (withQuota.length === 0) continue;
    const lines = [ctx.t('quota-title', { unit: escapeHtml(unit.name) })];
    for (const r of withQuota) {
      const quota = r.quota!;
      if (quota.kind === 'ratio') {
        lines.push(ratioLine(ctx, r, latestRatio(ctx.deps.db, r.requirementId, unit.id, quotaWindow(quota.period, now, r.facts))));
        continue;
      }
      // Counted and paced within the plan's days (schedules/quota-window.ts), not today's calendar year.
      const window = quotaWindow(quota.period, now, r.facts);
      const actual = countedSoFar(ctx.deps.db, r.requirementId, unit.id, window);
      // A one-off target (至少召开两次) is due with its requirement (12月底前).
      const deadline =
        quota.period === 'once' && r.rule
          ? (currentPeriod(r.rule, DateTime.fromJSDate(now, { zone: PLAN_ZONE }), r.facts)?.due ?? null)
          : null;
      const pace = quotaPace(quota.target, quota.period, actual, window.at, deadline?.toJSDate());
      const paceText =
        quota.period === 'once' ? '' : ctx.t('quota-pace-year', { expected: String(pace.expected), label: escapeHtml(quota.unitLabel) });
      lines.push(
        `${ctx.t('quota-item', {
          item: `${escapeHtml(r.taskNumber)}${circled(r.index)}`,
          title: escapeHtml(truncate(r.taskTitle, 16)),
          target: String(quota.target),
          label: escapeHtml(quota.unitLabel),
          period: ctx.t(`period-${quota.period}`),
          actual: String(actual),
          pace: paceText,
        })} ${mark(ctx, quota.target, actual, pace, quota.period === 'once' ? deadline : undefined)}`,
      );
    }
    blocks.push(lines.join('\n'));
  }
  await replyInParts(ctx, blocks.length > 0 ? blocks.join('\n\n') : ctx.t('quota-none'), { parse_mode: 'HTML' });
});

/** A ratio target: the latest ratio reported against it (ratios are not added up and have no pace). */
function ratioLine(ctx: BotContext, r: ReturnType<typeof requirementsOfUnit>[number], latest: number | null): string {
  const item = `${escapeHtml(r.taskNumber)}${circled(r.index)}`;
  const title = escapeHtml(truncate(r.taskTitle, 16));
  const target = String(r.quota!.target);
  if (latest === null) return ctx.t('quota-ratio-none', { item, title, target });
  return `${ctx.t('quota-ratio', { item, title, target, latest: String(latest) })} ${latest >= r.quota!.target ? ctx.t('quota-on-track') : ctx.t('quota-ratio-below')}`;
}

/**
 * ✓ only for a target met, or on pace while its period runs; a target short when its deadline
 * has come is missed, and a one-off target not met yet says when it is due (it has no pace).
 */
function mark(ctx: BotContext, target: number, actual: number, pace: Pace, onceDeadline: DateTime | null | undefined): string {
  if (actual >= target) return ctx.t('quota-on-track');
  if (pace.over) return ctx.t('quota-missed');
  if (onceDeadline !== undefined) {
    return onceDeadline
      ? ctx.t('quota-open', { day: formatDay(onceDeadline.setZone(PLAN_ZONE), localeOfContext(ctx)) })
      : ctx.t('quota-open-undated');
  }
  return ctx.t(pace.behind ? 'quota-behind' : 'quota-on-track');
}

/**
 * /edit: the person's latest report goes through /report again with its requirement chosen;
 * saving updates it in place, keeping its first time and late flag. A period is closed for
 * corrections once its monthly circular is published, and once it is no longer the open one.
 */
privateChats.command('edit', async (ctx) => {
  if (!isLiaison(ctx.identity) || !ctx.identity.person) return ctx.reply(ctx.t('report-not-liaison'));
  const last = latestReportBy(
    ctx.deps.db,
    ctx.identity.person.id,
    ctx.identity.liaisonUnits.map((u) => u.id),
  );
  if (!last) return ctx.reply(ctx.t('edit-none'));
  const planId = requirementsOfUnit(ctx.deps.db, last.unitId).find((r) => r.requirementId === last.requirementId)?.planId;
  // Published in the monthly circular: the record stands as published.
  if (planId !== undefined && periodClosed(ctx.deps.db, planId, last.period)) return ctx.reply(ctx.t('edit-closed'));
  await ctx.conversation.enter(REPORT_CONVERSATION, {
    requirementId: last.requirementId,
    unitId: last.unitId,
    period: last.period,
    edit: true,
  } satisfies ReportPreset);
});
