/**
 * Deadlines an admin reads or sets (/deadline): the ones the importer could not read, one
 * requirement's deadline fixed, and the assessment date given to every requirement that names
 * none. A deadline set here is an "admin" rule, kept over re-imports of the plan
 * (plans/commit.ts), and clears the requirement's deadline problems; each change is one
 * transaction with its audit entry.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DB } from './index';
import { deadlineRules, requirements, tasks } from './schema';
import type { DeadlineRule } from '../core/plan-types';
import { recordAudit, type Actor } from './audit-log';

export interface UnreadDeadline {
  number: string;
  index: number;
  title: string;
  /** The deadline as the plan wrote it; empty when it wrote none. */
  text: string;
}

/** The plan's live requirements whose deadline was not read, in the plan's order. */
export function unreadDeadlines(db: DB, planId: number): UnreadDeadline[] {
  return db
    .select({ number: tasks.number, index: requirements.index, title: tasks.title, text: deadlineRules.text })
    .from(deadlineRules)
    .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.planId, planId), eq(deadlineRules.recognized, false), isNull(requirements.archivedAt), isNull(tasks.archivedAt)))
    .orderBy(asc(tasks.position), asc(requirements.index))
    .all();
}

/** A deadline as read from an admin's words (plans/deadline.ts). */
export interface SetDeadline {
  text: string;
  rule: DeadlineRule;
}

interface Change {
  actor: Actor;
  now: Date;
}

/** The requirement's deadline and problems, as an admin set it (inside the caller's transaction). */
function writeAdminRule(db: DB, requirement: { id: number; problems: string[] }, deadline: SetDeadline, now: Date): void {
  db.update(deadlineRules)
    .set({ text: deadline.text, recognized: true, rule: deadline.rule, origin: 'admin', updatedAt: now })
    .where(eq(deadlineRules.requirementId, requirement.id))
    .run();
  db.update(requirements)
    .set({ problems: requirement.problems.filter((p) => !/deadline/.test(p)), updatedAt: now })
    .where(eq(requirements.id, requirement.id))
    .run();
}

/** One requirement's deadline, set by an admin. */
export function setDeadline(
  db: DB,
  planId: number,
  requirement: { id: number; problems: string[] },
  deadline: SetDeadline,
  { actor, now }: Change,
): void {
  db.transaction(() => {
    writeAdminRule(db, requirement, deadline, now);
    recordAudit(db, {
      at: now,
      actor,
      action: 'deadline.set',
      subject: `requirement:${requirement.id}`,
      details: { planId, text: deadline.text, rule: deadline.rule },
    });
  });
}

export interface UnwrittenDeadline {
  requirementId: number;
  problems: string[];
}

/**
 * The plan's live requirements that name no deadline at all (an indicator judged at the year's
 * assessment). A deadline written but not read is not one of them: it says something.
 */
export function unwrittenDeadlines(db: DB, planId: number): UnwrittenDeadline[] {
  return db
    .select({ requirementId: deadlineRules.requirementId, problems: requirements.problems })
    .from(deadlineRules)
    .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(
      and(
        eq(tasks.planId, planId),
        eq(deadlineRules.recognized, false),
        eq(deadlineRules.text, ''),
        isNull(requirements.archivedAt),
        isNull(tasks.archivedAt),
      ),
    )
    .all();
}

/** The assessment date as the deadline of each of `unwritten` (from unwrittenDeadlines), with one audit entry for the plan. */
export function setAssessmentDate(
  db: DB,
  planId: number,
  unwritten: UnwrittenDeadline[],
  deadline: SetDeadline,
  { actor, now }: Change,
): void {
  db.transaction(() => {
    for (const row of unwritten) writeAdminRule(db, { id: row.requirementId, problems: row.problems }, deadline, now);
    recordAudit(db, {
      at: now,
      actor,
      action: 'deadline.assessment',
      subject: `plan:${planId}`,
      details: { text: deadline.text, rule: deadline.rule, requirements: unwritten.length },
    });
  });
}
