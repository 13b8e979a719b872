/**
 * What leads are told: for the units in their scope, plan by plan, how the latest closed period
 * of each requirement went (on time / late / missing — a late report counts as not done), what
 * is overdue and since when, quotas behind pace, what falls due in the next 7 days, and what was
 * reported without the proof the plan asks for.
 * A unit shared by two plans is counted in each plan for that plan's requirements only.
 * Reads the database; no Telegram, no formatting (see summary-text.ts).
 */
import { planScores } from './score';
import { DateTime } from 'luxon';
import { and, asc, eq, inArray, isNotNull, or } from 'drizzle-orm';
import type { DB } from '../db';
import { requirements, tasks } from '../db/schema';
import { PLAN_ZONE } from '../plans/due-dates';
import type { DeadlineRule } from '../core/plan-types';
import { eventPeriod, type Period } from '../schedules/periods';
import { periodsOver, type DuePeriod } from '../schedules/due-periods';
import {
  assignmentsInPlans,
  eventsOfUnits,
  placesOf,
  reportAt,
  reportedByPlace,
  type RequirementDetails,
  type UnitAssignment,
  type UnitEvent,
} from '../schedules/unit-requirements';
import { plansOfUnits, type PlanScope, type ScopeUnit } from '../schedules/scope';
import { quotaPace } from '../schedules/quota-pace';
import { quotaFigures } from '../schedules/quota-figures';
import { periodOutcome, type PeriodOutcome } from '../core/period-outcome';
import { itemLabel } from '../core/item-label';
import type { WorkingDayCalendar } from '../schedules/calendar';
import { latestReports, reportsWithEvidence, type LatestReport } from '../schedules/latest-reports';

/** How far back a closed period still counts as "current" for the summary. */
const LOOK_BACK_DAYS = 35;
const NEXT_DAYS = 7;

export interface ItemRef {
  unit: string;
  item: string;
  title: string;
  due: DateTime;
}

export interface UnitSummary {
  unitId: number;
  unit: string;
  onTime: number;
  late: number;
  missing: number;
}

/** Which plan a part of a summary is about, for its heading. */
export interface PlanHeading {
  planId: number;
  title: string;
  year: number | null;
}

/** One plan's part of a summary: only that plan's requirements, for the units seen in it. */
export interface PlanSummary extends PlanHeading {
  units: UnitSummary[];
  overdue: (ItemRef & { days: number })[];
  /** Counted targets (全年不少于10例) behind pace. */
  quotasBehind: (Omit<ItemRef, 'due'> & { target: number; expected: number; actual: number; label: string })[];
  /** Ratio targets (公示率达到100%) whose latest reported ratio is below target: ratios have no pace (schedules/ratio-targets.ts). */
  ratiosBelow: (Omit<ItemRef, 'due'> & { target: number; latest: number })[];
  /**
   * What falls due in the next days, soonest first (ties in the order of units and items): the
   * first DUE_SOON_KEPT only, more than a summary lists; `dueSoonCount` counts them all.
   */
  dueSoon: ItemRef[];
  /** How many items fall due in the next days, listed or not; absent in a summary made by hand: then all are in `dueSoon`. */
  dueSoonCount?: number;
  /**
   * Items reported whose latest report carries no evidence though proof is asked for (the plan
   * names it, or scores the task): by the plan's order of tasks and items, then unit. Items never
   * reported are not here (they are overdue, or in the points at risk).
   */
  evidenceMissing: EvidenceMissing[];
  /** An assessment plan's points and the points at risk for want of evidence (digests/score.ts); absent for a plan without points. */
  points?: { total: number; atRisk: number };
}

/** An (item, unit) reported without the proof asked for; `evidence` is what the plan names, null when it only scores the task. */
export type EvidenceMissing = Omit<ItemRef, 'due'> & { evidence: string | null };

export interface Summary {
  at: DateTime;
  /** A part per plan in scope, in the scope's order: two plans' items never share a unit line. */
  plans: PlanSummary[];
}

/**
 * What a summary covers: plans with the units seen in each (scopeOf), or units alone, meaning
 * each of them in every live plan it belongs to.
 */
export type SummaryScope = readonly PlanScope[] | readonly ScopeUnit[];

function isPlans(scope: SummaryScope): scope is readonly PlanScope[] {
  return scope.length === 0 || 'planId' in scope[0]!;
}

function plansIn(db: DB, scope: SummaryScope): readonly PlanScope[] {
  return isPlans(scope) ? scope : plansOfUnits(db, scope);
}

