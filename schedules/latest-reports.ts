/**
 * Each (item, unit)'s latest report: the one made or edited last (a period reported late may
 * be older than one reported since). One rule, for /unit's list and /score's points at risk.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DB } from '../db';
import { reports } from '../db/schema';

export type LatestReport = Pick<typeof reports.$inferSelect, 'id' | 'requirementId' | 'unitId' | 'period' | 'status' | 'note' | 'reportedAt' | 'late'>;

/** The latest report of each requirement given, for each unit (or the one unit given), keyed `requirementId|unitId`. */
export function latestReports(db: DB, requirementIds: readonly number[], unitId?: number): Map<string, LatestReport> {
  const latest = new Map<string, LatestReport>();
  if (requirementIds.length === 0) return latest;
  const rows = db
    .select({ id: reports.id, requirementId: reports.requirementId, unitId: reports.unitId, period: reports.period, status: reports.status, note: reports.note, reportedAt: reports.reportedAt, late: reports.late })
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
