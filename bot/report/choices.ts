/**
 * What a liaison can report on now: the requirements of their units with the period a report
 * made now belongs to, unless a published circular has closed that period; the most urgent first
 * (unreported before reported, periods never asked of the unit last, then by due moment).
 * Event-relative requirements (七个工作日内) report against their oldest open event.
 */
import { DateTime } from 'luxon';
import type { DB } from '../../db';
import { PLAN_ZONE } from '../../plans/due-dates';
import { periodAsked } from '../../core/period-outcome';
import type { AssignedRequirement } from '../../schedules/unit-requirements';
import { eventsOfUnitRequirement, liveRequirementsOfUnit, reportedPeriodKeys } from '../../schedules/report-list-reads';
import { cachedReportPeriod } from '../../schedules/report-period-cache';
import type { WorkingDayCalendar } from '../../schedules/calendar';
import type { UnitRef } from '../../db/identity';
import { closingMonth, publishedMonths } from '../../schedules/circular';

export interface ReportChoice {
  requirement: AssignedRequirement;
  unit: UnitRef;
  /**
   * Null for an event-relative requirement with no open event: reporting records a new event.
   * A deadline nobody could read has one undated period ('once', due null): the work is still
   * reported, never late, until an admin fixes the deadline (/deadline).
   */
  period: { key: string; due: DateTime | null } | null;
  reported: boolean;
}

export function reportChoices(db: DB, units: UnitRef[], now: Date, calendar: WorkingDayCalendar): ReportChoice[] {
  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  const choices: ReportChoice[] = [];
  // One liaison's list on every /report, for 500 liaisons at once (issue 17): the reads are
  // prepared statements and the periods open now are remembered (schedules/report-list-reads.ts,
  // schedules/report-period-cache.ts); the answer is what the summaries' readers would give.
  for (const unit of units) {
    const requirements = liveRequirementsOfUnit(db, unit.id);
    // Keyed `${requirementId}|${period}`.
    const reported = reportedPeriodKeys(
      db,
      unit.id,
      requirements.map((r) => r.requirementId),
    );
    for (const requirement of requirements) {
      const events = requirement.rule?.kind === 'relative' ? eventsOfUnitRequirement(db, unit.id, requirement.requirementId) : [];
      const period = cachedReportPeriod(
        requirement.rule,
        at,
        requirement.facts,
        events,
        (key) => reported.has(`${requirement.requirementId}|${key}`),
        calendar,
      );
      if (period === undefined) continue;
      choices.push({ requirement, unit, period, reported: period !== null && reported.has(`${requirement.requirementId}|${period.key}`) });
    }
  }
  // A period whose circular is published is closed (saveReport refuses it): not offered.
  const published = publishedMonths(db, [...new Set(choices.map((c) => c.requirement.planId))]);
  const open = choices.filter((c) => {
    const month = c.period && closingMonth(c.period.key, c.period.due?.toJSDate() ?? null);
    return !month || !published.has(`${c.requirement.planId}|${month}`);
  });
  const due = (c: ReportChoice) => c.period?.due?.toMillis() ?? Number.MAX_SAFE_INTEGER;
  // A period due before the unit had the requirement was never asked of it: last, not "most urgent".
  const notAsked = (c: ReportChoice) =>
    Number(c.period?.due != null && !periodAsked(c.period.due.toMillis(), c.requirement.assignedAt.getTime()));
  return open.sort((a, b) => Number(a.reported) - Number(b.reported) || notAsked(a) - notAsked(b) || due(a) - due(b));
}
