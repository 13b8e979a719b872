/**
 * The command menu each person sees fits their role: set per chat (setMyCommands with a
 * chat scope) in the person's language, with a default menu for everyone else. A person who
 * holds no role any more has their chat's menu deleted, so they see the default one.
 *
 * At start the menus are synced in the background (app/main.ts does not wait for them), one
 * call per person, each on its own: a deleted account ("chat not found") is logged and
 * skipped, a 403 marks the person unreachable (schedules/reachability.ts, the dispatcher's
 * rule), and the others go on. When Telegram cannot be reached or floods (network, 5xx, 429)
 * what is left is tried again after a wait that doubles up to MAX_DELAY_MS.
 */
import type { Api } from 'grammy';
import { GrammyError } from 'grammy';
import type { I18n } from '@grammyjs/i18n';
import type { DB } from '../db';
import { personIdOf, reachableTelegramIds } from '../db/people';
import { isKnown, isLead, isLiaison, loadIdentity, type Identity } from '../db/identity';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './i18n';
import type { BaseContext } from './context';
import { systemClock, type Clock } from '../core/clock';
import { markUnreachable } from '../schedules/reachability';
import { apiSignal, describeTelegramError, isPassing, retryAfterMs, sleep as realSleep } from './telegram-retry';

/** Commands a person may use, in menu order. */
export function commandsFor(identity: Identity): string[] {
  const commands = ['start', 'help'];
  if (isLiaison(identity)) commands.push('tasks', 'report', 'edit', 'quota');
  if (isLead(identity) || identity.admin) commands.push('summary', 'overdue', 'unit', 'score', 'yearly', 'export');
  if (identity.admin)
    commands.push('import', 'plans', 'units', 'invite', 'invites', 'revoke', 'remove', 'leads', 'deadline', 'policy', 'calendar', 'pack');
  if (isLiaison(identity) || identity.admin) commands.push('cancel');
  commands.push('language');
  return commands;
}

const EVERYONE = ['start', 'help', 'language'];

/** The first wait before trying the menus again, and the longest. */
export const FIRST_DELAY_MS = 1_000;
export const MAX_DELAY_MS = 5 * 60_000;

function menu(i18n: I18n<BaseContext>, locale: string, commands: string[]) {
  return commands.map((command) => ({ command, description: i18n.t(locale, `command-${command}`) }));
}

/**
 * Sets (or, for someone who holds no role any more, deletes) one person's menu. Throws what
 * Telegram answered; `refreshPersonMenu` is the variant that handles it.
 */
export async function syncPersonMenu(
  api: Api,
  db: DB,
  i18n: I18n<BaseContext>,
  configAdmins: readonly number[],
  telegramId: number,
  signal?: AbortSignal,
): Promise<'set' | 'deleted' | 'none'> {
  const identity = loadIdentity(db, telegramId, configAdmins);
  if (!identity.person) return 'none';
  const scope = { type: 'chat' as const, chat_id: identity.person.chatId };
  if (!isKnown(identity)) {
    await api.deleteMyCommands({ scope }, apiSignal(signal));
    return 'deleted';
  }
  const locale: Locale = (identity.person.language as Locale | null) ?? DEFAULT_LOCALE;
  await api.setMyCommands(menu(i18n, locale, commandsFor(identity)), { scope }, apiSignal(signal));
  return 'set';
}

export interface MenuOptions {
  /** Where problems are told (default: stderr). */
  log?: (line: string) => void;
  /** For the time a person is marked unreachable. */
  clock?: Clock;
  signal?: AbortSignal;
}

export type PersonMenuOutcome =
  | { kind: 'set' | 'deleted' | 'none' }
  /** Telegram refused this person's menu for good (chat not found, blocked …): logged, not retried. */
  | { kind: 'skipped'; reason: string }
  /** Telegram could not be reached or flooded: worth trying again later. */
  | { kind: 'retry'; error: unknown };

