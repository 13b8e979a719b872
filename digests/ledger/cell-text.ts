/**
 * Text as it goes into a cell: cleaned so the file stays valid, and measured so columns and
 * rows can be sized before rows are streamed out (a streamed sheet cannot be re-measured).
 *
 * Widths are in Excel's column unit, the width of "0" in the default font: a Chinese
 * character (and ①②, full-width punctuation) takes two.
 */

/** Excel's limit on the characters in one cell. */
const MAX_CELL_CHARS = 32_767;
// Characters XML 1.0 forbids: a single one makes Excel refuse the whole file.
const XML_INVALID =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** A quick look for anything the two replacements above would touch; most texts have none. */
const NEEDS_CLEANING = /[\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\uD800-\uDFFF]/;

/**
 * User text made safe for a cell. Nothing is escaped for Excel: the writer stores it as a
 * string cell, never as a formula, so "=SUM(A1)" stays the text "=SUM(A1)". Only what would
 * corrupt the file is removed (XML-invalid control characters) and what Excel cannot hold is
 * cut (over 32,767 characters).
 */
export function cellText(text: string): string {
  const clean = NEEDS_CLEANING.test(text) ? text.replace(/\r\n?/g, '\n').replace(XML_INVALID, '') : text;
  return clean.length > MAX_CELL_CHARS ? `${clean.slice(0, MAX_CELL_CHARS - 1)}…` : clean;
}

/** `text` cut to `limit` characters with an ellipsis, for the matrix cells (the full note is on the reports sheet). */
export function shorten(text: string, limit: number): string {
  const chars = Array.from(text);
  return chars.length > limit ? `${chars.slice(0, limit - 1).join('')}…` : text;
}

function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) || // Hangul Jamo
    (codePoint >= 0x2460 && codePoint <= 0x24ff) || // ①②③, drawn wide by Chinese fonts
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) || // CJK radicals … Yi, with CJK punctuation and ideographs
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) || // Hangul syllables
    (codePoint >= 0xf900 && codePoint <= 0xfaff) || // CJK compatibility ideographs
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) || // CJK compatibility forms
    (codePoint >= 0xff00 && codePoint <= 0xff60) || // full-width forms
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    codePoint >= 0x1f300 // emoji, CJK extension B and beyond
  );
}

/** Display width of one line: Chinese characters count double. */
export function displayWidth(line: string): number {
  let width = 0;
  for (const char of line) width += isWide(char.codePointAt(0)!) ? 2 : 1;
  return width;
}

/** The widest line of a text. */
export function widestLine(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) widest = Math.max(widest, displayWidth(line));
  return widest;
}

/** A column width that fits the widest of `texts`, with a little padding, kept within [min, max] (wider text wraps). */
export function fitColumnWidth(texts: Iterable<string>, min: number, max: number): number {
  let widest = 0;
  for (const text of texts) widest = Math.max(widest, widestLine(text));
  return Math.min(max, Math.max(min, widest + 2));
}

/**
 * How many lines `text` takes wrapped in a column `width` wide. Errs on the side of one
 * line too many: a row a little too tall prints fine, one too short cuts text off.
 */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1.5);
  // Most cells are short single lines: no need to measure them character by character.
  if (text.length * 2 <= usable && !text.includes('\n')) return 1;
  let lines = 0;
  for (const line of text.split('\n')) lines += Math.max(1, Math.ceil(displayWidth(line) / usable));
  return lines;
}
