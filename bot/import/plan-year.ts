/**
 * The two questions an import may need after its preview, and the commit that answers them in
 * one transaction (issue 12):
 *   - a plan of a past year (the 2022 work points sent in 2026): run it for its own year, as a
 *     record only (its periods are all past and were never asked: nothing is reminded or
 *     overdue), or roll it forward to this year;
 *   - next year's version of a live plan (《2027年…》 after 《2026年…》): let it replace the old
 *     one (policy, leading group and leads carried over; the old plan archived once its last
 *     notices are out: rollOverPlan), or run both side by side.
 * Only a plan imported for the first time is asked: a re-import updates a plan as it runs.
 */
import type { DB } from '../../db';
import { commitPlan, type Actor, type CommitResult } from '../../plans/commit';
import type { PlanPreview } from '../../plans/import';
import { pastYearPlan, planClockYear } from '../../plans/plan-years';
import {
  findPreviousVersion,
  PlanLifecycleError,
  rollOverPlan,
  setPlanYear,
  type PreviousVersion,
  type RollOver,
} from '../../schedules/plan-lifecycle';

export interface YearQuestions {
  /** Set when the plan is of a past year: its year and this year (Shanghai). */
  pastYear: { planYear: number; thisYear: number } | null;
  /** The live plan this one would be next year's version of. */
  previous: PreviousVersion | null;
}

export function yearQuestions(db: DB, preview: PlanPreview, created: boolean, now: Date): YearQuestions {
  if (!created) return { pastYear: null, previous: null };
  const pastYear =
    preview.year !== null && pastYearPlan(preview.year, now) ? { planYear: preview.year, thisYear: planClockYear(now) } : null;
  return { pastYear, previous: findPreviousVersion(db, { title: preview.title, year: preview.year, source: preview.source }) };
}

export interface YearAnswers {
  /** Run the plan in this year instead of its own (roll forward); null: its own year. */
  runInYear: number | null;
  /** The plan it replaces (rollover); null: none, or both side by side. */
  replaces: number | null;
}

export interface YearCommit {
  result: CommitResult;
  /** The year the plan runs in when it was rolled forward. */
  rolledTo: number | null;
  rollover: RollOver | null;
}

/**
 * Imports the plan and applies the answers, all or nothing. The answers were given against the
 * database as it was at the preview: if the plan to replace was archived or replaced since (by
 * another admin, or the scheduler), nothing is written and the refusal says so.
 */
export function commitWithYear(
  db: DB,
  preview: PlanPreview,
  answers: YearAnswers,
  options: { actor: Actor; now: Date },
): YearCommit | { refused: 'replaced-meanwhile' } {
  try {
    return commitAll(db, preview, answers, options);
  } catch (error) {
    if (error instanceof PlanLifecycleError && error.reason.kind === 'archived') return { refused: 'replaced-meanwhile' };
    throw error;
  }
}

function commitAll(db: DB, preview: PlanPreview, answers: YearAnswers, options: { actor: Actor; now: Date }): YearCommit {
  return db.transaction(() => {
    const result = commitPlan(db, preview, options);
    let rolledTo: number | null = null;
    if (answers.runInYear !== null && answers.runInYear !== preview.year) {
      setPlanYear(db, result.planId, answers.runInYear, options);
      rolledTo = answers.runInYear;
    }
    const rollover =
      answers.replaces === null ? null : rollOverPlan(db, { fromPlanId: answers.replaces, toPlanId: result.planId }, options);
    return { result, rolledTo, rollover };
  });
}
