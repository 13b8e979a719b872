/**
 * Workbooks written at the XML level: sheets from rows of cells (inline strings, or any raw
 * cell XML), edits to the cells, merges and styles of a real workbook, and workbooks of many
 * sheets. Spreadsheet programs never write most of this; that is the point.
 */
import { readZip, writeZip, type Entries } from './zip';
import { fuzhouXlsx } from './fixtures';
import { columnLetter } from '../../../plans/grid';

const utf8 = new TextEncoder();
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

let base: Promise<Entries> | null = null;
/** The parts of the real Fuzhou workbook, unpacked once. */
export function fuzhouParts(): Promise<Entries> {
  base ??= fuzhouXlsx().then(readZip);
  return base;
}

export const SHEET = 'xl/worksheets/sheet1.xml';
export const SHARED_STRINGS = 'xl/sharedStrings.xml';
export const STYLES = 'xl/styles.xml';
export const WORKBOOK = 'xl/workbook.xml';

/** Text as XML character data: escaped, without the characters XML 1.0 forbids. */
export function xmlText(value: string): string {
  return value
    .replace(/[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** A cell: text (written as an inline string) or the raw XML inside <c r="…">…</c> with its attributes. */
export type Cell = string | { attributes?: string; body: string };

export function cellXml(ref: string, cell: Cell): string {
  if (typeof cell === 'string') {
    return cell === '' ? '' : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlText(cell)}</t></is></c>`;
  }
  return `<c r="${ref}"${cell.attributes ? ` ${cell.attributes}` : ''}>${cell.body}</c>`;
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';

/** A worksheet of the given rows (row 1 first) and merged ranges ("A1:F1"). */
export function sheetXml(rows: Cell[][], merges: string[] = []): string {
  const body = rows
    .map((row, r) => {
      const cells = row.map((cell, c) => cellXml(`${columnLetter(c + 1)}${r + 1}`, cell)).join('');
      return cells === '' ? '' : `<row r="${r + 1}">${cells}</row>`;
    })
    .join('');
  const mergeXml = merges.length
    ? `<mergeCells count="${merges.length}">${merges.map((ref) => `<mergeCell ref="${ref}"/>`).join('')}</mergeCells>`
    : '';
  return `${SHEET_HEAD}<sheetData>${body}</sheetData>${mergeXml}</worksheet>`;
}

export interface Sheet {
  name: string;
  xml: string;
}

/** The Fuzhou workbook's parts (styles, shared strings, theme) with these sheets instead of its own. */
export async function workbookOf(sheets: Sheet[], options: { store?: boolean } = {}): Promise<Uint8Array> {
  const parts = new Map(await fuzhouParts());
  parts.delete(SHEET);
  sheets.forEach((sheet, i) => parts.set(`xl/worksheets/sheet${i + 1}.xml`, utf8.encode(sheet.xml)));
  const sheetList = sheets.map((sheet, i) => `<sheet name="${xmlText(sheet.name)}" sheetId="${i + 1}" r:id="rIdSheet${i + 1}"/>`).join('');
  parts.set(WORKBOOK, utf8.encode(text(parts.get(WORKBOOK)).replace(/<sheets>[\s\S]*<\/sheets>/, `<sheets>${sheetList}</sheets>`)));
  const rels = 'xl/_rels/workbook.xml.rels';
  const sheetRels = sheets
    .map(
      (_, i) =>
        `<Relationship Id="rIdSheet${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('');
  parts.set(rels, utf8.encode(text(parts.get(rels)).replace(/<Relationship Id="rId4"[^>]*\/>/, sheetRels)));
  const types = '[Content_Types].xml';
  const sheetTypes = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  parts.set(types, utf8.encode(text(parts.get(types)).replace(/<Override PartName="\/xl\/worksheets\/sheet1\.xml"[^>]*\/>/, sheetTypes)));
  return writeZip(parts, options);
}

/** The real workbook with some parts' XML rewritten. */
export async function fuzhouWith(edit: (xml: string, part: string) => string, parts: string[] = [SHEET]): Promise<Uint8Array> {
  const entries = new Map(await fuzhouParts());
  for (const part of parts) entries.set(part, utf8.encode(edit(text(entries.get(part)), part)));
  return writeZip(entries);
}

/** Replaces (or adds, at the end of its row) the cell at `ref` in a sheet's XML. */
export function withCell(sheet: string, ref: string, cell: Cell): string {
  const existing = new RegExp(`<c r="${ref}"(?: [^>]*?)?(?:/>|>.*?</c>)`);
  const replacement = cellXml(ref, cell);
  if (existing.test(sheet)) return sheet.replace(existing, replacement);
  const row = ref.match(/\d+$/)?.[0];
  const rowEnd = new RegExp(`(<row r="${row}"[^>]*>.*?)(</row>)`);
  return rowEnd.test(sheet)
    ? sheet.replace(rowEnd, `$1${replacement}$2`)
    : sheet.replace('</sheetData>', `<row r="${row}">${replacement}</row></sheetData>`);
}

/** A sheet's merges replaced by `merges`. */
export function withMerges(sheet: string, merges: string[]): string {
  const block = merges.length
    ? `<mergeCells count="${merges.length}">${merges.map((ref) => `<mergeCell ref="${xmlText(ref)}"/>`).join('')}</mergeCells>`
    : '';
  const without = sheet.replace(/<mergeCells[\s\S]*?<\/mergeCells>/, '');
  return without.replace('</sheetData>', `</sheetData>${block}`);
}

/** The styles with one more cell format, a date (built-in format 14), at index `DATE_STYLE`. */
export const DATE_STYLE = 3;
export function withDateStyle(styles: string): string {
  return styles.replace(
    /<cellXfs count="3">([\s\S]*?)<\/cellXfs>/,
    '<cellXfs count="4">$1<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>',
  );
}
