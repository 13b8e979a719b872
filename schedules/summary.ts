/**
 * What leads are told: for the units in their scope, how the latest closed period of each
 * requirement went (on time / late / missing — a late report counts as not done), what is
 * overdue and since when, quotas behind pace, and what falls due in the next 7 days.
 * Reads the database; no Telegram, no formatting (see summary-text.ts).
 */
import { DateTime } from 'luxon';
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { events } from '../db/schema';
import { dueMomentsFrom, PLAN_ZONE } from '../plans/due-dates';
import { effectiveRule, periodKey, eventPeriod } from './periods';
import { requirementsOfUnit, reportsOfUnit, type AssignedRequirement } from './unit-requirements';
import { countedSoFar } from './reminder-message';
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

/** The periods of a requirement whose due moment lies in [from, to]. */
function periodsIn(r: AssignedRequirement, from: DateTime, to: DateTime): { key: string; due: DateTime }[] {
  const rule = r.rule ? effectiveRule(r.rule, r.facts) : null;
  if (!rule) return [];
  return dueMomentsFrom(rule, from, 12, r.facts.year)
    .filter((due) => due <= to)
    .map((due) => ({ key: periodKey(rule, due), due }));
}

/**
 * periodsIn, computed once per distinct rule and plan facts: a province's 1,000 units share a
 * hundred requirements, and building luxon dates in the Shanghai zone is what costs (bench).
 */
function periodCache(): (r: AssignedRequirement, from: DateTime, to: DateTime) => { key: string; due: DateTime }[] {
  const cache = new Map<string, { key: string; due: DateTime }[]>();
  return (r, from, to) => {
    const key = JSON.stringify([r.rule, r.facts, from.toMillis(), to.toMillis()]);
    let found = cache.get(key);
    if (!found) cache.set(key, (found = periodsIn(r, from, to)));
    return found;
  };
}

export function buildSummary(db: DB, units: { id: number; name: string }[], now: Date, calendar: WorkingDayCalendar): Summary {
  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  const summary: Summary = { at, units: [], overdue: [], quotasBehind: [], dueSoon: [] };
  const periods = periodCache();
  const lookBack = at.minus({ days: LOOK_BACK_DAYS });
  const ahead = at.plus({ days: NEXT_DAYS });
  for (const unit of units) {
    const requirements = requirementsOfUnit(db, unit.id);
    const reported = reportsOfUnit(db, unit.id, requirements.map((r) => r.requirementId));
    const row: UnitSummary = { unitId: unit.id, unit: unit.name, onTime: 0, late: 0, missing: 0 };
    for (const r of requirements) {
      const ref = { unit: unit.name, item: `${r.taskNumber}-${r.index}`, title: r.taskTitle };
      // A period due before the unit was given the requirement was never asked of it.
      const closed = periods(r, lookBack, at).filter((p) => p.due.toMillis() >= r.assignedAt.getTime()).at(-1);
      if (closed) {
        const report = reported.get(`${r.requirementId}|${closed.key}`);
        if (!report) {
          row.missing++;
          summary.overdue.push({ ...ref, due: closed.due, days: Math.max(1, Math.ceil(at.diff(closed.due, 'days').days)) });
        } else if (report.late) row.late++;
        else row.onTime++;
      }
      for (const open of periods(r, at, ahead)) {
        if (!reported.has(`${r.requirementId}|${open.key}`)) summary.dueSoon.push({ ...ref, due: open.due });
      }
      if (r.rule?.kind === 'relative') {
        // Each reported event is a period of its own: counted like the others once its deadline passed.
        const rule = r.rule;
        for (const event of db.select().from(events).where(and(eq(events.requirementId, r.requirementId), eq(events.unitId, unit.id))).all()) {
          const period = eventPeriod(rule, event, calendar);
          const report = reported.get(`${r.requirementId}|${period.key}`);
          if (period.due > at) {
            if (!report && period.due <= at.plus({ days: NEXT_DAYS })) summary.dueSoon.push({ ...ref, due: period.due });
          } else if (period.due >= at.minus({ days: LOOK_BACK_DAYS })) {
            if (!report) {
              row.missing++;
              summary.overdue.push({ ...ref, due: period.due, days: Math.max(1, Math.ceil(at.diff(period.due, 'days').days)) });
            } else if (report.late) row.late++;
            else row.onTime++;
          }
        }
      }
      if (r.quota && r.quota.period !== 'once') {
        const actual = countedSoFar(db, r.requirementId, unit.id, r.quota.period, now);
        const pace = quotaPace(r.quota.target, r.quota.period, actual, now);
        if (pace.behind) summary.quotasBehind.push({ ...ref, target: r.quota.target, expected: pace.expected, actual, label: r.quota.unitLabel });
      }
    }
    summary.units.push(row);
  }
  summary.overdue.sort((a, b) => b.days - a.days || a.unit.localeCompare(b.unit));
  summary.dueSoon.sort((a, b) => a.due.toMillis() - b.due.toMillis());
  return summary;
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
  const start = at.startOf('year');
  return units.map((unit) => {
    const requirements = requirementsOfUnit(db, unit.id);
    const reported = reportsOfUnit(db, unit.id, requirements.map((r) => r.requirementId));
    const record: YearRecord = { unit: unit.name, onTime: 0, late: 0, missing: 0 };
    for (const r of requirements) {
      const rule = r.rule ? effectiveRule(r.rule, r.facts) : null;
      if (!rule) continue;
      for (const due of dueMomentsFrom(rule, start, 60, r.facts.year)) {
        if (due > at) break;
        if (due.toMillis() < r.assignedAt.getTime()) continue;
        const report = reported.get(`${r.requirementId}|${periodKey(rule, due)}`);
        if (!report) record.missing++;
        else if (report.late) record.late++;
        else record.onTime++;
      }
    }
    return record;
  });
}
