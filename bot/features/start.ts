/** /start: greets a person by their role, or tells an unknown one how to join. */
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { escapeHtml } from '../../core/format';
import { displayName, isKnown, isLead, isLiaison } from '../../db/identity';
import { replyInParts } from '../../schedules/long-message';

export const startFeature = new Composer<BotContext>();

startFeature.chatType(['group', 'supergroup']).command('start', (ctx) => ctx.reply(ctx.t('start-group')));

startFeature.chatType('private').command('start', async (ctx) => {
  const { identity } = ctx;
  if (!isKnown(identity)) return ctx.reply(ctx.t('common-unknown-user'));
  const name = escapeHtml(identity.person?.name ?? displayName(ctx.from));
  const lines: string[] = [];
  if (identity.admin) lines.push(ctx.t('start-admin', { name }));
  if (isLiaison(identity)) {
    lines.push(ctx.t('start-liaison', { name, units: escapeHtml(identity.liaisonUnits.map((u) => u.name).join('、')) }));
  }
  if (isLead(identity)) {
    const scope = [...identity.leadPlans.map((p) => p.title ?? ''), ...identity.leadUnits.map((u) => u.name)].filter(Boolean).join('、');
    lines.push(ctx.t('start-lead', { name, scope: escapeHtml(scope) }));
  }
  lines.push(ctx.t('start-next'));
  // A liaison of many units, a lead of many: the greeting names them all, in parts if need be.
  await replyInParts(ctx, lines.join('\n\n'), { parse_mode: 'HTML' });
});
