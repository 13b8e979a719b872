/**
 * The crash drill for imports: a child process commits a 4,000-task plan (8,000
 * requirements) from a CSV file, as `duban import` does, and is killed with SIGKILL at a
 * random moment, 10 times (seeded): most kills land inside the commit (the child says when it
 * starts and when it ends), some while it reads the file, some after the commit ended and
 * before the process exited. After every kill the database must open and pass
 * `PRAGMA integrity_check` and hold either the whole plan (the same rows as an uninterrupted
 * commit) or none of it (the same rows as before). Then the real command line
 * (`duban import FILE`), left alone, commits it whole.
 */
import { afterAll, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../db';
import { seedDemo } from '../../sandbox/demo/seed';
import { bigPlanCsv } from './support/big-plan';
import { differences, inspect, type Content } from './support/db-content';
import { pause, random, ROOT, startTsx } from './support/processes';

const TASKS = 4000;
const KILLS = 10;
const YEAR = 2026;
const NOW = Date.parse('2026-03-02T01:00:00Z');
const CHILD = 'test/faults/support/import-child.ts';

const dir = mkdtempSync(join(tmpdir(), 'duban-kill-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of a closed database file (its WAL checkpointed away on close). */
function fresh(from: string, to: string): string {
  for (const suffix of ['', '-wal', '-shm']) rmSync(to + suffix, { force: true });
  copyFileSync(from, to);
  return to;
}

function commitWhole(file: string, csv: string): Promise<{ code: number | null; output: string }> {
  const child = startTsx(CHILD, [csv], { ...process.env, DUBAN_DB: file, DRILL_NOW: String(NOW) });
  return child.exited.then((code) => ({ code, output: child.output() }));
}

it(`kill -9 during the commit of a ${TASKS}-task plan: the whole plan or none of it, ${KILLS} times`, async () => {
  // Before: a database with the demo plan and people, closed (so the file alone is the database).
  const base = join(dir, 'base.sqlite');
  const seeded = openDatabase(base);
  await seedDemo(seeded.db, { year: YEAR, now: new Date(NOW) });
  seeded.close();
  const csv = join(dir, '演练任务分解表.csv');
  writeFileSync(csv, bigPlanCsv(TASKS, YEAR));

  // The reference: the same commit, uninterrupted, and how long its commit takes.
  const reference = fresh(base, join(dir, 'reference.sqlite'));
  const spawned = Date.now();
  const whole = await commitWhole(reference, csv);
  expect(whole.code, whole.output).toBe(0);
  const commitMs = Number(/done (\d+)/.exec(whole.output)?.[1]);
  const runMs = Date.now() - spawned;
  if (process.env.FAULTS_TRACE) console.log({ commitMs, runMs });
  const none: Content = inspect(base).content;
  const all: Content = inspect(reference).content;
  expect(all.tasks!.rows - none.tasks!.rows).toBe(TASKS);
  expect(all.requirements!.rows - none.requirements!.rows).toBe(2 * TASKS);
  expect(all.assignments!.rows - none.assignments!.rows).toBeGreaterThan(3 * TASKS);

  const next = random(20_261_125);
  const file = join(dir, 'duban.sqlite');
  fresh(base, file);
  const outcomes: string[] = [];
  for (let kill = 0; kill < KILLS; kill++) {
    const child = startTsx(CHILD, [csv], { ...process.env, DUBAN_DB: file, DRILL_NOW: String(NOW) });
    const where = next();
    let phase: 'reading' | 'committing' | 'ended';
    if (where < 0.2) {
      // While it starts and reads the file.
      phase = 'reading';
      await pause(next() * Math.max(0, runMs - commitMs));
    } else if (where < 0.85) {
      // Inside the commit (or, when this commit runs slower than the reference, just after it).
      phase = 'committing';
      await child.waitForOutput('commit');
      await pause(next() * commitMs);
    } else {
      // The commit has ended; the process has not exited yet.
      phase = 'ended';
      await child.waitForOutput('done');
    }
    const finished = child.output().includes('done');
    await child.kill();

    const after = inspect(file);
    expect(after.integrity, `kill ${kill}`).toEqual(['ok']);
    expect(after.foreignKeyViolations, `kill ${kill}`).toBe(0);
    const isNone = differences(after.content, none).length === 0;
    const isWhole = differences(after.content, all).length === 0;
    if (!isNone && !isWhole) {
      throw new Error(
        `kill ${kill} (${phase}) left part of the plan: differs from before in ${differences(after.content, none).join(', ')}`,
      );
    }
    if (finished) expect(isWhole, `kill ${kill}: the commit had ended`).toBe(true);
    outcomes.push(`${phase}${finished && phase !== 'ended' ? ' (had ended)' : ''}: ${isWhole ? 'whole' : 'none'}`);
    if (process.env.FAULTS_TRACE) console.log(kill, outcomes.at(-1), Date.now() - spawned);
    // The next kill starts from the database without the plan again.
    if (isWhole) fresh(base, file);
  }
  // The drill is only worth something if kills landed inside commits.
  expect(outcomes.filter((o) => o === 'committing: none').length, outcomes.join('\n')).toBeGreaterThanOrEqual(3);

  // Left alone, the command line commits the plan whole over what the last kill left.
  const cli = spawn(process.execPath, ['bin/duban.js', 'import', csv], {
    cwd: ROOT,
    env: { ...process.env, DUBAN_DB: file },
    stdio: 'ignore',
  });
  expect(await new Promise((resolve) => cli.once('exit', resolve))).toBe(0);
  const final = inspect(file);
  expect(final.integrity).toEqual(['ok']);
  expect(differences(final.content, all)).toEqual([]);
}, 180_000);
