/**
 * The monthly circular's buttons: admins publish or hold a draft; those who got a circular too
 * long to name every unit ask for its whole list as a spreadsheet. (/yearly is a leads' view,
 * scoped by plan with the others: bot/features/summary.ts.)
 */
import { Composer, InputFile } from 'grammy';
import type { BotContext } from '../context';
import { localeOfContext } from '../i18n';
import { circularById, holdCircular, publishCircularAudited } from '../../db/circulars';
import { publishCircular } from '../../schedules/circular';
import type { CircularContent } from '../../digests/circular-content';
import { circularActions, circularIsCut, circularKeyboard, circularMonth, renderCircular } from '../../digests/circular-text';
import { leadGroupOf } from '../../db/lead-group';
import { scopeOf } from '../../schedules/scope';
import { splitHtmlMessage } from '../../schedules/long-message';
import { allow } from '../guards';
import { truncate } from '../../core/format';

/** A caption holds 1,024 characters: the start of a long plan title. */
const CAPTION_TITLE_CHARS = 200;

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
    const content = circular.content as CircularContent;
    const locale = localeOfContext(ctx);
    const published = splitHtmlMessage(renderCircular(ctx.deps.i18n, locale, content, false));
    // A cut circular keeps its 完整名单 button once published.
    const keyboard = circularKeyboard(ctx.deps.i18n, locale, id, { draft: false, withHold: false, cut: circularIsCut(content) });
    if (published.length === 1)
      await ctx.editMessageText(published[0]!, { parse_mode: 'HTML', reply_markup: keyboard ?? undefined }).catch(() => undefined);
    else await ctx.editMessageReplyMarkup({ reply_markup: keyboard ?? undefined }).catch(() => undefined);
    return ctx.reply(ctx.t('circular-published'));
  }
  holdCircular(db, id, { actor, now });
  await ctx.answerCallbackQuery();
  // Held, it can still be published from the same message.
  await ctx
    .editMessageReplyMarkup({
      reply_markup:
        circularKeyboard(ctx.deps.i18n, localeOfContext(ctx), id, {
          draft: true,
          withHold: false,
          cut: circularIsCut(circular.content as CircularContent),
        }) ?? undefined,
    })
    .catch(() => undefined);
  return ctx.reply(ctx.t('circular-held'));
});

/** The workbook's builder, loaded at the first press: exceljs takes most of a second to load. */
const workbooks = () => import('../../digests/circular-workbook');

/**
 * 完整名单: the circular's every unit and item as a spreadsheet, to the chat the button is in.
 * A draft's only to admins; a published one's to admins, the plan's leads (of the plan or of
 * its units), and in the plan's leading group, where the circular itself was posted.
 */
circularFeature.callbackQuery(circularActions.fullList.pattern, async (ctx) => {
  const { db } = ctx.deps;
  const { circularId } = circularActions.fullList.decode(ctx.callbackQuery.data)!;
  const circular = circularById(db, circularId);
  if (!circular) return ctx.answerCallbackQuery({ text: ctx.t('common-button-expired') });
  const draft = circular.status !== 'published';
  const inLeadGroup = ctx.chat?.type !== 'private' && ctx.chat?.id === leadGroupOf(db, circular.planId);
  const allowed =
    ctx.identity.admin || (!draft && (inLeadGroup || scopeOf(db, ctx.identity).plans.some((plan) => plan.planId === circular.planId)));
  if (!allowed)
    return ctx.answerCallbackQuery({
      text: ctx.t(draft ? 'circular-full-draft-only-admins' : 'circular-full-not-yours'),
      show_alert: true,
    });
  await ctx.answerCallbackQuery();
  await ctx.replyWithChatAction('upload_document');
  const locale = localeOfContext(ctx);
  const content = circular.content as CircularContent;
  const { circularWorkbook, circularFileName } = await workbooks();
  const bytes = await circularWorkbook(ctx.deps.i18n, locale, content, draft);
  return ctx.replyWithDocument(new InputFile(bytes, circularFileName(ctx.deps.i18n, locale, content)), {
    caption: ctx.t('circular-full-caption', {
      plan: truncate(content.planTitle, CAPTION_TITLE_CHARS),
      month: circularMonth(locale, content.month),
    }),
  });
});
