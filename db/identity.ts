/**
 * Who is talking to the bot: the person row (if they joined), and the roles they hold.
 * Loaded once per update by a middleware; every feature checks roles against it at its edge.
 *
 * People are stored only once they hold a role (an admin by configuration or grant, a
 * lead or liaison by invite): an unknown user who writes to the bot leaves no record.
 */
import { eq } from 'drizzle-orm';
import { prepared } from './prepared';
import type { DB } from './index';
import { people } from './schema';
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

interface PersonRow {
  id: number;
  telegram_id: number;
  chat_id: number;
  name: string;
  username: string | null;
  language: string | null;
  unreachable_at: number | null;
  created_at: number;
  updated_at: number;
}

interface HeldRow {
  role: 'admin' | 'lead' | 'liaison';
  plan_id: number | null;
  plan_title: string | null;
  unit_id: number | null;
  unit_name: string | null;
}

/** loadIdentity's two reads, run for every update (and every context a conversation replays): prepared once (db/prepared.ts). */
function identityStatements(db: DB) {
  return {
    person: prepared<[number], PersonRow>(
      db,
      `SELECT id, telegram_id, chat_id, name, username, language, unreachable_at, created_at, updated_at
         FROM people WHERE telegram_id = ?`,
    ),
    held: prepared<[number], HeldRow>(
      db,
      `SELECT roles.role, roles.plan_id, plans.title AS plan_title, roles.unit_id, units.name AS unit_name
         FROM roles
         LEFT JOIN plans ON plans.id = roles.plan_id
         LEFT JOIN units ON units.id = roles.unit_id
         WHERE roles.person_id = ? AND roles.revoked_at IS NULL
         ORDER BY roles.id`,
    ),
  };
}

/** A people row as drizzle gives it (`typeof people.$inferSelect`: times as Dates). */
function personOf(row: PersonRow): Person {
  return {
    id: row.id,
    telegramId: row.telegram_id,
    chatId: row.chat_id,
    name: row.name,
    username: row.username,
    language: row.language,
    unreachableAt: row.unreachable_at === null ? null : new Date(row.unreachable_at),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

export function loadIdentity(db: DB, telegramId: number, configAdmins: readonly number[]): Identity {
  const statements = identityStatements(db);
  const row = statements.person.get(telegramId);
  const person = row ? personOf(row) : null;
  const identity: Identity = {
    telegramId,
    person,
    admin: configAdmins.includes(telegramId),
    liaisonUnits: [],
    leadPlans: [],
    leadUnits: [],
  };
  if (!person) return identity;
  for (const held of statements.held.all(person.id)) {
    if (held.role === 'admin') identity.admin = true;
    else if (held.role === 'liaison' && held.unit_id !== null) identity.liaisonUnits.push({ id: held.unit_id, name: held.unit_name! });
    else if (held.role === 'lead' && held.unit_id !== null) identity.leadUnits.push({ id: held.unit_id, name: held.unit_name! });
    else if (held.role === 'lead' && held.plan_id !== null) identity.leadPlans.push({ id: held.plan_id, title: held.plan_title });
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
