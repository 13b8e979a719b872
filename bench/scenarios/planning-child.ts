/**
 * Runs the planner ticks of the planning scenario in a process of its own, so the peak RSS
 * it reports (getrusage maxRSS) is the tick's and not the seeding's. Prints one JSON line.
 *   node --import tsx bench/scenarios/planning-child.ts FILE REMINDER_MS QUIET_MS
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../db';
import { startCheckpointer } from '../../db/checkpointer';
import { loadCalendar, runPlanningTick, type TickPhases } from '../../schedules/planner-store';
import { PLANNING_SLICE_MS } from '../../schedules/scheduler';

const [file, reminderMs, quietMs] = process.argv.slice(2);
const database = openDatabase(file!);
// As the bot runs (app/main.ts): the WAL checkpointed by a worker beside the ticks.
const checkpointer = await startCheckpointer(database, file!);
const calendar = loadCalendar(database.db);
const minute = 60_000;
const reminderAt = new Date(Number(reminderMs));
const quietAt = new Date(Number(quietMs));
const baseRss = process.memoryUsage().rss;

/** What one tick did: for a tick of PLANNING_SLICE_MS or more, where its time went. */
interface TickRecord extends TickPhases {
  index: number;
  ms: number;
  planned: number;
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

/** Plans up to `now` as the scheduler does (its budget per tick, PLANNING_SLICE_MS): ticks with a time budget until the span is done. */
function timed(now: Date) {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const ticks: TickRecord[] = [];
  let planned = 0;
  for (;;) {
    const tickStart = performance.now();
    const result = runPlanningTick(database.db, calendar, now, { budgetMs: PLANNING_SLICE_MS });
    ticks.push({ index: ticks.length, ms: performance.now() - tickStart, planned: result.planned, ...result.phases });
    planned += result.planned;
    if (result.done) break;
  }
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const sorted = ticks.map((t) => t.ms).sort((a, b) => a - b);
  const total = (phase: 'checkpointMs' | 'commitMs') => ticks.reduce((sum, t) => sum + t[phase], 0);
  return {
    ms,
    longestTickMs: sorted.at(-1)!,
    medianTickMs: sorted[Math.floor(sorted.length / 2)]!,
    p99TickMs: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)]!,
    overBudget: ticks.filter((t) => t.ms >= PLANNING_SLICE_MS).length,
    ticks: ticks.length,
    cpuMs: (used.user + used.system) / 1000,
    planned,
    checkpoints: ticks.filter((t) => t.checkpointPages > 0).length,
    checkpointMs: total('checkpointMs'),
    commitMs: total('commitMs'),
    // Rows each tick inserted, in order: the raw child inserts the same rows in the same batches.
    tickRows: ticks.map((t) => t.planned),
    // The longest ticks, each with what it did: which phase made it long.
    longTicks: ticks
      .filter((t) => t.ms >= PLANNING_SLICE_MS)
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 10)
      .map((t) => ({
        ...t,
        ms: round1(t.ms),
        checkpointMs: round1(t.checkpointMs),
        planningMs: round1(t.planningMs),
        commitMs: round1(t.commitMs),
      })),
  };
}

// The first tick ever only sets the mark; the measured ticks each plan one minute. A quiet
// minute before the busy one, as every minute of a running bot has one: the planner's code is
// warm (compiled) when the busy minute comes, as it is in the bot.
runPlanningTick(database.db, calendar, new Date(reminderAt.getTime() - 2 * minute));
runPlanningTick(database.db, calendar, new Date(reminderAt.getTime() - minute));
const reminder = timed(reminderAt);
// The worker's checkpoints ran beside the ticks; how much longer until the minute's WAL is all in
// the database file (the worker may be inside a checkpoint: this one waits for it, then copies the rest).
const catchUpStart = performance.now();
let caughtUp = await checkpointer.checkpoint();
while (caughtUp.checkpointed < caughtUp.walFrames) caughtUp = await checkpointer.checkpoint();
const walCatchUpMs = performance.now() - catchUpStart;
const walFrames = caughtUp.walFrames;
runPlanningTick(database.db, calendar, new Date(quietAt.getTime() - minute));
const quiet = timed(quietAt);
const outbox = (database.sqlite.prepare('select count(*) as n from outbox').get() as { n: number }).n;
await checkpointer.stop();
database.close();
console.log(
  JSON.stringify({
    reminder,
    quiet,
    walCatchUpMs,
    walFrames,
    outbox,
    baseRssMb: baseRss / 1024 / 1024,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
