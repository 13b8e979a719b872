/**
 * The loop every drill shares: generate inputs from a fixed seed, call the target in the
 * watchdog's worker within its time bound, check the outcome, and fail with the input when
 * a property breaks. The failing input is also written to a temporary file to replay it.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanPreview } from '../../../plans/import';
import { previewViolations } from './checks';
import type { Described } from './labels';
import type { FileInput } from './targets';
import { fileBoundMs, timedCall } from './time-bounds';
import { Watchdog, type Timed } from './watchdog';

/** One seed for every drill: a failure found once is found again, on any machine. */
export const SEED = 20_200_731;

/** What is wrong with a call's outcome apart from its value: hung, died, too slow, threw. */
export function outcomeViolations(
  timed: Timed,
  boundMs: number,
  thrown: (name: string, message: string, planInputError: boolean) => string[],
): string[] {
  const { outcome } = timed;
  if (outcome.kind === 'hung') return [`hung: still running after ${timed.elapsedMs} ms`];
  if (outcome.kind === 'died') return [`crashed the worker: ${outcome.message}`];
  const out = timed.elapsedMs > boundMs ? [`took ${timed.elapsedMs.toFixed(0)} ms, over the ${boundMs.toFixed(0)} ms bound`] : [];
  if (outcome.kind === 'threw')
    out.push(
      ...thrown(outcome.name, outcome.message, outcome.planInputError).map(
        (v) => `${v}\n${outcome.stack.split('\n').slice(0, 6).join('\n')}`,
      ),
    );
  return out;
}

/**
 * readPlan: a preview with a sane shape, or a PlanInputError whose message starts with the
 * file name. `size` is what the time bound scales with: the file's bytes, or for a workbook
 * what its parts unpack to (exceljs reads the XML, not the archive).
 */
export async function fileViolations(watchdog: Watchdog, input: FileInput, size = input.bytes.byteLength): Promise<string[]> {
  const bound = fileBoundMs(size);
  const timed = await timedCall(watchdog, 'readPlan', input, bound);
  const out = outcomeViolations(timed, bound, (name, message, planInputError) => {
    if (!planInputError) return [`threw ${name} (not a PlanInputError): ${message.slice(0, 300)}`];
    return message.startsWith(input.name) ? [] : [`the message does not start with the file name: ${message.slice(0, 300)}`];
  });
  if (timed.outcome.kind === 'returned') out.push(...previewViolations(timed.outcome.value as PlanPreview, input.name));
  return out;
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
      if (process.env.FAULTS_TRACE === '1')
        console.log(`${run.drill} #${tried} ${(performance.now() - start).toFixed(0)} ms ${input.label}`);
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

/** A generated or hand-written file input whose bytes are built when it is tried. */
export interface BuiltFile {
  year: number | null;
  build: () => Promise<Uint8Array>;
}

export interface FileDrill<T extends BuiltFile> {
  /** A name for messages and failing-input files: "docx". */
  drill: string;
  /** What the drill covers, in the describe block's title: "the .docx importer". */
  title: string;
  /** What an input is, in the generated test's title: "documents". */
  noun: string;
  inputs: fc.Arbitrary<T & Described>;
  /** The name readPlan is given, which picks the importer: "plan.docx". */
  fileName: string;
  /** What the time bound scales with (see fileViolations); the file's bytes unless given. */
  sizeOf?: (bytes: Uint8Array, input: T) => number;
  /** Extremes written by hand, each checked on its own after the generated inputs. */
  handwritten?: readonly (T & Described)[];
}

/**
 * The drill of one file importer: FAULTS_RUNS generated inputs (1,100 unless set; fewer fail
 * the at-least-1,000 check on purpose), then each hand-written extreme, every one built and
 * read by readPlan in a watchdog's worker and checked by fileViolations.
 */
export function describeFileDrill<T extends BuiltFile>(spec: FileDrill<T>): void {
  const runs = Number(process.env.FAULTS_RUNS ?? 1100);
  const watchdog = new Watchdog();
  afterAll(() => watchdog.close());

  /** Builds the input and reads it; `keep` gets the bytes, to keep them if the input fails. */
  async function check(input: T, keep: (bytes: Uint8Array) => void): Promise<string[]> {
    const bytes = await input.build();
    keep(bytes);
    const size = spec.sizeOf ? spec.sizeOf(bytes, input) : bytes.byteLength;
    return fileViolations(watchdog, { name: spec.fileName, bytes, year: input.year }, size);
  }

  describe(`fault drill: ${spec.title}`, () => {
    it(`${runs} generated ${spec.noun}`, async () => {
      // Only the input under test is kept: its bytes are the payload if it fails.
      let built: { input: T; bytes: Uint8Array } | null = null;
      const tried = await runDrill<T>({
        drill: spec.drill,
        inputs: spec.inputs,
        numRuns: runs,
        payload: (input) => (built?.input === input ? built.bytes : new Uint8Array()),
        check: (input) => {
          built = null;
          return check(input, (bytes) => (built = { input, bytes }));
        },
      });
      expect(tried).toBeGreaterThanOrEqual(1000);
    });

    const handwritten = spec.handwritten;
    if (handwritten === undefined) return;
    it(`${handwritten.length} hand-written extremes`, async () => {
      const failures: string[] = [];
      for (const input of handwritten) {
        let bytes: Uint8Array = new Uint8Array();
        const violations = await check(input, (b) => (bytes = b));
        if (violations.length > 0)
          failures.push(`${input.label}: ${violations.join('; ')} (input kept in ${keepFailingInput(spec.drill, bytes)})`);
      }
      expect(failures).toEqual([]);
    });
  });
}
