/**
 * Scenario 2: the planner over 10,000 units × 100 requirements (1,000,000 assignments; `--units`
 * for another size) with a year of reports, over a minute holding a reminder time and over a
 * minute holding none. The planner works as the scheduler runs it: ticks with the scheduler's
 * budget, one after the other, until the minute is planned; the target is on the longest tick
 * (how long the bot stops answering). The ticks run in a child process so that its peak RSS is
 * theirs alone. In the same run, another child inserts the very rows planned into a copy of the
 * office as it was, with nothing but a prepared statement in one transaction: what SQLite alone
 * takes, the floor under the whole minute.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLANNING_SLICE_MS } from '../../schedules/scheduler';
import { NODE_FLAGS } from '../../app/node-flags';
import { figure, type Scenario } from '../lib';
import { QUIET_AT, REMINDER_AT, officeFile } from './planning-data';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHILD = join(HERE, 'planning-child.ts');
const RAW_CHILD = join(HERE, 'planning-raw-child.ts');
/** The province: 10,000 units (issue 17). */
export const PLANNING_UNITS = 10_000;
/** The whole busy minute may take this many times what SQLite alone takes to insert its rows. */
const MINUTE_OVER_RAW = 1.5;

interface TickFigures {
  ms: number;
  longestTickMs: number;
  medianTickMs: number;
  p99TickMs: number;
  overBudget: number;
  ticks: number;
  cpuMs: number;
  planned: number;
  checkpoints: number;
  checkpointMs: number;
  commitMs: number;
  tickRows: number[];
  longTicks: {
    index: number;
    ms: number;
    planned: number;
    checkpointMs: number;
    checkpointPages: number;
    planningMs: number;
    commitMs: number;
  }[];
}

/** Runs a child script under tsx, with the V8 flags the bot runs with, and returns its last line, parsed. */
function runChild<T>(script: string, args: string[]): T {
  const out = execFileSync(process.execPath, ['--import', 'tsx', ...NODE_FLAGS, script, ...args], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!) as T;
}

