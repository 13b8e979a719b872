/**
 * What /report's list reads of one unit (bot/report/choices.ts): its live requirements, the
 * periods it has reported, its events. The same rows as requirementsOfUnit, reportsOfUnit and
 * eventsOfUnits (schedules/unit-requirements.ts), which serve every unit at once for the
 * summaries; here one unit's, with statements prepared once per connection.
 *
 * Why: 500 liaisons reporting at once (issue 17, bench scenario `reports`). drizzle built and
 * prepared its SQL anew on every call, about half of what working out one unit's list cost.
 */
import type { DB } from '../db';
import { prepared } from '../db/prepared';
import type { DeadlineRule } from '../core/plan-types';
import { detailsOfRow, planFactsOnce, type AssignedRequirement, type RequirementRow } from './unit-requirements';

/** A row of REQUIREMENTS_OF_UNIT: the requirement's columns (its rule as stored) and the assignment's. */
interface UnitRequirementRow extends Omit<RequirementRow, 'rule'> {
  rule: string | null;
  role: 'lead' | 'cooperating';
  assignedAt: number;
}
// In the order of requirementsOfUnit: by plan, task position and item.
const REQUIREMENTS_OF_UNIT = `
  select r.id as requirementId, r."index" as "index", r.text as text, r.evidence as evidence,
         t.points as points, t.number as taskNumber, t.title as taskTitle,
         p.id as planId, p.title as planTitle,
         d.text as deadlineText, d.rule as rule,
         q.target as quotaTarget, q.unit_label as quotaUnit, q.period as quotaPeriod, q.kind as quotaKind,
         a.role as role, a.created_at as assignedAt
    from assignments a
    join requirements r on r.id = a.requirement_id
    join tasks t on t.id = r.task_id
    join plans p on p.id = t.plan_id
    left join deadline_rules d on d.requirement_id = r.id
    left join quotas q on q.requirement_id = r.id
   where a.unit_id = ? and r.archived_at is null and t.archived_at is null and p.archived_at is null
   order by p.id, t.position, r."index"`;

/** The live requirements assigned to the unit: what requirementsOfUnit answers. */
export function liveRequirementsOfUnit(db: DB, unitId: number): AssignedRequirement[] {
  const factsOf = planFactsOnce(db);
  return prepared<[number], UnitRequirementRow>(db, REQUIREMENTS_OF_UNIT)
    .all(unitId)
    .map((row) => ({
      ...detailsOfRow({ ...row, rule: row.rule === null ? null : (JSON.parse(row.rule) as DeadlineRule) }, factsOf(row.planId)),
      role: row.role,
      assignedAt: new Date(row.assignedAt),
    }));
}

/** The periods the unit has reported on the requirements, as keys `${requirementId}|${period}` (reportsOfUnit's keys). */
export function reportedPeriodKeys(db: DB, unitId: number, requirementIds: readonly number[]): Set<string> {
  if (requirementIds.length === 0) return new Set();
  const rows = prepared<[number, string], { key: string }>(
    db,
    `select requirement_id || '|' || period as key from reports
      where unit_id = ? and requirement_id in (select value from json_each(?))`,
  ).all(unitId, JSON.stringify(requirementIds));
  return new Set(rows.map((row) => row.key));
}

/** The events the unit reported for a requirement, oldest first (eventsOfUnits' order). */
export function eventsOfUnitRequirement(db: DB, unitId: number, requirementId: number): { id: number; occurredOn: string }[] {
  return prepared<[number, number], { id: number; occurredOn: string }>(
    db,
    'select id, occurred_on as occurredOn from events where requirement_id = ? and unit_id = ? order by id',
  ).all(requirementId, unitId);
}
