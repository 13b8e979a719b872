/**
 * What a unit must do: its live requirements with their tasks, plans, deadline rules and
 * quotas, and the reports it has made. Read by /tasks, the reminder planner and summaries.
 * The summaries, the yearly record and the circular cover up to a province's 10,000 units:
 * they read everything for all their units at once (assignmentsInPlans, reportedByPlace …),
 * never once per unit.
 */
import { and, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { DB } from '../db';
import { prepared } from '../db/prepared';
import { assignments, deadlineRules, events, planUnits, plans, quotas, reports, requirements, tasks } from '../db/schema';
import type { DeadlineRule } from '../core/plan-types';
import { commonMonthlyDay, type PlanFacts } from './periods';
import { reportedWithin, type QuotaWindow } from './quota-window';

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
  /** The proof the plan asks for (考核要求 / 佐证材料: 会议纪要, 活动照片), when it names one. */
  evidence: string | null;
  /** The task's points (分值) in an assessment plan, judged on proof; null in a plan without points. */
  points: number | null;
  planId: number;
  planTitle: string | null;
  deadlineText: string;
  rule: DeadlineRule | null;
  quota: { target: number; unitLabel: string; period: 'year' | 'month' | 'once'; kind: 'count' | 'ratio' } | null;
  facts: PlanFacts;
}

/**
 * The plan facts planning needs: its year, its last day when an admin set one (plans.ends_on:
 * no period falls due after it, in /tasks, /report, summaries, circulars and the ledger as in
 * the planner), and the monthly report day (set by an admin, or the plan's most common).
 */
export function planFacts(db: DB, planId: number): PlanFacts {
  // Prepared once per connection: /report reads it for each plan of a liaison's list, 500
  // liaisons at once (issue 17).
  const plan = prepared<[number], { year: number | null; endsOn: string | null; day: number | null }>(
    db,
    'select year, ends_on as endsOn, monthly_report_day as day from plans where id = ?',
  ).get(planId);
  if (!plan) throw new Error(`plan ${planId} does not exist`);
  if (plan.day !== null) return { year: plan.year, endsOn: plan.endsOn, monthlyReportDay: plan.day };
  const rules = prepared<[number], { rule: string | null }>(
    db,
    `select d.rule as rule
       from deadline_rules d
       join requirements r on r.id = d.requirement_id
       join tasks t on t.id = r.task_id
      where t.plan_id = ? and r.archived_at is null`,
  )
    .all(planId)
    .map((row) => (row.rule === null ? null : (JSON.parse(row.rule) as DeadlineRule)));
  return { year: plan.year, endsOn: plan.endsOn, monthlyReportDay: commonMonthlyDay(rules) };
}

/** What one requirement is, whoever it is assigned to. */
export type RequirementDetails = Omit<AssignedRequirement, 'role' | 'assignedAt'>;

