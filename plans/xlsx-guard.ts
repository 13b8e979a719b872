/**
 * Refuses a workbook that would exhaust the importer before a row is read. exceljs unpacks
 * every part and makes an object for every cell, and for every cell of a merged range or a
 * defined name, so a few kilobytes can ask for gigabytes: a sheet that unpacks to 50 MB, a
 * merge over a whole column (a million cells; 20 s and 3 GB), over the whole sheet (17
 * billion; out of memory), a name for A1:Z1048576 (9 s and 2.8 GB). Found by fuzzing. The
 * limits sit far above any real plan (5,000 task rows). An archive whose directory is not
 * as zip writers write it is refused too: exceljs's unzipper would guess past the damage
 * (a wrong entry count, shifted offsets), and the check must see what exceljs will read.
 */
import { inflateRawSync } from 'node:zlib';
import { refusal } from './errors';

/** Bytes the parts of a workbook may unpack to, together. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** Cells a workbook may hold, counting every cell of a merged range and of a defined name. */
export const MAX_CELLS = 300_000;
/**
 * XML elements a workbook may have: exceljs keeps an object for most (a million empty
 * <row/> elements in a 2.5 MB file: 3 s and 600 MB). A 5,000-row plan has a few hundred thousand.
 */
export const MAX_ELEMENTS = 1_000_000;

const END_OF_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END_OF_DIRECTORY = 0x06064b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const FULL = 0xffffffff;

export interface Part {
  name: string;
  data: Uint8Array;
  deflated: boolean;
}

/**
 * The archive's parts as its directory lists them (ZIP64 archives too: exceljs reads them),
 * or null when the directory is missing or damaged, is not where its end record says, or
 * does not hold the entries it counts: exceljs's unzipper (JSZip) then shifts offsets or
 * searches for records, and could read another directory than the one checked here.
 */
export function listParts(bytes: Uint8Array): Part[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fits = (offset: number, length: number) => offset >= 0 && offset + length <= bytes.byteLength;
  let end = bytes.byteLength - 22;
  const earliest = Math.max(0, end - 0xffff); // the archive comment is at most 64 KB
  while (end >= earliest && view.getUint32(end, true) !== END_OF_DIRECTORY) end--;
  if (end < earliest) return null;
  let count = view.getUint16(end + 10, true);
  let directorySize = view.getUint32(end + 12, true);
  let at = view.getUint32(end + 16, true);
  let directoryEnd = end; // where the directory must end: at the end record, or at the ZIP64 one
  if (count === 0xffff || directorySize === FULL || at === FULL) {
    const locator = end - 20;
    // No comment after the end record: JSZip looks for the ZIP64 locator from the file's end.
    if (end + 22 !== bytes.byteLength || !fits(locator, 20) || view.getUint32(locator, true) !== ZIP64_END_LOCATOR) return null;
    const record = Number(view.getBigUint64(locator + 8, true));
    if (!fits(record, 56) || view.getUint32(record, true) !== ZIP64_END_OF_DIRECTORY) return null;
    if (record + 12 + Number(view.getBigUint64(record + 4, true)) !== locator) return null;
    count = Number(view.getBigUint64(record + 32, true));
    directorySize = Number(view.getBigUint64(record + 40, true));
    at = Number(view.getBigUint64(record + 48, true));
    directoryEnd = record;
  }
  if (at + directorySize !== directoryEnd) return null;
  const parts: Part[] = [];
  while (fits(at, 4) && view.getUint32(at, true) === DIRECTORY_ENTRY) {
    if (!fits(at, 46)) return null;
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    let size = view.getUint32(at + 20, true);
    let local = view.getUint32(at + 42, true);
    // Values too large for 32 bits are in the ZIP64 field, in this order: unpacked size, packed size, offset.
    const wide = zip64Values(view, at + 46 + nameLength, extraLength);
    if (view.getUint32(at + 24, true) === FULL) wide.shift();
    if (size === FULL) size = wide.shift() ?? FULL;
    if (local === FULL) local = wide.shift() ?? FULL;
    if (!fits(local, 30) || view.getUint32(local, true) !== LOCAL_HEADER) return null;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    parts.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      data: bytes.subarray(start, start + size),
      deflated: view.getUint16(at + 10, true) === 8,
    });
    at += 46 + nameLength + extraLength + view.getUint16(at + 32, true);
  }
  return parts.length === count ? parts : null;
}

/** The 64-bit values of an entry's ZIP64 extra field, in order; none when it has no such field. */
function zip64Values(view: DataView, start: number, length: number): number[] {
  const end = Math.min(start + length, view.byteLength);
  for (let field = start; field + 4 <= end; field += 4 + view.getUint16(field + 2, true)) {
    if (view.getUint16(field, true) !== ZIP64_EXTRA) continue;
    const values: number[] = [];
    const fieldEnd = Math.min(field + 4 + view.getUint16(field + 2, true), end);
    for (let value = field + 4; value + 8 <= fieldEnd; value += 8) values.push(Number(view.getBigUint64(value, true)));
    return values;
  }
  return [];
}

const COLUMN_A = 'A'.charCodeAt(0) - 1;
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + ch.charCodeAt(0) - COLUMN_A;
  return n;
}

