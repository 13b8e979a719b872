/**
 * The loop every drill shares: generate inputs from a fixed seed, call the target in the
 * watchdog's worker, time the call, check the outcome, and fail with the input when a
 * property breaks. The failing input is also written to a temporary file to replay it.
 */
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanPreview } from '../../../plans/import';
import type { FileInput, TargetInput, TargetName } from './targets';
import type { Timed, Watchdog } from './watchdog';
import { previewViolations } from './checks';

/** One seed for every drill: a failure found once is found again, on any machine. */
export const SEED = 20_200_731;

/**
 * The time a plan file may take to read: 2 s, and 2 s more per megabyte past the first. The
 * readers' work is linear in the input at best (csv-parse alone takes about 1 s for a
 * million fields), so a 10 MB file cannot be held to 2 s; what the bound must catch is
 * work that grows faster than the input, which at these sizes takes minutes.
 */
export function fileBoundMs(bytes: number): number {
  return 2000 + 2000 * Math.max(0, bytes / 1_000_000 - 1);
}

/** The time a reader call may take: 50 ms for a cell's text, 5 ms more per 1,000 characters past 10,000. */
export function readerBoundMs(characters: number): number {
  return 50 + 5 * Math.max(0, characters / 1000 - 10);
}

/** When the watchdog gives up on a call: well past the bound, so that only a real hang reaches it. */
export const hardLimitMs = (boundMs: number) => 5 * boundMs + 2000;

/**
 * Calls `target` and, when the call was slower than `boundMs`, twice more, keeping the
 * fastest: a garbage collection or a busy machine slows one call, backtracking every call.
 */
export async function timedCall<T extends TargetName>(watchdog: Watchdog, target: T, input: TargetInput<T>, boundMs: number): Promise<Timed> {
  const limit = hardLimitMs(boundMs);
  let best = await watchdog.call(target, input, limit);
  for (let retry = 0; retry < 2 && best.outcome.kind !== 'hung' && best.outcome.kind !== 'died' && best.elapsedMs > boundMs; retry++) {
    const again = await watchdog.call(target, input, limit);
    if (again.elapsedMs < best.elapsedMs) best = again;
  }
  return best;
}

/** What is wrong with a call's outcome apart from its value: hung, died, too slow, threw. */
export function outcomeViolations(timed: Timed, boundMs: number, thrown: (name: string, message: string, planInputError: boolean) => string[]): string[] {
  const { outcome } = timed;
  if (outcome.kind === 'hung') return [`hung: still running after ${timed.elapsedMs} ms`];
  if (outcome.kind === 'died') return [`crashed the worker: ${outcome.message}`];
  const out = timed.elapsedMs > boundMs ? [`took ${timed.elapsedMs.toFixed(0)} ms, over the ${boundMs} ms bound`] : [];
  if (outcome.kind === 'threw') out.push(...thrown(outcome.name, outcome.message, outcome.planInputError).map((v) => `${v}\n${outcome.stack.split('\n').slice(0, 6).join('\n')}`));
  return out;
}

/** readPlan: a preview with a sane shape, or a PlanInputError whose message starts with the file's name. */
export async function fileViolations(watchdog: Watchdog, input: FileInput): Promise<string[]> {
  const bound = fileBoundMs(input.bytes.byteLength);
  const timed = await timedCall(watchdog, 'readPlan', input, bound);
  const out = outcomeViolations(timed, bound, (name, message, planInputError) => {
    if (!planInputError) return [`threw ${name} (not a PlanInputError): ${message.slice(0, 300)}`];
    return message.startsWith(input.name) ? [] : [`the message does not start with the file name: ${message.slice(0, 300)}`];
  });
  if (timed.outcome.kind === 'returned') out.push(...previewViolations(timed.outcome.value as PlanPreview, input.name));
  return out;
}

/** A generated input with a short description, which fast-check prints instead of megabytes. */
export interface Described {
  label: string;
}

export function describe<T extends object>(label: string, value: T): T & Described {
  const summary = () => `${label} ${summarize(value)}`;
  return Object.assign(value, { label, [fc.toStringMethod]: summary });
}

function summarize(value: object): string {
  const fields = Object.entries(value)
    .filter(([key]) => key !== 'label')
    .map(([key, v]) => `${key}: ${excerpt(v)}`);
  return `{ ${fields.join(', ')} }`;
}

function excerpt(value: unknown): string {
  if (value instanceof Uint8Array) {
    return `${value.byteLength} bytes ${Buffer.from(value.subarray(0, 48)).toString('hex')}${value.byteLength > 48 ? '…' : ''}`;
  }
  if (typeof value === 'string') {
    return value.length > 160 ? `${value.length} chars ${JSON.stringify(value.slice(0, 80))}…${JSON.stringify(value.slice(-40))}` : JSON.stringify(value);
  }
  return JSON.stringify(value) ?? String(value);
}

/** Keeps a failing input on disk (its path goes into the failure message) so it can be replayed by hand. */
export function keepFailingInput(drill: string, data: Uint8Array | string): string {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  const dir = join(tmpdir(), 'duban-faults');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${drill}-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`);
  writeFileSync(file, bytes);
  return file;
}

export interface DrillRun<T> {
  /** A name for messages and failing-input files: "xlsx", "readQuota". */
  drill: string;
  inputs: fc.Arbitrary<T & Described>;
  numRuns: number;
  /** The violations of one input; an empty list passes. */
  check: (input: T & Described) => Promise<string[]>;
  /** The bytes or text of an input, to keep when it fails. */
  payload: (input: T) => Uint8Array | string;
}

/**
 * Runs a drill under fast-check with the fixed seed; returns how many inputs were tried.
 * Stops at the first failing input; with FAULTS_ALL=1 it tries them all and lists every
 * failure (to triage a new bug class), and with FAULTS_SHRINK=1 fast-check shrinks it.
 * FAULTS_TRACE=1 prints each input's label and time, to see where a drill spends it.
 */
export async function runDrill<T>(run: DrillRun<T>): Promise<number> {
  let tried = 0;
  const failures: string[] = [];
  await fc.assert(
    fc.asyncProperty(run.inputs, async (input) => {
      tried++;
      const start = performance.now();
      const violations = await run.check(input);
      if (process.env.FAULTS_TRACE === '1') console.log(`${run.drill} #${tried} ${(performance.now() - start).toFixed(0)} ms ${input.label}`);
      if (violations.length === 0) return;
      const kept = keepFailingInput(run.drill, run.payload(input));
      const failure = `${run.drill}: ${input.label}\n  - ${violations.join('\n  - ')}\n  input kept in ${kept}`;
      if (process.env.FAULTS_ALL !== '1') throw new Error(failure);
      console.log(failure);
      failures.push(failure);
    }),
    { seed: SEED, numRuns: run.numRuns, endOnFailure: process.env.FAULTS_SHRINK !== '1' },
  );
  if (failures.length > 0) throw new Error(`${failures.length} of ${tried} inputs failed:\n${failures.join('\n')}`);
  return tried;
}
