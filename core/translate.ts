/**
 * What text is worded with: a message key and its variables, in a locale. The bot's I18n
 * (@grammyjs/i18n) is one; the renderers of schedules/ and digests/ need nothing more of it,
 * so they do not depend on grammY.
 */
export type TranslationVariables = Record<string, string | number>;

export interface Translator {
  t(locale: string, key: string, variables?: TranslationVariables): string;
}
