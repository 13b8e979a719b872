/**
 * What the inspection pack reads from the database: which plan, its outline (tasks and
 * requirements in plan order, a few hundred rows, read whole), then one task at a time its
 * assignments, the latest report of each unit and the evidence of all its reports, so memory
 * is bounded by the largest task, not the plan.
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DB } from '../../db';
import { assignments, evidence, plans, reports, requirements, storedFiles, tasks, units } from '../../db/schema';
import type { PackEvidence, PackTask, PackTaskRows } from './layout';
import { latestReports } from '../../schedules/latest-reports';

/** The pack cannot be made for the plan asked (or none was asked and the choice is not obvious). */
export class PackPlanError extends Error {
  override name = 'PackPlanError';
}

export interface PackPlan {
  id: number;
  title: string;
  year: number | null;
  archived: boolean;
}

function planTitle(row: { title: string | null; sourceName: string }): string {
  return row.title ?? row.sourceName;
}

/**
 * The plan to pack: `planId` when given (live or archived); without it the only live plan.
 * Refused when there is no such plan, no live plan, or several live plans (the message lists
 * them with their ids, for --plan).
 */
export function choosePackPlan(db: DB, planId?: number): PackPlan {
  const columns = { id: plans.id, title: plans.title, sourceName: plans.sourceName, year: plans.year, archivedAt: plans.archivedAt };
  if (planId !== undefined) {
    const row = db.select(columns).from(plans).where(eq(plans.id, planId)).get();
    if (!row) throw new PackPlanError(`there is no plan ${planId}`);
    return { id: row.id, title: planTitle(row), year: row.year, archived: row.archivedAt !== null };
  }
  const live = db.select(columns).from(plans).where(isNull(plans.archivedAt)).orderBy(asc(plans.id)).all();
  if (live.length === 0) throw new PackPlanError('there is no live plan to pack (--plan ID packs an archived one)');
  if (live.length > 1) {
    const list = live.map((p) => `  ${p.id}  ${planTitle(p)}${p.year === null ? '' : ` (${p.year})`}`).join('\n');
    throw new PackPlanError(`there are ${live.length} live plans; choose one with --plan ID:\n${list}`);
  }
  const row = live[0]!;
  return { id: row.id, title: planTitle(row), year: row.year, archived: false };
}

/** The plan's tasks in plan order with their requirements by index; removed ones (a re-import archived them) left out. */
export function packOutline(db: DB, planId: number): PackTask[] {
  const rows = db
    .select({
      taskId: tasks.id,
      number: tasks.number,
      title: tasks.title,
      points: tasks.points,
      requirementId: requirements.id,
      index: requirements.index,
      text: requirements.text,
      evidence: requirements.evidence,
    })
    .from(tasks)
    .innerJoin(requirements, eq(requirements.taskId, tasks.id))
    .where(and(eq(tasks.planId, planId), isNull(tasks.archivedAt), isNull(requirements.archivedAt)))
    .orderBy(asc(tasks.position), asc(tasks.id), asc(requirements.index))
    .all();
  const outline: PackTask[] = [];
  for (const row of rows) {
    let task = outline[outline.length - 1];
    if (task?.id !== row.taskId) {
      task = { id: row.taskId, number: row.number, title: row.title, points: row.points, requirements: [] };
      outline.push(task);
    }
    task.requirements.push({ id: row.requirementId, index: row.index, text: row.text, evidence: row.evidence });
  }
  return outline;
}

/** One task's assignments (the lead first), each pair's latest report, and the evidence of every report, in the order sent. */
export function packTaskRows(db: DB, task: PackTask): PackTaskRows {
  const ids = task.requirements.map((r) => r.id);
  if (ids.length === 0) return { assignments: [], latest: [], evidence: [] };
  const assigned = db
    .select({ requirementId: assignments.requirementId, unitId: assignments.unitId, unitName: units.name, role: assignments.role })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(inArray(assignments.requirementId, ids))
    .orderBy(asc(assignments.requirementId), asc(assignments.role), asc(assignments.id)) // 'cooperating' < 'lead': reordered below
    .all();
  const role = (r: 'lead' | 'cooperating') => (r === 'lead' ? 0 : 1);
  assigned.sort((a, b) => a.requirementId - b.requirementId || role(a.role) - role(b.role));

  // The latest report of each pair: the one rule (schedules/latest-reports.ts) /unit and /score go by.
  const latest = latestReports(db, ids);

  const files: PackEvidence[] = db
    .select({
      id: evidence.id,
      requirementId: reports.requirementId,
      unitId: reports.unitId,
      kind: evidence.kind,
      text: evidence.text,
      fileName: evidence.fileName,
      mimeType: evidence.mimeType,
      size: evidence.size,
      storedSize: storedFiles.size,
      sha256: evidence.sha256,
      createdAt: evidence.createdAt,
    })
    .from(evidence)
    .innerJoin(reports, eq(reports.id, evidence.reportId))
    .leftJoin(storedFiles, eq(storedFiles.sha256, evidence.sha256))
    .where(inArray(reports.requirementId, ids))
    .orderBy(asc(reports.reportedAt), asc(reports.id), asc(evidence.createdAt), asc(evidence.id))
    .all()
    .map(({ storedSize, ...row }) => ({ ...row, size: storedSize ?? row.size }));

  return {
    assignments: assigned,
    latest: [...latest.values()].map(({ id: _id, ...report }) => report),
    evidence: files,
  };
}
