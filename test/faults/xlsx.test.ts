/**
 * Fault drill for the workbook (.xlsx) importer (inputs: support/workbook-inputs.ts).
 * readPlan must answer with a sane preview or a PlanInputError naming the file, within the
 * time bound, whatever the archive, the XML or the cells hold.
 */
import { describeFileDrill } from './support/drill';
import { HANDWRITTEN_WORKBOOKS, xlsxCases } from './support/workbook-inputs';
import { unpackedSize } from './support/zip';

describeFileDrill({
  drill: 'xlsx',
  title: 'the workbook importer',
  noun: 'workbooks',
  inputs: xlsxCases,
  fileName: 'plan.xlsx',
  /** The time bound scales with what the archive unpacks to. */
  sizeOf: (bytes) => unpackedSize(bytes),
  handwritten: HANDWRITTEN_WORKBOOKS,
});