/** The requirements the units are given in the plans they are seen in, each once. */
function requirementsInScope(plansSeen: readonly PlanScope[], byUnit: Map<number, UnitAssignment[]>): RequirementDetails[] {
  const found = new Map<number, RequirementDetails>();
  for (const plan of plansSeen) {
    for (const unit of plan.units) {
      for (const { requirement } of byUnit.get(unit.id) ?? [])
        if (requirement.planId === plan.planId) found.set(requirement.requirementId, requirement);
    }
  }
  return [...found.values()];
}

/**
 * Counts one past period by its outcome (core/period-outcome.ts): on time, late (a late report
 * counts as not done) or missing; a period never asked of the unit is not counted. True when
 * missing.
 */
function countPeriod(record: { onTime: number; late: number; missing: number }, outcome: PeriodOutcome): boolean {
  if (outcome === 'on-time') record.onTime++;
  else if (outcome === 'late') record.late++;
  else if (outcome === 'missing') record.missing++;
  return outcome === 'missing';
}

/** A past period's outcome: its due moment is behind (now is "after everything"), so nothing reported is missing. */
const pastOutcome = (dueMs: number, assignedAtMs: number, late: boolean | undefined) =>
  periodOutcome({ dueMs, assignedAtMs, late }, Number.POSITIVE_INFINITY);

/**
 * A requirement's periods the summary looks at, with who reported each: the same for every unit
 * given it. Reports are bytes by the unit's place in the summary's units (reportedByPlace).
 */
interface CurrentPeriods {
  item: string;
  /** The latest closed period, with its reports and its days overdue now. */
  closed: { period: DuePeriod; reported: Uint8Array | undefined; days: number } | undefined;
  /** The periods falling due in the next days, with their reports. */
  open: { period: DuePeriod; reported: Uint8Array | undefined }[];
  /** All its reports (an event's period is its own): by period. */
  reports: Map<string, Uint8Array> | undefined;
  /** The events each unit reported, for an event-relative requirement. */
  events: Map<number, UnitEvent[]> | undefined;
}

/** A unit's events of a requirement it reported none of: one shared list, not a new one for each of a province's 1,000,000 (unit, item). */
const NO_EVENTS: readonly UnitEvent[] = [];

// String.prototype.localeCompare with no locale or options is this collator's compare, without
// looking the collator up on each call: a province's summary sorts 100,000 overdue items.
const compareNames = new Intl.Collator().compare;

/**
 * Longest overdue first, then by unit name (localeCompare), ties in the order found. The names
 * are ranked once and the items sorted by numbers: comparing 100,000 items' names pairwise is
 * what took the time.
 */
function longestOverdueFirst<T extends { unit: string; days: number }>(items: T[], units: readonly ScopeUnit[]): T[] {
  const names = [...new Set([...units.map((u) => u.name), ...items.map((i) => i.unit)])].sort(compareNames);
  const rankOf = new Map<string, number>();
  // Names the collator holds equal share a rank, as they compared equal before.
  names.forEach((name, i) => rankOf.set(name, i > 0 && compareNames(names[i - 1]!, name) === 0 ? rankOf.get(names[i - 1]!)! : i));
  const ranks = items.map((i) => rankOf.get(i.unit)!);
  const order = items.map((_, i) => i);
  order.sort((a, b) => items[b]!.days - items[a]!.days || ranks[a]! - ranks[b]! || a - b);
  return order.map((i) => items[i]!);
}

/**
 * Items due soon a summary keeps: a summary lists 12 (digests/summary-text.ts), and a province's
 * has 800,000, which took a fifth of its time to make and sort and most of its memory (bench,
 * scenario 5). The rest are counted.
 */
export const DUE_SOON_KEPT = 100;

/**
 * The first `limit` items, soonest due first, ties in the order added, and how many were added:
 * items are grouped by due moment (a province's fall due on a few days), and an item is made
 * only while its group can still be among the first.
 */
function soonestFirst<T>(limit: number) {
  const byDue = new Map<number, T[]>();
  let count = 0;
  return {
    add(dueMs: number, item: () => T): void {
      count++;
      let group = byDue.get(dueMs);
      if (!group) byDue.set(dueMs, (group = []));
      if (group.length < limit) group.push(item());
    },
    count: () => count,
    first: (): T[] =>
      [...byDue.keys()]
        .sort((a, b) => a - b)
        .flatMap((dueMs) => byDue.get(dueMs)!)
        .slice(0, limit),
  };
}

/**
 * Everything is read for all the units of all the plans at once and each requirement's periods
 * worked out once, whatever the number of units (a province has 1,000); the loops over plans and
 * units only look things up.
 */
