/**
 * Person rows as the chat finds and changes them: the people an admin's words name (/remove
 * 李娜, /remove @lina, /remove 5005) and the language a person picks (/language). Who a
 * Telegram user is, with their roles, is db/identity.ts.
 */
import { asc, eq, isNull } from 'drizzle-orm';
import type { DB } from './index';
import { people } from './schema';

/** The people a word names: all digits, a Telegram id; `@name`, a username; else the name they joined with. */
export function peopleNamed(db: DB, who: string): number[] {
  const select = db.select({ id: people.id }).from(people);
  const where = /^\d+$/.test(who)
    ? eq(people.telegramId, Number(who))
    : who.startsWith('@')
      ? eq(people.username, who.slice(1))
      : eq(people.name, who);
  return select
    .where(where)
    .all()
    .map((p) => p.id);
}

/** The language the person reads the bot in from now on (a locale of core/locale.ts). */
export function setPersonLanguage(db: DB, personId: number, locale: string, now: Date): void {
  db.update(people).set({ language: locale, updatedAt: now }).where(eq(people.id, personId)).run();
}

/** A person's row id by their Telegram id, when they have one. */
export function personIdOf(db: DB, telegramId: number): number | undefined {
  return db.select({ id: people.id }).from(people).where(eq(people.telegramId, telegramId)).get()?.id;
}

/** Everyone the bot can still write to, in the order they first came, by Telegram id (for their command menus). */
export function reachableTelegramIds(db: DB): number[] {
  return db
    .select({ telegramId: people.telegramId })
    .from(people)
    .where(isNull(people.unreachableAt))
    .orderBy(asc(people.id))
    .all()
    .map((p) => p.telegramId);
}
