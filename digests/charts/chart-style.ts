/**
 * What the two charts share: page size, zoom, colours, type sizes, and small helpers to size the
 * label column and to check input numbers.
 *
 * Size budget: Telegram takes photos up to 10 MB with width + height ≤ 10000 and an aspect ratio
 * ≤ 20, and its clients show them at most 1280–2560 px on the long side. Charts are laid out 800
 * units wide and drawn at zoom 2 (1600 px, sharp on phones and when zoomed in); heights grow with
 * the rows shown up to a cap (each chart's MAX_ROWS), so the largest picture stays near
 * 1600 × 2300 px and a few hundred kB.
 */
import { CHART_FONT_STACK } from './cjk-font';

export const CHART_WIDTH = 800;
export const CHART_ZOOM = 2;

export const TITLE_FONT_SIZE = 18;
export const LABEL_FONT_SIZE = 13;
export const SMALL_FONT_SIZE = 12;

/** Space above the plot: title, then the legend under it. */
export const PLOT_TOP = 84;
/** Space under the plot for the value axis's numbers and name. */
export const AXIS_BOTTOM = 52;
/** One line of footnote under the axis. */
export const NOTE_LINE_HEIGHT = 22;
/** The plot is never flatter than this, so a chart of one or two rows still looks like a chart. */
export const MIN_PLOT_HEIGHT = 120;
/** The label column never takes more than this by default; longer names are cut with an ellipsis. */
export const MAX_LABEL_WIDTH = 230;
export const PLOT_RIGHT = 32;

export const COLORS = {
  onTime: '#3ba272',
  late: '#f5a623',
  missing: '#e5484d',
  target: '#dfe3ea',
  expected: '#2f3542',
  behind: '#e5484d',
  text: '#2f3542',
  muted: '#6b7280',
} as const;

/** Global text style: every piece of text asks for the bundled CJK font. */
export const BASE_TEXT_STYLE = { fontFamily: CHART_FONT_STACK, color: COLORS.text } as const;

/** The page height for `rows` rows of `rowHeight` and `noteLines` lines of footnote. */
export function chartHeight(rows: number, rowHeight: number, noteLines: number): number {
  return PLOT_TOP + Math.max(rows * rowHeight, MIN_PLOT_HEIGHT) + AXIS_BOTTOM + noteLines * NOTE_LINE_HEIGHT;
}

/**
 * Rough width of `text` at `fontSize`: CJK and full-width characters are one em, the rest about
 * 0.6 em. Good enough to size the label column (ECharts itself estimates the same way when it
 * renders without a canvas).
 */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (const ch of text) ems += ch.codePointAt(0)! >= 0x2e80 ? 1 : 0.6;
  return ems * fontSize;
}

/** Width of the label column: fits the widest of the labels (each with its font size), within bounds. */
export function labelColumnWidth(labels: readonly { text: string; fontSize: number }[], maxWidth: number = MAX_LABEL_WIDTH): number {
  const widest = Math.max(0, ...labels.map(({ text, fontSize }) => estimateTextWidth(text, fontSize)));
  // A few units of slack: ECharts cuts a label that is not strictly narrower than its box.
  return Math.ceil(Math.min(Math.max(widest + 4, 4 * LABEL_FONT_SIZE), maxWidth));
}

/** Throws unless `value` is a finite number ≥ 0 (and whole, when `integer`). */
export function assertCount(what: string, value: number, integer: boolean): void {
  if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) {
    throw new RangeError(`${what} must be a ${integer ? 'whole ' : ''}number ≥ 0, got ${value}`);
  }
}

/** A figure for a label: whole numbers as they are, others with one decimal (0.5 → "0.5"). */
export function formatFigure(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 10) / 10);
}

/**
 * A value axis from 0 that ends on a round tick at or above `maxValue`, in at most about six
 * steps of 1, 2 or 5 × 10ⁿ (whole numbers only: the charts count things). Fixing the scale ourselves
 * tells us how many pixels a unit takes, to decide which bar segments have room for a number.
 */
export function niceAxis(maxValue: number): { max: number; interval: number } {
  const rough = Math.max(maxValue, 1) / 6;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? 10 * magnitude;
  const interval = Math.max(1, Math.round(step));
  return { max: Math.max(interval, Math.ceil(maxValue / interval) * interval), interval };
}
