/**
 * Fault drill for the Word document (.docx) importer (inputs: support/docx-inputs.ts).
 * readPlan must answer with a sane preview or a PlanInputError naming the file, within the
 * time bound, whatever the archive, the XML or the table's merges hold.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fileViolations, keepFailingInput, runDrill } from './support/drill';
import { docxCases, HANDWRITTEN_DOCUMENTS, type DocxCase } from './support/docx-inputs';
import { Watchdog } from './support/watchdog';
import { unpackedSize } from './support/zip';

const RUNS = Number(process.env.FAULTS_RUNS ?? 1100);

const watchdog = new Watchdog();
afterAll(() => watchdog.close());

/** Builds the document and reads it; the time bound scales with what the archive unpacks to (the XML is what is read). */
async function check(input: DocxCase, built: Map<DocxCase, Uint8Array>): Promise<string[]> {
  const bytes = await input.build();
  built.set(input, bytes);
  let size = bytes.byteLength;
  try {
    size = Math.max(size, unpackedSize(bytes));
  } catch {
    // not an archive this test helper reads: the file's size it is
  }
  return fileViolations(watchdog, { name: 'plan.docx', bytes, year: input.year }, size);
}

describe('fault drill: the .docx importer', () => {
  it(`${RUNS} generated documents`, async () => {
    const built = new Map<DocxCase, Uint8Array>();
    const tried = await runDrill({
      drill: 'docx',
      inputs: docxCases,
      numRuns: RUNS,
      payload: (input) => built.get(input) ?? new Uint8Array(),
      check: async (input) => {
        built.clear(); // keep only the input under test
        return check(input, built);
      },
    });
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`${HANDWRITTEN_DOCUMENTS.length} hand-written extremes`, async () => {
    const failures: string[] = [];
    for (const input of HANDWRITTEN_DOCUMENTS) {
      const built = new Map<DocxCase, Uint8Array>();
      const violations = await check(input, built);
      if (violations.length > 0) failures.push(`${input.label}: ${violations.join('; ')} (input kept in ${keepFailingInput('docx', built.get(input)!)})`);
    }
    expect(failures).toEqual([]);
  });
});
