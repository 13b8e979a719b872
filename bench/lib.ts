/**
 * Shared helpers for the benchmark: seeded randomness, temp databases, timing and RSS sampling;
 * the run each scenario's figures come from (date, commit, machine), and the figures table of
 * bench/README.md generated from bench/results.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Database_ } from '../db';
import { seededRandom } from '../sandbox/emulator/random';

/** mulberry32: a small seeded PRNG, so every run builds the same data (the emulator's, one copy). */
export const prng = seededRandom;

export function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

export interface TempDb extends Database_ {
  file: string;
  dispose(): void;
}

/** A migrated SQLite file under the OS temp dir; `dispose` closes and removes it. */
export function tempDatabase(): TempDb {
  const dir = mkdtempSync(join(tmpdir(), 'duban-bench-'));
  const file = join(dir, 'duban.sqlite');
  const database = openDatabase(file);
  return {
    ...database,
    file,
    dispose() {
      try {
        database.close();
      } catch {
        // already closed
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Samples RSS every few ms while `fn` runs; returns its result, wall time, CPU time and peak RSS. */
export async function measure<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; cpuMs: number; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const cpu = process.cpuUsage();
  const start = performance.now();
  try {
    const value = await fn();
    const ms = performance.now() - start;
    const used = process.cpuUsage(cpu);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, ms, cpuMs: (used.user + used.system) / 1000, peakRssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

/** Peak RSS over a synchronous stretch can't be sampled by a timer: read it before and after. */
export function rssMb(): number {
  return process.memoryUsage().rss / 1024 / 1024;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** One figure of a scenario, compared with its target (a goal, not a pass/fail). */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** e.g. "<= 3", "< 200", ">= 95"; absent for figures shown for context only. */
  target?: string;
  met?: boolean;
}

export interface ScenarioResult {
  figures: Figure[];
  /** Things that make the scenario BROKEN (wrong counts, errors); empty when it worked. */
  problems: string[];
  notes: string[];
  /** For scenarios whose size is a number of units: the run's point on the growth curve (bench/growth.ts). */
  growth?: GrowthPoint;
}

/** What a run of a scenario at a number of units cost: its main time and the memory it took. */
export interface GrowthPoint {
  units: number;
  /** What the time is of (e.g. "dry run + commit"). */
  what: string;
  ms: number;
  peakRssMb: number;
  /** RSS of the process before the measured work: peak − base is what the work took. */
  baseRssMb: number;
}

export interface ScenarioContext {
  /** 1 for the full run, 1/20 for --smoke. */
  scale: number;
  smoke: boolean;
  /** For the scenarios sized by units (import, planning, summaries): how many, instead of their default × scale. */
  units?: number;
  log: (line: string) => void;
}

export interface Scenario {
  name: string;
  description: string;
  run(ctx: ScenarioContext): Promise<ScenarioResult>;
}

export function figure(name: string, value: number, unit: string, target?: { op: '<' | '<=' | '>=' | '>'; limit: number }): Figure {
  if (!target) return { name, value, unit };
  const met =
    target.op === '<'
      ? value < target.limit
      : target.op === '<='
        ? value <= target.limit
        : target.op === '>='
          ? value >= target.limit
          : value > target.limit;
  return { name, value, unit, target: `${target.op} ${target.limit}`, met };
}

/** The machine a scenario ran on. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
}

/** Which run a scenario's figures come from. */
export interface RunInfo {
  /** When the scenario started, ISO 8601 in UTC (a bare date for figures whose time was not kept). */
  date: string;
  /** `git rev-parse --short HEAD` when the scenario ran; null when it was not recorded. */
  commit: string | null;
  /**
   * The tree had changes not in `commit` when the scenario ran (`git status --porcelain`, the
   * bench's own bench/results.json and bench/README.md aside); null when not recorded.
   */
  dirty: boolean | null;
  machine: Machine;
  /** For figures recorded before runs were: what is known of where they come from. */
  note?: string;
}

/** bench/results.json: each scenario's latest figures, with the run they come from. */
export interface ResultsFile {
  scenarios: Record<string, ScenarioResult & { ms: number; run: RunInfo }>;
}

export function machineInfo(): Machine {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

/** The bench's own output: a run that changed only these ran on the commit's code. */
const BENCH_OUTPUT = ['bench/results.json', 'bench/README.md'];

/** The commit checked out in `root` and whether the tree differs from it; nulls outside a git checkout. */
export function gitState(root: string): { commit: string | null; dirty: boolean | null } {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    const commit = git('rev-parse', '--short', 'HEAD').trim();
    const changed = git('status', '--porcelain', '--untracked-files=all')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => line.slice(3).replace(/^"|"$/g, ''))
      .filter((path) => !BENCH_OUTPUT.includes(path));
    return { commit, dirty: changed.length > 0 };
  } catch {
    return { commit: null, dirty: null };
  }
}

/** A figure's value as the runner prints it: integers whole, two decimals below 100, none above. */
export function formatValue(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
}

export const FIGURES_START = '<!-- figures:start (generated from results.json by npm run bench:readme; do not edit) -->';
export const FIGURES_END = '<!-- figures:end -->';

function describeRun(run: RunInfo): string {
  const date = run.date.length > 10 ? `${run.date.slice(0, 10)} ${run.date.slice(11, 16)} UTC` : run.date;
  const commit =
    run.commit === null
      ? 'commit not recorded'
      : run.dirty === null
        ? run.commit
        : run.dirty
          ? `${run.commit} + uncommitted changes`
          : run.commit;
  return `${date}, ${commit}`;
}

function describeMachine(machine: Machine): string {
  return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.platform}`;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').trim();

/**
 * The figures part of bench/README.md: the machine(s), then one row per figure of every
 * scenario in results.json, each naming the run (date, commit) it comes from. Refuses a
 * scenario without its run.
 */
export function renderFigures(results: ResultsFile): string {
  const entries = Object.entries(results.scenarios);
  for (const [name, result] of entries) {
    if (!result.run?.date || result.run.commit === undefined || !result.run.machine)
      throw new Error(`bench/results.json: scenario ${name} does not say which run its figures come from`);
  }
  const machines = new Set(entries.map(([, result]) => describeMachine(result.run.machine)));
  const lines: string[] = [];
  if (machines.size === 1) lines.push(`Every scenario ran on **${[...machines][0]}**.`);
  else for (const [name, result] of entries) lines.push(`- ${name} ran on **${describeMachine(result.run.machine)}**.`);
  const notes = entries.filter(([, result]) => result.run.note);
  if (notes.length > 0) {
    lines.push('', 'Runs recorded before results.json named their commit:', '');
    for (const [name, result] of notes) lines.push(`- ${name}: ${result.run.note}`);
  }
  lines.push('', '| scenario | run (date, commit) | figure | measured | target | met |', '|---|---|---|---|---|---|');
  for (const [name, result] of entries) {
    const run = describeRun(result.run);
    for (const f of result.figures) {
      const unit = f.unit === '' ? '' : ` ${f.unit}`;
      const met = f.met === undefined ? '' : f.met ? 'yes' : 'NO';
      lines.push(
        `| ${cell(name)} | ${cell(run)} | ${cell(f.name)} | ${cell(`${formatValue(f.value)}${unit}`)} | ${cell(f.target ? `${f.target}${unit}` : '')} | ${met} |`,
      );
    }
    if (result.problems.length > 0) lines.push(`| ${cell(name)} | ${cell(run)} | BROKEN | ${cell(result.problems.join('; '))} | | |`);
  }
  return lines.join('\n');
}

/** `readme` with the text between the figures markers replaced by `renderFigures(results)`. */
export function withFigures(readme: string, results: ResultsFile): string {
  const start = readme.indexOf(FIGURES_START);
  const end = readme.indexOf(FIGURES_END);
  if (start < 0 || end < start) throw new Error(`bench/README.md: the markers ${FIGURES_START} and ${FIGURES_END} are missing`);
  return `${readme.slice(0, start + FIGURES_START.length)}\n${renderFigures(results)}\n${readme.slice(end)}`;
}
