/**
 * A small office for the summary, yearly record and circular tests, built row by row so every
 * figure can be worked out by hand. "Now" is Thursday 12 March 2026, 10:00 in Shanghai.
 *
 *   plan 2026 (live): units 一处 二处 三处 四处
 *     1-1 每月10日前, 12 cases a year   一处 (1 Jan)  二处 (11 Mar 09:00, after the 10 March period)  三处 (1 Jan)
 *     2-1 每季度末                      一处 二处 (1 Jan)
 *     3-1 5日内 (events)                一处 (1 Jan)
 *     4-1 及时完成 (monthly, the 10th)   一处 四处 (1 Jan)
 *     5-1 每月10日前, task archived      一处
 *     6-1 每月10日前, requirement archived  一处
 *   plan 2025 (archived): 1-1 每月10日前    一处
 *
 *   reports: 一处 1-1 2026-03 on time, count 2 · 一处 4-1 2026-03 late · 一处 2-1 2026-Q1 on time
 *            四处 4-1 2026-03 on time · 三处 1-1 2025-12 count 1, reported 1 Jan 07:00 Shanghai (2025 in UTC)
 *   events (3-1, 一处): 1 March reported on time, 2 March not reported (due 7 March), 10 March (due 15 March)
 */
import { DateTime } from 'luxon';
import type { DB } from '../../db';
import { assignments, deadlineRules, events, planUnits, plans, quotas, reports, requirements, tasks, units } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';
import type { DeadlineRule } from '../../core/plan-types';

/** An instant given as Shanghai wall-clock time. */
export const sh = (iso: string): Date => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

export const NOW = sh('2026-03-12T10:00');

const MONTHLY: DeadlineRule = { kind: 'monthly', day: 10, months: null };

export interface SummaryFixture {
  planId: number;
  archivedPlanId: number;
  unit: Record<'一处' | '二处' | '三处' | '四处', number>;
  requirement: Record<'monthly' | 'quarterly' | 'events' | 'ongoing' | 'archivedTask' | 'archivedRequirement' | 'archivedPlan', number>;
  /** Event ids by the day they occurred. */
  event: Record<'0301' | '0302' | '0310', number>;
}

export function seedSummaryFixture(db: DB): SummaryFixture {
  const seededAt = sh('2025-12-20T10:00');
  const january = sh('2026-01-01T08:00');
  const unitId = (name: string) => db.insert(units).values({ name, kind: 'division' }).returning({ id: units.id }).get().id;
  const unit = { 一处: unitId('一处'), 二处: unitId('二处'), 三处: unitId('三处'), 四处: unitId('四处') };

  const plan = (key: string, year: number, archivedAt: Date | null) =>
    db
      .insert(plans)
      .values({ key, title: `${year}年工作要点`, year, sourceName: `${key}.xlsx`, archivedAt })
      .returning({ id: plans.id })
      .get().id;
  const planId = plan('2026', 2026, null);
  const archivedPlanId = plan('2025', 2025, seededAt);
  for (const id of Object.values(unit)) db.insert(planUnits).values({ planId, unitId: id }).run();

  const requirementOf = (
    inPlan: number,
    number: string,
    text: string,
    rule: DeadlineRule,
    archived: { task?: boolean; requirement?: boolean } = {},
  ) => {
    const taskId = db
      .insert(tasks)
      .values({ planId: inPlan, number, title: `任务${number}`, position: Number(number), archivedAt: archived.task ? seededAt : null })
      .returning({ id: tasks.id })
      .get().id;
    const id = db
      .insert(requirements)
      .values({ taskId, index: 1, text: `${text}报送进展`, archivedAt: archived.requirement ? seededAt : null })
      .returning({ id: requirements.id })
      .get().id;
    db.insert(deadlineRules).values({ requirementId: id, text, recognized: true, rule }).run();
    return id;
  };
  const requirement = {
    monthly: requirementOf(planId, '1', '每月10日前', MONTHLY),
    quarterly: requirementOf(planId, '2', '每季度末', { kind: 'quarterly', day: 'last' }),
    events: requirementOf(planId, '3', '5日内', { kind: 'relative', days: 5, workingDays: false }),
    ongoing: requirementOf(planId, '4', '及时完成', { kind: 'ongoing' }),
    archivedTask: requirementOf(planId, '5', '每月10日前', MONTHLY, { task: true }),
    archivedRequirement: requirementOf(planId, '6', '每月10日前', MONTHLY, { requirement: true }),
    archivedPlan: requirementOf(archivedPlanId, '1', '每月10日前', MONTHLY),
  };
  db.insert(quotas)
    .values({ requirementId: requirement.monthly, target: 12, unitLabel: '例', period: 'year', kind: 'count', source: '全年不少于12例' })
    .run();

  const assign = (requirementId: number, unitId: number, createdAt: Date) =>
    db.insert(assignments).values({ requirementId, unitId, role: 'lead', createdAt, updatedAt: createdAt }).run();
  for (const r of Object.values(requirement)) assign(r, unit.一处, january);
  assign(requirement.monthly, unit.二处, sh('2026-03-11T09:00'));
  assign(requirement.quarterly, unit.二处, january);
  assign(requirement.monthly, unit.三处, january);
  assign(requirement.ongoing, unit.四处, january);

  const report = (requirementId: number, unitId: number, period: string, at: string, late: boolean, count: number | null = null) =>
    db
      .insert(reports)
      .values({ requirementId, unitId, period, status: 'done', count, reportedAt: sh(at), late })
      .run();
  report(requirement.monthly, unit.一处, '2026-03', '2026-03-09T10:00', false, 2);
  report(requirement.ongoing, unit.一处, '2026-03', '2026-03-11T09:00', true);
  report(requirement.quarterly, unit.一处, '2026-Q1', '2026-03-11T09:30', false);
  report(requirement.ongoing, unit.四处, '2026-03', '2026-03-09T11:00', false);
  report(requirement.monthly, unit.三处, '2025-12', '2026-01-01T07:00', true, 1);

  const event = (occurredOn: string) =>
    db.insert(events).values({ requirementId: requirement.events, unitId: unit.一处, occurredOn }).returning({ id: events.id }).get().id;
  const eventIds = { '0301': event('2026-03-01'), '0302': event('2026-03-02'), '0310': event('2026-03-10') };
  report(requirement.events, unit.一处, `event-${eventIds['0301']}`, '2026-03-05T10:00', false);
  return { planId, archivedPlanId, unit, requirement, event: eventIds };
}
