/**
 * Where many units stand on many quotas at once (summaries, the circular): counted targets
 * summed, ratio targets at their latest report, each requirement within its own plan's window
 * (schedules/quota-window.ts). One query per distinct window, not per requirement or unit.
 */
import type { DB } from '../db';
import { latestRatios } from './ratio-targets';
import { quotaWindow, windowKey, type QuotaWindow } from './quota-window';
import { countedSoFarOfUnits, type PerUnitRequirement } from './unit-requirements';
import type { PlanFacts } from './periods';

interface WithQuota {
  requirementId: number;
  quota: { period: 'year' | 'month' | 'once'; kind: 'count' | 'ratio' } | null;
  facts: PlanFacts;
}

export interface QuotaFigures {
  /** Counts reported toward counted targets; absent means 0. */
  counted: PerUnitRequirement<number>;
  /** Latest ratios toward ratio targets, keyed `${requirementId}|${unitId}`; absent: none reported. */
  ratios: Map<string, number>;
  /** The requirement's window: `at` is the instant its pace is judged at. */
  windowOf(requirementId: number): QuotaWindow;
}

export function quotaFigures(db: DB, unitIds: readonly number[], requirements: readonly WithQuota[], now: Date): QuotaFigures {
  const windows = new Map<number, QuotaWindow>();
  const groups = new Map<string, { window: QuotaWindow; kind: 'count' | 'ratio'; ids: number[] }>();
  for (const r of requirements) {
    if (!r.quota) continue;
    const window = quotaWindow(r.quota.period, now, r.facts);
    windows.set(r.requirementId, window);
    const key = `${r.quota.kind}|${windowKey(window)}`;
    const group = groups.get(key) ?? { window, kind: r.quota.kind, ids: [] };
    group.ids.push(r.requirementId);
    groups.set(key, group);
  }
  const counted: PerUnitRequirement<number> = new Map();
  const ratios = new Map<string, number>();
  for (const { window, kind, ids } of groups.values()) {
    if (kind === 'ratio') for (const [key, value] of latestRatios(db, unitIds, ids, window)) ratios.set(key, value);
    else for (const [requirementId, byUnit] of countedSoFarOfUnits(db, unitIds, ids, window)) counted.set(requirementId, byUnit);
  }
  return {
    counted,
    ratios,
    windowOf: (requirementId) => windows.get(requirementId) ?? { at: now, from: null, to: null },
  };
}
