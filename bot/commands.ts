/**
 * The command menu each person sees fits their role: set per chat (setMyCommands with a
 * chat scope) in the person's language, with a default menu for everyone else.
 */
import type { Api } from 'grammy';
import type { I18n } from '@grammyjs/i18n';
import { isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { people } from '../db/schema';
import { isKnown, isLead, isLiaison, loadIdentity, type Identity } from './identity';
import { DEFAULT_LOCALE, LOCALES, type Locale } from './i18n';
import type { BaseContext } from './context';

/** Commands a person may use, in menu order. */
export function commandsFor(identity: Identity): string[] {
  const commands = ['start', 'help'];
  if (isLiaison(identity)) commands.push('tasks', 'report', 'edit', 'quota');
  if (isLead(identity) || identity.admin) commands.push('summary', 'overdue', 'unit', 'yearly', 'export');
  if (identity.admin) commands.push('import', 'plans', 'units', 'invite', 'invites', 'revoke', 'leads', 'deadline', 'policy', 'calendar');
  if (isLiaison(identity) || identity.admin) commands.push('cancel');
  commands.push('language');
  return commands;
}

const EVERYONE = ['start', 'help', 'language'];

function menu(i18n: I18n<BaseContext>, locale: string, commands: string[]) {
  return commands.map((command) => ({ command, description: i18n.t(locale, `command-${command}`) }));
}

/** Sets the default menus (per language) and each known person's own menu. */
export async function syncCommandMenus(api: Api, db: DB, i18n: I18n<BaseContext>, configAdmins: readonly number[]): Promise<void> {
  for (const locale of LOCALES) {
    // Telegram names languages by ISO 639-1; the menu without a language is the default (Chinese).
    const languageCode = locale === 'en' ? 'en' : undefined;
    await api.setMyCommands(menu(i18n, locale, EVERYONE), { scope: { type: 'all_private_chats' }, language_code: languageCode });
  }
  for (const person of db.select().from(people).where(isNull(people.unreachableAt)).all()) {
    await syncPersonMenu(api, db, i18n, configAdmins, person.telegramId);
  }
}

export async function syncPersonMenu(
  api: Api,
  db: DB,
  i18n: I18n<BaseContext>,
  configAdmins: readonly number[],
  telegramId: number,
): Promise<void> {
  const identity = loadIdentity(db, telegramId, configAdmins);
  if (!identity.person || !isKnown(identity)) return;
  const locale: Locale = (identity.person.language as Locale | null) ?? DEFAULT_LOCALE;
  await api.setMyCommands(menu(i18n, locale, commandsFor(identity)), { scope: { type: 'chat', chat_id: identity.person.chatId } });
}

