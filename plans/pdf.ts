/**
 * Reads a PDF's text layer into blocks (plans/document.ts). A PDF has no paragraphs or tables,
 * only pieces of text at positions, so both are rebuilt:
 * - Lines: pieces whose baselines lie within half a line's height, in x order, joined with a
 *   space where the gap between them is wide. A vertical gap of two lines or more is a blank
 *   line, as the paragraph spacing of the source was.
 * - A table: where a line splits at wide gaps into cells that make a header the table reader
 *   knows (plans/table.ts findHeader), the header's cells give the columns, and every later
 *   line's pieces go to the column they start in. A new row starts at a larger vertical gap
 *   than a wrapped line's, at a new page, or when the number column gets a second value.
 *   Lines of a cell are joined without a break where the line above filled the column (the
 *   text wrapped), with a line break where it ended early (the source had one).
 * A PDF without text (a scan) is refused: it must be OCRed, or sent as Word or Excel.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { refusal } from './errors';
import type { Location } from './problems';
import type { GridCell, GridRow } from './grid';
import { findHeader } from './table';
import type { Block } from './document';
import { PAGE_NUMBER } from './front-matter';
import { readInWorker } from './document-thread';

/** Pages a PDF plan may have: a province's task table runs to a few dozen. */
export const MAX_PDF_PAGES = 500;
/** Pieces of text a PDF may hold; a page of a dense table has a few hundred. */
export const MAX_PDF_TEXT_ITEMS = 300_000;

