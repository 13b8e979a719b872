/**
 * What the ledger reads from the database. The plan's outline (tasks, requirements, rules:
 * a few hundred rows) is read whole; assignments, reports and events are read one
 * requirement at a time, so memory stays bounded by the largest requirement (its units ×
 * its periods), not the plan — a province-wide plan has 100,000 unit rows.
 */
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DB } from '../../db';
import { assignments, deadlineRules, events, evidence, people, plans, quotas, reports, requirements, tasks, units } from '../../db/schema';
import type { DeadlineRule } from '../../core/plan-types';
import type { PlanFacts } from '../../schedules/periods';
import { planFacts } from '../../schedules/unit-requirements';
import type { ReportFacts } from './progress-cell';
import { LedgerOptionsError } from './options';
import { itemLabel } from '../../core/item-label';

/** Which units the ledger may show: undefined is every unit. */
export type UnitScope = readonly number[] | undefined;

export interface LedgerPlan {
  id: number;
  title: string;
  year: number | null;
  facts: PlanFacts;
}

export interface OutlineRequirement {
  id: number;
  index: number;
  text: string;
  deadlineText: string;
  rule: DeadlineRule | null;
  /** The quota's unit (例, 次 …), shown after reported counts. */
  countUnit: string | null;
  /** Removed by a re-import: kept for its reports, not shown as a row to do. */
  archived: boolean;
}

/**
 * A requirement as the ledger shows it: the circled number of its item ("③" beside task 18 in
 * the 序号 column reads 18③, as chat and summaries name it), then its text without the
 * document's own circled number, which counts the rows of a merged cell rather than the items
 * (the document writes 18③ as "②…").
 */
export function requirementCellText(taskNumber: string, requirement: Pick<OutlineRequirement, 'index' | 'text'>): string {
  return `${itemLabel(taskNumber, requirement.index).slice(taskNumber.length)}${requirement.text.replace(/^[\u2460-\u2473]\s*/, '')}`;
}

export interface OutlineTask {
  id: number;
  number: string;
  title: string;
  archived: boolean;
  requirements: OutlineRequirement[];
}

export interface AssignedUnit {
  unitId: number;
  name: string;
  role: 'lead' | 'cooperating';
  /** When the unit was assigned: periods due before it were never asked of it. */
  since: Date;
}

/** A report as the ledger shows it: what a progress cell reads, and who and what it is of. */
export interface ReportRow extends ReportFacts {
  id: number;
  unitId: number;
  unitName: string;
  period: string;
  reporterName: string | null;
}

export interface EventRow {
  id: number;
  unitId: number;
  occurredOn: string;
}

/** `column IN scope`, nothing when every unit is in scope, and false for an empty scope. */
function inScope(column: SQLiteColumn, scope: UnitScope): SQL | undefined {
  if (scope === undefined) return undefined;
  return scope.length === 0 ? sql`0` : inArray(column, [...scope]);
}

/** The plan asked for (live or archived), or every live plan in id order. */
export function plansToExport(db: DB, planId: number | undefined): LedgerPlan[] {
  const rows = db
    .select({ id: plans.id, title: plans.title, sourceName: plans.sourceName, year: plans.year })
    .from(plans)
    .where(planId === undefined ? isNull(plans.archivedAt) : eq(plans.id, planId))
    .orderBy(asc(plans.id))
    .all();
  if (rows.length === 0) {
    throw new LedgerOptionsError('planId', planId === undefined ? 'there is no live plan to export' : `there is no plan ${planId}`);
  }
  return rows.map((row) => ({ id: row.id, title: row.title ?? row.sourceName, year: row.year, facts: planFacts(db, row.id) }));
}

/** The plans of a scope (live or archived), in the order given; every one must exist. */
export function plansByIds(db: DB, planIds: readonly number[]): LedgerPlan[] {
  const rows = db
    .select({ id: plans.id, title: plans.title, sourceName: plans.sourceName, year: plans.year })
    .from(plans)
    .where(inArray(plans.id, [...planIds]))
    .all();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return planIds.map((id) => {
    const row = byId.get(id);
    if (!row) throw new LedgerOptionsError('plans', `there is no plan ${id}`);
    return { id: row.id, title: row.title ?? row.sourceName, year: row.year, facts: planFacts(db, row.id) };
  });
}

