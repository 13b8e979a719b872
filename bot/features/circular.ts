/**
 * The monthly circular's buttons: admins publish or hold a draft. (/yearly is a leads' view,
 * scoped by plan with the others: bot/features/summary.ts.)
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { localeOfContext } from '../i18n';
import { circularById, holdCircular, publishCircularAudited } from '../../db/circulars';
import { publishCircular } from '../../schedules/circular';
import type { CircularContent } from '../../digests/circular-content';
import { circularActions, circularButtons, renderCircular } from '../../digests/circular-text';
import { splitHtmlMessage } from '../../schedules/long-message';
import { allow } from '../guards';

export const circularFeature = new Composer<BotContext>();
const privateChats = circularFeature.chatType('private');

const pressed = [circularActions.publish.pattern, circularActions.hold.pattern];

privateChats.callbackQuery(pressed, allow(['admin']), async (ctx) => {
  const { db, clock } = ctx.deps;
  const publish = circularActions.publish.decode(ctx.callbackQuery.data);
  const id = (publish ?? circularActions.hold.decode(ctx.callbackQuery.data)!).circularId;
  const now = clock.now();
  const circular = circularById(db, id);
  if (!circular) return ctx.answerCallbackQuery({ text: ctx.t('common-button-expired') });
  if (circular.status === 'published') {
    await ctx.answerCallbackQuery({ text: ctx.t('circular-already') });
    return ctx.editMessageReplyMarkup().catch(() => undefined);
  }
  const actor = { personId: ctx.identity.person?.id ?? null, label: ctx.identity.person?.name ?? '' };
  if (publish) {
    publishCircularAudited(db, id, () => publishCircular(db, id, ctx.identity.person?.id ?? null, now), { actor, now });
    await ctx.answerCallbackQuery();
    // The admin's copy no longer says draft: rewritten as published where it is one message;
    // a circular long enough to take several keeps its parts, and the reply says it is out.
    const published = splitHtmlMessage(renderCircular(ctx.deps.i18n, localeOfContext(ctx), circular.content as CircularContent, false));
    if (published.length === 1) await ctx.editMessageText(published[0]!, { parse_mode: 'HTML' }).catch(() => undefined);
    else await ctx.editMessageReplyMarkup().catch(() => undefined);
    return ctx.reply(ctx.t('circular-published'));
  }
  holdCircular(db, id, { actor, now });
  await ctx.answerCallbackQuery();
  // Held, it can still be published from the same message.
  await ctx
    .editMessageReplyMarkup({ reply_markup: circularButtons(ctx.deps.i18n, localeOfContext(ctx), id, false) })
    .catch(() => undefined);
  return ctx.reply(ctx.t('circular-held'));
});
