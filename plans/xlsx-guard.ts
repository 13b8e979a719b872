/**
 * Refuses a workbook that would exhaust the importer before a row is read. exceljs unpacks
 * every part and makes an object for every cell, merged ranges included, so a few kilobytes
 * can ask for gigabytes: a sheet that unpacks to 50 MB, a merge over a whole column (a
 * million cells; 20 s and 3 GB), over the whole sheet (17 billion; out of memory). Found by
 * fuzzing. The limits sit far above any real plan (5,000 task rows), and the check reads
 * only the archive's directory and its XML, so a damaged archive is left to exceljs to refuse.
 */
import { inflateRawSync } from 'node:zlib';
import { PlanInputError } from './errors';

/** Bytes the parts of a workbook may unpack to, together. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** Cells a workbook may hold, counting every cell of a merged range. */
export const MAX_CELLS = 300_000;

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

interface Part {
  name: string;
  data: Uint8Array;
  deflated: boolean;
}

/** The archive's parts as its directory lists them, or null when there is no readable directory. */
function listParts(bytes: Uint8Array): Part[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.byteLength - 22;
  const earliest = Math.max(0, end - 0xffff); // the archive comment is at most 64 KB
  while (end >= earliest && view.getUint32(end, true) !== END_OF_DIRECTORY) end--;
  if (end < earliest) return null;
  const parts: Part[] = [];
  let at = view.getUint32(end + 16, true);
  for (let i = view.getUint16(end + 10, true); i > 0; i--) {
    if (at + 46 > bytes.byteLength || view.getUint32(at, true) !== DIRECTORY_ENTRY) return null;
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    if (local + 30 > bytes.byteLength || view.getUint32(local, true) !== LOCAL_HEADER) return null;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    parts.push({
      name: new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      data: bytes.subarray(start, start + view.getUint32(at + 20, true)),
      deflated: view.getUint16(at + 10, true) === 8,
    });
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return parts;
}

const COLUMN_A = 'A'.charCodeAt(0) - 1;
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - COLUMN_A;
  return n;
}

/** Cells in an XML part: written ones, and every cell of each merged range (A1:XFD1048576 form). */
function countCells(xml: string): number {
  let cells = 0;
  for (const _ of xml.matchAll(/<c[\s>/]/g)) cells++;
  for (const m of xml.matchAll(/<mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"/g)) {
    const columns = Math.abs(columnNumber(m[3]!) - columnNumber(m[1]!)) + 1;
    const rows = Math.abs(Number(m[4]) - Number(m[2])) + 1;
    cells += columns * rows;
  }
  return cells;
}

export function checkWorkbookSize(bytes: Uint8Array, fileName: string): void {
  const parts = listParts(bytes);
  if (!parts) return;
  let unpacked = 0;
  let cells = 0;
  for (const part of parts) {
    let data: Uint8Array = part.data;
    if (part.deflated) {
      try {
        data = inflateRawSync(part.data, { maxOutputLength: Math.max(1, MAX_UNPACKED_BYTES - unpacked) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') continue; // damaged: exceljs will say so
        data = new Uint8Array(MAX_UNPACKED_BYTES); // counts as over the limit below
      }
    }
    unpacked += data.byteLength;
    if (unpacked > MAX_UNPACKED_BYTES) {
      throw new PlanInputError(
        `${fileName}: the workbook unpacks to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB, far more than a plan needs; save only the plan's sheet and send it again`,
      );
    }
    if (part.name.endsWith('.xml')) cells += countCells(new TextDecoder().decode(data));
    if (cells > MAX_CELLS) {
      throw new PlanInputError(
        `${fileName}: the workbook has more than ${MAX_CELLS.toLocaleString('en')} cells (merged ranges count every cell they cover), far more than a plan needs; check for merges over whole rows or columns`,
      );
    }
  }
}
