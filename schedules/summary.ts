/**
 * What leads are told: for the units in their scope, how the latest closed period of each
 * requirement went (on time / late / missing — a late report counts as not done), what is
 * overdue and since when, quotas behind pace, and what falls due in the next 7 days.
 * Reads the database; no Telegram, no formatting (see summary-text.ts).
 */
import { DateTime } from 'luxon';
import type { DB } from '../db';
import { PLAN_ZONE } from '../plans/due-dates';
import type { DeadlineRule } from '../plans/types';
import { eventPeriod, type Period } from './periods';
import { periodsOver } from './due-periods';
import {
  assignmentsOfUnits,
  countedSoFarOfUnits,
  eventsOfUnits,
  reportedPeriods,
  requirementsIn,
  type RequirementDetails,
} from './unit-requirements';
import { quotaPace } from './quota-pace';
import type { WorkingDayCalendar } from './calendar';

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

export interface Summary {
  at: DateTime;
  units: UnitSummary[];
  overdue: (ItemRef & { days: number })[];
  quotasBehind: (Omit<ItemRef, 'due'> & { target: number; expected: number; actual: number; label: string })[];
  dueSoon: ItemRef[];
}

/**
 * Everything is read for all the units at once and each requirement's periods worked out once,
 * whatever the number of units (a province has 1,000); the loop over units only looks things up.
 */
export function buildSummary(db: DB, units: { id: number; name: string }[], now: Date, calendar: WorkingDayCalendar): Summary {
  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  const summary: Summary = { at, units: [], overdue: [], quotasBehind: [], dueSoon: [] };
  const lookBack = at.minus({ days: LOOK_BACK_DAYS });
  const ahead = at.plus({ days: NEXT_DAYS });
  const [atMs, lookBackMs, aheadMs] = [at.toMillis(), lookBack.toMillis(), ahead.toMillis()];
  const closedPeriods = periodsOver({ from: lookBack, to: at, toIncluded: true });
  const openPeriods = periodsOver({ from: at, to: ahead, toIncluded: true });
  const unitIds = units.map((u) => u.id);
  const byUnit = assignmentsOfUnits(db, unitIds);
  const assigned = [...requirementsIn(byUnit).values()];

  // Each reported event is a period of its own: counted like the others once its deadline passed.
  const relative = assigned.filter((r) => r.rule?.kind === 'relative');
  const eventsOf = eventsOfUnits(db, unitIds, relative.map((r) => r.requirementId));
  const eventPeriods = new Map<number, Period>();
  for (const r of relative) {
    const rule = r.rule as Extract<DeadlineRule, { kind: 'relative' }>;
    for (const list of eventsOf.get(r.requirementId)?.values() ?? []) {
      for (const event of list) eventPeriods.set(event.id, eventPeriod(rule, event, calendar));
    }
  }
  const reported = reportedPeriods(
    db,
    unitIds,
    new Map(assigned.map((r) => [r.requirementId, r.rule?.kind === 'relative' ? null : [...closedPeriods(r), ...openPeriods(r)].map((p) => p.key)])),
  );
  const withQuota = (period: 'year' | 'month') => assigned.filter((r) => r.quota?.period === period).map((r) => r.requirementId);
  const counted = { year: countedSoFarOfUnits(db, unitIds, withQuota('year'), 'year', now), month: countedSoFarOfUnits(db, unitIds, withQuota('month'), 'month', now) };
  const pace = memoized((target: number, period: 'year' | 'month', actual: number) => quotaPace(target, period, actual, now));
  const overdueDays = memoized((due: DateTime) => Math.max(1, Math.ceil(at.diff(due, 'days').days)), (due) => due.toMillis());
  const item = memoized((r: RequirementDetails) => `${r.taskNumber}-${r.index}`, (r) => r.requirementId);
  const refOf = (unit: string, r: RequirementDetails) => ({ unit, item: item(r), title: r.taskTitle });

  for (const unit of units) {
    const row: UnitSummary = { unitId: unit.id, unit: unit.name, onTime: 0, late: 0, missing: 0 };
    for (const { requirement: r, assignedAtMs } of byUnit.get(unit.id)!) {
      const reports = reported.get(r.requirementId);
      // The latest closed period; none when it fell due before the unit was given the requirement (never asked of it).
      const closed = closedPeriods(r).at(-1);
      if (closed && closed.dueMs >= assignedAtMs) {
        const late = reports?.get(closed.key)?.get(unit.id);
        if (late === undefined) {
          row.missing++;
          summary.overdue.push({ ...refOf(unit.name, r), due: closed.due, days: overdueDays(closed.due) });
        } else if (late) row.late++;
        else row.onTime++;
      }
      for (const open of openPeriods(r)) {
        if (!reports?.get(open.key)?.has(unit.id)) summary.dueSoon.push({ ...refOf(unit.name, r), due: open.due });
      }
      for (const event of eventsOf.get(r.requirementId)?.get(unit.id) ?? []) {
        const period = eventPeriods.get(event.id)!;
        const dueMs = period.due.toMillis();
        const late = reports?.get(period.key)?.get(unit.id);
        if (dueMs > atMs) {
          if (late === undefined && dueMs <= aheadMs) summary.dueSoon.push({ ...refOf(unit.name, r), due: period.due });
        } else if (dueMs >= lookBackMs) {
          if (late === undefined) {
            row.missing++;
            summary.overdue.push({ ...refOf(unit.name, r), due: period.due, days: overdueDays(period.due) });
          } else if (late) row.late++;
          else row.onTime++;
        }
      }
      if (r.quota && r.quota.period !== 'once') {
        const actual = counted[r.quota.period].get(r.requirementId)?.get(unit.id) ?? 0;
        const { behind, expected } = pace(r.quota.target, r.quota.period, actual);
        if (behind) summary.quotasBehind.push({ ...refOf(unit.name, r), target: r.quota.target, expected, actual, label: r.quota.unitLabel });
      }
    }
    summary.units.push(row);
  }
  summary.overdue.sort((a, b) => b.days - a.days || a.unit.localeCompare(b.unit));
  summary.dueSoon.sort((a, b) => a.due.toMillis() - b.due.toMillis());
  return summary;
}

/** `fn` remembering its answers, by its arguments joined (or by what `keyOf` makes of them). */
function memoized<A extends unknown[], R>(fn: (...args: A) => R, keyOf: (...args: A) => unknown = (...args) => args.join('|')): (...args: A) => R {
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

/**
 * The year so far per unit: how many of its periods closed this year were reported on time,
 * late, or not at all — the figure that feeds the offices' assessment.
 */
export function buildYearRecord(db: DB, units: { id: number; name: string }[], now: Date): YearRecord[] {
  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  const periods = periodsOver({ from: at.startOf('year'), to: at, toIncluded: true });
  const unitIds = units.map((u) => u.id);
  const byUnit = assignmentsOfUnits(db, unitIds);
  const reported = reportedPeriods(db, unitIds, new Map([...requirementsIn(byUnit).values()].map((r) => [r.requirementId, periods(r).map((p) => p.key)])));
  return units.map((unit) => {
    const record: YearRecord = { unit: unit.name, onTime: 0, late: 0, missing: 0 };
    for (const { requirement: r, assignedAtMs } of byUnit.get(unit.id)!) {
      const reports = reported.get(r.requirementId);
      for (const period of periods(r)) {
        if (period.dueMs < assignedAtMs) continue;
        const late = reports?.get(period.key)?.get(unit.id);
        if (late === undefined) record.missing++;
        else if (late) record.late++;
        else record.onTime++;
      }
    }
    return record;
  });
}
