/**
 * Fault drill for the Word document (.docx) importer (inputs: support/pdf-inputs.ts).
 * readPlan must answer with a sane preview or a PlanInputError naming the file, within the
 * time bound, whatever the archive, the XML or the table's merges hold.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fileViolations, keepFailingInput, runDrill } from './support/drill';
import { pdfCases, HANDWRITTEN_PDFS, type PdfCase } from './support/pdf-inputs';
import { Watchdog } from './support/watchdog';

const RUNS = Number(process.env.FAULTS_RUNS ?? 1100);

const watchdog = new Watchdog();
afterAll(() => watchdog.close());

/**
 * Builds the PDF and reads it. pdf.js unpacks compressed streams, so the bound scales with
 * what the streams unpack to, at most 10 times the file (a compressed content stream of text
 * operators packs about that much); a hand-written extreme states its own.
 */
async function check(input: PdfCase, built: Map<PdfCase, Uint8Array>): Promise<string[]> {
  const bytes = await input.build();
  built.set(input, bytes);
  return fileViolations(watchdog, { name: 'plan.pdf', bytes, year: input.year }, input.unpacked ?? bytes.byteLength);
}

describe('fault drill: the PDF importer', () => {
  it(`${RUNS} generated PDFs`, async () => {
    const built = new Map<PdfCase, Uint8Array>();
    const tried = await runDrill({
      drill: 'pdf',
      inputs: pdfCases,
      numRuns: RUNS,
      payload: (input) => built.get(input) ?? new Uint8Array(),
      check: async (input) => {
        built.clear(); // keep only the input under test
        return check(input, built);
      },
    });
    expect(tried).toBeGreaterThanOrEqual(1000);
  });

  it(`${HANDWRITTEN_PDFS.length} hand-written extremes`, async () => {
    const failures: string[] = [];
    for (const input of HANDWRITTEN_PDFS) {
      const built = new Map<PdfCase, Uint8Array>();
      const violations = await check(input, built);
      if (violations.length > 0) failures.push(`${input.label}: ${violations.join('; ')} (input kept in ${keepFailingInput('pdf', built.get(input)!)})`);
    }
    expect(failures).toEqual([]);
  });
});
