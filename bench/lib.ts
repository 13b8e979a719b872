/** Shared helpers for the benchmark: seeded randomness, temp databases, timing and RSS sampling. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase, type Database_ } from '../db';

/** mulberry32: a small seeded PRNG, so every run builds the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
}

export interface ScenarioContext {
  /** 1 for the full run, 1/20 for --smoke. */
  scale: number;
  smoke: boolean;
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
    target.op === '<' ? value < target.limit : target.op === '<=' ? value <= target.limit : target.op === '>=' ? value >= target.limit : value > target.limit;
  return { name, value, unit, target: `${target.op} ${target.limit}`, met };
}
