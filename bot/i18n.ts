/**
 * Translations: Fluent files in locales/, one per language, Chinese first. Each person's
 * language is the one they chose with /language, else their Telegram app's language.
 */
import { I18n } from '@grammyjs/i18n';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BaseContext } from './context';
import { DEFAULT_LOCALE, LOCALES, localeOf, type Locale } from '../core/locale';

export const LOCALES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'locales');
export { LOCALES, DEFAULT_LOCALE, localeOf, type Locale };

/** The language to answer in: the person's choice, else their Telegram app's language. */
export function localeOfContext(ctx: Pick<BaseContext, 'identity' | 'from'>): Locale {
  const chosen = ctx.identity?.person?.language;
  return chosen && (LOCALES as readonly string[]).includes(chosen) ? (chosen as Locale) : localeOf(ctx.from?.language_code);
}

export function createI18n(): I18n<BaseContext> {
  return new I18n<BaseContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIR,
    // Bidi isolation marks around variables would show up as stray characters in Telegram.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: localeOfContext,
  });
}
