/**
 * Fault drill for the workbook (.xlsx) importer (inputs: support/workbook-inputs.ts).
 * readPlan must answer with a sane preview or a PlanInputError naming the file, within the
 * time bound, whatever the archive, the XML or the cells hold.
 */
import { afterAll, expect, it } from 'vitest';
import { fileViolations, runDrill } from './support/drill';
import { xlsxCases } from './support/workbook-inputs';
import { Watchdog } from './support/watchdog';

const RUNS = Number(process.env.FAULTS_RUNS ?? 1100);

const watchdog = new Watchdog();
afterAll(() => watchdog.close());

it(`fault drill: the workbook importer (${RUNS} inputs)`, async () => {
  const built = new WeakMap<object, Uint8Array>();
  const tried = await runDrill({
    drill: 'xlsx',
    inputs: xlsxCases,
    numRuns: RUNS,
    payload: (input) => built.get(input) ?? new Uint8Array(),
    check: async (input) => {
      const bytes = await input.build();
      built.set(input, bytes);
      return fileViolations(watchdog, { name: 'plan.xlsx', bytes, year: input.year });
    },
  });
  expect(tried).toBeGreaterThanOrEqual(1000);
});
