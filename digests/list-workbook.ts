/**
 * A workbook of plain lists, one sheet each: the whole of what a message had to cut (the
 * circular's units, /yearly's units at province scale). Each sheet has the ledger's frame
 * (title, subtitle, bold header; digests/ledger/sheet-frame.ts) and look, prints on A4 and
 * filters by its header. Loaded at first use, like the ledger: exceljs is slow to load.
 */
import ExcelJS from 'exceljs';
import { writeFrame } from './ledger/sheet-frame';
import { HEADER_ROW, STYLES, printableSheet } from './ledger/styles';
import { cellText } from './ledger/cell-text';

export interface ListSheet {
  /** The tab's name (Excel allows 31 characters, none of []:*?/\). */
  name: string;
  title: string;
  subtitle: string;
  headers: readonly string[];
  /** Column widths in Excel's unit, one per header. */
  widths: readonly number[];
  /** Columns holding numbers, 0-based: centred. */
  numeric?: readonly number[];
  rows: readonly (readonly (string | number)[])[];
}

export async function listWorkbook(sheets: readonly ListSheet[], footer: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const list of sheets) {
    const sheet = workbook.addWorksheet(list.name, printableSheet(1, footer));
    writeFrame(sheet, list);
    const numeric = new Set(list.numeric ?? []);
    list.rows.forEach((values, i) => {
      const row = sheet.getRow(HEADER_ROW + 1 + i);
      values.forEach((value, column) => {
        const cell = row.getCell(column + 1);
        cell.value = typeof value === 'number' ? value : cellText(value);
        cell.style = numeric.has(column) ? STYLES.centered : STYLES.text;
      });
    });
    if (list.rows.length > 0)
      sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW + list.rows.length, column: list.headers.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
