/**
 * Ratio targets (公示率达到100%, 不低于30%): a unit reports the ratio it reached, in percent, and
 * the latest report is where it stands. Ratios are never added up and have no pace: 95% in
 * March and 100% in April is 100%, not 195%, and "by now about 25%" means nothing for a
 * 公示率. Counted targets (全年不少于10例) are summed instead (countedSoFarOfUnits).
 */
import { and, desc, inArray, isNotNull } from 'drizzle-orm';
import type { DB } from '../db';
import { reports } from '../db/schema';
import { reportedWithin, type QuotaWindow } from './quota-window';

/** The highest ratio a unit can report, in percent. */
export const MAX_RATIO = 100;

/**
 * The latest ratio each unit reported for each requirement within a window (which reports count:
 * schedules/quota-window.ts), keyed `${requirementId}|${unitId}`; absent when none.
 */
export function latestRatios(
  db: DB,
  unitIds: readonly number[],
  requirementIds: readonly number[],
  window: Pick<QuotaWindow, 'from' | 'to'>,
): Map<string, number> {
  const latest = new Map<string, number>();
  if (unitIds.length === 0 || requirementIds.length === 0) return latest;
  const rows = db
    .select({ unitId: reports.unitId, requirementId: reports.requirementId, count: reports.count })
    .from(reports)
    .where(
      and(
        inArray(reports.requirementId, [...requirementIds]),
        inArray(reports.unitId, [...unitIds]),
        isNotNull(reports.count),
        reportedWithin(window),
      ),
    )
    // Newest first: the first row seen per pair is the latest.
    .orderBy(desc(reports.updatedAt), desc(reports.id))
    .all();
  for (const row of rows) {
    const key = `${row.requirementId}|${row.unitId}`;
    if (!latest.has(key)) latest.set(key, row.count!);
  }
  return latest;
}

/** One unit's latest ratio for one requirement, or null when it reported none. */
export function latestRatio(db: DB, requirementId: number, unitId: number, window: Pick<QuotaWindow, 'from' | 'to'>): number | null {
  return latestRatios(db, [unitId], [requirementId], window).get(`${requirementId}|${unitId}`) ?? null;
}