export function buildSummary(db: DB, scope: SummaryScope, now: Date, calendar: WorkingDayCalendar): Summary {
  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  const summary: Summary = { at, plans: [] };
  const plansSeen = plansIn(db, scope);
  const lookBack = at.minus({ days: LOOK_BACK_DAYS });
  const ahead = at.plus({ days: NEXT_DAYS });
  const [atMs, lookBackMs, aheadMs] = [at.toMillis(), lookBack.toMillis(), ahead.toMillis()];
  const closedPeriods = periodsOver({ from: lookBack, to: at, toIncluded: true });
  const openPeriods = periodsOver({ from: at, to: ahead, toIncluded: true });
  const unitIds = distinctUnitIds(plansSeen);
  const byUnit = assignmentsInPlans(db, planIdsOf(plansSeen), unitIds);
  const assigned = requirementsInScope(plansSeen, byUnit);

  // Each reported event is a period of its own: counted like the others once its deadline passed.
  const relative = assigned.filter((r) => r.rule?.kind === 'relative');
  const eventsOf = eventsOfUnits(
    db,
    unitIds,
    relative.map((r) => r.requirementId),
  );
  const eventPeriods = new Map<number, Period>();
  for (const r of relative) {
    const rule = r.rule as Extract<DeadlineRule, { kind: 'relative' }>;
    for (const list of eventsOf.get(r.requirementId)?.values() ?? []) {
      for (const event of list) eventPeriods.set(event.id, eventPeriod(rule, event, calendar));
    }
  }
  // Only the latest closed period of each requirement is counted: no other closed one is asked about.
  const placeOf = placesOf(unitIds);
  const reported = reportedByPlace(
    db,
    unitIds,
    new Map(
      assigned.map((r) => [
        r.requirementId,
        r.rule?.kind === 'relative' ? null : [...closedPeriods(r).slice(-1), ...openPeriods(r)].map((p) => p.key),
      ]),
    ),
  );
  // Each plan's quotas within its own days (next year's plan is not behind in December).
  const figures = quotaFigures(db, unitIds, assigned, now);
  const pace = memoized(
    (target: number, period: 'year' | 'month', actual: number, at: Date) => quotaPace(target, period, actual, at),
    (target, period, actual, at) => `${target}|${period}|${actual}|${at.getTime()}`,
  );
  const overdueDays = memoized(
    (due: DateTime) => Math.max(1, Math.ceil(at.diff(due, 'days').days)),
    (due) => due.toMillis(),
  );
  const item = memoized(
    (r: RequirementDetails) => itemLabel(r.taskNumber, r.index),
    (r) => r.requirementId,
  );
  const refOf = (unit: string, r: RequirementDetails) => ({ unit, item: item(r), title: r.taskTitle });
  const proof = proofOf(db, assigned);
  // What every unit given a requirement is looked up against, worked out once per requirement.
  const currentOf = memoized(
    (r: RequirementDetails): CurrentPeriods => {
      const reports = reported.get(r.requirementId);
      const closed = closedPeriods(r).at(-1);
      return {
        item: item(r),
        closed: closed && { period: closed, reported: reports?.get(closed.key), days: overdueDays(closed.due) },
        open: openPeriods(r).map((period) => ({ period, reported: reports?.get(period.key) })),
        reports,
        events: eventsOf.get(r.requirementId),
      };
    },
    (r) => r.requirementId,
  );

  for (const plan of plansSeen) {
    const part: PlanSummary = {
      planId: plan.planId,
      title: plan.title,
      year: plan.year,
      units: [],
      overdue: [],
      quotasBehind: [],
      ratiosBelow: [],
      dueSoon: [],
      evidenceMissing: evidenceMissingIn(plan, byUnit, proof, refOf),
    };
    const dueSoon = soonestFirst<ItemRef>(DUE_SOON_KEPT);
    for (const unit of plan.units) {
      const row: UnitSummary = { unitId: unit.id, unit: unit.name, onTime: 0, late: 0, missing: 0 };
      const place = placeOf(unit.id);
      for (const { requirement: r, assignedAtMs } of byUnit.get(unit.id)!) {
        // The unit's work in other plans is theirs: not a line of this plan's.
        if (r.planId !== plan.planId) continue;
        const current = currentOf(r);
        // The latest closed period; none when it fell due before the unit was given the requirement (never asked of it).
        const closed = current.closed;
        if (closed && countPeriod(row, pastOutcome(closed.period.dueMs, assignedAtMs, reportAt(closed.reported, place)))) {
          part.overdue.push({ unit: unit.name, item: current.item, title: r.taskTitle, due: closed.period.due, days: closed.days });
        }
        for (const open of current.open) {
          if (reportAt(open.reported, place) === undefined)
            dueSoon.add(open.period.dueMs, () => ({ unit: unit.name, item: current.item, title: r.taskTitle, due: open.period.due }));
        }
        for (const event of current.events?.get(unit.id) ?? NO_EVENTS) {
          const period = eventPeriods.get(event.id)!;
          const dueMs = period.due.toMillis();
          const late = reportAt(current.reports?.get(period.key), place);
          if (dueMs > atMs) {
            if (late === undefined && dueMs <= aheadMs) dueSoon.add(dueMs, () => ({ ...refOf(unit.name, r), due: period.due }));
          } else if (dueMs >= lookBackMs && countPeriod(row, pastOutcome(dueMs, assignedAtMs, late))) {
            part.overdue.push({ ...refOf(unit.name, r), due: period.due, days: overdueDays(period.due) });
          }
        }
        if (r.quota?.kind === 'ratio') {
          const latest = figures.ratios.get(`${r.requirementId}|${unit.id}`);
          if (latest !== undefined && latest < r.quota.target)
            part.ratiosBelow.push({ ...refOf(unit.name, r), target: r.quota.target, latest });
        } else if (r.quota && r.quota.period !== 'once') {
          const actual = figures.counted.get(r.requirementId)?.get(unit.id) ?? 0;
          const { behind, expected } = pace(r.quota.target, r.quota.period, actual, figures.windowOf(r.requirementId).at);
          if (behind)
            part.quotasBehind.push({ ...refOf(unit.name, r), target: r.quota.target, expected, actual, label: r.quota.unitLabel });
        }
      }
      part.units.push(row);
    }
    part.overdue = longestOverdueFirst(part.overdue, plan.units);
    part.dueSoon = dueSoon.first();
    part.dueSoonCount = dueSoon.count();
    const score = planScores(db, [plan])[0];
    if (score) part.points = { total: score.total, atRisk: score.atRisk };
    summary.plans.push(part);
  }
  return summary;
}

