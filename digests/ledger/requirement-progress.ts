/**
 * One requirement's progress, read once and shared by both sheets: who is assigned it, what
 * each unit reported, and which month column each period and report belongs to (the rule is
 * in period-months.ts).
 */
import { DateTime } from 'luxon';
import type { DB } from '../../db';
import { PLAN_ZONE } from '../../plans/due-dates';
import type { WorkingDayCalendar } from '../../schedules/calendar';
import { eventPeriod, type PlanFacts } from '../../schedules/periods';
import {
  assignedUnits,
  eventsOfRequirement,
  reportsOfRequirement,
  type AssignedUnit,
  type OutlineRequirement,
  type ReportRow,
  type UnitScope,
} from './ledger-data';
import { comparePeriods, monthKeyOf, monthOfPeriodKey, scheduledPeriods, type MonthKey, type ScheduledPeriod } from './period-months';
import type { PeriodEntry } from './progress-cell';
import { formatPeriodKey } from '../../core/period-key';

export interface RequirementProgress {
  /** Assigned units in scope, lead first. */
  units: AssignedUnit[];
  /** The periods of `unitId` in each shown month, each with its report if there is one. */
  entriesByMonth(unitId: number): Map<MonthKey, PeriodEntry[]>;
  /** Every report in scope with the month it belongs to, in ledger order: units as in `units` (then any no longer assigned), periods in order. */
  reportsInOrder(): { report: ReportRow; month: MonthKey | null }[];
}

export interface ProgressQuery {
  db: DB;
  facts: PlanFacts;
  scope: UnitScope;
  calendar: WorkingDayCalendar;
  /** The months the ledger shows, consecutive. */
  months: readonly MonthKey[];
}

export function readRequirementProgress(requirement: OutlineRequirement, query: ProgressQuery): RequirementProgress {
  const { db, facts, scope, calendar, months } = query;
  const rule = requirement.rule;
  const units = assignedUnits(db, requirement.id, scope);
  const reports = reportsOfRequirement(db, requirement.id, scope);
  const events = eventsOfRequirement(db, requirement.id, scope);

  // An event's period is due N (working) days after it; if the rule has since been changed
  // to a dated one, its reports stay placed on the day the event happened.
  const eventDues = new Map<number, DateTime>();
  const eventPeriodsByUnit = new Map<number, ScheduledPeriod[]>();
  for (const event of events) {
    const due =
      rule?.kind === 'relative'
        ? eventPeriod(rule, event, calendar).due
        : DateTime.fromISO(event.occurredOn, { zone: PLAN_ZONE }).endOf('day');
    eventDues.set(event.id, due);
    const period = { key: formatPeriodKey({ kind: 'event', eventId: event.id }), due, month: monthKeyOf(due) };
    const list = eventPeriodsByUnit.get(event.unitId);
    if (list) list.push(period);
    else eventPeriodsByUnit.set(event.unitId, [period]);
  }
  const monthOf = (key: string) => monthOfPeriodKey(key, rule, facts, (id) => eventDues.get(id) ?? null);
  const shown = new Set(months);
  const scheduled = scheduledPeriods(rule, facts, months).filter((p) => shown.has(p.month));

  const reportsByUnit = new Map<number, ReportRow[]>();
  for (const report of reports) {
    const list = reportsByUnit.get(report.unitId);
    if (list) list.push(report);
    else reportsByUnit.set(report.unitId, [report]);
  }

  function entriesByMonth(unitId: number): Map<MonthKey, PeriodEntry[]> {
    const byKey = new Map((reportsByUnit.get(unitId) ?? []).map((r) => [r.period, r]));
    const expected = [...scheduled];
    // An event-relative requirement's periods are the unit's own events; reports of events under a
    // rule since changed are placed by the key below.
    if (rule?.kind === 'relative') expected.push(...(eventPeriodsByUnit.get(unitId) ?? []).filter((p) => shown.has(p.month)));
    const placed: (PeriodEntry & { month: MonthKey })[] = expected.map((p) => {
      const report = byKey.get(p.key) ?? null;
      byKey.delete(p.key);
      return { key: p.key, due: p.due, report, month: p.month };
    });
    // Reports for periods the rule no longer has (a deadline changed by an admin) keep their place by key.
    for (const report of byKey.values()) {
      const month = monthOf(report.period);
      if (month !== null && shown.has(month)) placed.push({ key: report.period, due: null, report, month });
    }
    const out = new Map<MonthKey, PeriodEntry[]>();
    for (const entry of placed.sort(comparePeriods)) {
      const list = out.get(entry.month);
      if (list) list.push(entry);
      else out.set(entry.month, [entry]);
    }
    return out;
  }

  function reportsInOrder(): { report: ReportRow; month: MonthKey | null }[] {
    const rank = new Map(units.map((u, i) => [u.unitId, i]));
    return reports
      .map((report) => ({ report, month: monthOf(report.period), key: report.period }))
      .sort(
        (a, b) =>
          (rank.get(a.report.unitId) ?? units.length) - (rank.get(b.report.unitId) ?? units.length) ||
          a.report.unitId - b.report.unitId ||
          comparePeriods(a, b),
      )
      .map(({ report, month }) => ({ report, month }));
  }

  return { units, entriesByMonth, reportsInOrder };
}
