/**
 * The command line: `duban deadline …`, `duban import …`. Output formats here are a
 * contract other tools rely on (see the README). `main` takes its I/O and clock as
 * arguments so tests run it in-process.
 */
import { readFile } from 'node:fs/promises';
import { lstatSync, mkdtempSync, readlinkSync, realpathSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DateTime } from 'luxon';
import { readDeadline } from '../plans/deadline';
import { nextDueDates, PLAN_ZONE } from '../plans/due-dates';
import { describeCommit, describePreview, describeRule } from '../plans/describe';
import { previewJson, readPlan } from '../plans/import';
import { commitPlan } from '../plans/commit';
import { PlanInputError } from '../plans/errors';
import { MergeError, mergeUnits } from '../plans/merge-units';
import { previewReminders } from '../schedules/preview';
import { exportLedgerToFile, LedgerOptionsError } from '../schedules/ledger';
import { DatabaseOpenError, openDatabase, openDatabaseReadOnly, type Database_ } from '../db';
import { readConfig, ConfigError } from '../bot/config';

export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  env: NodeJS.ProcessEnv;
  now: () => Date;
}

const defaultIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  env: process.env,
  now: () => new Date(),
};

const USAGE = `Usage:
  duban deadline "TEXT" [--year YYYY] [--from YYYY-MM-DD] [--count N] [--json]
      Read a deadline expression and print its next due moments (Asia/Shanghai).
  duban import FILE [--year YYYY] [--dry-run] [--json]
      Read a plan (.xlsx, .csv, .tsv, .txt). --dry-run shows what would be imported and writes nothing;
      without it the plan is committed to the database (DUBAN_DB) and the changes are printed.
  duban reminders FILE [--year YYYY] --from YYYY-MM-DD --to YYYY-MM-DD [--json]
      Simulate a plan's reminders over the span under the default policy, nobody reporting
      (a throwaway database; DUBAN_DB is not touched).
  duban export --out FILE [--period YYYY-MM]
      Write the ledger (台账) of every live plan in DUBAN_DB to an .xlsx file (DUBAN_DB is only read).
  duban backup FILE
      An online backup of DUBAN_DB to FILE, safe while the bot runs (DUBAN_DB is only read).
  duban units merge FROM INTO
      Merge unit FROM into unit INTO (one office written two ways): its tasks, people and reports
      move to INTO, and FROM is kept as INTO's alias for later imports.`;

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'deadline':
        return deadlineCommand(rest, io);
      case 'import':
        return await importCommand(rest, io);
      case 'units':
        return unitsCommand(rest, io);
      case 'reminders':
        return await remindersCommand(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'backup':
        return await backupCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 1 : 0;
      default:
        io.err(`Unknown command "${command}".\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof PlanInputError || error instanceof ConfigError || error instanceof MergeError || error instanceof LedgerOptionsError || error instanceof DatabaseOpenError) {
      io.err(error.message);
      return error instanceof UsageError ? 2 : 1;
    }
    throw error;
  }
}

class UsageError extends Error {}

/** YYYY-MM-DD naming a real day (luxon throws on invalid dates here: see plans/due-dates). */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  try {
    DateTime.fromISO(text, { zone: PLAN_ZONE });
    return true;
  } catch {
    return false;
  }
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
}

function intOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

function deadlineCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parse(args, {
    year: { type: 'string' },
    from: { type: 'string' },
    count: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError(`deadline takes one text argument.\n${USAGE}`);
  const text = positionals[0]!;
  const from = (values.from as string | undefined) ?? DateTime.fromJSDate(io.now(), { zone: PLAN_ZONE }).toISODate()!;
  if (!isCalendarDate(from)) throw new UsageError(`--from must be a date as YYYY-MM-DD, not "${from}"`);
  const year = intOption(values.year, 'year', 1900, 2999) ?? Number(from.slice(0, 4));
  const count = intOption(values.count, 'count', 1, 1000) ?? 1;
  const reading = readDeadline(text, { year });
  const due = reading.rule ? nextDueDates(reading.rule, { from, count, year }) : [];
  if (values.json) {
    io.out(JSON.stringify({ text: reading.text, recognized: reading.recognized, due }));
  } else if (!reading.recognized) {
    io.out(`"${reading.text}": not recognized`);
  } else {
    io.out(`"${reading.text}": ${describeRule(reading.rule!)}`);
    io.out(due.length ? due.map((d) => `  due ${d}`).join('\n') : '  no fixed due date');
  }
  return 0;
}

async function readPlanFile(file: string, year: number | undefined) {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PlanInputError(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder, not a file' : (error as Error).message}`);
  }
  return readPlan(basename(file), bytes, { year });
}