export const planningScenario: Scenario = {
  name: 'planning',
  description:
    '10,000 units × 100 requirements, a year of reports: the planner tick by tick (reminder minute, quiet minute), beside SQLite alone inserting the same rows',
  async run({ scale, units, log }) {
    const size = { units: units ?? Math.max(10, Math.round(PLANNING_UNITS * scale)), requirements: 100 };
    const problems: string[] = [];
    const seeded = officeFile(size);
    try {
      const office = seeded.office;
      log(
        `${seeded.seedSeconds > 0 ? `seeded in ${seeded.seedSeconds.toFixed(1)} s` : 'copied from DUBAN_BENCH_CACHE'}: ${size.units} units, ${office.assignments} assignments, ${office.reports} reports`,
      );
      const before = seeded.copy('before.sqlite');
      const beforeTicks = seeded.copy('before-ticks.sqlite');
      const result = runChild<{
        reminder: TickFigures;
        quiet: TickFigures;
        walCatchUpMs: number;
        walFrames: number;
        outbox: number;
        baseRssMb: number;
        peakRssMb: number;
      }>(CHILD, [seeded.file, String(REMINDER_AT.getTime()), String(QUIET_AT.getTime())]);
      const raw = runChild<{ rows: number; ms: number; cpuMs: number }>(RAW_CHILD, [before, seeded.file]);
      // The same rows in the planner's batches, each its own transaction after a checkpoint: what
      // yielding every tick costs SQLite alone, the floor under any planner that keeps the bot answering.
      const tickRowsFile = join(dirname(before), 'tick-rows.json');
      writeFileSync(tickRowsFile, JSON.stringify(result.reminder.tickRows));
      const rawInTicks = runChild<{ rows: number; ms: number; cpuMs: number }>(RAW_CHILD, [beforeTicks, seeded.file, tickRowsFile]);
      if (rawInTicks.rows !== result.outbox)
        problems.push(`the raw insert in tick batches inserted ${rawInTicks.rows} rows, the planner ${result.outbox}`);
      if (raw.rows !== result.outbox) problems.push(`the raw insert inserted ${raw.rows} rows, the planner ${result.outbox}`);
      const overRaw = result.reminder.ms / raw.ms;
      // Every unit has one liaison and 80 requirements due monthly on the 10th: 3 working days before, each gets one row per requirement.
      const monthly = Math.round(size.requirements * 0.8);
      const expected = size.units * monthly;
      if (result.reminder.planned !== expected)
        problems.push(
          `the reminder tick planned ${result.reminder.planned} rows, expected ${expected} (${size.units} liaisons × ${monthly} monthly requirements)`,
        );
      if (result.quiet.planned !== 0) problems.push(`the quiet tick planned ${result.quiet.planned} rows, expected 0`);
      return {
        figures: [
          figure('units', size.units, ''),
          figure('assignments', office.assignments, ''),
          figure('reports', office.reports, ''),
          figure('longest tick, reminder minute', result.reminder.longestTickMs, 'ms', { op: '<', limit: PLANNING_SLICE_MS }),
          figure('  median tick', result.reminder.medianTickMs, 'ms'),
          figure('  p99 tick', result.reminder.p99TickMs, 'ms'),
          figure(`  ticks of ${PLANNING_SLICE_MS} ms or more`, result.reminder.overBudget, ''),
          figure('  ticks to plan the reminder minute', result.reminder.ticks, ''),
          figure('  outbox rows planned', result.reminder.planned, 'rows'),
          figure('all of the reminder minute', result.reminder.ms, 'ms'),
          figure('  then, until the WAL is all checkpointed', result.walCatchUpMs, 'ms'),
          figure('  SQLite alone inserting its rows', raw.ms, 'ms'),
          figure('  minute / SQLite alone', overRaw, '×', { op: '<=', limit: MINUTE_OVER_RAW }),
          figure("  SQLite alone in the planner's tick batches", rawInTicks.ms, 'ms'),
          figure('  minute / SQLite alone in tick batches', result.reminder.ms / rawInTicks.ms, '×'),
          figure('tick without reminders', result.quiet.longestTickMs, 'ms', { op: '<', limit: PLANNING_SLICE_MS }),
          figure('peak RSS (tick process)', result.peakRssMb, 'MB', { op: '<', limit: 300 }),
        ],
        problems,
        notes: [
          `CPU: ${result.reminder.cpuMs.toFixed(0)} ms (reminder minute), ${result.quiet.cpuMs.toFixed(0)} ms (quiet minute), ${raw.cpuMs.toFixed(0)} ms (SQLite alone: CPU ratio ${(result.reminder.cpuMs / raw.cpuMs).toFixed(2)}, for a machine where the two wall times met different loads); RSS before the ticks ${result.baseRssMb.toFixed(0)} MB`,
          `reminder minute: ${result.reminder.checkpoints} checkpoints by the planner, ${result.reminder.checkpointMs.toFixed(0)} ms; commits ${result.reminder.commitMs.toFixed(0)} ms; the WAL held ${result.walFrames} frames at the end of the minute, checkpointed by the worker beside the ticks (db/checkpointer.ts)`,
          ...result.reminder.longTicks.map(
            (t) =>
              `long tick #${t.index}: ${t.ms} ms = checkpoint ${t.checkpointMs} ms (${t.checkpointPages} pages) + planning ${t.planningMs} ms (${t.planned} rows) + commit ${t.commitMs} ms`,
          ),
        ],
        growth: {
          units: size.units,
          what: 'the reminder minute, tick by tick',
          ms: result.reminder.ms,
          peakRssMb: result.peakRssMb,
          baseRssMb: result.baseRssMb,
        },
      };
    } finally {
      seeded.dispose();
    }
  },
};
