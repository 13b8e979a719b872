/**
 * Points at risk (issue 15 item 4): an assessment plan scores each indicator (task) with points
 * (分值), judged on the proof its units can show. An indicator's proof is there for a unit
 * when that unit's latest report on each of its items carries evidence (a file, a photo, a
 * link or a note). Its points at risk are its points in the share of its (item, unit) pairs
 * still without evidence: 10 points over 4 pairs of which 1 lacks proof puts 2.5 at risk.
 * One rule, here; the bot words it (bot/features/score.ts), and says the rule.
 */
import { and, asc, eq, isNotNull, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, requirements, tasks, units } from '../db/schema';
import { itemLabel } from '../core/item-label';
import type { PlanScope } from '../schedules/scope';
import { latestReports, reportsWithEvidence } from '../schedules/latest-reports';

export interface IndicatorScore {
  taskNumber: string;
  title: string;
  points: number;
  /** The units responsible for its items, in the plan's order, each once. */
  units: string[];
  /** The proof its items ask for (考核要求), each once. */
  wanted: string[];
  /** (item, unit) pairs, and those whose latest report carries evidence. */
  pairs: number;
  withEvidence: number;
  /** Points in the share of pairs without evidence, to one decimal. */
  atRisk: number;
  /** Per unit, its items here still without evidence ("18③"). */
  lacking: { unit: string; items: string[] }[];
}

export interface PlanScore {
  planId: number;
  title: string;
  total: number;
  atRisk: number;
  indicators: IndicatorScore[];
  /** Per unit, the indicators where it still owes proof, worst first. */
  units: { unit: string; indicators: string[]; atRisk: number }[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** The score of each plan in scope that gives points; plans without points are left out. */
export function planScores(db: DB, plans: PlanScope[]): PlanScore[] {
  return plans.flatMap((plan) => {
    const score = planScore(db, plan);
    return score ? [score] : [];
  });
}

function planScore(db: DB, plan: PlanScope): PlanScore | null {
  const seen = new Set(plan.units.map((u) => u.id));
  const rows = db
    .select({
      taskId: tasks.id,
      taskNumber: tasks.number,
      title: tasks.title,
      points: tasks.points,
      requirementId: requirements.id,
      index: requirements.index,
      wanted: requirements.evidence,
      unitId: assignments.unitId,
      unit: units.name,
    })
    .from(tasks)
    .innerJoin(requirements, eq(requirements.taskId, tasks.id))
    .innerJoin(assignments, eq(assignments.requirementId, requirements.id))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(eq(tasks.planId, plan.planId), isNotNull(tasks.points), isNull(tasks.archivedAt), isNull(requirements.archivedAt)))
    .orderBy(asc(tasks.position), asc(requirements.index), asc(assignments.id))
    .all()
    .filter((row) => plan.whole || seen.has(row.unitId));
  if (rows.length === 0) return null;

  // Whether each (item, unit)'s latest report carries evidence.
  const latest = latestReports(
    db,
    rows.map((r) => r.requirementId),
  );
  const withProof = reportsWithEvidence(
    db,
    [...latest.values()].map((r) => r.id),
  );

  const indicators = new Map<number, IndicatorScore & { lackingMap: Map<string, string[]> }>();
  for (const row of rows) {
    let indicator = indicators.get(row.taskId);
    if (!indicator) {
      indicator = {
        taskNumber: row.taskNumber,
        title: row.title,
        points: row.points!,
        units: [],
        wanted: [],
        pairs: 0,
        withEvidence: 0,
        atRisk: 0,
        lacking: [],
        lackingMap: new Map(),
      };
      indicators.set(row.taskId, indicator);
    }
    if (!indicator.units.includes(row.unit)) indicator.units.push(row.unit);
    if (row.wanted && !indicator.wanted.includes(row.wanted)) indicator.wanted.push(row.wanted);
    indicator.pairs++;
    const report = latest.get(`${row.requirementId}|${row.unitId}`);
    if (report !== undefined && withProof.has(report.id)) indicator.withEvidence++;
    else {
      const items = indicator.lackingMap.get(row.unit) ?? [];
      items.push(itemLabel(row.taskNumber, row.index));
      indicator.lackingMap.set(row.unit, items);
    }
  }
  const list: IndicatorScore[] = [...indicators.values()].map(({ lackingMap, ...indicator }) => ({
    ...indicator,
    atRisk: round1((indicator.points * (indicator.pairs - indicator.withEvidence)) / indicator.pairs),
    lacking: [...lackingMap].map(([unit, items]) => ({ unit, items })),
  }));

  const byUnit = new Map<string, { indicators: string[]; atRisk: number }>();
  for (const indicator of list) {
    for (const { unit, items } of indicator.lacking) {
      const entry = byUnit.get(unit) ?? { indicators: [], atRisk: 0 };
      entry.indicators.push(indicator.taskNumber);
      entry.atRisk += unitShareAtRisk(indicator, items.length);
      byUnit.set(unit, entry);
    }
  }
  return {
    planId: plan.planId,
    title: plan.title,
    total: round1(list.reduce((sum, i) => sum + i.points, 0)),
    atRisk: round1(list.reduce((sum, i) => sum + i.atRisk, 0)),
    indicators: list,
    units: [...byUnit]
      .map(([unit, entry]) => ({ unit, indicators: entry.indicators, atRisk: round1(entry.atRisk) }))
      .sort((a, b) => b.atRisk - a.atRisk),
  };
}

/** A unit's share of an indicator's points at risk: its own pairs without proof over all the indicator's pairs. */
function unitShareAtRisk(indicator: Pick<IndicatorScore, 'points' | 'pairs'>, pairsWithoutProof: number): number {
  return (indicator.points * pairsWithoutProof) / indicator.pairs;
}

/**
 * The points at risk some units carry together (the units /score leaves out of a long list),
 * summed unrounded from the indicators: forty units' figures, each rounded to one decimal,
 * would add up to whole points more or less.
 */
export function pointsAtRiskOf(plan: PlanScore, unitNames: ReadonlySet<string>): number {
  let sum = 0;
  for (const indicator of plan.indicators) {
    for (const { unit, items } of indicator.lacking) if (unitNames.has(unit)) sum += unitShareAtRisk(indicator, items.length);
  }
  return round1(sum);
}