/** Where proof is asked for among the requirements in scope, and what the latest reports on them carry. */
interface ProofFacts {
  /** Requirements asking for proof, each with its rank in its plan's order (task position, then item). */
  asked: Map<number, number>;
  /** The latest report of each (requirement, unit) asking for proof, keyed `requirementId|unitId` (schedules/latest-reports.ts). */
  latest: Map<string, LatestReport>;
  /** Those of the latest reports carrying at least one piece of evidence: /score's rule for proof being there. */
  proven: Set<number>;
}

/** Read once for every plan and unit in scope: three queries whatever their number. */
function proofOf(db: DB, assigned: readonly RequirementDetails[]): ProofFacts {
  const asked = proofAsked(db, assigned);
  const latest = latestReports(db, [...asked.keys()]);
  return {
    asked,
    latest,
    proven: reportsWithEvidence(
      db,
      [...latest.values()].map((r) => r.id),
    ),
  };
}

/**
 * The requirements among those given whose proof is asked for: the plan names it (考核要求,
 * 佐证材料) or gives the task points, which are judged on proof (digests/score.ts). Ranked in
 * the plan's order so the list reads as the plan does.
 */
function proofAsked(db: DB, assigned: readonly RequirementDetails[]): Map<number, number> {
  const inScope = new Set(assigned.map((r) => r.requirementId));
  const planIds = [...new Set(assigned.map((r) => r.planId))];
  if (planIds.length === 0) return new Map();
  // By plan, not by a list of requirement ids: a plan asking no proof costs one look at its tasks.
  const rows = db
    .select({ id: requirements.id })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(inArray(tasks.planId, planIds), or(isNotNull(requirements.evidence), isNotNull(tasks.points))))
    .orderBy(asc(tasks.planId), asc(tasks.position), asc(requirements.index))
    .all()
    .filter((row) => inScope.has(row.id));
  return new Map(rows.map((row, rank) => [row.id, rank]));
}

/**
 * A plan's (item, unit) pairs, for the units seen in it, reported but without the proof asked
 * for: the latest report carries no evidence (a later report with a file settles an earlier one
 * without). Never reported is not "missing evidence": it is overdue or due.
 */
