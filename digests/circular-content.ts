/**
 * What the monthly circular (通报) says, for one plan and month: which units reported everything
 * due that month on time, which reported late (counted as not done, 逾期报送视为工作未完成),
 * which left something unreported; and quotas behind pace. Frozen when drafted
 * (digests/notices/circular.ts), so the published circular is the draft the admin read.
 */
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DB } from '../db';
import { plans } from '../db/schema';
import { PLAN_ZONE } from '../core/zone';
import { periodsOver } from '../schedules/due-periods';
import {
  assignmentsInPlans,
  placesOf,
  reportAt,
  reportedByPlace,
  requirementsIn,
  type RequirementDetails,
} from '../schedules/unit-requirements';
import { quotaPace } from '../schedules/quota-pace';
import { periodOutcome } from '../core/period-outcome';
import { itemLabel } from '../core/item-label';
import { quotaFigures } from '../schedules/quota-figures';
import { monthStretch, planUnitList } from '../schedules/circular';

export interface CircularContent {
  planTitle: string;
  /** YYYY-MM */
  month: string;
  /** Units that reported every item due that month on time. */
  onTime: string[];
  /**
   * Units that reported some items on time but not all (the rest late or missing), with the
   * items reported on time. Absent from circulars drafted before it existed.
   */
  partlyOnTime?: { unit: string; items: string[] }[];
  /** Units with items reported late, and those items, whatever else the unit owes. */
  late: { unit: string; items: string[] }[];
  missing: { unit: string; items: string[] }[];
  /** Counted targets (全年不少于10例) behind the year's pace. */
  quotasBehind: { unit: string; item: string; target: number; expected: number; actual: number; label: string }[];
  /** Ratio targets (公示率达到100%) whose latest reported ratio is below target, or none reported (null). Absent from older circulars. */
  ratiosBelow?: { unit: string; item: string; target: number; latest: number | null }[];
}

/** Read for all the plan's units at once: a province plan has 1,000. */
export function buildCircular(db: DB, planId: number, month: string): CircularContent {
  const plan = db.select({ title: plans.title }).from(plans).where(eq(plans.id, planId)).get();
  const start = DateTime.fromISO(`${month}-01`, { zone: PLAN_ZONE });
  const content: CircularContent = {
    planTitle: plan?.title ?? '',
    month,
    onTime: [],
    partlyOnTime: [],
    late: [],
    missing: [],
    quotasBehind: [],
    ratiosBelow: [],
  };
  const monthEnd = start.plus({ months: 1 }).minus({ milliseconds: 1 }).toJSDate();
  const periods = periodsOver(monthStretch(start));
  const units = planUnitList(db, planId);
  const unitIds = units.map((u) => u.id);
  const byUnit = assignmentsInPlans(db, [planId], unitIds);
  const assigned = requirementsIn(byUnit);
  const placeOf = placesOf(unitIds);
  const reported = reportedByPlace(
    db,
    unitIds,
    new Map([...assigned.values()].map((r) => [r.requirementId, periods(r).map((p) => p.key)])),
  );
  // The plan's quotas as of the month's end, within the plan's days (schedules/quota-window.ts).
  const figures = quotaFigures(db, unitIds, [...assigned.values()], monthEnd);
  const paces = new Map<string, ReturnType<typeof quotaPace>>();
  // Each requirement's label and its month's periods with their reports (a byte per unit, by its
  // place: reportedByPlace), worked out once, not once per unit given it (a province plan has 10,000 units).
  const months = new Map<number, { label: string; months: { dueMs: number; reported: Uint8Array | undefined }[] }>();
  const monthOf = (r: RequirementDetails) => {
    let found = months.get(r.requirementId);
    if (!found) {
      const reports = reported.get(r.requirementId);
      found = {
        label: itemLabel(r.taskNumber, r.index),
        months: periods(r).map((period) => ({ dueMs: period.dueMs, reported: reports?.get(period.key) })),
      };
      months.set(r.requirementId, found);
    }
    return found;
  };
  for (const unit of units) {
    const place = placeOf(unit.id);
    const onTime: string[] = [];
    const late: string[] = [];
    const missing: string[] = [];
    let items = 0;
    for (const { requirement: r, assignedAtMs } of byUnit.get(unit.id)!) {
      const { label, months } = monthOf(r);
      for (const period of months) {
        // The month's periods are past (now is "after everything"): nothing reported is missing.
        const outcome = periodOutcome(
          { dueMs: period.dueMs, assignedAtMs, late: reportAt(period.reported, place) },
          Number.POSITIVE_INFINITY,
        );
        if (outcome === 'not-asked') continue;
        items++;
        if (outcome === 'missing') missing.push(label);
        else if (outcome === 'late') late.push(label);
        else onTime.push(label);
      }
      if (r.quota?.kind === 'ratio') {
        const latest = figures.ratios.get(`${r.requirementId}|${unit.id}`) ?? null;
        // A ratio never reported is news only when its period ends (December for a year's, every month for a month's).
        const periodEnds = r.quota.period === 'month' || (r.quota.period === 'year' && start.month === 12);
        if ((latest === null && periodEnds) || (latest !== null && latest < r.quota.target))
          content.ratiosBelow!.push({ unit: unit.name, item: itemLabel(r.taskNumber, r.index), target: r.quota.target, latest });
      } else if (r.quota && r.quota.period === 'year') {
        const actual = figures.counted.get(r.requirementId)?.get(unit.id) ?? 0;
        const at = figures.windowOf(r.requirementId).at;
        const paceKey = `${r.quota.target}|${actual}|${at.getTime()}`;
        let pace = paces.get(paceKey);
        if (!pace) paces.set(paceKey, (pace = quotaPace(r.quota.target, 'year', actual, at)));
        if (pace.behind)
          content.quotasBehind.push({
            unit: unit.name,
            item: itemLabel(r.taskNumber, r.index),
            target: r.quota.target,
            expected: pace.expected,
            actual,
            label: r.quota.unitLabel,
          });
      }
    }
    if (items === 0) continue;
    // Each list tells the whole truth about its own kind: a unit is under 逾期报送 with every
    // item it reported late and under 未报送 with every item it left unreported, both if it did
    // both. 按时报送 names the units that reported everything on time; a unit that reported
    // only some items on time is listed apart, with those items, so that what it did on time is
    // counted and still no one reads it as having reported everything.
    if (onTime.length === items) content.onTime.push(unit.name);
    else if (onTime.length > 0) content.partlyOnTime!.push({ unit: unit.name, items: onTime });
    if (late.length > 0) content.late.push({ unit: unit.name, items: late });
    if (missing.length > 0) content.missing.push({ unit: unit.name, items: missing });
  }
  return content;
}
