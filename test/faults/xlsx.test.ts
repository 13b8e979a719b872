/**
 * Fault drill for the workbook (.xlsx) importer (inputs: support/workbook-inputs.ts).
 * readPlan must answer with a sane preview or a PlanInputError naming the file, within the
 * time bound, whatever the archive, the XML or the cells hold.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fileViolations, keepFailingInput, runDrill } from './support/drill';
import { HANDWRITTEN_WORKBOOKS, xlsxCases, type XlsxCase } from './support/workbook-inputs';
import { Watchdog } from './support/watchdog';
import { unpackedSize } from './support/zip';

const RUNS = Number(process.env.FAULTS_RUNS ?? 1100);

const watchdog = new Watchdog();
afterAll(() => watchdog.close());

/** Builds the workbook and reads it; the time bound scales with what the archive unpacks to. */
async function check(input: XlsxCase, built: Map<XlsxCase, Uint8Array>): Promise<string[]> {
  const bytes = await input.build();
  built.set(input, bytes);
  return fileViolations(watchdog, { name: 'plan.xlsx', bytes, year: input.year }, unpackedSize(bytes));
}

describe('fault drill: the workbook importer', () => {
  it(`${RUNS} generated workbooks`, async () => {
    const built = new Map<XlsxCase, Uint8Array>();
    const tried = await runDrill({
      drill: 'xlsx',
      inputs: xlsxCases,
      numRuns: RUNS,
      payload: (input) => built.get(input) ?? new Uint8Array(),
      check: async (input) => {
        built.clear(); // keep only the input under test
        return check(input, built);
      },
    });
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`${HANDWRITTEN_WORKBOOKS.length} hand-written extremes`, async () => {
    const failures: string[] = [];
    for (const input of HANDWRITTEN_WORKBOOKS) {
      const built = new Map<XlsxCase, Uint8Array>();
      const violations = await check(input, built);
      if (violations.length > 0) failures.push(`${input.label}: ${violations.join('; ')} (input kept in ${keepFailingInput('xlsx', built.get(input)!)})`);
    }
    expect(failures).toEqual([]);
  });
});
