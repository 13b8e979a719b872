/**
 * Scenario 2: the planner over 1,000 units × 100 requirements (100,000 assignments) with a
 * year of reports, over a minute holding a reminder time and over a minute holding none. The
 * planner works as the scheduler runs it: ticks with a time budget, one after the other, until
 * the minute is planned; the target is on the longest tick (how long the bot stops answering).
 * The ticks run in a child process so that its peak RSS is theirs alone.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { figure, measure, tempDatabase, type Scenario } from '../lib';
import { QUIET_AT, REMINDER_AT, seedOffice } from './planning-data';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'planning-child.ts');

export const planningScenario: Scenario = {
  name: 'planning',
  description: '1,000 units × 100 requirements, a year of reports: one planner tick (reminder minute, quiet minute)',
  async run({ scale, log }) {
    const size = { units: Math.max(10, Math.round(1000 * scale)), requirements: 100 };
    const database = tempDatabase();
    const problems: string[] = [];
    try {
      const seeded = await measure(() => seedOffice(database, size));
      const office = seeded.value;
      log(`seeded ${size.units} units, ${office.assignments} assignments, ${office.reports} reports in ${(seeded.ms / 1000).toFixed(1)} s`);
      database.close();
      const out = execFileSync(
        process.execPath,
        ['--import', 'tsx', CHILD, database.file, String(REMINDER_AT.getTime()), String(QUIET_AT.getTime())],
        {
          encoding: 'utf8',
          maxBuffer: 16 * 1024 * 1024,
        },
      );
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as {
        reminder: { ms: number; longestTickMs: number; ticks: number; cpuMs: number; planned: number };
        quiet: { ms: number; longestTickMs: number; ticks: number; cpuMs: number; planned: number };
        outbox: number;
        baseRssMb: number;
        peakRssMb: number;
      };
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
          figure('assignments', office.assignments, ''),
          figure('reports', office.reports, ''),
          figure('longest tick, reminder minute', result.reminder.longestTickMs, 'ms', { op: '<', limit: 200 }),
          figure('  ticks to plan the reminder minute', result.reminder.ticks, ''),
          figure('  all of the reminder minute', result.reminder.ms, 'ms'),
          figure('  outbox rows planned', result.reminder.planned, 'rows'),
          figure('tick without reminders', result.quiet.longestTickMs, 'ms', { op: '<', limit: 200 }),
          figure('peak RSS (tick process)', result.peakRssMb, 'MB', { op: '<', limit: 300 }),
        ],
        problems,
        notes: [
          `CPU: ${result.reminder.cpuMs.toFixed(0)} ms (reminder tick), ${result.quiet.cpuMs.toFixed(0)} ms (quiet tick); RSS before the ticks ${result.baseRssMb.toFixed(0)} MB`,
        ],
      };
    } finally {
      database.dispose();
    }
  },
};