/** `column in (ids)`, with the ids as one JSON parameter: no limit on their number. */
function inIds(column: SQLiteColumn, ids: readonly (number | string)[]): SQL {
  return sql`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
}

/**
 * The live requirements assigned to any of the units (of one plan, with `planId`), each once,
 * in the order a unit's list is in: by plan, task position and item.
 */
export function requirementsAssignedTo(db: DB, unitIds: readonly number[], planId?: number): RequirementDetails[] {
  if (unitIds.length === 0) return [];
  return requirementDetails(
    db,
    and(
      planId === undefined ? undefined : eq(plans.id, planId),
      inArray(requirements.id, db.select({ id: assignments.requirementId }).from(assignments).where(inIds(assignments.unitId, unitIds))),
    ),
  );
}

/**
 * The live requirements of the plans, whoever they are assigned to, in the order a unit's list
 * is in. A plan's 10,000 units are given nearly all of its requirements: asking which of them
 * any unit is given would read its 1,000,000 assignments to learn next to nothing.
 */
export function requirementsOfPlans(db: DB, planIds: readonly number[]): RequirementDetails[] {
  if (planIds.length === 0) return [];
  return requirementDetails(db, inIds(plans.id, planIds));
}

/**
 * requirementsAssignedTo(the plan's units, the plan), asked of the plan itself: each requirement
 * is looked for among its assignments until one to a unit of the plan turns up, instead of
 * reading every assignment of the plan's 10,000 units (0.2 s at province scale, each minute the
 * circular's draft moment is checked).
 */
export function requirementsAssignedInPlan(db: DB, planId: number): RequirementDetails[] {
  return requirementDetails(
    db,
    and(
      eq(plans.id, planId),
      sql`exists (select 1 from ${assignments} where ${assignments.requirementId} = ${requirements.id}
        and ${assignments.unitId} in (select ${planUnits.unitId} from ${planUnits} where ${planUnits.planId} = ${planId}))`,
    ),
  );
}

/** The live requirements meeting `which`, with their details, by plan, task position and item. */
function requirementDetails(db: DB, which: SQL | undefined): RequirementDetails[] {
  const rows = db
    .select({
      requirementId: requirements.id,
      index: requirements.index,
      text: requirements.text,
      evidence: requirements.evidence,
      points: tasks.points,
      taskNumber: tasks.number,
      taskTitle: tasks.title,
      planId: plans.id,
      planTitle: plans.title,
      deadlineText: deadlineRules.text,
      rule: deadlineRules.rule,
      quotaTarget: quotas.target,
      quotaUnit: quotas.unitLabel,
      quotaPeriod: quotas.period,
      quotaKind: quotas.kind,
    })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .innerJoin(plans, eq(plans.id, tasks.planId))
    .leftJoin(deadlineRules, eq(deadlineRules.requirementId, requirements.id))
    .leftJoin(quotas, eq(quotas.requirementId, requirements.id))
    .where(and(isNull(requirements.archivedAt), isNull(tasks.archivedAt), isNull(plans.archivedAt), which))
    .orderBy(plans.id, tasks.position, requirements.index)
    .all();
  const factsOf = planFactsOnce(db);
  return rows.map((row) => detailsOfRow({ ...row, rule: row.rule ?? null }, factsOf(row.planId)));
}

/** A requirement read with its task, plan, deadline and quota columns side by side. */
export interface RequirementRow {
  requirementId: number;
  index: number;
  text: string;
  evidence: string | null;
  points: number | null;
  taskNumber: string;
  taskTitle: string;
  planId: number;
  planTitle: string | null;
  deadlineText: string | null;
  rule: DeadlineRule | null;
  quotaTarget: number | null;
  quotaUnit: string | null;
  quotaPeriod: 'year' | 'month' | 'once' | null;
  quotaKind: 'count' | 'ratio' | null;
}

/** The requirement's details from its row: one shape for every reader (the summaries', /report's). */
export function detailsOfRow(row: RequirementRow, facts: PlanFacts): RequirementDetails {
  return {
    requirementId: row.requirementId,
    index: row.index,
    text: row.text,
    taskNumber: row.taskNumber,
    taskTitle: row.taskTitle,
    evidence: row.evidence,
    points: row.points,
    planId: row.planId,
    planTitle: row.planTitle,
    deadlineText: row.deadlineText ?? '',
    rule: row.rule,
    quota:
      row.quotaTarget === null
        ? null
        : { target: row.quotaTarget, unitLabel: row.quotaUnit!, period: row.quotaPeriod!, kind: row.quotaKind! },
    facts,
  };
}

/** planFacts, read once per plan by one reader. */
export function planFactsOnce(db: DB): (planId: number) => PlanFacts {
  const byPlan = new Map<number, PlanFacts>();
  return (planId) => {
    let facts = byPlan.get(planId);
    if (!facts) byPlan.set(planId, (facts = planFacts(db, planId)));
    return facts;
  };
}

/** A unit given a requirement, as the batched readers see it: the requirement's details are shared by every unit given it. */
export interface UnitAssignment {
  requirement: RequirementDetails;
  role: 'lead' | 'cooperating';
  /** When the unit was given the requirement (AssignedRequirement.assignedAt), in epoch milliseconds. */
  assignedAtMs: number;
}

/**
 * What each of the units must do (only in one plan, with `planId`): the batched form of
 * requirementsOfUnit, two queries whatever the number of units. Every unit asked for has a
 * list, maybe empty, in the same order as requirementsOfUnit's.
 */
export function assignmentsOfUnits(db: DB, unitIds: readonly number[], planId?: number): Map<number, UnitAssignment[]> {
  const byUnit = new Map<number, UnitAssignment[]>(unitIds.map((id) => [id, []]));
  const details = requirementsAssignedTo(db, unitIds, planId);
  if (details.length === 0) return byUnit;
  const given = new Map<number, { role: 'lead' | 'cooperating'; unitIds: number[]; createdAt: number[] }[]>();
  // Grouped, the units of a group and when each was given the requirement as two flat JSON
  // arrays of numbers: a province has 1,000,000 assignments, and a JavaScript row (or a small
  // array) per assignment costs more than SQLite's reading them (see reportedPeriods).
  const groups = db
    .select({
      requirementId: assignments.requirementId,
      role: assignments.role,
      unitIds: sql<string>`json_group_array(${assignments.unitId})`,
      createdAt: sql<string>`json_group_array(${assignments.createdAt})`,
    })
    .from(assignments)
    .where(inIds(assignments.unitId, unitIds))
    .groupBy(assignments.requirementId, assignments.role)
    .values() as [requirementId: number, role: 'lead' | 'cooperating', unitIds: string, createdAt: string][];
  for (const [requirementId, role, ids, createdAt] of groups) {
    const group = { role, unitIds: JSON.parse(ids) as number[], createdAt: JSON.parse(createdAt) as number[] };
    given.set(requirementId, [...(given.get(requirementId) ?? []), group]);
  }
  // Requirements of other plans than `planId` are left out here.
  for (const requirement of details) {
    for (const { role, unitIds: ids, createdAt } of given.get(requirement.requirementId) ?? []) {
      for (let i = 0; i < ids.length; i++) byUnit.get(ids[i]!)!.push({ requirement, role, assignedAtMs: createdAt[i]! });
    }
  }
  return byUnit;
}

/**
 * Units above which the readers for many units read every unit's rows through (a requirement's
 * reports, a plan's assignments) rather than looking each unit up.
 */
const UNITS_LOOKED_UP = 200;

/**
 * What each of the units must do in the given plans (no other plan's requirements): the same
 * lists as assignmentsOfUnits', for the summary, the circular and the yearly record, whose units
 * are a province's 10,000. For many units the plans' assignments are read whole by requirement
 * (assignments_requirement_role_idx: from the index alone, in its order), which costs a tenth
 * of picking 1,000,000 assignments out by unit; for a few units, each unit's are looked up.
 * Units given a requirement in the same role at the same moment share one UnitAssignment:
 * callers must not change them.
 */
export function assignmentsInPlans(db: DB, planIds: readonly number[], unitIds: readonly number[]): Map<number, UnitAssignment[]> {
  if (unitIds.length <= UNITS_LOOKED_UP) return onlyPlans(assignmentsOfUnits(db, unitIds), planIds);
  const byUnit = new Map<number, UnitAssignment[]>(unitIds.map((id) => [id, []]));
  const details = requirementsOfPlans(db, planIds);
  const given = givenTogether(
    db,
    details.map((r) => r.requirementId),
  );
  for (const requirement of details) {
    for (const { role, assignedAtMs, unitIds: ids } of given.get(requirement.requirementId) ?? []) {
      const assignment: UnitAssignment = { requirement, role, assignedAtMs };
      // Units outside the scope have no list: their assignments are passed over.
      for (const id of ids) byUnit.get(id)?.push(assignment);
    }
  }
  return byUnit;
}

function onlyPlans(byUnit: Map<number, UnitAssignment[]>, planIds: readonly number[]): Map<number, UnitAssignment[]> {
  const wanted = new Set(planIds);
  for (const [unitId, list] of byUnit)
    byUnit.set(
      unitId,
      list.filter((a) => wanted.has(a.requirement.planId)),
    );
  return byUnit;
}

/**
 * The requirements' assignments, grouped by requirement, role and when given, each group's units
 * as one JSON array: a plan's units are given its requirements by one import, so a requirement
 * has a group or two, and its 10,000 units cost one string rather than 10,000 JavaScript rows.
 */
function givenTogether(
  db: DB,
  requirementIds: readonly number[],
): Map<number, { role: 'lead' | 'cooperating'; assignedAtMs: number; unitIds: number[] }[]> {
  const given = new Map<number, { role: 'lead' | 'cooperating'; assignedAtMs: number; unitIds: number[] }[]>();
  if (requirementIds.length === 0) return given;
  const groups = db
    .select({
      requirementId: assignments.requirementId,
      role: assignments.role,
      createdAt: sql<number>`${assignments.createdAt}`,
      unitIds: sql<string>`json_group_array(${assignments.unitId})`,
    })
    .from(assignments)
    .where(inIds(assignments.requirementId, requirementIds))
    .groupBy(assignments.requirementId, assignments.role, assignments.createdAt)
    .values() as [requirementId: number, role: 'lead' | 'cooperating', createdAt: number, unitIds: string][];
  for (const [requirementId, role, assignedAtMs, ids] of groups) {
    let list = given.get(requirementId);
    if (!list) given.set(requirementId, (list = []));
    list.push({ role, assignedAtMs, unitIds: JSON.parse(ids) as number[] });
  }
  return given;
}

/** The distinct requirements of the assignments, by id. */
export function requirementsIn(byUnit: Map<number, UnitAssignment[]>): Map<number, RequirementDetails> {
  const found = new Map<number, RequirementDetails>();
  for (const list of byUnit.values()) for (const { requirement } of list) found.set(requirement.requirementId, requirement);
  return found;
}

export function requirementsOfUnit(db: DB, unitId: number): AssignedRequirement[] {
  return assignmentsOfUnits(db, [unitId])
    .get(unitId)!
    .map((a) => ({ ...a.requirement, role: a.role, assignedAt: new Date(a.assignedAtMs) }));
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

/** Something per requirement and unit, as the batched readers below answer: by requirement id, then unit id. */
export type PerUnitRequirement<T> = Map<number, Map<number, T>>;

function add<T>(map: PerUnitRequirement<T>, requirementId: number, unitId: number, value: T): void {
  let byUnit = map.get(requirementId);
  if (!byUnit) map.set(requirementId, (byUnit = new Map()));
  byUnit.set(unitId, value);
}

/**
 * Which units reportGroups asks about, and how: for a few units SQLite looks each up in the
 * (requirement, unit, period) index; for many (a province's 10,000) it reads the requirement's
 * entries through, checking unit and period on each (`+unit_id` keeps it from the lookups):
 * 7 million index entries read in order cost less than 2 million lookups (bench, scenario 5),
 * and an index on (requirement, period, …) is then free to serve the query.
 */
function unitsAmong(unitIds: readonly number[]): UnitsAsked {
  return { unitIds, lookedUp: unitIds.length <= UNITS_LOOKED_UP };
}

interface UnitsAsked {
  unitIds: readonly number[];
  lookedUp: boolean;
}

/**
 * Which of the periods asked about the units reported, and whether late: by requirement id,
 * then period, then unit id. `periodsOf` names the requirements and the periods wanted of
 * each, or null for all its periods (an event-relative requirement's, one per event).
 * One query per distinct list of periods (a plan's hundred requirements have a few).
 */
export function reportedPeriods(
  db: DB,
  unitIds: readonly number[],
  periodsOf: Map<number, readonly string[] | null>,
): Map<number, Map<string, Map<number, boolean>>> {
  const found = new Map<number, Map<string, Map<number, boolean>>>();
  if (unitIds.length === 0) return found;
  for (const [requirementId, period, late, ids] of reportGroups(db, unitsAmong(unitIds), periodsOf)) {
    let byPeriod = found.get(requirementId);
    if (!byPeriod) found.set(requirementId, (byPeriod = new Map()));
    let byUnit = byPeriod.get(period);
    if (!byUnit) byPeriod.set(period, (byUnit = new Map()));
    for (const unitId of JSON.parse(ids) as number[]) byUnit.set(unitId, Number(late) === 1);
  }
  return found;
}

/** What a unit's byte in reportedByPlace's arrays says of its period. */
export const NOT_REPORTED = 0;
export const REPORTED_ON_TIME = 1;
export const REPORTED_LATE = 2;

/** A unit's report of a period in reportedByPlace's bytes (as reportedPeriods' map would say): undefined when none, else whether late. */
export function reportAt(bytes: Uint8Array | undefined, place: number): boolean | undefined {
  const found = bytes?.[place] ?? NOT_REPORTED;
  return found === NOT_REPORTED ? undefined : found === REPORTED_LATE;
}

/**
 * Each unit's place in `unitIds` (the first, if one is given twice), by unit id; -1 for a unit
 * not among them. Unit ids are row ids, small numbers: an array indexed by id answers faster
 * than a map when each of a yearly record's 7,300,000 reports is looked up. Ids spread far
 * wider than the units (only in tests, so far) are kept in a map.
 */
export function placesOf(unitIds: readonly number[]): (unitId: number) => number {
  let highest = 0;
  for (const id of unitIds) highest = Math.max(highest, id);
  if (highest > 4 * unitIds.length + 65_536) {
    const places = new Map<number, number>();
    unitIds.forEach((id, place) => {
      if (!places.has(id)) places.set(id, place);
    });
    return (unitId) => places.get(unitId) ?? -1;
  }
  const places = new Int32Array(highest + 1).fill(-1);
  unitIds.forEach((id, place) => {
    if (places[id] === -1) places[id] = place;
  });
  return (unitId) => places[unitId] ?? -1;
}

/**
 * reportedPeriods' answer for a province: for each requirement, then period reported, a byte
 * per unit at its place in `unitIds` (NOT_REPORTED, REPORTED_ON_TIME, REPORTED_LATE; read them
 * with reportAt). A yearly record of 10,000 units covers 7,300,000 reports: as bytes they take
 * 11 MB and are looked up by index, as reportedPeriods' maps they took most of a gigabyte and
 * seconds to fill. For many units, every unit's reports are read and those asked about picked
 * out here: checking each report against 10,000 units in SQL cost more than passing it over.
 */
export function reportedByPlace(
  db: DB,
  unitIds: readonly number[],
  periodsOf: Map<number, readonly string[] | null>,
): Map<number, Map<string, Uint8Array>> {
  const found = new Map<number, Map<string, Uint8Array>>();
  if (unitIds.length === 0) return found;
  const placeOf = placesOf(unitIds);
  const units = unitIds.length <= UNITS_LOOKED_UP ? unitsAmong(unitIds) : null;
  for (const [requirementId, period, late, ids] of reportGroups(db, units, periodsOf)) {
    let byPeriod = found.get(requirementId);
    if (!byPeriod) found.set(requirementId, (byPeriod = new Map()));
    let bytes = byPeriod.get(period);
    if (!bytes) byPeriod.set(period, (bytes = new Uint8Array(unitIds.length)));
    const value = Number(late) === 1 ? REPORTED_LATE : REPORTED_ON_TIME;
    forEachId(ids, (unitId) => {
      const place = placeOf(unitId);
      if (place >= 0) bytes![place] = value;
    });
  }
  return found;
}

/**
 * Each id of a JSON array of whole numbers as SQLite's json_group_array writes it ("[3,17,42]"),
 * read in place: a yearly record's groups hold 7,300,000 unit ids, and JSON.parse made an array
 * of each group (up to 10,000 ids) only to be walked once, ~190 MB of garbage.
 */
export function forEachId(json: string, each: (id: number) => void): void {
  let id = -1;
  for (let i = 0; i < json.length; i++) {
    const code = json.charCodeAt(i);
    if (code >= 48 && code <= 57) id = (id < 0 ? 0 : id * 10) + (code - 48);
    else if (id >= 0) {
      each(id);
      id = -1;
    }
  }
  if (id >= 0) each(id);
}

/**
 * The reports of the periods asked about (of the units asked about, or of all units), grouped by
 * requirement, period and lateness, each group's units as one JSON array: a province's yearly
 * record covers 7,300,000 reports, and making a JavaScript row of each takes longer than
 * SQLite's reading them. Read in the order of reports_requirement_period_idx, with no sorting,
 * and a group at a time: holding a query's groups at once (50 MB of JSON in a yearly record)
 * cost a tenth more in garbage collection.
 */
function* reportGroups(
  db: DB,
  units: UnitsAsked | null,
  periodsOf: Map<number, readonly string[] | null>,
): Generator<[requirementId: number, period: string, late: number, unitIds: string]> {
  // Requirements asking about the same periods are read together: SQLite looks up each
  // requirement, unit and period of a query, so asking about no period more than needed pays.
  const sameQuestion = new Map<string, { periods: readonly string[] | null; requirementIds: number[] }>();
  for (const [requirementId, periods] of periodsOf) {
    if (periods?.length === 0) continue;
    const key = periods === null ? '*' : JSON.stringify([...periods].sort());
    const question = sameQuestion.get(key) ?? { periods, requirementIds: [] };
    sameQuestion.set(key, question);
    question.requirementIds.push(requirementId);
  }
  const among = (column: string) => `${column} in (select value from json_each(?))`;
  for (const { periods, requirementIds } of sameQuestion.values()) {
    const conditions = [among('requirement_id')];
    const params = [JSON.stringify(requirementIds)];
    if (units) {
      conditions.push(among(units.lookedUp ? 'unit_id' : '+unit_id'));
      params.push(JSON.stringify(units.unitIds));
    }
    if (periods) {
      conditions.push(among('period'));
      params.push(JSON.stringify(periods));
    }
    const source = `select requirement_id, period, late, json_group_array(unit_id) from reports where ${conditions.join(' and ')} group by requirement_id, period, late`;
    yield* prepared<string[], [requirementId: number, period: string, late: number, unitIds: string]>(db, source)
      .raw()
      .iterate(...params);
  }
}

export type UnitEvent = typeof events.$inferSelect;

/** The events the units reported for the given requirements, oldest first. One query. */
export function eventsOfUnits(db: DB, unitIds: readonly number[], requirementIds: readonly number[]): PerUnitRequirement<UnitEvent[]> {
  const found: PerUnitRequirement<UnitEvent[]> = new Map();
  if (unitIds.length === 0 || requirementIds.length === 0) return found;
  for (const event of db
    .select()
    .from(events)
    .where(and(inIds(events.requirementId, requirementIds), inIds(events.unitId, unitIds)))
    .orderBy(events.id)
    .all()) {
    const list = found.get(event.requirementId)?.get(event.unitId);
    if (list) list.push(event);
    else add(found, event.requirementId, event.unitId, [event]);
  }
  return found;
}

/**
 * Counts reported toward quotas within a window (schedules/quota-window.ts: which reports count),
 * for many units and requirements in one query; absent means 0. (countedSoFar below: one unit.)
 */
export function countedSoFarOfUnits(
  db: DB,
  unitIds: readonly number[],
  requirementIds: readonly number[],
  window: Pick<QuotaWindow, 'from' | 'to'>,
): PerUnitRequirement<number> {
  const counted: PerUnitRequirement<number> = new Map();
  if (unitIds.length === 0 || requirementIds.length === 0) return counted;
  const rows = db
    .select({ unitId: reports.unitId, requirementId: reports.requirementId, total: sql<number>`coalesce(sum(${reports.count}), 0)` })
    .from(reports)
    .where(and(inIds(reports.requirementId, requirementIds), inIds(reports.unitId, unitIds), reportedWithin(window)))
    .groupBy(reports.unitId, reports.requirementId)
    .all();
  for (const row of rows) add(counted, row.requirementId, row.unitId, row.total);
  return counted;
}

/** Counts a unit has reported toward a quota within its window (schedules/quota-window.ts). */
export function countedSoFar(db: DB, requirementId: number, unitId: number, window: Pick<QuotaWindow, 'from' | 'to'>): number {
  return countedSoFarOfUnits(db, [unitId], [requirementId], window).get(requirementId)?.get(unitId) ?? 0;
}
