/**
 * Where a liaison stands on each quota of their /report list, in one read: the count reported so
 * far (countedSoFar, schedules/unit-requirements.ts) for a counted target, the latest ratio
 * (latestRatio, schedules/ratio-targets.ts) for a ratio; each within its own window
 * (schedules/quota-window.ts). The same answers as those two, asked one by one.
 *
 * Why: every /report list asked them per choice through drizzle, which built and prepared its SQL
 * anew each time: more than the rest of the list cost (500 liaisons at once, issue 17, bench
 * scenario `reports`). Here the questions go as one JSON array to one statement prepared once per
 * connection (db/prepared.ts); each is answered from reports_requirement_unit_period_idx.
 */
import type { DB } from '../db';
import { prepared } from '../db/prepared';
import type { QuotaWindow } from './quota-window';

/** One quota's question: whose, which kind, and which reports count (made within [from, to); null: unbounded). */
export interface QuotaQuestion {
  requirementId: number;
  unitId: number;
  kind: 'count' | 'ratio';
  window: Pick<QuotaWindow, 'from' | 'to'>;
}

// Each question is [requirement, unit, ratio (1/0), from ms or null, to ms or null]; the answer's
// `i` is its place in the array. Ties on updated_at go to the later row, as latestRatios orders.
const QUOTAS_DONE = `
  with asked(i, requirement_id, unit_id, ratio, from_ms, to_ms) as (
    select key, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4 from json_each(?)
  )
  select a.i as i,
         case when a.ratio = 1 then
           (select r.count from reports r
             where r.requirement_id = a.requirement_id and r.unit_id = a.unit_id and r.count is not null
               and (a.from_ms is null or r.reported_at >= a.from_ms) and (a.to_ms is null or r.reported_at < a.to_ms)
             order by r.updated_at desc, r.id desc limit 1)
         else
           (select coalesce(sum(r.count), 0) from reports r
             where r.requirement_id = a.requirement_id and r.unit_id = a.unit_id
               and (a.from_ms is null or r.reported_at >= a.from_ms) and (a.to_ms is null or r.reported_at < a.to_ms))
         end as done
    from asked a`;

/**
 * The answer to each question, in order: for a count, the sum reported within the window (0 when
 * none); for a ratio, the latest reported within it, or null when none.
 */
export function quotasDone(db: DB, questions: readonly QuotaQuestion[]): (number | null)[] {
  if (questions.length === 0) return [];
  const asked = JSON.stringify(
    questions.map((q) => [
      q.requirementId,
      q.unitId,
      q.kind === 'ratio' ? 1 : 0,
      q.window.from?.getTime() ?? null,
      q.window.to?.getTime() ?? null,
    ]),
  );
  const done = new Array<number | null>(questions.length).fill(null);
  for (const row of prepared<[string], { i: number; done: number | null }>(db, QUOTAS_DONE).all(asked)) done[row.i] = row.done;
  return done;
}
