/**
 * What a person may see summaries, overdue lists, yearly records and ledgers of, plan by plan:
 * a lead of a plan, that plan's units (in that plan only: a unit shared with another plan
 * brings none of the other plan's work); a lead of a unit, that unit in every live plan it
 * belongs to; an admin, every unit of every live plan. Archived plans are in nobody's scope.
 * Nobody else sees any.
 *
 * Units are shared across plans (plan_units), so a scope is a list of plans, each with the
 * units seen in it: the views read a requirement for a unit only under its own plan.
 */
import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DB } from '../db';
import { planUnits, plans, units } from '../db/schema';
import type { Identity } from '../db/identity';

export interface ScopeUnit {
  id: number;
  name: string;
}

export interface PlanScope {
  planId: number;
  /** The plan's title, or the file it was imported from when it has none. */
  title: string;
  year: number | null;
  /** Every unit of the plan is seen (an admin, a lead of the plan), not only some of them (a lead of units). */
  whole: boolean;
  /** The units seen in this plan, by id. */
  units: ScopeUnit[];
}

export interface Scope {
  /** Live plans in id order, each with the units seen in it; a plan with no unit seen is left out. */
  plans: PlanScope[];
  /** Every unit in scope once, by id, whatever its plans. */
  units: ScopeUnit[];
  /** Plan titles and unit names, for the message heading; empty for "all units". */
  label: string[];
}

/** `column in (ids)`, the ids as one JSON parameter: a province has 1,000 units. */
function inIds(column: SQLiteColumn, ids: readonly number[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/**
 * The live plans with their units: whole plans (all live ones with `allPlans`), and the given
 * units in each live plan they belong to. One query.
 */
function livePlanUnits(db: DB, wanted: { allPlans?: boolean; planIds?: readonly number[]; unitIds?: readonly number[] }): PlanScope[] {
  const wholePlans = new Set(wanted.planIds ?? []);
  const which: SQL[] = [];
  if (!wanted.allPlans && wholePlans.size > 0) which.push(inIds(planUnits.planId, [...wholePlans]));
  if (!wanted.allPlans && (wanted.unitIds?.length ?? 0) > 0) which.push(inIds(planUnits.unitId, wanted.unitIds!));
  if (!wanted.allPlans && which.length === 0) return [];
  const rows = db
    .select({
      planId: plans.id,
      title: plans.title,
      sourceName: plans.sourceName,
      year: plans.year,
      unitId: units.id,
      unitName: units.name,
    })
    .from(planUnits)
    .innerJoin(plans, eq(plans.id, planUnits.planId))
    .innerJoin(units, eq(units.id, planUnits.unitId))
    .where(and(isNull(plans.archivedAt), wanted.allPlans ? undefined : or(...which)))
    .orderBy(asc(plans.id), asc(units.id))
    .all();
  const found: PlanScope[] = [];
  for (const row of rows) {
    let plan = found.at(-1);
    if (plan?.planId !== row.planId) {
      plan = {
        planId: row.planId,
        title: row.title ?? row.sourceName,
        year: row.year,
        whole: wanted.allPlans === true || wholePlans.has(row.planId),
        units: [],
      };
      found.push(plan);
    }
    plan.units.push({ id: row.unitId, name: row.unitName });
  }
  return found;
}

/** The units each once, by id. */
function distinctUnits(scopes: readonly PlanScope[]): ScopeUnit[] {
  const byId = new Map<number, ScopeUnit>();
  for (const plan of scopes) for (const unit of plan.units) byId.set(unit.id, unit);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

export function scopeOf(db: DB, identity: Identity): Scope {
  const scopes = identity.admin
    ? livePlanUnits(db, { allPlans: true })
    : livePlanUnits(db, { planIds: identity.leadPlans.map((p) => p.id), unitIds: identity.leadUnits.map((u) => u.id) });
  const live = new Set(scopes.map((p) => p.planId));
  const label = identity.admin
    ? []
    : [...identity.leadPlans.filter((p) => live.has(p.id)).map((p) => p.title ?? ''), ...identity.leadUnits.map((u) => u.name)].filter(
        Boolean,
      );
  return { plans: scopes, units: distinctUnits(scopes), label };
}

/** One whole plan (its leading group's view), or none when it is archived or has no unit. */
export function planScope(db: DB, planId: number): PlanScope[] {
  return livePlanUnits(db, { planIds: [planId] });
}

/** The units, each in every live plan it belongs to (a lead of those units' view). */
export function plansOfUnits(db: DB, unitList: readonly ScopeUnit[]): PlanScope[] {
  return livePlanUnits(db, { unitIds: unitList.map((u) => u.id) });
}

/** The part of a scope about one unit: that unit in each of the scope's plans that has it. */
export function unitScope(scope: Scope, unitId: number): PlanScope[] {
  return scope.plans.flatMap((plan) => {
    const unit = plan.units.find((u) => u.id === unitId);
    return unit ? [{ ...plan, whole: false, units: [unit] }] : [];
  });
}

/** Whether a plan's title already says its year ("…2026年…"): then the year is not written again beside it. */
export function titleNamesYear(plan: { title: string; year: number | null }): boolean {
  return plan.year === null || plan.title.includes(String(plan.year));
}

/** A plan as a chart title, a caption or a sheet name names it: its title, after its year when the title does not say it. */
export function planName(plan: { title: string; year: number | null }): string {
  return titleNamesYear(plan) ? plan.title : `${plan.year} ${plan.title}`;
}
