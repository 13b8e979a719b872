/**
 * A second live plan beside the demo (Fuzhou) plan, sharing some of its units, for the tests of
 * views by plan (issue 12): "plan B", one task numbered 4 like the demo's task 4 (so an item
 * label alone, 4①, does not tell the plans apart), one monthly requirement (每月10日前) given to
 * the named units. Every text of it carries 乙, so a test can tell whether anything of it shows.
 */
import { eq } from 'drizzle-orm';
import type { DB } from '../../db';
import { assignments, deadlineRules, planUnits, plans, reports, requirements, tasks, units } from '../../db/schema';

export const PLAN_B_TITLE = '乙单位2026年信用监管工作要点';
export const PLAN_B_TASK = '乙计划双随机监管';
export const PLAN_B_REQUIREMENT = '①报送乙计划双随机抽查结果。';

export interface PlanB {
  planId: number;
  requirementId: number;
  unitIds: Record<string, number>;
}

/** Plan B for `unitNames` (existing units), given to them at `assignedAt`. */
export function seedPlanB(db: DB, unitNames: readonly string[], assignedAt: Date, options: { year?: number; title?: string } = {}): PlanB {
  const year = options.year ?? 2026;
  const title = options.title ?? PLAN_B_TITLE;
  const planId = db
    .insert(plans)
    .values({ key: `${title}|${year}`, title, year, sourceName: '乙计划.txt', createdAt: assignedAt, updatedAt: assignedAt })
    .returning({ id: plans.id })
    .get().id;
  const unitIds: Record<string, number> = {};
  for (const name of unitNames) {
    const id = db.select({ id: units.id }).from(units).where(eq(units.name, name)).get()?.id;
    if (id === undefined) throw new Error(`no unit ${name}`);
    unitIds[name] = id;
    db.insert(planUnits).values({ planId, unitId: id, createdAt: assignedAt, updatedAt: assignedAt }).run();
  }
  const taskId = db.insert(tasks).values({ planId, number: '4', title: PLAN_B_TASK, position: 1 }).returning({ id: tasks.id }).get().id;
  const requirementId = db
    .insert(requirements)
    .values({ taskId, index: 1, text: PLAN_B_REQUIREMENT })
    .returning({ id: requirements.id })
    .get().id;
  db.insert(deadlineRules)
    .values({ requirementId, text: '每月10日前', recognized: true, rule: { kind: 'monthly', day: 10, months: null } })
    .run();
  for (const [i, name] of unitNames.entries()) {
    db.insert(assignments)
      .values({
        requirementId,
        unitId: unitIds[name]!,
        role: i === 0 ? 'lead' : 'cooperating',
        createdAt: assignedAt,
        updatedAt: assignedAt,
      })
      .run();
  }
  return { planId, requirementId, unitIds };
}

/** A report on plan B's requirement. */
export function reportPlanB(db: DB, planB: PlanB, unit: string, period: string, reportedAt: Date, late = false): void {
  db.insert(reports)
    .values({
      requirementId: planB.requirementId,
      unitId: planB.unitIds[unit]!,
      period,
      status: 'done',
      note: '乙计划已抽查',
      reportedAt,
      late,
    })
    .run();
}
