/**
 * A task table as a grid of cells, whatever file it came from (.xlsx, .csv, .tsv or a
 * table pasted as text). Merged cells hold their value over the whole range; `mergedFrom`
 * tells a copy from the cell it was copied from, so a value spanning several rows of one
 * task is read once.
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { refusal } from './errors';
import type { Location } from './problems';
import { checkWorkbookSize } from './xlsx-guard';

export interface GridCell {
  text: string;
  /** Address ("r5c2", 1-based) of the merge's top-left cell when this cell is a copy of it. */
  mergedFrom: string | null;
}

export interface GridRow {
  /** 1-based row number in the source, for messages. */
  number: number;
  cells: GridCell[];
  /**
   * Where the row is, when its number alone does not say it: a PDF's table rebuilt across
   * pages is one grid, but an admin finds a row by its page and its place on that page.
   */
  place?: Pick<Location, 'page' | 'row'>;
}

export interface Grid {
  /** The file's name and, for workbooks, the sheet's: where the grid's problems are. */
  where: Location;
  rows: GridRow[];
}

/** Column letters as spreadsheets show them: 1 → A, 27 → AA. */
export function columnLetter(column: number): string {
  let out = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
  return out;
}

// ---------------------------------------------------------------------------- xlsx

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A date-formatted number past the calendar (1e308) loads as an invalid Date, whose
  // toISOString throws (found by fuzzing): it reads as an empty cell.
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((run) => run.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as ExcelJS.CellFormulaValue).result;
      return result === undefined || result === null || typeof result === 'object' ? '' : String(result);
    }
    if ('hyperlink' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return '';
  }
  return String(value);
}

/**
 * Parts of a sheet the importer never reads, left unparsed: exceljs makes an object per
 * column of a <col> range and per cell of a data validation's range, so a validation on
 * whole columns (A1:Z1048576) ran out of memory and <col max="100000000"> took gigabytes
 * (found by fuzzing); one on a single whole column, common in real files, cost 1.4 s.
 */
const UNREAD_SHEET_PARTS = ['cols', 'dataValidations'];

/** Every worksheet of an .xlsx file as a grid, in workbook order. */
export async function gridsFromXlsx(bytes: Uint8Array, fileName: string): Promise<Grid[]> {
  if (startsWith(bytes, OLE_MAGIC)) throw refusal('workbook-protected', { file: fileName }, {});
  if (!startsWith(bytes, ZIP_MAGIC)) throw refusal('not-xlsx', { file: fileName }, {});
  checkWorkbookSize(bytes, fileName);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer, { ignoreNodes: UNREAD_SHEET_PARTS });
  } catch (error) {
    throw refusal('workbook-unreadable', { file: fileName }, { detail: (error as Error).message });
  }
  const spanned = { cells: 0 };
  return workbook.worksheets.map((sheet) => {
    const where = { file: fileName, sheet: sheet.name };
    return { where, rows: sheetRows(sheet, where, spanned) };
  });
}

/**
 * Characters of text a sheet may hold, counting a merged or shared value once for every
 * cell it fills: the table reader reads each cell, so a 100,000-character string shared
 * by 5,000 rows of a 100 KB workbook was half a billion characters to read (fuzzing).
 */
export const MAX_SHEET_TEXT = 2_000_000;

/**
 * Cells the rows of a workbook's sheets may span, the empty ones up to each row's last cell
 * included. A value in column XFD on every row of a 41 KB workbook asked for 16,384 cells a
 * row, and ran out of memory at 1,000 rows (found by fuzzing).
 */
export const MAX_SPANNED_CELLS = 500_000;

/** `spanned` counts the cells rows span across all the workbook's sheets. */
function sheetRows(sheet: ExcelJS.Worksheet, where: Location, spanned: { cells: number }): GridRow[] {
  const rows: GridRow[] = [];
  let characters = 0;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: GridCell[] = [];
    spanned.cells += row.cellCount;
    if (spanned.cells > MAX_SPANNED_CELLS) {
      throw refusal('sheet-too-wide', { ...where, row: rowNumber }, { max: MAX_SPANNED_CELLS, column: columnLetter(row.cellCount) });
    }
    // Each row as far as its own cells go, not as wide as the widest row: one cell in column
    // XFD made every row 16,384 cells wide, and a 40-row table took seconds (found by fuzzing).
    for (let c = 1; c <= row.cellCount; c++) {
      const cell = row.getCell(c);
      const master = cell.isMerged ? cell.master : cell;
      const copied = master.address !== cell.address;
      const text = cellText(master.value);
      characters += text.length;
      cells.push({ text, mergedFrom: copied ? `r${master.row}c${master.col}` : null });
    }
    if (characters > MAX_SHEET_TEXT) throw refusal('sheet-too-much-text', { ...where, row: rowNumber }, { max: MAX_SHEET_TEXT });
    rows.push({ number: rowNumber, cells });
  });
  return rows;
}

// ---------------------------------------------------------------------------- csv / tsv / pasted text

