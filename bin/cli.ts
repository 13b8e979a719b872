/**
 * The command line: `duban deadline …`, `duban import …`, `duban status` … Output formats here
 * are a contract other tools rely on (see the README). `main` takes its I/O and clock as
 * arguments so tests run it in-process. Each command loads what it needs when it runs, so a
 * quick one (`duban status`, the container's health check) does not load the spreadsheet code.
 *
 * Exit codes: 0 done (for `status`: healthy); 1 failed, refused or unhealthy (the reason on
 * stderr, or in `status`'s report); 2 wrong usage (an unknown command or option, a missing
 * argument), with the usage on stderr. `--help` and `--version` exit 0.
 */
import { readFile } from 'node:fs/promises';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DateTime } from 'luxon';
import { PLAN_ZONE } from '../plans/due-dates';
import { PlanInputError, refusal } from '../plans/errors';
import type { Translate } from '../plans/problems';
import { MergeError } from '../plans/merge-units';
import { LedgerOptionsError } from '../digests/ledger/options';
import { DatabaseOpenError, openDatabase, openDatabaseReadOnly, type Database_ } from '../db';
import { copyDatabase } from '../db/snapshot';
import { readConfig, ConfigError } from '../app/config';
import { databaseFileNamed } from './same-file';

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

interface Command {
  usage: string;
  /** One line for the list of commands. */
  summary: string;
  /** The rest of `duban COMMAND --help`. */
  details: string;
}

export const COMMANDS: Record<string, Command> = {
  deadline: {
    usage: 'duban deadline "TEXT" [--year YYYY] [--from YYYY-MM-DD] [--count N] [--json]',
    summary: 'Read a deadline expression and print its next due moments (Asia/Shanghai).',
    details: `  --from YYYY-MM-DD  the first day to look from (default: today in Shanghai)
  --year YYYY        the plan's year, for texts without one (default: the year of --from)
  --count N          how many due moments (1 to 1000, default 1)
  --json             {"text", "recognized", "due": [ISO 8601 with +08:00]}
Exit code 0 whether the text is recognised or not.`,
  },
  import: {
    usage: 'duban import FILE [--year YYYY] [--dry-run] [--json]',
    summary: 'Read a plan (.xlsx, .csv, .tsv, .txt) and commit it to DUBAN_DB.',
    details: `  --dry-run   show what would be imported; write nothing
  --year YYYY the plan's year, when the file does not say
  --json      the preview (with --dry-run) or what was added, updated and archived
Without --dry-run the plan is committed to the database (DUBAN_DB) in one transaction.
Bad input is refused with a message naming the file (and row); the database is then unchanged.`,
  },
  reminders: {
    usage: 'duban reminders FILE [--year YYYY] --from YYYY-MM-DD --to YYYY-MM-DD [--json]',
    summary: "Simulate a plan's reminders over a span (a throwaway database; DUBAN_DB is not touched).",
    details: `  --from, --to YYYY-MM-DD  the span, at most three calendar years
  --year YYYY              the plan's year, when the file does not say
  --json                   an array of {"at", "unit", "task", "requirement", "kind", "due"}
Under the default policy, nobody reporting. Years without holiday data are named on stderr.`,
  },
  export: {
    usage: 'duban export --out FILE [--period YYYY-MM] [--json]',
    summary: 'Write the ledger (台账) of every live plan in DUBAN_DB to an .xlsx file.',
    details: `  --out FILE         the workbook to write (written to FILE.tmp, then renamed)
  --period YYYY-MM   only that month's column and reports
  --json             {"out", "rows", "reports"}
DUBAN_DB is opened read-only and must be at this duban's schema version.`,
  },
  pack: {
    usage: 'duban pack --out FILE.zip [--plan ID] [--json]',
    summary: "Write a plan's inspection pack (佐证材料 by indicator and unit, with 索引.xlsx) to a zip.",
    details: `  --out FILE.zip  the zip to write (written to FILE.zip.tmp, flushed, then renamed)
  --plan ID       the plan to pack (live or archived); without it the only live plan
  --json          {"out", "plan", "files", "bytes", "zipBytes", "assignments", "missingItems", "missingFiles"}
One folder per task, one per unit under it, the unit's archived evidence files named after
their item (18③); 索引.xlsx lists every requirement × unit with missing evidence marked.
Files come from the archive (DUBAN_FILES, default beside the database). With several live
plans and no --plan, refused with the list of plans. DUBAN_DB is opened read-only.`,
  },
  backup: {
    usage: 'duban backup FILE [--json]',
    summary: 'An online backup of DUBAN_DB to FILE, with its evidence files, safe while the bot runs.',
    details: `  --json   {"database", "target", "pages", "files": {"folder", "store", "referenced",
           "linked", "copied", "present", "bytes", "missing", "missingHashes"}}
DUBAN_DB is opened read-only, at any schema version. FILE may not be the database or its
-wal, -shm or -journal file under any spelling. The evidence files the backup refers to are
copied from the archive (DUBAN_FILES, or beside DUBAN_DB) into the folder FILE-files
(b.sqlite: b-files), hard-linked on the same file system; only those not already there.
Exit code 1 when some are missing from the archive (the backup is still written).`,
  },
  restore: {
    usage: 'duban restore FILE [--json]',
    summary: 'Replace DUBAN_DB with a backup; refused while a bot runs on it.',
    details: `  --json   {"database", "source", "schema": {"applied", "expected", "relation"}, "keptAs",
           "files": {"folder", "included", "store", "referenced", "linked", "copied",
           "present", "bytes", "damaged", "damagedHashes", "missing", "missingHashes"}}
FILE must be a sound duban database, not from a newer duban. The database it replaces is
kept as DUBAN_DB.before-restore-<UTC time>. A backup of an older version is migrated when
the bot starts. The evidence files in FILE-files are put into the archive (DUBAN_FILES, or
beside DUBAN_DB), each checked against its sha256; none there is removed. Exit code 1 when
one is damaged or missing (the database is still restored, the files it names are not).`,
  },
  status: {
    usage: 'duban status [--json]',
    summary: "The bot's health: lock and heartbeat, last scheduler tick, outbox, failures.",
    details: `  --json   the full report (README, "Health")
Exit code 0 when healthy; 1 when unhealthy: no bot holds the lock, its heartbeat is over
30 s old, no scheduler tick for 5 minutes, or a message due over an hour ago is unsent.
Usable as a container's health check. DUBAN_DB is opened read-only.`,
  },
  units: {
    usage: 'duban units merge FROM INTO [--json]',
    summary: 'Merge unit FROM into unit INTO (one office written two ways).',
    details: `  --json   {"from", "into", "assignmentsMoved", "reportsMoved"}
FROM's tasks, people and reports move to INTO, and FROM is kept as INTO's alias for later imports.`,
  },
  help: {
    usage: 'duban help [COMMAND]',
    summary: 'This list, or the options of one command (the same as duban COMMAND --help).',
    details: '',
  },
  version: {
    usage: 'duban --version [--json]',
    summary: 'The version of duban (and with --json, of its database schema and Node.js).',
    details: '  --json   {"name", "version", "schema", "node"}',
  },
};