/** A piece of text on a page: its baseline's left end (PDF units, y upwards), width and height. */
export interface TextItem {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

const require = createRequire(import.meta.url);
const PDFJS_DIR = path.dirname(require.resolve('pdfjs-dist/package.json'));
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | null = null;
/** pdf.js's worker half (it ships no types for it: imported by a name in a variable). */
const PDFJS_WORKER_MODULE: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';

/** pdf.js is large (1 s to load): loaded by the document worker when it starts, not when the bot starts. */
export function loadPdfJs(): Promise<PdfJs> {
  pdfjs ??= (async () => {
    // pdf.js runs its "worker" half in this thread in Node, importing it on the first file;
    // loaded here instead, so that the first file's time budget is spent on the file.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(PDFJS_WORKER_MODULE);
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return pdfjs;
}

/** A PDF starts with %PDF-, after at most some junk (readers accept 1 KB of it). */
function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  return head.includes('%PDF-');
}

const FONT_FILE_KEY = Buffer.from('/FontFile', 'latin1');
const HIDDEN_KEY = Buffer.from('/NoFntFil', 'latin1');

/**
 * A copy of the PDF whose font descriptors no longer point at their embedded font programs
 * (/FontFile, /FontFile2, /FontFile3 renamed, same length, so every offset stays right). The
 * text comes from each font's ToUnicode map, which Word, WPS and every PDF printer write; the
 * glyph outlines draw it, and reading them is the costliest and least robust part of pdf.js:
 * a damaged embedded CFF font took it 20 s to parse in a 180 KB file, and others ran the
 * worker out of memory (found by fuzzing). The price: a font with no ToUnicode map whose
 * text is only known from its program's own tables reads as what its codes say.
 * Descriptors stored inside compressed object streams are out of reach here (see README).
 */
function withoutFontPrograms(bytes: Uint8Array): Uint8Array {
  // A copy of its own (not Buffer's shared pool): pdf.js may detach the buffer it is given.
  const copy = new Uint8Array(bytes);
  const view = Buffer.from(copy.buffer, copy.byteOffset, copy.byteLength);
  for (let at = view.indexOf(FONT_FILE_KEY); at !== -1; at = view.indexOf(FONT_FILE_KEY, at + FONT_FILE_KEY.length)) {
    HIDDEN_KEY.copy(view, at);
  }
  return copy;
}

/**
 * The text pieces of every page, in page order, read by pdf.js in this thread. Only the
 * document worker (plans/document-worker.ts) calls it: see `textItemsOfPdf` for why.
 */
export async function extractTextItems(bytes: Uint8Array, where: Location): Promise<TextItem[][]> {
  if (!looksLikePdf(bytes)) throw refusal('not-pdf', where, {});
  const { getDocument } = await loadPdfJs();
  const task = getDocument({
    // pdf.js may take the buffer over (detach it): it gets a copy.
    data: withoutFontPrograms(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    // Chinese PDFs often name Adobe's predefined CMaps (UniGB-UCS2-H): without them, no text.
    cMapUrl: `${PDFJS_DIR}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
  });
  try {
    let document;
    try {
      document = await task.promise;
    } catch (error) {
      if ((error as Error).name === 'PasswordException') throw refusal('pdf-protected', where, {});
      throw refusal('pdf-unreadable', where, { detail: String((error as Error).message).slice(0, 200) });
    }
    if (document.numPages > MAX_PDF_PAGES) throw refusal('pdf-too-many-pages', where, { pages: document.numPages, max: MAX_PDF_PAGES });
    const pages: TextItem[][] = [];
    let count = 0;
    for (let number = 1; number <= document.numPages; number++) {
      let content;
      try {
        const page = await document.getPage(number);
        content = await page.getTextContent();
        page.cleanup();
      } catch (error) {
        throw refusal('pdf-unreadable', where, { detail: String((error as Error).message).slice(0, 200) });
      }
      const items: TextItem[] = [];
      for (const item of content.items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [, , c, d, x, y] = item.transform as number[];
        const height = item.height > 0 ? item.height : Math.hypot(c!, d!);
        if (![x, y, height, item.width].every(Number.isFinite)) continue;
        items.push({ text: item.str, x: x!, y: y!, width: Math.max(0, item.width), height: Math.max(height, 0.1) });
      }
      count += items.length;
      if (count > MAX_PDF_TEXT_ITEMS) throw refusal('pdf-too-many-text-items', where, { max: MAX_PDF_TEXT_ITEMS });
      pages.push(items);
    }
    if (count === 0) throw refusal('pdf-no-text', where, {});
    return pages;
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

/** The blocks of a PDF file: its lines as paragraphs, and a table where a known header is. */
export async function blocksFromPdf(bytes: Uint8Array, fileName: string): Promise<Block[]> {
  const where: Location = { file: fileName };
  return blocksFromPages(await textItemsOfPdf(bytes, where), where);
}

// ---------------------------------------------------------------------------- the worker

/**
 * How long pdf.js may take over a file: 1.5 s, and 1.5 s more per megabyte. A 100-page table
 * reads in well under a second; a q/Q nesting 10,000 deep in a 3 KB file took pdf.js 2 s
 * and 40,000 deep 50 s (its graphics state stack is quadratic; found by fuzzing).
 */
export function pdfBudgetMs(bytes: number): number {
  return 1500 + (1500 * bytes) / 1_000_000;
}

/**
 * The text pieces of every page, read by pdf.js in the document reader's worker thread, one
 * file at a time (plans/document-thread.ts says why): a file over its budget is refused as
 * pdf-too-complex.
 */
export function textItemsOfPdf(bytes: Uint8Array, where: Location): Promise<TextItem[][]> {
  return readInWorker('pdf', bytes, where, pdfBudgetMs(bytes.byteLength));
}

// ---------------------------------------------------------------------------- lines

interface Line {
  y: number;
  height: number;
  items: TextItem[];
}

interface Segment {
  text: string;
  x0: number;
  x1: number;
}

/** Pieces grouped into lines, top to bottom, each line's pieces left to right. */
export function linesOf(items: TextItem[]): Line[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const item of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line.y - item.y) <= 0.5 * Math.max(line.height, item.height)) {
      line.items.push(item);
      line.height = Math.max(line.height, item.height);
    } else lines.push({ y: item.y, height: item.height, items: [item] });
  }
  for (const line of lines) line.items.sort((a, b) => a.x - b.x);
  return lines;
}

/** A gap this many heights wide separates words (a space); this many, cells. */
const WORD_GAP = 0.25;
const CELL_GAP = 1;

/** The line split at gaps wider than `gap` heights, each part's pieces joined (a space at word gaps). */
function split(line: Line, gap: number): Segment[] {
  const segments: Segment[] = [];
  let current: Segment | null = null;
  for (const item of line.items) {
    const space = current ? item.x - current.x1 : 0;
    if (current && space <= gap * line.height) {
      const wide = space > WORD_GAP * line.height && !current.text.endsWith(' ') && !item.text.startsWith(' ');
      current.text += (wide ? ' ' : '') + item.text;
      current.x1 = Math.max(current.x1, item.x + item.width);
    } else {
      current = { text: item.text, x0: item.x, x1: item.x + item.width };
      segments.push(current);
    }
  }
  return segments;
}

function lineText(line: Line): string {
  return split(line, Number.POSITIVE_INFINITY)[0]?.text ?? '';
}

/**
 * The distance between the baselines of consecutive lines of running text: the smallest gap
 * at least about a line high (smaller ones are sub- and superscripts), but no more than one
 * and a half times the text's height (single spacing is 1.2 to 1.5): in a text whose every
 * paragraph is followed by an empty one, no two lines are adjacent. Null on a page of one line.
 */
function linePitch(lines: Line[]): number | null {
  let pitch: number | null = null;
  for (let i = 1; i < lines.length; i++) {
    const gap = lines[i - 1]!.y - lines[i]!.y;
    if (gap >= 0.9 * Math.min(lines[i - 1]!.height, lines[i]!.height) && (pitch === null || gap < pitch)) pitch = gap;
  }
  if (pitch === null) return null;
  const heights = lines.map((line) => line.height).sort((a, b) => a - b);
  return Math.min(pitch, 1.5 * heights[Math.floor(heights.length / 2)]!);
}

/** Most blank lines one vertical gap stands for. */
const MAX_BLANK_LINES = 5;

/** A page's lines as text lines, with a blank line for each further line's height of vertical gap. */
function proseLines(lines: Line[]): string[] {
  const pitch = linePitch(lines);
  const out: string[] = [];
  lines.forEach((line, i) => {
    if (i > 0 && pitch !== null) {
      const gap = lines[i - 1]!.y - line.y;
      const blanks = Math.min(MAX_BLANK_LINES, Math.round(gap / pitch) - 1);
      for (let b = 0; b < blanks; b++) out.push('');
    }
    out.push(lineText(line));
  });
  return out;
}

// ---------------------------------------------------------------------------- table

interface Column {
  /** Pieces starting at or right of this x belong to this column or one further right. */
  start: number;
}

function gridRowOf(segments: Segment[], number: number): GridRow {
  return { number, cells: segments.map((s) => ({ text: s.text, mergedFrom: null })) };
}

function key(segments: Segment[]): string {
  return segments
    .map((s) => s.text)
    .join('')
    .replace(/\s/g, '');
}

/** How many header cells the table reader recognises in `cells`, or 0 when it is no header. */
function recognised(cells: Segment[], where: Location): number {
  const found = findHeader({ where, rows: [gridRowOf(cells, 1)] });
  return found ? Object.keys(found.columns).length : 0;
}

/**
 * The header's cells when the lines `from`..`to` are one header row: a header cell that wrapped
 * ("完成" over "时限") or a single-line one centred between two lines. Pieces that overlap
 * horizontally are one column, its text read top to bottom.
 */
function headerCells(lines: Line[], from: number, to: number, gap: number): Segment[] {
  const columns: Segment[] = [];
  // No header has more cells than this; a longer line is no header row, and matching each of
  // its pieces against every column would be quadratic (a 10,000-piece line: fuzzing).
  if (lines.slice(from, to + 1).reduce((n, line) => n + line.items.length, 0) > MAX_HEADER_PIECES) return columns;
  for (let i = from; i <= to; i++) {
    for (const segment of split(lines[i]!, gap)) {
      const overlapping = columns.filter((c) => segment.x0 < c.x1 && c.x0 < segment.x1);
      if (overlapping.length === 0) {
        columns.push({ ...segment });
        continue;
      }
      const into = overlapping[0]!;
      // A piece that spans two columns' headers (a title line) joins them: the table reader then finds fewer columns.
      for (const other of overlapping.slice(1)) {
        into.text += other.text;
        into.x0 = Math.min(into.x0, other.x0);
        into.x1 = Math.max(into.x1, other.x1);
        columns.splice(columns.indexOf(other), 1);
      }
      into.text += segment.text;
      into.x0 = Math.min(into.x0, segment.x0);
      into.x1 = Math.max(into.x1, segment.x1);
    }
  }
  return columns.sort((a, b) => a.x0 - b.x0);
}

/** Pieces of text a header row (over its lines) may have: a header has a few dozen cells at most. */
const MAX_HEADER_PIECES = 200;
/** Lines at most this many line heights apart may be one header row. */
const HEADER_LINE_GAP = 1.6;
/** Lines above or below a header line that may belong to it. */
const HEADER_EXTRA_LINES = 2;
/**
 * Header cells are also tried split at this narrower gap: a wrapped header cell's first line
 * fills its column, and only the cells' padding (about a character) parts it from the next.
 * A space between the characters of one header (序 号) is narrower.
 */
const NARROW_CELL_GAP = 0.6;

interface HeaderLines {
  page: number;
  /** The header's first and last line on its page. */
  first: number;
  last: number;
  cells: Segment[];
  /** The gap its cells were split at. */
  gap: number;
}

/**
 * Where the first table header is: a line whose cells make a header the table reader knows,
 * with the lines just above and below it that complete its cells (each kept only when the
 * reader then recognises more columns). Cells are split at the usual gap, and at a narrower
 * one; the split that recognises more columns wins.
 */
function findHeaderLines(pages: Line[][], where: Location): HeaderLines | null {
  for (let page = 0; page < pages.length; page++) {
    let best: (HeaderLines & { found: number }) | null = null;
    for (const gap of [CELL_GAP, NARROW_CELL_GAP]) {
      const found = headerOnPage(pages[page]!, page, gap, where);
      if (found && (best === null || found.found > best.found)) best = found;
    }
    if (best) return best;
  }
  return null;
}

function headerOnPage(lines: Line[], page: number, gap: number, where: Location): (HeaderLines & { found: number }) | null {
  const segments = lines.map((line) => split(line, gap));
  const near = (a: number, b: number) => lines[a]!.y - lines[b]!.y <= HEADER_LINE_GAP * Math.max(lines[a]!.height, lines[b]!.height);
  let first = -1;
  let last = -1;
  let best = 0;
  const single = findHeader({ where, rows: segments.map((cells, i) => gridRowOf(cells, i + 1)) });
  if (single) {
    first = last = single.index;
    best = recognised(segments[single.index]!, where);
  } else {
    // No line is a header alone: one whose cells are split over two or three lines (each
    // line holding some cells' first or last part, single-line cells centred between them).
    search: for (let i = 0; i < lines.length; i++) {
      for (let to = i + 1; to <= i + HEADER_EXTRA_LINES && to < lines.length && near(to - 1, to); to++) {
        const found = recognised(headerCells(lines, i, to, gap), where);
        if (found > 0) {
          [first, last, best] = [i, to, found];
          break search;
        }
      }
    }
    if (first < 0) return null;
  }
  for (let extra = 1; extra <= HEADER_EXTRA_LINES; extra++) {
    const below = last + 1 < lines.length && near(last, last + 1) ? recognised(headerCells(lines, first, last + 1, gap), where) : 0;
    const above = first > 0 && near(first - 1, first) ? recognised(headerCells(lines, first - 1, last, gap), where) : 0;
    if (below > best && below >= above) {
      last++;
      best = below;
    } else if (above > best) {
      first--;
      best = above;
    } else break;
  }
  return { page, first, last, cells: first === last ? segments[first]! : headerCells(lines, first, last, gap), gap, found: best };
}

/** Below the table's last row, a vertical gap this many line pitches wide ends it: a cell's lines are closer. */
const TABLE_END_GAP = 2;

interface RowDraft {
  /** Per column, the pieces of its lines. */
  cells: Segment[][];
  page: number;
  /** The row's place among the table's rows on its page (1-based, under the header). */
  rowOnPage: number;
  /** The row is the first on its page, under the header: it may go on from the last row of the page before. */
  opensPage: boolean;
}

/** Blocks from the pages' pieces. Pure. */
export function blocksFromPages(items: TextItem[][], where: Location): Block[] {
  const pages = items.map(linesOf);
  const header = findHeaderLines(pages, where);
  const blocks: Block[] = [];
  const paragraphs = (page: number, lines: Line[]) => {
    for (const text of proseLines(lines)) blocks.push({ kind: 'paragraph', text, page: page + 1 });
  };
  const lastPage = header ? header.page : pages.length - 1;
  for (let page = 0; page <= lastPage; page++)
    paragraphs(page, header && page === header.page ? pages[page]!.slice(0, header.first) : pages[page]!);
  if (!header) return blocks;

  const heights = header.cells.length > 0 ? pages[header.page]![header.first]!.height : 1;
  const columns: Column[] = header.cells.map((cell, i) => ({
    // A header sits inside its column, so a piece starting right of the previous header's end is in this column or further.
    start: i === 0 ? Number.NEGATIVE_INFINITY : header.cells[i - 1]!.x1 - 0.2 * heights,
  }));
  const headerKey = key(header.cells);
  const numberColumn = findHeader({ where, rows: [gridRowOf(header.cells, 1)] })?.columns.number;

  // The table's lines, page by page; a page number at a page's foot and whatever follows the
  // table's end are kept aside, to be listed as ignored, never read into a cell.
  const bodyLines: { page: number; line: Line }[] = [];
  const aside: { page: number; lines: Line[] }[] = [];
  const headerHeight = header.last - header.first + 1;
  for (let page = header.page; page < pages.length; page++) {
    // The header repeated at the top of a later page (over as many lines as it first took).
    const repeated =
      page !== header.page &&
      pages[page]!.length >= headerHeight &&
      key(headerCells(pages[page]!, 0, headerHeight - 1, header.gap)) === headerKey;
    const all = page === header.page ? pages[page]!.slice(header.last + 1) : pages[page]!.slice(repeated ? headerHeight : 0);
    const foot = all.at(-1);
    const lines = foot && PAGE_NUMBER.test(lineText(foot).trim()) ? all.slice(0, -1) : all;
    if (foot && lines.length < all.length) aside.push({ page, lines: [foot] });
    for (const line of lines) bodyLines.push({ page, line });
  }
  const pitch = linePitch(bodyLines.map((b) => b.line)) ?? heights * 1.2;
  // The table ends after its last line with text in two columns or more (no signature or note
  // is): lines below that are the last row's, unless a wider gap than a row's own lines leave
  // comes first; from there on nothing is read into a cell. (On a new page they may be the
  // row's cells going on: they stay in the table, whose reader lists a row it cannot use.)
  let end = bodyLines.length;
  let lastTableLine = -1;
  bodyLines.forEach(({ line }, i) => {
    if (new Set(placeInColumns(line, columns).map((p) => p.column)).size >= 2) lastTableLine = i;
  });
  for (let i = Math.max(1, lastTableLine + 1); i < bodyLines.length; i++) {
    const above = bodyLines[i - 1]!;
    const here = bodyLines[i]!;
    if (above.page === here.page && above.line.y - here.line.y > TABLE_END_GAP * pitch) {
      end = i;
      break;
    }
  }
  for (const { page, line } of bodyLines.slice(end)) {
    if (aside.at(-1)?.page !== page) aside.push({ page, lines: [] });
    aside.at(-1)!.lines.push(line);
  }

  const rows: RowDraft[] = [];
  let row: RowDraft | null = null;
  let previous: { page: number; line: Line } | null = null;
  for (const current of bodyLines.slice(0, end)) {
    const segments = split(current.line, header.gap);
    if (current.page !== header.page && key(segments) === headerKey) {
      previous = null; // the header repeated on a later page, below a line of its own
      continue;
    }
    const gap: number = previous && previous.page === current.page ? previous.line.y - current.line.y : Number.POSITIVE_INFINITY;
    const placed = placeInColumns(current.line, columns);
    const secondNumber =
      numberColumn !== undefined && row !== null && row.cells[numberColumn]!.length > 0 && placed.some((p) => p.column === numberColumn);
    if (row === null || gap > 1.3 * pitch || secondNumber) {
      const onPage = rows.at(-1)?.page === current.page ? rows.at(-1)!.rowOnPage + 1 : 1;
      row = {
        cells: columns.map(() => []),
        page: current.page,
        rowOnPage: onPage,
        opensPage: previous === null || previous.page !== current.page,
      };
      rows.push(row);
    }
    for (const { segment, column } of placed) row.cells[column]!.push(segment);
    previous = current;
  }

  // Where each column's text may reach: up to where the next column's text starts (the rule
  // between them lies in that gap), the last one up to the table's right end.
  const starts = header.cells.map((cell) => cell.x0);
  let right = Math.max(...header.cells.map((c) => c.x1));
  for (const draft of rows) {
    draft.cells.forEach((pieces, c) =>
      pieces.forEach((p) => {
        starts[c] = Math.min(starts[c]!, p.x0);
        right = Math.max(right, p.x1);
      }),
    );
  }
  const reach = columns.map((_, c) => (c + 1 < columns.length ? starts[c + 1]! : right));
  const filled = (piece: Segment, column: number) => piece.x1 + 2.5 * heights > reach[column]!;

  // A row Word broke across pages: the first row of a page, without a number, whose every cell
  // goes on from a cell of the row above that filled its column to the end (its text wrapped
  // over the page break). A row of its own would start its cells afresh.
  const joined: RowDraft[] = [];
  for (const draft of rows) {
    const above = joined.at(-1);
    const continues =
      above !== undefined &&
      draft.opensPage &&
      (numberColumn === undefined || draft.cells[numberColumn]!.length === 0) &&
      draft.cells.some((pieces) => pieces.length > 0) &&
      draft.cells.every((pieces, c) => pieces.length === 0 || (above.cells[c]!.length > 0 && filled(above.cells[c]!.at(-1)!, c)));
    if (continues) draft.cells.forEach((pieces, c) => above.cells[c]!.push(...pieces));
    else joined.push(draft);
  }

  const gridRows: GridRow[] = [{ number: 1, cells: header.cells.map((s) => ({ text: s.text, mergedFrom: null })) }];
  for (const draft of joined) {
    const cells: GridCell[] = draft.cells.map((pieces, c) => ({ text: cellText(pieces, reach[c]!, heights), mergedFrom: null }));
    gridRows.push({ number: gridRows.length + 1, cells, place: { page: draft.page + 1, row: draft.rowOnPage } });
  }
  blocks.push({ kind: 'table', grid: { where, rows: gridRows } });
  for (const { page, lines } of aside) paragraphs(page, lines);
  return blocks;
}

/**
 * A body line's pieces by column: each piece goes to the column it starts in, except a piece
 * that continues the one before it with hardly a gap (a run of the same cell, split by a
 * change of font), which stays in that one's column. Adjacent cells are further apart: their
 * padding on both sides of the rule.
 */
function placeInColumns(line: Line, columns: Column[]): { segment: Segment; column: number }[] {
  const placed: { segment: Segment; column: number }[] = [];
  for (const item of line.items) {
    const last = placed.at(-1);
    const gap = last ? item.x - last.segment.x1 : Number.POSITIVE_INFINITY;
    const column = last && gap <= WORD_GAP * line.height ? last.column : columnOf(columns, item.x);
    if (last && last.column === column) {
      last.segment.text +=
        (gap > WORD_GAP * line.height && !last.segment.text.endsWith(' ') && !item.text.startsWith(' ') ? ' ' : '') + item.text;
      last.segment.x1 = Math.max(last.segment.x1, item.x + item.width);
    } else placed.push({ segment: { text: item.text, x0: item.x, x1: item.x + item.width }, column });
  }
  return placed;
}

function columnOf(columns: Column[], x: number): number {
  let column = 0;
  while (column + 1 < columns.length && x >= columns[column + 1]!.start) column++;
  return column;
}

/**
 * A cell's lines joined: without a break after a line that filled the column (wrapped), with
 * one after a line that ended early. A line filled the column when two and a half characters
 * more would reach the next column's text: the cells' padding on both sides of the rule is
 * about one character, and a line may end a character early where punctuation may not begin one.
 */
function cellText(pieces: Segment[], reach: number, height: number): string {
  let text = '';
  pieces.forEach((piece, i) => {
    if (i > 0) {
      const wrapped = pieces[i - 1]!.x1 + 2.5 * height > reach;
      text += wrapped ? (isWordCharacter(text.charCodeAt(text.length - 1)) && isWordCharacter(piece.text.charCodeAt(0)) ? ' ' : '') : '\n';
    }
    text += piece.text;
  });
  return text;
}

/** Latin letters and digits: a wrapped line between two of them was a space in the source. */
function isWordCharacter(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