/**
 * Text from a file, as offices save it: UTF-8 (with or without BOM), GB18030/GBK as Excel
 * on Chinese Windows writes CSV, or UTF-16 as Excel's "Unicode text" and Notepad's "Unicode"
 * write it (little-endian, with a BOM; some tools leave the BOM out).
 */
export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Order(bytes);
  if (utf16) return new TextDecoder(utf16, { ignoreBOM: false }).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Bytes of a file looked at to tell UTF-16 without a BOM. */
const UTF16_SAMPLE = 4096;

/**
 * UTF-16's byte order when the file is UTF-16: by its BOM, or, without one, by where its
 * NUL bytes are. Every ASCII character (digits, tabs, line breaks) of UTF-16LE text has a
 * NUL high byte at an odd offset, and no character has a NUL low byte... except U+xx00,
 * (一 is U+4E00) far fewer. UTF-8 and GBK text has no NUL at all. So: NULs mostly at odd
 * offsets, at least one pair in 20 (a Chinese table still has its tabs and line breaks), is
 * UTF-16LE; mirrored, BE.
 */
export function utf16Order(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const end = Math.min(bytes.byteLength, UTF16_SAMPLE) & ~1;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < end; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const enough = Math.max(1, end / 2 / 20);
  // Characters U+xx00 (一 is U+4E00, common) put a NUL on the other side now and then: far
  // fewer than the ASCII characters' NULs, never as many.
  if (odd >= enough && even * 2 < odd) return 'utf-16le';
  if (even >= enough && odd * 2 < even) return 'utf-16be';
  return null;
}

/**
 * Rows whose number of cells differs from the first row's that a file may have. csv-parse
 * builds (and, relaxed, discards) an error object of some 45 µs for each such row, so a
 * file of a header and a million blank lines took minutes (found by fuzzing).
 */
const MAX_RAGGED_ROWS = 10_000;

/**
 * Cells a delimited file may have (a 5,000-row plan has tens of thousands). csv-parse takes
 * about 1.5 µs a cell, so 10 MB of commas or of ",,,,\n" lines, one cell per byte, took
 * 15 s (found by fuzzing). Counted as delimiters and line breaks, before parsing.
 */
const MAX_DELIMITED_CELLS = 500_000;

function tooManyCells(text: string, delimiter: string): boolean {
  let cells = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if ((ch === delimiter.charCodeAt(0) || ch === 0x0a || ch === 0x0d) && ++cells > MAX_DELIMITED_CELLS) return true;
  }
  return false;
}

/** Thrown out of csv-parse's record hook: too many ragged rows, at `lines`. */
class TooRagged extends Error {
  constructor(readonly lines: number) {
    super('too many ragged rows');
  }
}

type DelimitedRecords = { record: string[]; info: { lines: number } }[];

function parseDelimited(text: string, delimiter: ',' | '\t', quote: boolean): DelimitedRecords {
  return parseCsv(text, {
    info: true,
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
    bom: true,
    quote: quote ? '"' : false,
    on_record: (record, context) => {
      if (context.invalid_field_length <= MAX_RAGGED_ROWS) return record;
      throw new TooRagged(context.lines);
    },
  }) as unknown as DelimitedRecords;
}

/**
 * Whether tab-separated text has a field opening with a quote, as Excel writes a cell holding
 * a line break, a tab or a quote ("…⏎…", quotes doubled) in its "Unicode text" and "Text (tab
 * delimited)" files. Tables pasted in chat quote nothing, and their quotes are text.
 */
function quotesFields(text: string): boolean {
  return text.startsWith('"') || text.includes('\t"') || text.includes('\n"');
}

export function gridFromDelimited(text: string, delimiter: ',' | '\t', fileName: string): Grid {
  const where: Location = { file: fileName };
  const format = delimiter === ',' ? 'csv' : 'table';
  if (tooManyCells(text, delimiter)) throw refusal('too-many-delimited-cells', where, { max: MAX_DELIMITED_CELLS });
  let records: DelimitedRecords | null = null;
  if (delimiter === '\t' && quotesFields(text)) {
    // Read as Excel quotes; a quote that is text there (a cell starting with "信用福州"网站)
    // breaks that reading, and the text is read again with quotes as text.
    try {
      records = parseDelimited(text, delimiter, true);
    } catch {
      records = null;
    }
  }
  try {
    records ??= parseDelimited(text, delimiter, delimiter === ',');
  } catch (error) {
    if (error instanceof TooRagged) throw refusal('delimited-ragged', { ...where, row: error.lines }, { format, max: MAX_RAGGED_ROWS });
    const err = error as Error & { lines?: number };
    throw refusal('delimited-unreadable', err.lines ? { ...where, row: err.lines } : where, { format, detail: err.message });
  }
  const rows: GridRow[] = [];
  // `info.lines` is the line a record ends on; a quoted cell may span several lines.
  let nextLine = 1;
  for (const { record, info } of records) {
    const number = nextLine;
    nextLine = info.lines + 1;
    if (record.every((value) => value.trim() === '')) continue;
    rows.push({ number, cells: record.map((value) => ({ text: value, mergedFrom: null })) });
  }
  return { where, rows };
}
