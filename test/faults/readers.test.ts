/**
 * Fault drill for the readers a plan's cells go through: deadlines, deadline cells, quotas
 * and responsibility expressions. They never throw, stay within the time bound (50 ms for
 * a cell's text, proportionally more past 10,000 characters; see readerBoundMs), and
 * always answer in their documented shape.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeadlineReading, Quota, Responsibility } from '../../plans/types';
import { deadlineViolations, quotaViolations, responsibilityViolations, splitViolations } from './support/checks';
import { outcomeViolations, runDrill } from './support/drill';
import { labelled } from './support/labels';
import { readerBoundMs, timedCall } from './support/time-bounds';
import { DEADLINES, REQUIREMENTS, RESPONSIBILITIES } from './support/fixtures';
import type { TargetName, TextInput } from './support/targets';
import { readerText } from './support/text-arbitraries';
import { Watchdog } from './support/watchdog';

/** Inputs per reader: at least 1,000 each. */
const RUNS = Number(process.env.FAULTS_RUNS ?? 1200);
/** The longest reader input: a huge spreadsheet cell. */
const MAX_CELL = 100_000;

const watchdog = new Watchdog();
afterAll(() => watchdog.close());

const neverThrows = (name: string, message: string) => [`threw ${name}: ${message.slice(0, 300)}`];

function readerDrill(target: TargetName, samples: string[], valueViolations: (value: unknown, input: TextInput) => string[]) {
  const inputs = fc
    .record({ text: readerText(samples, MAX_CELL), year: fc.constantFrom(null, 2020, 2026) })
    .map((input) => labelled(`a ${input.text.length}-character text`, input));
  return runDrill({
    drill: target,
    inputs,
    numRuns: RUNS,
    payload: (input) => input.text,
    check: async (input) => {
      const bound = readerBoundMs(input.text.length);
      const timed = await timedCall(watchdog, target, { text: input.text, year: input.year }, bound);
      const out = outcomeViolations(timed, bound, neverThrows);
      if (timed.outcome.kind === 'returned') out.push(...valueViolations(timed.outcome.value, input));
      return out;
    },
  });
}

describe('fault drill: the readers never throw, never hang, and answer in shape', () => {
  it(`readDeadline (${RUNS} inputs)`, async () => {
    const tried = await readerDrill('readDeadline', DEADLINES, (value, input) => deadlineViolations(value as DeadlineReading, input.text));
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`splitDeadlineCell (${RUNS} inputs)`, async () => {
    const tried = await readerDrill('splitDeadlineCell', DEADLINES, (value, input) => splitViolations(value as string[], input.text));
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`readQuota (${RUNS} inputs)`, async () => {
    const tried = await readerDrill('readQuota', REQUIREMENTS, (value, input) => quotaViolations(value as Quota | null, input.text));
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`readResponsibility (${RUNS} inputs)`, async () => {
    const tried = await readerDrill('readResponsibility', RESPONSIBILITIES, (value) => responsibilityViolations(value as Responsibility));
    expect(tried).toBeGreaterThanOrEqual(1000);
  });
});