const EXIT_CODES = 'Exit codes: 0 done (status: healthy), 1 failed, refused or unhealthy, 2 wrong usage.';

const USAGE = `Usage:
${Object.values(COMMANDS)
  .map((c) => `  ${c.usage}\n      ${c.summary}`)
  .join('\n')}
The database is DUBAN_DB (default data/duban.sqlite). duban COMMAND --help tells more.
${EXIT_CODES}`;

function commandHelp(name: string): string {
  const command = COMMANDS[name]!;
  return `Usage: ${command.usage}\n${command.summary}\n${command.details ? `${command.details}\n` : ''}${EXIT_CODES}`;
}

/** duban's version, from the package.json above this file (bin/ in the sources, dist/bin/ compiled). */
export function packageVersion(): string {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    const file = join(folder, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'duban' && pkg.version) return pkg.version;
    }
    if (dirname(folder) === folder) return 'unknown';
  }
}

const wantsHelp = (args: string[]) => args.includes('--help') || args.includes('-h');
const isCommand = (name: string | undefined): name is string => name !== undefined && Object.hasOwn(COMMANDS, name);
const ALIASES: Record<string, string> = { '--version': 'version', '-V': 'version', '--help': 'help', '-h': 'help' };

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const [given, ...rest] = argv;
  const command = given !== undefined && Object.hasOwn(ALIASES, given) ? ALIASES[given] : given;
  try {
    if (isCommand(command) && command !== 'help' && wantsHelp(rest)) {
      io.out(commandHelp(command));
      return 0;
    }
    switch (command) {
      case 'deadline':
        return await deadlineCommand(rest, io);
      case 'import':
        return await importCommand(rest, io);
      case 'units':
        return await unitsCommand(rest, io);
      case 'reminders':
        return await remindersCommand(rest, io);
      case 'export':
        return await exportCommand(rest, io);
      case 'pack':
        return await packCommand(rest, io);
      case 'backup':
        return await backupCommand(rest, io);
      case 'restore':
        return await restoreCommand(rest, io);
      case 'status':
        return await statusCommand(rest, io);
      case 'version':
        return versionCommand(rest, io);
      case 'help': {
        const topic = rest[0] !== undefined && Object.hasOwn(ALIASES, rest[0]) ? ALIASES[rest[0]] : rest[0];
        if (isCommand(topic)) io.out(commandHelp(topic));
        else if (topic !== undefined) {
          io.err(`Unknown command "${topic}".\n${USAGE}`);
          return 2;
        } else io.out(USAGE);
        return 0;
      }
      case undefined:
        io.err(USAGE);
        return 2;
      default:
        io.err(`Unknown command "${command}".\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof ConfigError ||
      error instanceof MergeError ||
      error instanceof LedgerOptionsError ||
      error instanceof DatabaseOpenError ||
      (error as Error)?.name === 'RestoreError'
    ) {
      io.err((error as Error).message);
      return error instanceof UsageError ? 2 : 1;
    }
    if (error instanceof PlanInputError) {
      const { wordProblem } = await import('../plans/problems');
      io.err(wordProblem(await english(), error.problem));
      return 1;
    }
    throw error;
  }
}

class UsageError extends Error {}

function versionCommand(args: string[], io: CliIo): number {
  const { values, positionals } = parse('version', args, { json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`version takes no arguments.\n${commandHelp('version')}`);
  const version = packageVersion();
  if (values.json) {
    const journal = JSON.parse(
      readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'db', 'migrations', 'meta', '_journal.json'), 'utf8'),
    ) as { entries: unknown[] };
    io.out(JSON.stringify({ name: 'duban', version, schema: journal.entries.length, node: process.version }));
  } else {
    io.out(`duban ${version}`);
  }
  return 0;
}

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

function parse(command: string, args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${commandHelp(command)}`);
  }
}

function intOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, not "${value}"`);
  return n;
}

async function deadlineCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('deadline', args, {
    year: { type: 'string' },
    from: { type: 'string' },
    count: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError(`deadline takes one text argument.\n${commandHelp('deadline')}`);
  const text = positionals[0]!;
  const from = (values.from as string | undefined) ?? DateTime.fromJSDate(io.now(), { zone: PLAN_ZONE }).toISODate()!;
  if (!isCalendarDate(from)) throw new UsageError(`--from must be a date as YYYY-MM-DD, not "${from}"`);
  const year = intOption(values.year, 'year', 1900, 2999) ?? Number(from.slice(0, 4));
  const count = intOption(values.count, 'count', 1, 1000) ?? 1;
  const [{ readDeadline }, { nextDueDates }, { describeRule }] = await Promise.all([
    import('../plans/deadline'),
    import('../plans/due-dates'),
    import('../plans/describe'),
  ]);
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

/** The English locale, which words the importer's problems here as the bot does in each reader's language. */
async function english(): Promise<Translate> {
  const { createI18n } = await import('../bot/i18n');
  const i18n = createI18n();
  return (key, args) => i18n.t('en', key, args);
}

async function readPlanFile(file: string, year: number | undefined) {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const where = { file };
    if (code === 'ENOENT') throw refusal('file-not-found', where, {});
    if (code === 'EISDIR') throw refusal('file-is-folder', where, {});
    throw refusal('file-unreadable', where, { detail: (error as Error).message });
  }
  const { readPlan } = await import('../plans/import');
  return readPlan(basename(file), bytes, { year });
}

async function remindersCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('reminders', args, {
    year: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError(`reminders takes one file.\n${commandHelp('reminders')}`);
  const from = values.from as string | undefined;
  const to = values.to as string | undefined;
  if (from === undefined || !isCalendarDate(from)) throw new UsageError(`--from must be a date as YYYY-MM-DD, not "${from ?? ''}"`);
  if (to === undefined || !isCalendarDate(to)) throw new UsageError(`--to must be a date as YYYY-MM-DD, not "${to ?? ''}"`);
  if (to < from) throw new UsageError(`--to (${to}) is before --from (${from})`);
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) > 2) throw new UsageError('the span may cover at most three calendar years');
  const year = intOption(values.year, 'year', 1900, 2999);
  const preview = await readPlanFile(positionals[0]!, year ?? Number(from.slice(0, 4)));
  const { previewReminders } = await import('../schedules/preview');
  const result = previewReminders(preview, from, to);
  for (const y of result.yearsWithoutHolidays) {
    io.err(`warning: the holiday calendar has no data for ${y}; plain weekends were assumed (load the official schedule with /calendar)`);
  }
  if (values.json) {
    io.out(JSON.stringify(result.reminders));
  } else {
    for (const r of result.reminders)
      io.out(`${r.at}  ${r.kind.padEnd(7)} ${r.unit} ${r.task}-${r.requirement} (due ${r.due.slice(0, 10)})`);
    io.out(`${result.reminders.length} reminder(s).`);
  }
  return 0;
}

async function importCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('import', args, {
    year: { type: 'string' },
    'dry-run': { type: 'boolean' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1) throw new UsageError(`import takes one file.\n${commandHelp('import')}`);
  const preview = await readPlanFile(positionals[0]!, intOption(values.year, 'year', 1900, 2999));
  const [{ previewJson }, { describeCommit, describePreview, describeProblems }, { problemJson }, t] = await Promise.all([
    import('../plans/import'),
    import('../plans/describe'),
    import('../plans/problems'),
    english(),
  ]);
  const problems = preview.problems.map((p) => problemJson(t, p));
  if (values['dry-run']) {
    io.out(values.json ? JSON.stringify({ ...previewJson(preview), problems }, null, 2) : describePreview(preview, t));
    return 0;
  }
  const { commitPlan } = await import('../plans/commit');
  const config = readConfig(io.env);
  const database = openDatabase(config.database.file);
  try {
    const result = commitPlan(database.db, preview, { actor: { personId: null, label: 'cli' }, now: io.now() });
    io.out(
      values.json
        ? JSON.stringify({ ...result, problems }, null, 2)
        : `${describeCommit(result)}\n${describeProblems(preview.problems, t, 'problem(s), flagged for an admin to fix:')}`,
    );
  } finally {
    database.close();
  }
  return 0;
}

async function unitsCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('units', args, { json: { type: 'boolean' } });
  const [action, from, into, ...extra] = positionals;
  if (action !== 'merge' || from === undefined || into === undefined || extra.length > 0) {
    throw new UsageError(`units takes: merge FROM INTO.\n${commandHelp('units')}`);
  }
  const { mergeUnits } = await import('../plans/merge-units');
  const database = openDatabase(readConfig(io.env).database.file);
  try {
    const result = mergeUnits(database.db, { from, into }, { actor: { personId: null, label: 'cli' }, now: io.now() });
    io.out(
      values.json
        ? JSON.stringify(result)
        : `Merged "${result.from}" into "${result.into}": ${result.assignmentsMoved} assignment(s) and ${result.reportsMoved} report(s) moved; "${result.from}" is now an alias.`,
    );
  } finally {
    database.close();
  }
  return 0;
}

async function exportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('export', args, { out: { type: 'string' }, period: { type: 'string' }, json: { type: 'boolean' } });
  const out = values.out as string | undefined;
  if (positionals.length > 0 || out === undefined || out === '') throw new UsageError(`export takes --out FILE.\n${commandHelp('export')}`);
  const file = readConfig(io.env).database.file;
  // The ledger is written from a private snapshot (takeSnapshot).
  const live = openDatabaseReadOnly(file);
  let snapshot: { file: string; remove(): void } | undefined;
  try {
    snapshot = await takeSnapshot(live, 'duban-export-');
    const { exportLedgerToFile } = await import('../digests/ledger/export-file');
    const result = await exportLedgerToFile(snapshot.file, out, { period: values.period as string | undefined, now: io.now() });
    io.out(
      values.json
        ? JSON.stringify({ out: resolve(out), rows: result.rows, reports: result.reports })
        : `Wrote ${out}: ${result.rows} ledger row(s), ${result.reports} report(s).`,
    );
    return 0;
  } catch (error) {
    if (error instanceof LedgerOptionsError) throw error;
    io.err(`${out}: ${(error as Error).message}`);
    return 1;
  } finally {
    snapshot?.remove();
  }
}

/**
 * A private copy of the database in a temporary folder, for a command that reads a lot (the
 * ledger, the pack): the live file is only opened read-only (openDatabaseReadOnly, which
 * refuses another schema version) and closed once copied, so no read transaction is held on it
 * while the output streams out (a long one would keep the bot's WAL from being checkpointed).
 * `remove()` deletes the copy.
 */
async function takeSnapshot(live: Database_, prefix: string): Promise<{ file: string; remove(): void }> {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(folder, { recursive: true, force: true });
  try {
    const copy = join(folder, 'snapshot.sqlite');
    await copyDatabase(live.sqlite, copy);
    return { file: copy, remove };
  } catch (error) {
    remove();
    throw error;
  } finally {
    live.close();
  }
}

/** The inspection pack of a plan (digests/pack), from a snapshot of the database like the ledger. */
async function packCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('pack', args, { out: { type: 'string' }, plan: { type: 'string' }, json: { type: 'boolean' } });
  const out = values.out as string | undefined;
  if (positionals.length > 0 || out === undefined || out === '') throw new UsageError(`pack takes --out FILE.zip.\n${commandHelp('pack')}`);
  const planId = intOption(values.plan, 'plan', 1, Number.MAX_SAFE_INTEGER);
  const config = readConfig(io.env);
  const file = config.database.file;
  const [{ fileStoreRoot }, { writePack }, { PackPlanError }, { describeBytes }] = await Promise.all([
    import('../db/file-store'),
    import('../digests/pack/write'),
    import('../digests/pack/data'),
    import('./backup-files'),
  ]);
  const storeRoot = fileStoreRoot(file, config.database.filesDir);
  // As for the ledger: a private snapshot, so the pack's two passes over the plan see the same
  // rows and no read transaction is held on the bot's database while gigabytes stream out.
  const live = openDatabaseReadOnly(file);
  let snapshot: { file: string; remove(): void } | undefined;
  try {
    snapshot = await takeSnapshot(live, 'duban-pack-');
    const database = openDatabaseReadOnly(snapshot.file);
    let result;
    try {
      result = await writePack(database.db, storeRoot, out, { planId, now: io.now() });
    } finally {
      database.close();
    }
    if (result.notInStore > 0) io.err(`warning: ${result.notInStore} archived file(s) are missing from ${storeRoot}; 索引.xlsx marks them`);
    if (result.damaged > 0)
      io.err(`warning: ${result.damaged} file(s) in ${storeRoot} no longer match their sha256; packed, and marked in 索引.xlsx`);
    if (values.json) {
      const { out: written, plan, files, bytes, zipBytes, assignments, missingItems, missingFiles } = result;
      io.out(
        JSON.stringify({
          out: written,
          plan: { id: plan.id, title: plan.title },
          files,
          bytes,
          zipBytes,
          assignments,
          missingItems,
          missingFiles,
        }),
      );
    } else {
      io.out(
        `Wrote ${out} (plan ${result.plan.id}): ${result.files} file(s), ${describeBytes(result.bytes)}; ${result.missingItems} of ${result.assignments} item(s) × unit without evidence; ${result.missingFiles} file(s) not packed.`,
      );
    }
    return 0;
  } catch (error) {
    if (error instanceof PackPlanError) {
      io.err(error.message);
      return 1;
    }
    io.err(`${out}: ${(error as Error).message}`);
    return 1;
  } finally {
    snapshot?.remove();
  }
}

/** SQLite's online backup: a consistent copy while the bot keeps writing. */
async function backupCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('backup', args, { json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError(`backup takes one file.\n${commandHelp('backup')}`);
  const target = positionals[0]!;
  const config = readConfig(io.env);
  const file = config.database.file;
  // Writing the copy over the database or the files SQLite keeps beside it would destroy it.
  const own = databaseFileNamed(target, file);
  if (own !== undefined) {
    io.err(
      `${target}: this is ${own === file ? 'the database itself' : `the database's ${own.slice(file.length)} file`} (${file}); back up to another file`,
    );
    return 1;
  }
  const [{ backupFiles, backupFilesFolder, describeBytes, listHashes }, { realPath }, { fileStoreRoot }] = await Promise.all([
    import('./backup-files'),
    import('./same-file'),
    import('../db/file-store'),
  ]);
  const store = fileStoreRoot(file, config.database.filesDir);
  // The backup's files beside FILE must not be the archive itself (FILE named like the database, in its folder).
  if (realPath(backupFilesFolder(target)) === realPath(store)) {
    io.err(`${target}: its files would go to ${backupFilesFolder(target)}, the evidence archive itself; back up to a file of another name`);
    return 1;
  }
  // Read-only and at any schema version: a backup before an upgrade is when one matters most.
  const database = openDatabaseReadOnly(file, { anySchema: true });
  let totalPages: number;
  try {
    mkdirSync(dirname(resolve(target)), { recursive: true }); // backups/ on a first run
    ({ totalPages } = await copyDatabase(database.sqlite, target));
  } catch (error) {
    io.err(`${target}: ${(error as Error).message}`);
    return 1;
  } finally {
    database.close();
  }
  // Then the files it refers to (bin/backup-files.ts): at least those, as the copy came first.
  let files;
  try {
    files = await backupFiles(target, store);
  } catch (error) {
    io.err(
      `${backupFilesFolder(target)}: ${(error as Error).message} (the database was backed up to ${target}; its files were not all copied)`,
    );
    return 1;
  }
  if (values.json) {
    io.out(JSON.stringify({ database: resolve(file), target: resolve(target), pages: totalPages, files }));
  } else {
    io.out(`Backed up ${file} to ${target} (${totalPages} pages).`);
    if (files.referenced > 0)
      io.out(
        `Evidence files into ${files.folder}: ${files.linked} linked, ${files.copied} copied (${describeBytes(files.bytes)}), ${files.present} already there.`,
      );
  }
  if (files.missing > 0) {
    io.err(
      `${target}: ${files.missing} evidence file(s) it refers to are not in the archive ${store} (or not at their recorded size), so not in the backup: ${listHashes(files.missingHashes)}`,
    );
    return 1;
  }
  return 0;
}

/** Replaces the database with a backup while no bot runs (bin/restore.ts). */
async function restoreCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('restore', args, { json: { type: 'boolean' } });
  if (positionals.length !== 1) throw new UsageError(`restore takes one file.\n${commandHelp('restore')}`);
  const source = positionals[0]!;
  const file = readConfig(io.env).database.file;
  const own = databaseFileNamed(source, file);
  if (own !== undefined) {
    io.err(
      `${source}: this is ${own === file ? 'the database itself' : `the database's ${own.slice(file.length)} file`} (${file}); restore from a backup`,
    );
    return 1;
  }
  const [{ restoreDatabase }, { describeBytes, listHashes }] = await Promise.all([import('./restore'), import('./backup-files')]);
  const result = await restoreDatabase(file, source, io.now(), { filesDir: readConfig(io.env).database.filesDir });
  const { files } = result;
  if (values.json) {
    io.out(JSON.stringify(result));
  } else {
    const { applied, expected, relation } = result.schema;
    io.out(
      `Restored ${file} from ${source} (schema version ${applied}${relation === 'older' ? `; the bot migrates it to version ${expected} when it starts` : ''}).`,
    );
    io.out(result.keptAs ? `The database it replaced is kept as ${result.keptAs}.` : 'There was no database to replace.');
    io.out(
      files.included
        ? `Evidence files from ${files.folder} into ${files.store}: ${files.linked} linked, ${files.copied} copied (${describeBytes(files.bytes)}), ${files.present} already there.`
        : `No evidence files came with this backup (no folder ${files.folder}); ${
            files.referenced === 0
              ? 'it refers to none'
              : `${files.referenced - files.missing} of the ${files.referenced} it refers to are already in ${files.store}`
          }.`,
    );
  }
  if (files.damaged > 0) {
    io.err(
      `${files.folder}: ${files.damaged} evidence file(s) are damaged (their bytes do not match their sha256) and were not restored: ${listHashes(files.damagedHashes)}`,
    );
  }
  if (files.missing > 0) {
    io.err(
      `${files.missing} evidence file(s) the restored database refers to are not in ${files.store}: ${listHashes(files.missingHashes)}. Copy them (same layout, ab/abcdef…) from another backup's -files folder.`,
    );
  }
  return files.damaged > 0 || files.missing > 0 ? 1 : 0;
}

/** The health report; exit code 1 when unhealthy (bin/status.ts). */
async function statusCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse('status', args, { json: { type: 'boolean' } });
  if (positionals.length > 0) throw new UsageError(`status takes no arguments.\n${commandHelp('status')}`);
  const file = resolve(readConfig(io.env).database.file);
  const { readStatus, describeStatus } = await import('./status');
  const database = openDatabaseReadOnly(file);
  let report;
  try {
    report = readStatus(database, file, io.now());
  } finally {
    database.close();
  }
  io.out(values.json ? JSON.stringify(report, null, 2) : describeStatus(report).join('\n'));
  return report.healthy ? 0 : 1;
}
