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
  const i18n = new I18n<BaseContext>({
    defaultLocale: DEFAULT_LOCALE,
    directory: LOCALES_DIR,
    // Bidi isolation marks around variables would show up as stray characters in Telegram.
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: localeOfContext,
  });
  rememberBundleMatches(i18n.fluent);
  return i18n;
}

/** The part of @grammyjs/i18n's Fluent (1.1.2) that picks the bundles for a `t`: private in its types. */
interface BundleMatcher {
  bundles: Set<unknown>;
  matchBundles(locales: string[]): Set<unknown>;
}

/**
 * Picks each locale's bundles once. The plugin picks them anew on every `t`, negotiating with
 * @fluent/langneg, which parses every locale name into objects each time: a tenth of what an
 * update of /report allocated (a conversation replays its steps, and their `t`s, on every
 * update), garbage whose collections pushed updates over issue 17's 10 ms (bench scenario
 * `reports`). The answer depends on the locales asked for and the bundles loaded alone; a
 * bundle added later (none is: the directory is read when the I18n is made) starts afresh.
 * The same Set is handed out each time: the plugin only iterates it.
 */
function rememberBundleMatches(fluent: unknown): void {
  const matcher = fluent as BundleMatcher;
  const match = matcher.matchBundles.bind(matcher);
  const matched = new Map<string, Set<unknown>>();
  let bundles = matcher.bundles.size;
  matcher.matchBundles = (locales) => {
    if (matcher.bundles.size !== bundles) {
      matched.clear();
      bundles = matcher.bundles.size;
    }
    const key = locales.join('\n');
    let found = matched.get(key);
    if (!found) matched.set(key, (found = match(locales)));
    return found;
  };
}
