/** The languages Duban speaks: Chinese first, English complete. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** Telegram's language code (zh-hans, zh-hant, en-GB …) as one of ours; Chinese unless it is English. */
export function localeOf(languageCode: string | null | undefined): Locale {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : DEFAULT_LOCALE;
}
