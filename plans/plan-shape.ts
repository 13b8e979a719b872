/**
 * Whether what was read looks like a plan at all. A document that is not one (a scoring
 * rubric, a speech, minutes) still has numbered paragraphs, and the readers turn them into
 * "tasks" nobody is responsible for by no date: a preview of such garbage misleads the admin.
 * Pure: counts in, a verdict out.
 */
import type { ParsedTask } from './plan';

export interface PlanShape {
  requirements: number;
  /** Requirements naming at least one unit. */
  withUnit: number;
  /** Requirements whose deadline was read. */
  withDeadline: number;
  /** Whether most tasks carry points: an assessment plan, judged at the assessment, often names no deadline. */
  scored: boolean;
}

export function planShape(tasks: ParsedTask[]): PlanShape {
  const requirements = tasks.flatMap((task) => task.requirements);
  return {
    requirements: requirements.length,
    withUnit: requirements.filter((r) => r.lead.length + r.cooperating.length > 0).length,
    withDeadline: requirements.filter((r) => r.deadline.recognized).length,
    scored: tasks.filter((task) => task.points !== null).length * 2 > tasks.length,
  };
}

/** Below this share of requirements with a unit AND below it with a deadline, it is no plan. */
const REFUSE_BELOW = 0.25;
/** Below this share with a unit OR with a deadline, the preview warns. */
const WARN_BELOW = 0.5;
/** Fewer requirements than this say too little to judge: a short pasted plan is let through. */
const JUDGE_FROM = 3;

export type ShapeVerdict = 'plan' | 'doubtful' | 'not-a-plan';

export function judgeShape(shape: PlanShape): ShapeVerdict {
  if (shape.requirements < JUDGE_FROM) return 'plan';
  const units = shape.withUnit / shape.requirements;
  const deadlines = shape.withDeadline / shape.requirements;
  if (units < REFUSE_BELOW && deadlines < REFUSE_BELOW) return 'not-a-plan';
  if (units < WARN_BELOW || (deadlines < WARN_BELOW && !shape.scored)) return 'doubtful';
  return 'plan';
}
