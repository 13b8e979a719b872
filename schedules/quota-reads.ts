/**
 * Where a liaison stands on each quota of their /report list, in a few reads: the count reported
 * so far for a counted target, the latest ratio for a ratio; each within its own window
 * (schedules/quota-window.ts). The rules are countedSoFarOfUnits' (schedules/unit-requirements.ts)
 * and latestRatios' (schedules/ratio-targets.ts), asked once per kind and window for all the
 * list's units and requirements, not once per choice.
 *
 * Why: every /report list asked them per choice through drizzle, which built and prepared its SQL
 * anew each time: more than the rest of the list cost (500 liaisons at once, issue 17, bench
 * scenario `reports`). A list's quotas fall in a window or two (this year, this month).
 */
import type { DB } from '../db';
import type { QuotaWindow } from './quota-window';
import { countedSoFarOfUnits } from './unit-requirements';
import { latestRatios } from './ratio-targets';

/** One quota's question: whose, which kind, and which reports count (made within [from, to); null: unbounded). */
export interface QuotaQuestion {
  requirementId: number;
  unitId: number;
  kind: 'count' | 'ratio';
  window: Pick<QuotaWindow, 'from' | 'to'>;
}

/**
 * The answer to each question, in order: for a count, the sum reported within the window (0 when
 * none); for a ratio, the latest reported within it, or null when none.
 */
export function quotasDone(db: DB, questions: readonly QuotaQuestion[]): (number | null)[] {
  const asked = new Map<string, { kind: QuotaQuestion['kind']; window: QuotaQuestion['window']; places: number[] }>();
  questions.forEach((q, place) => {
    const key = `${q.kind}|${q.window.from?.getTime() ?? ''}|${q.window.to?.getTime() ?? ''}`;
    let same = asked.get(key);
    if (!same) asked.set(key, (same = { kind: q.kind, window: q.window, places: [] }));
    same.places.push(place);
  });
  const done = new Array<number | null>(questions.length).fill(null);
  for (const { kind, window, places } of asked.values()) {
    const unitIds = [...new Set(places.map((p) => questions[p]!.unitId))];
    const requirementIds = [...new Set(places.map((p) => questions[p]!.requirementId))];
    if (kind === 'count') {
      const counted = countedSoFarOfUnits(db, unitIds, requirementIds, window);
      for (const p of places) done[p] = counted.get(questions[p]!.requirementId)?.get(questions[p]!.unitId) ?? 0;
    } else {
      const latest = latestRatios(db, unitIds, requirementIds, window);
      for (const p of places) done[p] = latest.get(`${questions[p]!.requirementId}|${questions[p]!.unitId}`) ?? null;
    }
  }
  return done;
}
