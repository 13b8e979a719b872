/** Who reminders and notices go to: a unit's reachable liaisons, the leads over a unit, the admins. */
import { and, between, eq, inArray, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { people, planUnits, roles } from '../db/schema';

export interface Recipient {
  personId: number;
  chatId: number;
}

function holders(db: DB, role: 'liaison' | 'lead' | 'admin', condition: ReturnType<typeof and>): Recipient[] {
  return db
    .select({ personId: people.id, chatId: people.chatId })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .where(and(eq(roles.role, role), isNull(roles.revokedAt), isNull(people.unreachableAt), condition))
    .orderBy(people.id)
    .all();
}

/** Admins who can be written to: the configured ones who have a person row, and those granted the role. */
export function adminsOf(db: DB, configAdmins: readonly number[]): Recipient[] {
  const found = new Map<number, number>();
  for (const p of db
    .select({ id: people.id, chatId: people.chatId, telegramId: people.telegramId })
    .from(people)
    .where(isNull(people.unreachableAt))
    .all()) {
    if (configAdmins.includes(p.telegramId)) found.set(p.id, p.chatId);
  }
  for (const admin of holders(db, 'admin', undefined)) found.set(admin.personId, admin.chatId);
  return [...found].map(([personId, chatId]) => ({ personId, chatId }));
}

/** Every unit's reachable liaisons in one query: the planner asks for a thousand units in a busy minute. */
export function liaisonsByUnit(db: DB): Map<number, Recipient[]> {
  const rows = db
    .select({ unitId: roles.unitId, personId: people.id, chatId: people.chatId })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .where(and(eq(roles.role, 'liaison'), isNull(roles.revokedAt), isNull(people.unreachableAt)))
    .orderBy(people.id)
    .all();
  const byUnit = new Map<number, Recipient[]>();
  for (const { unitId, personId, chatId } of rows) {
    if (unitId === null) continue;
    const list = byUnit.get(unitId) ?? [];
    list.push({ personId, chatId });
    byUnit.set(unitId, list);
  }
  return byUnit;
}

/** The unit's own leads; else the leads of the plans it belongs to (of `planId` when given). */
export function leadsOfUnit(db: DB, unitId: number, planId?: number): Recipient[] {
  const own = holders(db, 'lead', and(eq(roles.unitId, unitId)));
  if (own.length > 0) return own;
  const planIds =
    planId !== undefined
      ? [planId]
      : db
          .select({ planId: planUnits.planId })
          .from(planUnits)
          .where(eq(planUnits.unitId, unitId))
          .all()
          .map((p) => p.planId);
  if (planIds.length === 0) return [];
  return holders(db, 'lead', and(isNull(roles.unitId), inArray(roles.planId, planIds)));
}

/**
 * leadsOfUnit(db, unit, planId) for every unit with an id from `units.from` to `units.to`, in two
 * queries: the planner asks it for every unit it writes an overdue or no-liaison notice for, and
 * a minute in which 10,000 units go overdue made two queries per unit of it.
 */
export function leadsOfUnits(db: DB, units: { from: number; to: number }, planId: number): (unitId: number) => Recipient[] {
  const own = new Map<number, Recipient[]>();
  for (const { unitId, personId, chatId } of db
    .select({ unitId: roles.unitId, personId: people.id, chatId: people.chatId })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .where(and(eq(roles.role, 'lead'), isNull(roles.revokedAt), isNull(people.unreachableAt), between(roles.unitId, units.from, units.to)))
    .orderBy(people.id)
    .all()) {
    const list = own.get(unitId!) ?? [];
    list.push({ personId, chatId });
    own.set(unitId!, list);
  }
  const ofPlan = holders(db, 'lead', and(isNull(roles.unitId), inArray(roles.planId, [planId])));
  return (unitId) => own.get(unitId) ?? ofPlan;
}
