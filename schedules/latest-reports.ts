/**
 * Each (item, unit)'s latest report: the one made or edited last (a period reported late may
 * be older than one reported since), and whether a report carries proof. One rule each, for
 * /unit's list, /score's points at risk, the summary's missing evidence and the inspection pack.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DB } from '../db';
import { evidence, reports } from '../db/schema';

export type LatestReport = Pick<
  typeof reports.$inferSelect,
  'id' | 'requirementId' | 'unitId' | 'period' | 'status' | 'note' | 'reportedAt' | 'late'
>;

/** The latest report of each requirement given, for each unit (or the one unit given), keyed `requirementId|unitId`. */
export function latestReports(db: DB, requirementIds: readonly number[], unitId?: number): Map<string, LatestReport> {
  const latest = new Map<string, LatestReport>();
  if (requirementIds.length === 0) return latest;
  const rows = db
    .select({
      id: reports.id,
      requirementId: reports.requirementId,
      unitId: reports.unitId,
      period: reports.period,
      status: reports.status,
      note: reports.note,
      reportedAt: reports.reportedAt,
      late: reports.late,
    })
    .from(reports)
    .where(and(inArray(reports.requirementId, [...new Set(requirementIds)]), unitId === undefined ? undefined : eq(reports.unitId, unitId)))
    .orderBy(desc(reports.updatedAt), desc(reports.id))
    .all();
  for (const row of rows) {
    const key = `${row.requirementId}|${row.unitId}`;
    if (!latest.has(key)) latest.set(key, row);
  }
  return latest;
}

/** The reports among those given that carry proof: at least one file, photo, link or note. */
export function reportsWithEvidence(db: DB, reportIds: readonly number[]): Set<number> {
  if (reportIds.length === 0) return new Set();
  const rows = db
    .selectDistinct({ reportId: evidence.reportId })
    .from(evidence)
    // The ids as one JSON parameter: a province's plan has thousands of reports.
    .where(sql`${evidence.reportId} in (select value from json_each(${JSON.stringify(reportIds)}))`)
    .all();
  return new Set(rows.map((row) => row.reportId));
}
