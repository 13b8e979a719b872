/**
 * What a unit submitted, item by item (issue 15: leads see the work): for one unit in the
 * plans a lead or admin sees it in, each requirement's latest report with its note and its
 * evidence (files, photos, links, notes), and the proof the plan asks for. Read-only queries;
 * the bot words it (bot/features/unit-evidence.ts).
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, evidence, reports, requirements, tasks } from '../db/schema';
import type { PlanScope } from './scope';
import { latestReports } from './latest-reports';

export interface EvidenceItem {
  id: number;
  kind: 'photo' | 'document' | 'link' | 'note';
  fileName: string | null;
  /** A link's address or a note's words. */
  text: string | null;
  /** Archived bytes (db/file-store.ts), null while not downloaded. */
  sha256: string | null;
  size: number | null;
  addedAt: Date;
}

export interface UnitItem {
  planId: number;
  requirementId: number;
  taskNumber: string;
  index: number;
  taskTitle: string;
  text: string;
  /** The proof the plan asks for (考核要求), when it names one. */
  wanted: string | null;
  /** The latest report (its period's key, status, note, when), null when the unit has reported nothing for it. */
  report: { id: number; period: string; status: string; note: string | null; reportedAt: Date; late: boolean } | null;
  evidence: EvidenceItem[];
}

/** The unit's live requirements in the plans given, in plan and task order, each with its latest report and that report's evidence. */
export function unitItems(db: DB, plans: PlanScope[], unitId: number): UnitItem[] {
  const planIds = plans.map((p) => p.planId);
  if (planIds.length === 0) return [];
  const rows = db
    .select({
      planId: tasks.planId,
      requirementId: requirements.id,
      taskNumber: tasks.number,
      index: requirements.index,
      taskTitle: tasks.title,
      text: requirements.text,
      wanted: requirements.evidence,
    })
    .from(assignments)
    .innerJoin(requirements, eq(requirements.id, assignments.requirementId))
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(assignments.unitId, unitId), inArray(tasks.planId, planIds), isNull(requirements.archivedAt), isNull(tasks.archivedAt)))
    .orderBy(asc(tasks.planId), asc(tasks.position), asc(requirements.index))
    .all();
  if (rows.length === 0) return [];

  const latest = latestReports(
    db,
    rows.map((r) => r.requirementId),
    unitId,
  );
  const reportIds = [...latest.values()].map((r) => r.id);
  const byReport = new Map<number, EvidenceItem[]>();
  if (reportIds.length > 0) {
    for (const e of db
      .select({
        id: evidence.id,
        reportId: evidence.reportId,
        kind: evidence.kind,
        fileName: evidence.fileName,
        text: evidence.text,
        sha256: evidence.sha256,
        size: evidence.size,
        addedAt: evidence.createdAt,
      })
      .from(evidence)
      .where(inArray(evidence.reportId, reportIds))
      .orderBy(asc(evidence.id))
      .all()) {
      const list = byReport.get(e.reportId) ?? [];
      list.push({ id: e.id, kind: e.kind, fileName: e.fileName, text: e.text, sha256: e.sha256, size: e.size, addedAt: e.addedAt });
      byReport.set(e.reportId, list);
    }
  }
  return rows.map((row) => {
    const found = latest.get(`${row.requirementId}|${unitId}`);
    const report = found
      ? { id: found.id, period: found.period, status: found.status, note: found.note, reportedAt: found.reportedAt, late: found.late }
      : null;
    return { ...row, report, evidence: report ? (byReport.get(report.id) ?? []) : [] };
  });
}

/** The evidence of one report with the unit and plan it belongs to, for sending it back after a press. */
export function reportEvidence(
  db: DB,
  reportId: number,
): { unitId: number; planId: number; evidence: (EvidenceItem & { fileId: string | null })[] } | null {
  const report = db
    .select({ unitId: reports.unitId, planId: tasks.planId })
    .from(reports)
    .innerJoin(requirements, eq(requirements.id, reports.requirementId))
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(eq(reports.id, reportId))
    .get();
  if (!report) return null;
  const items = db
    .select({
      id: evidence.id,
      kind: evidence.kind,
      fileName: evidence.fileName,
      text: evidence.text,
      sha256: evidence.sha256,
      size: evidence.size,
      addedAt: evidence.createdAt,
      fileId: evidence.fileId,
    })
    .from(evidence)
    .where(eq(evidence.reportId, reportId))
    .orderBy(asc(evidence.id))
    .all();
  return { ...report, evidence: items };
}