/** A merged range as the XML parser takes it: either quotes, any case, $ marks, spaces around "=". */
const MERGE_REF = /<mergeCell\b[^>]*?\sref\s*=\s*["']\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})["']/gi;
/** What a defined name stands for (Sheet1!$A$1:$F$20, several of them, comma-separated). */
const DEFINED_NAME = /<definedName\b[^>]*>([^<]*)<\/definedName>/gi;
const RANGE = /\$?([A-Z]{1,3})\$?(\d{1,7}):\$?([A-Z]{1,3})\$?(\d{1,7})/gi;

function area(m: RegExpMatchArray): number {
  const columns = Math.abs(columnNumber(m[3]!) - columnNumber(m[1]!)) + 1;
  const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1;
  return columns * rows;
}

/** Cells of every merged range and defined name of an XML part's text (A1:XFD1048576 form). */
function rangeCells(xml: string): number {
  let cells = 0;
  for (const m of xml.matchAll(MERGE_REF)) cells += area(m);
  for (const name of xml.matchAll(DEFINED_NAME)) for (const m of name[1]!.matchAll(RANGE)) cells += area(m);
  return cells;
}

const LESS_THAN = 0x3c;
const LOWER_C = 0x63;
/** The tags of ranges, lower case, matched without case as the patterns above match them. */
const MERGE_TAG = [...'mergecell'].map((ch) => ch.charCodeAt(0));
const DEFINED_NAME_TAG = [...'definedname'].map((ch) => ch.charCodeAt(0));
/** One character after `<c`, BOM-like U+FEFF kept: it is whitespace to `\s`. */
const CHARACTER = new TextDecoder('utf-8', { ignoreBOM: true });

function isTagStart(byte: number): boolean {
  return (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x5f;
}

/** `<c` then this byte is a cell's start tag: ASCII whitespace, `>` or `/` (other whitespace is decoded). */
function endsCellTag(byte: number): boolean {
  return (byte >= 0x09 && byte <= 0x0d) || byte === 0x20 || byte === 0x3e || byte === 0x2f;
}

/** Whether `data` holds `tag` (lower-case letters) at `at`, in any case: a letter ORed with 0x20 is its lower case. */
function hasTagAt(data: Uint8Array, at: number, tag: number[]): boolean {
  for (let i = 0; i < tag.length; i++) if ((data[at + i]! | 0x20) !== tag[i]) return false;
  return true;
}

/**
 * An XML part's elements (`<` then a letter or _) and cell elements (`<c` then whitespace, `>`
 * or `/`), counted on its bytes, and whether it has a merged range or a defined name. The
 * counts are those of the patterns /<[A-Za-z_]/g and /<c[\s>/]/g on the decoded text: UTF-8
 * never puts an ASCII byte inside another character. Decoding every part to count took longer
 * than the rest of the check (a 5,000-row plan has 2 MB of XML).
 */
export function scanTags(data: Uint8Array): { elements: number; cells: number; ranges: boolean } {
  let elements = 0;
  let cells = 0;
  let ranges = false;
  const end = data.length - 1;
  for (let i = data.indexOf(LESS_THAN); i >= 0 && i < end; i = data.indexOf(LESS_THAN, i + 1)) {
    const next = data[i + 1]!;
    if (!isTagStart(next)) continue;
    elements++;
    if (next === LOWER_C && i + 2 < data.length) {
      const after = data[i + 2]!;
      if (endsCellTag(after) || (after >= 0x80 && /^\s/.test(CHARACTER.decode(data.subarray(i + 2, i + 6))))) cells++;
    } else if (!ranges && ((next | 0x20) === MERGE_TAG[0] || (next | 0x20) === DEFINED_NAME_TAG[0])) {
      ranges = hasTagAt(data, i + 1, MERGE_TAG) || hasTagAt(data, i + 1, DEFINED_NAME_TAG);
    }
  }
  return { elements, cells, ranges };
}

export function checkWorkbookSize(bytes: Uint8Array, fileName: string): void {
  const parts = listParts(bytes);
  const where = { file: fileName };
  if (!parts) throw refusal('workbook-zip-damaged', where, {});
  let unpacked = 0;
  let cells = 0;
  let elements = 0;
  for (const part of parts) {
    let data: Uint8Array = part.data;
    if (part.deflated) {
      try {
        data = inflateRawSync(part.data, { maxOutputLength: Math.max(1, MAX_UNPACKED_BYTES - unpacked) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') continue; // a damaged part: exceljs will say so
        data = new Uint8Array(MAX_UNPACKED_BYTES); // counts as over the limit below
      }
    }
    unpacked += data.byteLength;
    if (unpacked > MAX_UNPACKED_BYTES) throw refusal('workbook-too-large-unpacked', where, { max: MAX_UNPACKED_BYTES / 1024 / 1024 });
    if (!part.name.endsWith('.xml')) continue;
    const tags = scanTags(data);
    cells += tags.cells + (tags.ranges ? rangeCells(new TextDecoder().decode(data)) : 0);
    elements += tags.elements;
    if (elements > MAX_ELEMENTS) throw refusal('workbook-too-many-elements', where, { max: MAX_ELEMENTS });
    if (cells > MAX_CELLS) throw refusal('workbook-too-many-cells', where, { max: MAX_CELLS });
  }
}