/** Tasks in plan order with their requirements by index, archived ones included and marked. */
export function planOutline(db: DB, planId: number): OutlineTask[] {
  const rows = db
    .select({
      taskId: tasks.id,
      number: tasks.number,
      title: tasks.title,
      taskArchivedAt: tasks.archivedAt,
      requirementId: requirements.id,
      index: requirements.index,
      text: requirements.text,
      requirementArchivedAt: requirements.archivedAt,
      deadlineText: deadlineRules.text,
      rule: deadlineRules.rule,
      countUnit: quotas.unitLabel,
    })
    .from(tasks)
    .innerJoin(requirements, eq(requirements.taskId, tasks.id))
    .leftJoin(deadlineRules, eq(deadlineRules.requirementId, requirements.id))
    .leftJoin(quotas, eq(quotas.requirementId, requirements.id))
    .where(eq(tasks.planId, planId))
    .orderBy(asc(tasks.position), asc(tasks.id), asc(requirements.index))
    .all();
  const outline: OutlineTask[] = [];
  for (const row of rows) {
    let task = outline[outline.length - 1];
    if (task?.id !== row.taskId) {
      task = { id: row.taskId, number: row.number, title: row.title, archived: row.taskArchivedAt !== null, requirements: [] };
      outline.push(task);
    }
    task.requirements.push({
      id: row.requirementId,
      index: row.index,
      text: row.text,
      deadlineText: row.deadlineText ?? '',
      rule: row.rule ?? null,
      countUnit: row.countUnit ?? null,
      archived: task.archived || row.requirementArchivedAt !== null,
    });
  }
  return outline;
}

/** The units in scope assigned a requirement: the lead first, then in the order they were assigned. */
export function assignedUnits(db: DB, requirementId: number, scope: UnitScope): AssignedUnit[] {
  return db
    .select({ unitId: assignments.unitId, name: units.name, role: assignments.role, since: assignments.createdAt })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(eq(assignments.requirementId, requirementId), inScope(assignments.unitId, scope)))
    .orderBy(sql`case ${assignments.role} when 'lead' then 0 else 1 end`, asc(assignments.id))
    .all();
}

/** Every report on a requirement by the units in scope, with its evidence count and reporter. */
export function reportsOfRequirement(db: DB, requirementId: number, scope: UnitScope): ReportRow[] {
  return db
    .select({
      id: reports.id,
      unitId: reports.unitId,
      unitName: units.name,
      period: reports.period,
      status: reports.status,
      note: reports.note,
      count: reports.count,
      reportedAt: reports.reportedAt,
      late: reports.late,
      evidenceCount: sql<number>`(select count(*) from ${evidence} where ${evidence.reportId} = ${reports.id})`.mapWith(Number),
      reporterName: people.name,
    })
    .from(reports)
    .innerJoin(units, eq(units.id, reports.unitId))
    .leftJoin(people, eq(people.id, reports.reportedBy))
    .where(and(eq(reports.requirementId, requirementId), inScope(reports.unitId, scope)))
    .all(); // in no order: callers place reports by unit and period
}

/** The events reported on a requirement by the units in scope (periods of event-relative deadlines). */
export function eventsOfRequirement(db: DB, requirementId: number, scope: UnitScope): EventRow[] {
  return db
    .select({ id: events.id, unitId: events.unitId, occurredOn: events.occurredOn })
    .from(events)
    .where(and(eq(events.requirementId, requirementId), inScope(events.unitId, scope)))
    .orderBy(asc(events.id))
    .all();
}

/** Names of the units in scope that have a row in the plan's ledger, to size the unit column. */
export function unitNamesInPlan(db: DB, planId: number, scope: UnitScope): string[] {
  return db
    .selectDistinct({ name: units.name })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .innerJoin(requirements, eq(requirements.id, assignments.requirementId))
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.planId, planId), inScope(assignments.unitId, scope)))
    .all()
    .map((row) => row.name);
}

/**
 * Display width of a text in SQL, without reading every report into memory: UTF-8 stores
 * ASCII in one byte and Chinese in three, so chars + (bytes − chars) / 2 counts Chinese
 * double. Other scripts land in between, close enough for sizing a capped column.
 */
function sqlWidth(column: SQLiteColumn): SQL<number> {
  return sql<number>`coalesce(max(length(${column}) + (length(cast(${column} as blob)) - length(${column})) / 2), 0)`.mapWith(Number);
}

/** The widest note and reporter name of the plan's reports in scope, to size the reports sheet's columns. */
export function reportTextWidths(db: DB, planId: number, scope: UnitScope): { note: number; unitName: number; reporter: number } {
  const row = db
    .select({ note: sqlWidth(reports.note), unitName: sqlWidth(units.name), reporter: sqlWidth(people.name) })
    .from(reports)
    .innerJoin(requirements, eq(requirements.id, reports.requirementId))
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .innerJoin(units, eq(units.id, reports.unitId))
    .leftJoin(people, eq(people.id, reports.reportedBy))
    .where(and(eq(tasks.planId, planId), inScope(reports.unitId, scope)))
    .get();
  return row ?? { note: 0, unitName: 0, reporter: 0 };
}
