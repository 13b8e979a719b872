/**
 * A task table as a grid of cells, whatever file it came from (.xlsx, .csv, .tsv or a
 * table pasted as text). Merged cells hold their value over the whole range; `mergedFrom`
 * tells a copy from the cell it was copied from, so a value spanning several rows of one
 * task is read once.
 */
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { PlanInputError } from './errors';

export interface GridCell {
  text: string;
  /** Address ("r5c2", 1-based) of the merge's top-left cell when this cell is a copy of it. */
  mergedFrom: string | null;
}

export interface GridRow {
  /** 1-based row number in the source, for messages. */
  number: number;
  cells: GridCell[];
}

export interface Grid {
  /** The file's name and, for workbooks, the sheet: "plan.xlsx, sheet 任务分解表". */
  source: string;
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
  if (value instanceof Date) return value.toISOString().slice(0, 10);
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

/** Every worksheet of an .xlsx file as a grid, in workbook order. */
export async function gridsFromXlsx(bytes: Uint8Array, fileName: string): Promise<Grid[]> {
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new PlanInputError(
      `${fileName}: the workbook is password-protected or in the old .xls format; remove the password or save it as .xlsx and send it again`,
    );
  }
  if (!startsWith(bytes, ZIP_MAGIC)) {
    throw new PlanInputError(`${fileName}: not an .xlsx workbook (the file is damaged or of another type)`);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new PlanInputError(`${fileName}: the workbook cannot be read (${(error as Error).message})`);
  }
  return workbook.worksheets.map((sheet) => ({ source: `${fileName}, sheet ${sheet.name}`, rows: sheetRows(sheet) }));
}

function sheetRows(sheet: ExcelJS.Worksheet): GridRow[] {
  const rows: GridRow[] = [];
  const width = sheet.actualColumnCount === 0 ? 0 : sheet.columnCount;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: GridCell[] = [];
    for (let c = 1; c <= width; c++) {
      const cell = row.getCell(c);
      const master = cell.isMerged ? cell.master : cell;
      const copied = master.address !== cell.address;
      cells.push({
        text: cellText(master.value),
        mergedFrom: copied ? `r${master.row}c${master.col}` : null,
      });
    }
    rows.push({ number: rowNumber, cells });
  });
  return rows;
}

// ---------------------------------------------------------------------------- csv / tsv / pasted text

/**
 * Text from a file, as offices save it: UTF-8 (with or without BOM), or GB18030/GBK as
 * Excel on Chinese Windows writes CSV.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

export function gridFromDelimited(text: string, delimiter: ',' | '\t', source: string): Grid {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parseCsv(text, {
      info: true,
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
      // Tabs in pasted tables are never quoted fields; quotes are text there.
      quote: delimiter === '\t' ? false : '"',
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const err = error as Error & { lines?: number };
    const where = err.lines ? ` row ${err.lines}` : '';
    throw new PlanInputError(`${source}${where}: the ${delimiter === ',' ? 'CSV' : 'table'} cannot be read (${err.message})`);
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
  return { source, rows };
}
