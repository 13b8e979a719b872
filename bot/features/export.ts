/**
 * /export: the ledger (台账) as an .xlsx. Admins get every unit; a lead only the units in
 * their scope (other units' names do not appear in the file at all). Others may not.
 */
import { Composer, InputFile } from 'grammy';
import { DateTime } from 'luxon';
import type { BotContext } from '../context';
import { formatDate, truncate } from '../format';
import { isLead } from '../identity';
import { localeOfContext } from '../i18n';
import { buildLedger, LedgerOptionsError } from '../../schedules/ledger';
import { scopeOf } from '../../schedules/scope';
import { PLAN_ZONE } from '../../plans/due-dates';

export const exportFeature = new Composer<BotContext>();

exportFeature.chatType('private').command('export', async (ctx) => {
  if (!ctx.identity.admin && !isLead(ctx.identity)) return ctx.reply(ctx.t('common-not-allowed'));
  const now = ctx.deps.clock.now();
  const locale = localeOfContext(ctx);
  const scope = scopeOf(ctx.deps.db, ctx.identity);
  let bytes: Buffer;
  try {
    bytes = await buildLedger(ctx.deps.db, {
      now,
      locale,
      unitIds: ctx.identity.admin ? undefined : scope.units.map((u) => u.id),
    });
  } catch (error) {
    if (error instanceof LedgerOptionsError) return ctx.reply(ctx.t('export-nothing'));
    throw error;
  }
  await ctx.replyWithChatAction('upload_document');
  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  return ctx.replyWithDocument(new InputFile(bytes, `台账-${at.toFormat('yyyyMMdd')}.xlsx`), {
    // A caption holds 1,024 characters: a lead of many units has the start of their list.
    caption: ctx.t('export-caption', { scope: truncate(scope.label.join('、'), 200) || ctx.t('summary-scope-all'), date: formatDate(at, locale) }),
  });
});
