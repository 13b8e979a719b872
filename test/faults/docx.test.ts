/**
 * Fault drill for the Word document (.docx) importer (inputs: support/docx-inputs.ts).
 * readPlan must answer with a sane preview or a PlanInputError naming the file, within the
 * time bound, whatever the archive, the XML or the table's merges hold.
 */
import { describeFileDrill } from './support/drill';
import { docxCases, HANDWRITTEN_DOCUMENTS } from './support/docx-inputs';
import { unpackedSize } from './support/zip';

describeFileDrill({
  drill: 'docx',
  title: 'the .docx importer',
  noun: 'documents',
  inputs: docxCases,
  fileName: 'plan.docx',
  /** The time bound scales with what the archive unpacks to (the XML is what is read). */
  sizeOf: (bytes) => {
    try {
      return Math.max(bytes.byteLength, unpackedSize(bytes));
    } catch {
      return bytes.byteLength; // not an archive this test helper reads: the file's size it is
    }
  },
  handwritten: HANDWRITTEN_DOCUMENTS,
});