function evidenceMissingIn(
  plan: PlanScope,
  byUnit: Map<number, UnitAssignment[]>,
  proof: ProofFacts,
  refOf: (unit: string, r: RequirementDetails) => Omit<ItemRef, 'due'>,
): EvidenceMissing[] {
  const found: { entry: EvidenceMissing; rank: number; unitRank: number }[] = [];
  plan.units.forEach((unit, unitRank) => {
    for (const { requirement: r } of byUnit.get(unit.id) ?? []) {
      const rank = proof.asked.get(r.requirementId);
      if (r.planId !== plan.planId || rank === undefined) continue;
      const report = proof.latest.get(`${r.requirementId}|${unit.id}`);
      if (report && !proof.proven.has(report.id)) found.push({ entry: { ...refOf(unit.name, r), evidence: r.evidence }, rank, unitRank });
    }
  });
  // Units in the scope's order, as the lines per unit are.
  return found.sort((a, b) => a.rank - b.rank || a.unitRank - b.unitRank).map((f) => f.entry);
}

function planIdsOf(plansSeen: readonly PlanScope[]): number[] {
  return plansSeen.map((p) => p.planId);
}

function distinctUnitIds(plansSeen: readonly PlanScope[]): number[] {
  return [...new Set(plansSeen.flatMap((p) => p.units.map((u) => u.id)))];
}

/** `fn` remembering its answers, by its arguments joined (or by what `keyOf` makes of them). */
function memoized<A extends unknown[], R>(
  fn: (...args: A) => R,
  keyOf: (...args: A) => unknown = (...args) => args.join('|'),
): (...args: A) => R {
  const memo = new Map<unknown, R>();
  return (...args) => {
    const key = keyOf(...args);
    if (!memo.has(key)) memo.set(key, fn(...args));
    return memo.get(key)!;
  };
}

export interface YearRecord {
  unit: string;
  onTime: number;
  late: number;
  missing: number;
}

/** One plan's year so far: a record per unit seen in it, of that plan's requirements only. */
export interface PlanYearRecord extends PlanHeading {
  units: YearRecord[];
}

/**
 * The year so far per plan and unit: how many of the periods closed this year were reported on
 * time, late, or not at all — the figure that feeds the offices' assessment. Read at once for
 * every plan and unit.
 */
export function buildYearRecords(db: DB, scope: SummaryScope, now: Date): PlanYearRecord[] {
  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  const plansSeen = plansIn(db, scope);
  // Each plan's own year: a 2026 plan read in January 2027 shows 2026 (its periods never leave
  // its days: schedules/periods.ts), a plan without a year this calendar year so far.
  const firstDays = plansSeen.map((p) =>
    p.year === null ? at.startOf('year') : DateTime.fromObject({ year: p.year, month: 1, day: 1 }, { zone: PLAN_ZONE }),
  );
  const from = DateTime.min(at.startOf('year'), ...firstDays)!;
  const periods = periodsOver({ from, to: at, toIncluded: true });
  const unitIds = distinctUnitIds(plansSeen);
  const byUnit = assignmentsInPlans(db, planIdsOf(plansSeen), unitIds);
  const placeOf = placesOf(unitIds);
  const reported = reportedByPlace(
    db,
    unitIds,
    new Map(requirementsInScope(plansSeen, byUnit).map((r) => [r.requirementId, periods(r).map((p) => p.key)])),
  );
  // Each requirement's periods with their reports (a byte per unit, by its place), looked up once, not per unit.
  const periodsReported = memoized(
    (r: RequirementDetails) => {
      const reports = reported.get(r.requirementId);
      return periods(r).map((period) => ({ dueMs: period.dueMs, reported: reports?.get(period.key) }));
    },
    (r) => r.requirementId,
  );
  return plansSeen.map((plan) => ({
    planId: plan.planId,
    title: plan.title,
    year: plan.year,
    units: plan.units.map((unit) => {
      const record: YearRecord = { unit: unit.name, onTime: 0, late: 0, missing: 0 };
      const place = placeOf(unit.id);
      for (const { requirement: r, assignedAtMs } of byUnit.get(unit.id)!) {
        if (r.planId !== plan.planId) continue;
        for (const period of periodsReported(r))
          countPeriod(record, pastOutcome(period.dueMs, assignedAtMs, reportAt(period.reported, place)));
      }
      return record;
    }),
  }));
}

/**
 * The year so far per unit, a line per unit and plan it is seen in.
 * @deprecated /yearly reads buildYearRecords (per plan, with headings); kept for callers not yet moved.
 */
export function buildYearRecord(db: DB, units: readonly ScopeUnit[], now: Date): YearRecord[] {
  return buildYearRecords(db, units, now).flatMap((plan) => plan.units);
}