/** One person's menu, with Telegram's refusals handled: never throws for an answer of Telegram's. */
export async function refreshPersonMenu(
  api: Api,
  db: DB,
  i18n: I18n<BaseContext>,
  configAdmins: readonly number[],
  telegramId: number,
  options: MenuOptions = {},
): Promise<PersonMenuOutcome> {
  const log = options.log ?? ((line: string) => console.error(line));
  try {
    return { kind: await syncPersonMenu(api, db, i18n, configAdmins, telegramId, options.signal) };
  } catch (error) {
    if (isPassing(error)) return { kind: 'retry', error };
    if (!(error instanceof GrammyError)) throw error;
    const reason = describeTelegramError(error, api.token);
    log(`command menu of Telegram user ${telegramId} not set: ${reason}`);
    if (error.error_code === 403) {
      const personId = personIdOf(db, telegramId);
      if (personId !== undefined)
        markUnreachable(db, personId, (options.clock ?? systemClock).now(), { via: 'setMyCommands 403', detail: error.description });
    }
    return { kind: 'skipped', reason };
  }
}

export interface MenuSyncOptions extends MenuOptions {
  /** Waits between attempts; ends early when `signal` aborts (tests pass one that records). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface MenuSyncResult {
  /** Every default menu was set. */
  defaults: boolean;
  /** Telegram user ids whose menu was set, or deleted (no role any more). */
  set: number[];
  deleted: number[];
  skipped: { telegramId: number; reason: string }[];
  /** Stopped by `signal` before everything was done. */
  stopped: boolean;
}

/**
 * Sets the default menus (per language) and each reachable person's own menu, trying what
 * Telegram could not take again later; resolves when all is done or `signal` aborts. Never
 * rejects for Telegram's answers: meant to run in the background.
 */
export async function syncCommandMenus(
  api: Api,
  db: DB,
  i18n: I18n<BaseContext>,
  configAdmins: readonly number[],
  options: MenuSyncOptions = {},
): Promise<MenuSyncResult> {
  const log = options.log ?? ((line: string) => console.error(line));
  const wait = options.sleep ?? realSleep;
  const { signal } = options;
  const result: MenuSyncResult = { defaults: false, set: [], deleted: [], skipped: [], stopped: false };
  const defaults = [...LOCALES];
  const pending = reachableTelegramIds(db);
  let delay = FIRST_DELAY_MS;
  for (;;) {
    let passing: unknown = null;
    while (defaults.length > 0 && passing === null && !signal?.aborted) {
      const locale = defaults[0]!;
      // Telegram names languages by ISO 639-1; the menu without a language is the default (Chinese).
      const languageCode = locale === 'en' ? 'en' : undefined;
      try {
        await api.setMyCommands(
          menu(i18n, locale, EVERYONE),
          { scope: { type: 'all_private_chats' }, language_code: languageCode },
          apiSignal(signal),
        );
        defaults.shift();
      } catch (error) {
        if (signal?.aborted) break;
        if (isPassing(error)) passing = error;
        else {
          log(`default command menu (${locale}) not set: ${describeTelegramError(error, api.token)}`);
          defaults.shift();
        }
      }
    }
    while (pending.length > 0 && passing === null && !signal?.aborted) {
      const telegramId = pending[0]!;
      const outcome = await refreshPersonMenu(api, db, i18n, configAdmins, telegramId, options);
      if (signal?.aborted) break;
      if (outcome.kind === 'retry') {
        passing = outcome.error;
        break;
      }
      pending.shift();
      if (outcome.kind === 'set') result.set.push(telegramId);
      else if (outcome.kind === 'deleted') result.deleted.push(telegramId);
      else if (outcome.kind === 'skipped') result.skipped.push({ telegramId, reason: outcome.reason });
    }
    result.defaults = defaults.length === 0;
    if (signal?.aborted) return { ...result, stopped: true };
    if (passing === null) return result;
    const ms = Math.max(delay, retryAfterMs(passing));
    log(
      `command menus: ${describeTelegramError(passing, api.token)}; ${defaults.length} default and ${pending.length} personal menu(s) left, retrying in ${Math.round(ms / 1000)}s`,
    );
    await wait(ms, signal);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  }
}
