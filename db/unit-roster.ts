/**
 * A plan's units with their liaisons, for /units: one query, however many units (it was one
 * query per unit).
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DB } from './index';
import { people, planUnits, roles, units } from './schema';

export interface RosterUnit {
  id: number;
  name: string;
  /** Its liaisons (roles not revoked), in the order they joined. */
  liaisons: { id: number; name: string; unreachable: boolean }[];
}

export function unitRoster(db: DB, planId: number): RosterUnit[] {
  const rows = db
    .select({ unitId: units.id, unitName: units.name, personId: people.id, personName: people.name, unreachableAt: people.unreachableAt })
    .from(planUnits)
    .innerJoin(units, eq(units.id, planUnits.unitId))
    .leftJoin(roles, and(eq(roles.unitId, units.id), eq(roles.role, 'liaison'), isNull(roles.revokedAt)))
    .leftJoin(people, eq(people.id, roles.personId))
    .where(eq(planUnits.planId, planId))
    .orderBy(asc(units.id), asc(roles.id))
    .all();
  const roster: RosterUnit[] = [];
  for (const row of rows) {
    let unit = roster.at(-1);
    if (unit?.id !== row.unitId) roster.push((unit = { id: row.unitId, name: row.unitName, liaisons: [] }));
    if (row.personId !== null) unit.liaisons.push({ id: row.personId, name: row.personName!, unreachable: row.unreachableAt !== null });
  }
  return roster;
}
