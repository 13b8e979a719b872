/**
 * Fault drill for the text importer, .txt and files without an extension (inputs:
 * support/file-inputs.ts). readPlan must answer with a sane preview or a PlanInputError
 * naming the file, within the time bound.
 */
import { afterAll, expect, it } from 'vitest';
import { fileViolations, runDrill } from './support/drill';
import { textFiles } from './support/file-inputs';
import { Watchdog } from './support/watchdog';

const RUNS = Number(process.env.FAULTS_RUNS ?? 1100);

const watchdog = new Watchdog();
afterAll(() => watchdog.close());

it(`fault drill: the text importer (${RUNS} inputs)`, async () => {
  const tried = await runDrill({
    drill: 'text',
    inputs: textFiles,
    numRuns: RUNS,
    payload: (input) => input.bytes,
    check: (input) => fileViolations(watchdog, input),
  });
  expect(tried).toBeGreaterThanOrEqual(1000);
});
