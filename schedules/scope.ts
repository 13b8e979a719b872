/**
 * The units a person may see summaries of: a lead's units, the units of the plans they lead;
 * an admin's, every unit of every live plan. Nobody else sees any.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { planUnits, plans, units } from '../db/schema';
import type { Identity } from '../bot/identity';

export interface Scope {
  units: { id: number; name: string }[];
  /** Plan titles and unit names, for the message heading; empty for "all units". */
  label: string[];
}

export function scopeOf(db: DB, identity: Identity): Scope {
  const planIds = identity.admin
    ? db.select({ id: plans.id }).from(plans).where(isNull(plans.archivedAt)).all().map((p) => p.id)
    : identity.leadPlans.map((p) => p.id);
  const byId = new Map<number, string>();
  if (planIds.length > 0) {
    for (const unit of db
      .select({ id: units.id, name: units.name })
      .from(planUnits)
      .innerJoin(units, eq(units.id, planUnits.unitId))
      .where(and(inArray(planUnits.planId, planIds)))
      .orderBy(asc(units.id))
      .all()) {
      byId.set(unit.id, unit.name);
    }
  }
  for (const unit of identity.leadUnits) byId.set(unit.id, unit.name);
  const label = identity.admin ? [] : [...identity.leadPlans.map((p) => p.title ?? ''), ...identity.leadUnits.map((u) => u.name)].filter(Boolean);
  return { units: [...byId].map(([id, name]) => ({ id, name })), label };
}
