/** /language: each person picks Chinese or English; kept on their person row. */
import { Composer, InlineKeyboard } from 'grammy';
import { eq } from 'drizzle-orm';
import type { BotContext } from '../context';
import { people } from '../../db/schema';
import { LOCALES, type Locale } from '../i18n';
import { syncPersonMenu } from '../commands';

export const languageFeature = new Composer<BotContext>();

const LABELS: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };
const PREFIX = 'lang:';

languageFeature.command('language', (ctx) => {
  const keyboard = new InlineKeyboard();
  for (const locale of LOCALES) keyboard.text(LABELS[locale], `${PREFIX}${locale}`);
  return ctx.reply(ctx.t('language-choose'), { reply_markup: keyboard });
});

languageFeature.callbackQuery(/^lang:(.+)$/, async (ctx) => {
  const locale = ctx.match[1] as Locale;
  if (!LOCALES.includes(locale)) return ctx.answerCallbackQuery({ text: ctx.t('common-button-expired') });
  const { person } = ctx.identity;
  // Unknown users are not stored: the choice holds for this answer only.
  if (person) {
    ctx.deps.db.update(people).set({ language: locale, updatedAt: ctx.deps.clock.now() }).where(eq(people.id, person.id)).run();
    person.language = locale;
    await syncPersonMenu(ctx.api, ctx.deps.db, ctx.deps.i18n, ctx.deps.config.admins, person.telegramId);
  }
  ctx.i18n.useLocale(locale);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('language-set'));
});
