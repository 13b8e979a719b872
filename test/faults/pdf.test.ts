/**
 * Fault drill for the PDF importer (inputs: support/pdf-inputs.ts).
 * readPlan must answer with a sane preview or a PlanInputError naming the file, within the
 * time bound, whatever the file's syntax, streams or page tree hold.
 */
import { describeFileDrill } from './support/drill';
import { HANDWRITTEN_PDFS, pdfCases } from './support/pdf-inputs';

describeFileDrill({
  drill: 'pdf',
  title: 'the PDF importer',
  noun: 'PDFs',
  inputs: pdfCases,
  fileName: 'plan.pdf',
  /**
   * pdf.js unpacks compressed streams, so the bound scales with what the streams unpack to,
   * at most 10 times the file (a compressed content stream of text operators packs about that
   * much); a hand-written extreme states its own.
   */
  sizeOf: (bytes, input) => input.unpacked ?? bytes.byteLength,
  handwritten: HANDWRITTEN_PDFS,
});
