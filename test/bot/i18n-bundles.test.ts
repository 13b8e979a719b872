/**
 * createI18n (bot/i18n.ts) picks each locale's bundles once instead of on every `t`: every
 * message reads as the plugin's own I18n, made with the same options, words it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { I18n } from '@grammyjs/i18n';
import { DEFAULT_LOCALE, LOCALES, LOCALES_DIR, createI18n } from '../../bot/i18n';

const keys = [...readFileSync(join(LOCALES_DIR, `${DEFAULT_LOCALE}.ftl`), 'utf8').matchAll(/^([a-z][a-z0-9_-]*)\s*=/gm)].map((m) => m[1]!);
/** The languages Telegram apps send, and some the bot has no file for (the default's words). */
const asked = [...LOCALES, 'zh', 'zh-hans', 'zh-TW', 'en-US', 'en-GB', 'fr', 'ru', ''];
const vars = { days: 3, n: 2, count: 1, page: 1, pages: 2, max: 10, total: 5, year: '2026', month: '3', name: '张三' };

/** A message's words, or the error of a message asking for a variable not given here (the same from both). */
function word(i18n: I18n, locale: string, key: string): string {
  try {
    return i18n.t(locale, key, vars);
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

function pluginI18n() {
  return new I18n({ defaultLocale: DEFAULT_LOCALE, directory: LOCALES_DIR, fluentBundleOptions: { useIsolating: false } });
}

describe('createI18n', () => {
  it('words every message in every language asked for as the plugin does', () => {
    const ours = createI18n() as unknown as I18n;
    const theirs = pluginI18n();
    expect(keys.length).toBeGreaterThan(20);
    // Most messages need no variable this test lacks: the comparison is of words, not of errors.
    expect(keys.filter((key) => !word(ours, 'en', key).startsWith('error:')).length).toBeGreaterThan(keys.length / 2);
    for (const locale of asked) {
      for (const key of keys) expect(word(ours, locale, key)).toBe(word(theirs, locale, key));
      // Twice: the second time from the bundles remembered.
      for (const key of keys) expect(word(ours, locale, key)).toBe(word(theirs, locale, key));
    }
  });

  it('words a language loaded after it was made', () => {
    const ours = createI18n();
    expect(ours.t('fr', 'period-label-once')).toBe(pluginI18n().t('fr', 'period-label-once'));
    ours.loadLocaleSync('fr', { source: 'period-label-once = une fois' });
    expect(ours.t('fr', 'period-label-once')).toBe('une fois');
  });
});
