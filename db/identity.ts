/**
 * Who is talking to the bot: the person row (if they joined), and the roles they hold.
 * Loaded once per update by a middleware; every feature checks roles against it at its edge.
 *
 * People are stored only once they hold a role (an admin by configuration or grant, a
 * lead or liaison by invite): an unknown user who writes to the bot leaves no record.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DB } from './index';
import { people, plans, roles, units } from './schema';
import { DEFAULT_LOCALE } from '../core/locale';

export type Person = typeof people.$inferSelect;

/** What Duban reads of a Telegram user (grammY's User has these fields, and more). */
export interface TelegramUser {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
}

export interface UnitRef {
  id: number;
  name: string;
}

export interface Identity {
  telegramId: number;
  person: Person | null;
  admin: boolean;
  /** Units this person reports for (联络员). */
  liaisonUnits: UnitRef[];
  /** Whole plans this person leads (分管领导, 领导小组). */
  leadPlans: { id: number; title: string | null }[];
  /** Single units this person leads. */
  leadUnits: UnitRef[];
}

export function isLead(identity: Identity): boolean {
  return identity.leadPlans.length > 0 || identity.leadUnits.length > 0;
}

export function isLiaison(identity: Identity): boolean {
  return identity.liaisonUnits.length > 0;
}

export function isKnown(identity: Identity): boolean {
  return identity.admin || isLead(identity) || isLiaison(identity);
}

export function displayName(user: Pick<TelegramUser, 'first_name' | 'last_name'>): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || '—';
}

export function loadIdentity(db: DB, telegramId: number, configAdmins: readonly number[]): Identity {
  const person = db.select().from(people).where(eq(people.telegramId, telegramId)).get() ?? null;
  const identity: Identity = {
    telegramId,
    person,
    admin: configAdmins.includes(telegramId),
    liaisonUnits: [],
    leadPlans: [],
    leadUnits: [],
  };
  if (!person) return identity;
  const held = db
    .select({ role: roles.role, planId: roles.planId, planTitle: plans.title, unitId: roles.unitId, unitName: units.name })
    .from(roles)
    .leftJoin(plans, eq(plans.id, roles.planId))
    .leftJoin(units, eq(units.id, roles.unitId))
    .where(and(eq(roles.personId, person.id), isNull(roles.revokedAt)))
    .orderBy(roles.id)
    .all();
  for (const row of held) {
    if (row.role === 'admin') identity.admin = true;
    else if (row.role === 'liaison' && row.unitId !== null) identity.liaisonUnits.push({ id: row.unitId, name: row.unitName! });
    else if (row.role === 'lead' && row.unitId !== null) identity.leadUnits.push({ id: row.unitId, name: row.unitName! });
    else if (row.role === 'lead' && row.planId !== null) identity.leadPlans.push({ id: row.planId, title: row.planTitle });
  }
  return identity;
}

/**
 * Records (or refreshes) the person behind a Telegram user who holds a role: their name,
 * username and private chat. Returns the row.
 */
export function upsertPerson(db: DB, user: TelegramUser, now: Date): Person {
  const values = { name: displayName(user), username: user.username ?? null, updatedAt: now };
  return db
    .insert(people)
    .values({ telegramId: user.id, chatId: user.id, ...values, createdAt: now })
    .onConflictDoUpdate({ target: people.telegramId, set: values })
    .returning()
    .get();
}

/** The person's language, or the default for a group's message (no person) or one gone since. */
export function localeOfPerson(db: DB, personId: number | null): string {
  if (personId === null) return DEFAULT_LOCALE;
  return db.select({ language: people.language }).from(people).where(eq(people.id, personId)).get()?.language ?? DEFAULT_LOCALE;
}
