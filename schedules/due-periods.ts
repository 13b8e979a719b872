/**
 * The periods of a requirement that fall due within a stretch of time: the summary's last
 * closed and next open periods, the year so far, a circular's month. Pure.
 *
 * A province's 1,000 units share a hundred requirements and a handful of distinct rules, and
 * building luxon dates in the Shanghai zone is what costs (bench): `periodsOver` works each
 * distinct rule out once, and every period carries its due moment in epoch milliseconds so
 * that loops over units compare numbers, not DateTimes.
 */
import type { DateTime } from 'luxon';
import type { DeadlineRule } from '../core/plan-types';
import { effectiveRule, periodKey, planDueMoments, type Period, type PlanFacts } from './periods';

export interface DuePeriod extends Period {
  /** `due` in epoch milliseconds. */
  dueMs: number;
}

/** A stretch of time: from `from` (included) to `to`, included or not. */
export interface Stretch {
  from: DateTime;
  to: DateTime;
  toIncluded: boolean;
}

/** The periods of `rule` (under the plan's facts) due within the stretch, in order. */
export function periodsDue(rule: DeadlineRule | null, facts: PlanFacts, stretch: Stretch): DuePeriod[] {
  const effective = rule ? effectiveRule(rule, facts) : null;
  if (!effective) return [];
  const end = stretch.to.toMillis();
  const out: DuePeriod[] = [];
  for (let cursor = stretch.from; ;) {
    // Within the plan's days only (periods.ts): none before its year, none after its last day.
    const [due] = planDueMoments(effective, cursor, 1, facts);
    if (!due) return out;
    const dueMs = due.toMillis();
    if (stretch.toIncluded ? dueMs > end : dueMs >= end) return out;
    out.push({ key: periodKey(effective, due), due, dueMs });
    cursor = due.plus({ milliseconds: 1 });
  }
}

/**
 * periodsDue over one stretch, remembered per requirement and per distinct rule and plan
 * facts. The lists returned are shared: callers must not change them.
 */
export function periodsOver(stretch: Stretch): (r: { requirementId: number; rule: DeadlineRule | null; facts: PlanFacts }) => DuePeriod[] {
  const byRule = new Map<string, DuePeriod[]>();
  const byRequirement = new Map<number, DuePeriod[]>();
  return (r) => {
    let found = byRequirement.get(r.requirementId);
    if (!found) {
      const key = JSON.stringify([r.rule, r.facts]);
      found = byRule.get(key);
      if (!found) byRule.set(key, (found = periodsDue(r.rule, r.facts, stretch)));
      byRequirement.set(r.requirementId, found);
    }
    return found;
  };
}
