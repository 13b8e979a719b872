/**
 * /export: the ledger (台账) as an .xlsx, one workbook with a pair of sheets per plan (named by
 * the plan's year, or its title where two share a year). Admins get every live plan, every
 * unit; a lead their scope, plan by plan (schedules/scope.ts): the plans they lead whole, and
 * the units they lead in each plan those units belong to. Other plans and other units do not
 * appear in the file at all. Others may not.
 */
import { Composer, InputFile } from 'grammy';
import { DateTime } from 'luxon';
import type { BotContext } from '../context';
import { formatDate, truncate } from '../../core/format';
import { localeOfContext } from '../i18n';
import { planName, scopeOf } from '../../schedules/scope';
import { PLAN_ZONE } from '../../plans/due-dates';
import { allow } from '../guards';

/** The ledger's builder, loaded at the first /export: exceljs takes most of a second to load, and start-up should not wait for it. */
const ledger = () => import('../../digests/ledger');

export const exportFeature = new Composer<BotContext>();

/** A caption holds 1,024 characters: a lead of many units, or of many plans, has the start of their list. */
const SCOPE_CHARS = 200;
const PLANS_CHARS = 600;

exportFeature.chatType('private').command('export', allow(['admin', 'lead']), async (ctx) => {
  const now = ctx.deps.clock.now();
  const locale = localeOfContext(ctx);
  const scope = scopeOf(ctx.deps.db, ctx.identity);
  if (scope.plans.length === 0) return ctx.reply(ctx.t('export-nothing'));
  let bytes: Buffer;
  try {
    bytes = await (
      await ledger()
    ).buildLedger(ctx.deps.db, {
      now,
      locale,
      plans: scope.plans.map((plan) => ({ planId: plan.planId, unitIds: plan.whole ? undefined : plan.units.map((u) => u.id) })),
    });
  } catch (error) {
    if (error instanceof (await ledger()).LedgerOptionsError) return ctx.reply(ctx.t('export-nothing'));
    throw error;
  }
  await ctx.replyWithChatAction('upload_document');
  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  const caption = [
    ctx.t('export-caption', {
      scope: truncate(scope.label.join('、'), SCOPE_CHARS) || ctx.t('summary-scope-all'),
      date: formatDate(at, locale),
    }),
  ];
  if (scope.plans.length > 1) {
    const plans = scope.plans.map(planName).join('；');
    caption.push(ctx.t('scope-export-plans', { count: scope.plans.length, plans: truncate(plans, PLANS_CHARS) }));
  }
  return ctx.replyWithDocument(new InputFile(bytes, `台账-${at.toFormat('yyyyMMdd')}.xlsx`), { caption: caption.join('\n') });
});
