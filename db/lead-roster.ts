/**
 * Who leads what, for /leads: every lead role not revoked, in the order they were granted,
 * with the unit it is over or the plan (and whether that plan is archived: its lead hears
 * nothing of it then).
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DB } from './index';
import { people, plans, roles, units } from './schema';

export interface LeadRow {
  name: string;
  /** The unit led, or null for a lead of a whole plan. */
  unit: string | null;
  planTitle: string | null;
  planYear: number | null;
  planArchived: Date | null;
}

export function leadRoster(db: DB): LeadRow[] {
  return db
    .select({ name: people.name, unit: units.name, planTitle: plans.title, planYear: plans.year, planArchived: plans.archivedAt })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .leftJoin(units, eq(units.id, roles.unitId))
    .leftJoin(plans, eq(plans.id, roles.planId))
    .where(and(eq(roles.role, 'lead'), isNull(roles.revokedAt)))
    .orderBy(asc(roles.id))
    .all();
}