async function remindersCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    year: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError(`reminders takes one file.\n${USAGE}`);
  const from = values.from as string | undefined;
  const to = values.to as string | undefined;
  if (from === undefined || !isCalendarDate(from)) throw new UsageError(`--from must be a date as YYYY-MM-DD, not "${from ?? ''}"`);
  if (to === undefined || !isCalendarDate(to)) throw new UsageError(`--to must be a date as YYYY-MM-DD, not "${to ?? ''}"`);
  if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 2) throw new UsageError('the span may cover at most three calendar years');
  const year = intOption(values.year, 'year', 1900, 2999);
  const preview = await readPlanFile(positionals[0]!, year ?? Number(from.slice(0, 4)));
  const result = previewReminders(preview, from, to);
  for (const y of result.yearsWithoutHolidays) {
    io.err(`warning: the holiday calendar has no data for ${y}; plain weekends were assumed (load the official schedule with /calendar)`);
  }
  if (values.json) {
    io.out(JSON.stringify(result.reminders));
  } else {
    for (const r of result.reminders) io.out(`${r.at}  ${r.kind.padEnd(7)} ${r.unit} ${r.task}-${r.requirement} (due ${r.due.slice(0, 10)})`);
    io.out(`${result.reminders.length} reminder(s).`);
  }
  return 0;
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    year: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError(`import takes one file.\n${USAGE}`);
  const preview = await readPlanFile(positionals[0]!, intOption(values.year, 'year', 1900, 2999));
  if (values['dry-run']) {
    io.out(values.json ? JSON.stringify(previewJson(preview), null, 2) : describePreview(preview));
    return 0;
  }
  const config = readConfig(io.env);
  const database = openDatabase(config.database.file);
  try {
    const result = commitPlan(database.db, preview, { actor: { personId: null, label: 'cli' }, now: io.now() });
    io.out(values.json ? JSON.stringify({ ...result, problems: preview.problems }, null, 2) : `${describeCommit(result)}\n${describeProblems(preview.problems)}`);
  } finally {
    database.close();
  }
  return 0;
}

function describeProblems(problems: { where: string; message: string }[]): string {
  if (problems.length === 0) return 'No problems.';
  return [`${problems.length} problem(s), flagged for an admin to fix:`, ...problems.map((p) => `  - ${p.where}: ${p.message}`)].join('\n');
}

function unitsCommand(args: string[], io: CliIo): number {
  const { positionals } = parse(args, {});
  const [action, from, into, ...extra] = positionals;
  if (action !== 'merge' || from === undefined || into === undefined || extra.length > 0) {
    throw new UsageError(`units takes: merge FROM INTO.\n${USAGE}`);
  }
  const database = openDatabase(readConfig(io.env).database.file);
  try {
    const result = mergeUnits(database.db, { from, into }, { actor: { personId: null, label: 'cli' }, now: io.now() });
    io.out(`Merged "${result.from}" into "${result.into}": ${result.assignmentsMoved} assignment(s) and ${result.reportsMoved} report(s) moved; "${result.from}" is now an alias.`);
  } finally {
    database.close();
  }
  return 0;
}

async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { out: { type: 'string' }, period: { type: 'string' } });
  const out = values.out as string | undefined;
  if (positionals.length > 0 || out === undefined || out === '') throw new UsageError(`export takes --out FILE.\n${USAGE}`);
  const file = readConfig(io.env).database.file;
  // The ledger is written from a private snapshot: the live file is only opened read-only (and
  // refused at another schema version), and no read transaction is held on it while the
  // workbook streams out (a long one would keep the bot's WAL from being checkpointed).
  const live = openDatabaseReadOnly(file);
  const folder = mkdtempSync(join(tmpdir(), 'duban-export-'));
  try {
    const snapshot = join(folder, 'snapshot.sqlite');
    try {
      await copyDatabase(live, snapshot);
    } finally {
      live.close();
    }
    const result = await exportLedgerToFile(snapshot, out, { period: values.period as string | undefined, now: io.now() });
    io.out(`Wrote ${out}: ${result.rows} ledger row(s), ${result.reports} report(s).`);
    return 0;
  } catch (error) {
    if (error instanceof LedgerOptionsError) throw error;
    io.err(`${out}: ${(error as Error).message}`);
    return 1;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/**
 * SQLite's online backup, in one step: a step-wise copy starts over whenever the bot commits
 * between two steps, so under a busy bot it might never finish. In WAL mode the bot keeps
 * writing meanwhile; it only waits (its busy timeout) in rollback-journal mode.
 */
function copyDatabase(database: Database_, target: string) {
  return database.sqlite.backup(target, { progress: () => 0x7fffffff });
}

/** `path` with every symbolic link followed, also when it (or what a link names) does not exist yet. */
function realPath(path: string, links = 0): string {
  const absolute = resolve(path);
  try {
    return realpathSync(absolute);
  } catch {
    // Missing: a dangling link is followed by hand, anything else is its real folder + its name.
  }
  try {
    if (links < 40 && lstatSync(absolute).isSymbolicLink()) return realPath(resolve(dirname(absolute), readlinkSync(absolute)), links + 1);
  } catch {
    // Not there at all.
  }
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(realPath(parent, links), basename(absolute));
}

/** Whether `a` and `b` name one file: one real path, or one inode (a hard link). */
function sameFile(a: string, b: string): boolean {
  if (realPath(a) === realPath(b)) return true;
  try {
    const [x, y] = [statSync(a), statSync(b)];
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

/** SQLite's online backup: a consistent copy while the bot keeps writing. */
async function backupCommand(args: string[], io: CliIo): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError(`backup takes one file.\n${USAGE}`);
  const target = positionals[0]!;
  const file = readConfig(io.env).database.file;
  // Writing the copy over the database or the files SQLite keeps beside it would destroy it.
  const own = [file, `${file}-wal`, `${file}-shm`, `${file}-journal`].find((path) => sameFile(target, path));
  if (own !== undefined) {
    io.err(`${target}: this is ${own === file ? 'the database itself' : `the database's ${own.slice(file.length)} file`} (${file}); back up to another file`);
    return 1;
  }
  // Read-only and at any schema version: a backup before an upgrade is when one matters most.
  const database = openDatabaseReadOnly(file, { anySchema: true });
  try {
    const { totalPages } = await copyDatabase(database, target);
    io.out(`Backed up ${file} to ${target} (${totalPages} pages).`);
    return 0;
  } catch (error) {
    io.err(`${target}: ${(error as Error).message}`);
    return 1;
  } finally {
    database.close();
  }
}
