/**
 * What both sheets share above and around their rows: the column widths, the title row
 * (merged across), the subtitle row and the bold header row; and the way blocks of rows are
 * handed to the streaming writer.
 */
import type ExcelJS from 'exceljs';
import { once, type EventEmitter } from 'node:events';
import { cellText, wrappedLines } from './cell-text';
import { pointsForLines } from './row-heights';
import { HEADER_ROW, STYLES, SUBTITLE_ROW, TITLE_ROW } from './styles';

export interface Frame {
  title: string;
  subtitle: string;
  headers: readonly string[];
  /** Column widths in Excel's unit, one per header. */
  widths: readonly number[];
}

/** The title is set 14 pt against the body's 10 pt: it takes this much more room per character. */
const TITLE_SCALE = 1.4;

export function writeFrame(sheet: ExcelJS.Worksheet, frame: Frame): void {
  sheet.columns = frame.widths.map((width) => ({ width }));
  const lastColumn = frame.widths.length;
  const totalWidth = frame.widths.reduce((sum, w) => sum + w, 0);

  const title = sheet.getRow(TITLE_ROW);
  title.getCell(1).value = cellText(frame.title);
  title.getCell(1).style = STYLES.title;
  title.height = Math.max(24, wrappedLines(frame.title, totalWidth / TITLE_SCALE) * 20);
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, lastColumn);

  const subtitle = sheet.getRow(SUBTITLE_ROW);
  subtitle.getCell(1).value = cellText(frame.subtitle);
  subtitle.getCell(1).style = STYLES.subtitle;
  subtitle.height = pointsForLines(wrappedLines(frame.subtitle, totalWidth));
  sheet.mergeCells(SUBTITLE_ROW, 1, SUBTITLE_ROW, lastColumn);

  const header = sheet.getRow(HEADER_ROW);
  let lines = 1;
  frame.headers.forEach((text, i) => {
    const cell = header.getCell(i + 1);
    cell.value = text;
    cell.style = STYLES.header;
    lines = Math.max(lines, wrappedLines(text, frame.widths[i]!));
  });
  header.height = pointsForLines(lines);
  header.commit();
}

/** A cell's value and look, before it is written. */
export interface CellSpec {
  value: string | number | null;
  style: Partial<ExcelJS.Style>;
}

/**
 * Waits until the zip has taken the sheet's bytes so far. exceljs's streaming writer pushes
 * rows into the zip without backpressure: the sheet's XML (150 MB for a province) would pile
 * up in memory while the zip compresses. The sheet's stream feeds a PassThrough (archiver's,
 * from readable-stream 3) that the zip reads; when that holds more than its high-water mark,
 * wait for it to drain. These are internals of exceljs 4.4 and archiver, which package.json
 * pins; should they change, this only yields, and the ledger is still right, only bigger in memory.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet): Promise<void> {
  type Pipe = EventEmitter & { _writableState?: { needDrain?: boolean } };
  const next = (sheet as unknown as { stream?: { pipes?: Pipe[] } }).stream?.pipes?.[0];
  if (next?._writableState?.needDrain === true) await once(next, 'drain');
  else await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Writes a block of rows starting at `firstRow` with their heights and merges, commits them
 * (the streaming writer then forgets them), and waits for the zip to take them before the
 * next block piles up.
 */
export async function writeBlock(
  sheet: ExcelJS.Worksheet,
  firstRow: number,
  rows: readonly CellSpec[][],
  heights: readonly number[],
  merges: readonly { fromRow: number; toRow: number; column: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  rows.forEach((cells, i) => {
    const row = sheet.getRow(firstRow + i);
    row.height = heights[i]!;
    cells.forEach((spec, j) => {
      const cell = row.getCell(j + 1);
      // Only strings and numbers are ever assigned: never an object, so never a formula.
      if (spec.value !== null) cell.value = typeof spec.value === 'string' ? cellText(spec.value) : spec.value;
      cell.style = spec.style;
    });
  });
  for (const merge of merges) {
    if (merge.toRow > merge.fromRow) sheet.mergeCells(firstRow + merge.fromRow, merge.column, firstRow + merge.toRow, merge.column);
  }
  sheet.getRow(firstRow + rows.length - 1).commit();
  await zipCaughtUp(sheet);
}
