/**
 * Requirements by their item, as admins write them and the bot shows them: task number and
 * index ("18-2" typed, 18② shown). The number is the task's in its plan, so a lookup by item
 * is always within one plan.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DB } from './index';
import { requirements, tasks } from './schema';

/** The item a requirement is (its task's number and its index), even an archived one; undefined when it is gone. */
export function requirementItem(db: DB, requirementId: number): { number: string; index: number } | undefined {
  return db
    .select({ number: tasks.number, index: requirements.index })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(eq(requirements.id, requirementId))
    .get();
}

export interface RequirementAtItem {
  id: number;
  index: number;
  number: string;
  /** What the importer could not read of it (plans/problems.ts codes). */
  problems: string[];
}

/** The live requirement at task `number`, item `index` of the plan. */
export function requirementAtItem(db: DB, planId: number, number: string, index: number): RequirementAtItem | undefined {
  return db
    .select({ id: requirements.id, index: requirements.index, number: tasks.number, problems: requirements.problems })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.planId, planId), eq(tasks.number, number), eq(requirements.index, index), isNull(requirements.archivedAt)))
    .get();
}
