/**
 * The planner plans a busy minute a range of units at a time (UNITS_PER_SLICE), so one tick's
 * work stays bounded whatever number of units a requirement is assigned to, and a span cut
 * anywhere (between two requirements over a range, between two ranges) plans the same rows as
 * one pass. The office is the bench's (bench/scenarios/planning-data.ts), small.
 */
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/db';
import { seedOffice, REMINDER_AT } from '../../bench/scenarios/planning-data';
import { loadCalendar, runPlanningTick, UNITS_PER_SLICE } from '../../schedules/planner-store';
import type { DB } from '../../db';

const MINUTE = 60_000;
/** More units than two ranges hold, so every requirement is planned in three ranges. */
const UNITS = UNITS_PER_SLICE * 2 + 50;
/** Requirements 1 and 2 are monthly (due on the 10th, reminded on 7 December), 3 quarterly. */
const REQUIREMENTS = 3;

function office() {
  const database = freshDatabase();
  const seeded = seedOffice({ ...database, dispose: () => undefined }, { units: UNITS, requirements: REQUIREMENTS });
  // The first tick only sets the mark; the next one plans the reminder minute.
  runPlanningTick(database.db, loadCalendar(database.db), new Date(REMINDER_AT.getTime() - MINUTE));
  return { ...database, seeded };
}

/** The outbox's rows as "key sendAfter", leaving out those of requirement `except`. */
const planned = (db: DB, except: number | null = null) =>
  (
    db.$client.prepare('select key, send_after as sendAfter from outbox where requirement_id is not ? order by key').all(except) as {
      key: string;
      sendAfter: number;
    }[]
  ).map((row) => `${row.key} ${row.sendAfter}`);

/** A budget clock that moves one "millisecond" each time it is read: a budget of 1 stops at the first look. */
const steppingClock = () => {
  let t = 0;
  return () => t++;
};

describe('the planner, a range of units at a time', () => {
  it('a requirement assigned to more units than a range holds is cut between ranges, and plans what one pass plans', () => {
    const whole = office();
    const all = runPlanningTick(whole.db, loadCalendar(whole.db), REMINDER_AT);
    expect(all).toMatchObject({ done: true, planned: UNITS * 2 });

    const sliced = office();
    const elapsed = steppingClock();
    const ticks: number[] = [];
    for (let i = 0; i < 100; i++) {
      const tick = runPlanningTick(sliced.db, loadCalendar(sliced.db), REMINDER_AT, { budgetMs: 1, elapsed });
      ticks.push(tick.planned);
      if (tick.done) break;
    }
    // Each tick planned one requirement over one range: never more rows than a range has units (one liaison each).
    expect(Math.max(...ticks)).toBe(UNITS_PER_SLICE);
    expect(ticks.filter((n) => n > 0)).toHaveLength(3 * 2);
    expect(planned(sliced.db)).toEqual(planned(whole.db));
    expect(runPlanningTick(sliced.db, loadCalendar(sliced.db), REMINDER_AT)).toMatchObject({ planned: 0, done: true });
  });

  it('finishes a span left pending by a version that planned one requirement over every unit at a time', () => {
    const whole = office();
    runPlanningTick(whole.db, loadCalendar(whole.db), REMINDER_AT);

    const resumed = office();
    const [first] = resumed.seeded.requirementIds;
    // As the earlier version left it: requirement `first` planned for every unit, nothing else.
    const from = REMINDER_AT.getTime() - MINUTE;
    resumed.db.$client
      .prepare(`insert into scheduler_state (key, value, created_at, updated_at) values ('planner.pending', ?, 0, 0)`)
      .run(JSON.stringify({ from, to: REMINDER_AT.getTime(), after: first }));
    const tick = runPlanningTick(resumed.db, loadCalendar(resumed.db), REMINDER_AT);
    expect(tick).toMatchObject({ done: true, planned: UNITS });
    // The rows of requirement `first` are the earlier version's to plan: all the others are here.
    expect(planned(resumed.db)).toEqual(planned(whole.db, first!));
  });
});
