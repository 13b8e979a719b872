/**
 * What a unit must do: its live requirements with their tasks, plans, deadline rules and
 * quotas, and the reports it has made. Read by /tasks, the reminder planner and summaries.
 */
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, deadlineRules, plans, quotas, reports, requirements, tasks } from '../db/schema';
import type { DeadlineRule } from '../plans/types';
import { commonMonthlyDay, type PlanFacts } from './periods';

export interface AssignedRequirement {
  requirementId: number;
  /** 1-based item number (① is 1). */
  index: number;
  text: string;
  role: 'lead' | 'cooperating';
  /** When the unit was given this requirement: periods due before it were never asked of the unit. */
  assignedAt: Date;
  taskNumber: string;
  taskTitle: string;
  planId: number;
  planTitle: string | null;
  deadlineText: string;
  rule: DeadlineRule | null;
  quota: { target: number; unitLabel: string; period: 'year' | 'month' | 'once'; kind: 'count' | 'ratio' } | null;
  facts: PlanFacts;
}

/** The plan facts planning needs: its year, and the monthly report day (set by an admin, or the plan's most common). */
export function planFacts(db: DB, planId: number): PlanFacts {
  const plan = db.select({ year: plans.year, day: plans.monthlyReportDay }).from(plans).where(eq(plans.id, planId)).get();
  if (!plan) throw new Error(`plan ${planId} does not exist`);
  if (plan.day !== null) return { year: plan.year, monthlyReportDay: plan.day };
  const rules = db
    .select({ rule: deadlineRules.rule })
    .from(deadlineRules)
    .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.planId, planId), isNull(requirements.archivedAt)))
    .all()
    .map((row) => row.rule);
  return { year: plan.year, monthlyReportDay: commonMonthlyDay(rules) };
}

export function requirementsOfUnit(db: DB, unitId: number): AssignedRequirement[] {
  const rows = db
    .select({
      requirementId: requirements.id,
      index: requirements.index,
      text: requirements.text,
      role: assignments.role,
      assignedAt: assignments.createdAt,
      taskNumber: tasks.number,
      taskTitle: tasks.title,
      taskPosition: tasks.position,
      planId: plans.id,
      planTitle: plans.title,
      deadlineText: deadlineRules.text,
      rule: deadlineRules.rule,
      quotaTarget: quotas.target,
      quotaUnit: quotas.unitLabel,
      quotaPeriod: quotas.period,
      quotaKind: quotas.kind,
    })
    .from(assignments)
    .innerJoin(requirements, eq(requirements.id, assignments.requirementId))
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .innerJoin(plans, eq(plans.id, tasks.planId))
    .leftJoin(deadlineRules, eq(deadlineRules.requirementId, requirements.id))
    .leftJoin(quotas, eq(quotas.requirementId, requirements.id))
    .where(and(eq(assignments.unitId, unitId), isNull(requirements.archivedAt), isNull(tasks.archivedAt), isNull(plans.archivedAt)))
    .orderBy(plans.id, tasks.position, requirements.index)
    .all();
  const factsByPlan = new Map<number, PlanFacts>();
  return rows.map((row) => {
    let facts = factsByPlan.get(row.planId);
    if (!facts) factsByPlan.set(row.planId, (facts = planFacts(db, row.planId)));
    return {
      requirementId: row.requirementId,
      index: row.index,
      text: row.text,
      role: row.role,
      assignedAt: row.assignedAt,
      taskNumber: row.taskNumber,
      taskTitle: row.taskTitle,
      planId: row.planId,
      planTitle: row.planTitle,
      deadlineText: row.deadlineText ?? '',
      rule: row.rule ?? null,
      quota:
        row.quotaTarget === null
          ? null
          : { target: row.quotaTarget, unitLabel: row.quotaUnit!, period: row.quotaPeriod!, kind: row.quotaKind! },
      facts,
    };
  });
}

export type Report = typeof reports.$inferSelect;

/** A unit's reports on the given requirements, keyed `${requirementId}|${period}`. */
export function reportsOfUnit(db: DB, unitId: number, requirementIds: number[]): Map<string, Report> {
  if (requirementIds.length === 0) return new Map();
  const rows = db
    .select()
    .from(reports)
    .where(and(eq(reports.unitId, unitId), inArray(reports.requirementId, requirementIds)))
    .all();
  return new Map(rows.map((r) => [`${r.requirementId}|${r.period}`, r]));
}
