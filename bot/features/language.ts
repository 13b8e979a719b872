/**
 * /language: each person picks Chinese or English; kept on their person row.
 *
 * A press is answered and the message edited first; the person's command menu is set in the
 * new language after that, and only when it changes. So a double tap (the second
 * press changes nothing: its edit is "not modified", which is no error) costs no second
 * setMyCommands, and Telegram's flood control on command menus (few calls, waits of up to a
 * minute) can delay the menu but never the answer: a menu Telegram would not take now is set at
 * the next start (bot/commands.ts syncs every menu then).
 */
import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../context';
import { setPersonLanguage } from '../../db/people';
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../i18n';
import { refreshPersonMenu } from '../commands';
import { callbackData } from '../../core/callback-data';

export const languageFeature = new Composer<BotContext>();

const LABELS: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };
/** A language to answer in. */
const languageButton = callbackData('lang', { locale: 'word' });

languageFeature.command('language', (ctx) => {
  const keyboard = new InlineKeyboard();
  for (const locale of LOCALES) keyboard.text(LABELS[locale], languageButton.encode({ locale }));
  return ctx.reply(ctx.t('language-choose'), { reply_markup: keyboard });
});

languageFeature.callbackQuery(languageButton.pattern, async (ctx) => {
  const locale = languageButton.decode(ctx.callbackQuery.data)!.locale as Locale;
  if (!LOCALES.includes(locale)) return ctx.answerCallbackQuery({ text: ctx.t('common-button-expired') });
  const { person } = ctx.identity;
  const { db, clock, i18n, config } = ctx.deps;
  // The menu is in the chosen language, else in Chinese (bot/commands.ts), whatever the app's language.
  const menuChanges = person !== null && (person.language ?? DEFAULT_LOCALE) !== locale;
  // Unknown users are not stored: the choice holds for this answer only.
  if (person && person.language !== locale) {
    setPersonLanguage(db, person.id, locale, clock.now());
    person.language = locale;
  }
  ctx.i18n.useLocale(locale);
  await ctx.answerCallbackQuery();
  await ctx.editMessageText(ctx.t('language-set'));
  if (person && menuChanges) {
    const menu = await refreshPersonMenu(ctx.api, db, i18n, config.admins, person.telegramId, { clock });
    if (menu.kind === 'retry')
      console.error(
        `command menu of Telegram user ${person.telegramId} not set now (Telegram flood control or no answer); it is set at the next start`,
      );
  }
});
