/**
 * Row heights for wrapped text, set explicitly: Excel does not grow a row for text in a
 * merged cell, and does not always re-fit rows of a file it did not write, so a printed
 * ledger would cut requirement texts off. Pure: line counts in, points out.
 */
import { LINE_HEIGHT, ROW_PADDING } from './styles';

/** Rows `from`..`to` (indexes into the block, inclusive) share a merged cell needing `lines` lines. */
export interface MergedSpan {
  from: number;
  to: number;
  lines: number;
}

/** Excel's tallest row; a longer text is cut at it (the reports sheet's note column is the only likely case). */
export const MAX_ROW_HEIGHT = 409;

export function pointsForLines(lines: number): number {
  return Math.min(MAX_ROW_HEIGHT, Math.round((Math.max(1, lines) * LINE_HEIGHT + ROW_PADDING) * 4) / 4);
}

/**
 * Heights in points of a block of rows: each row fits its own cells (`ownLines`); a merged
 * span taller than its rows together gives the difference to them evenly. Give inner spans
 * before the spans that contain them (requirements before their task).
 */
export function blockRowHeights(ownLines: readonly number[], spans: readonly MergedSpan[]): number[] {
  const heights = ownLines.map(pointsForLines);
  for (const span of spans) {
    const need = pointsForLines(span.lines);
    let have = 0;
    for (let i = span.from; i <= span.to; i++) have += heights[i]!;
    if (need <= have) continue;
    const extra = (need - have) / (span.to - span.from + 1);
    for (let i = span.from; i <= span.to; i++) heights[i] = Math.min(MAX_ROW_HEIGHT, Math.ceil((heights[i]! + extra) * 4) / 4);
  }
  return heights;
}
