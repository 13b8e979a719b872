/**
 * Reads a Word document (.docx) into blocks (plans/document.ts): its paragraphs and tables in
 * order, from word/document.xml. Tables keep their merges the way workbooks do (plans/grid.ts):
 * a cell spanning columns (w:gridSpan) or continuing a vertical merge (w:vMerge) holds the
 * merge's value with `mergedFrom` naming the cell it is a copy of.
 *
 * Word's automatic numbering (w:numPr, the paragraph's own or its style's in styles.xml)
 * lives in numbering.xml and is counted by Word when it lays the document out:
 * plans/docx-numbering.ts counts it again and puts the number before
 * the paragraph's text ("（一）", "1."), as a copy out of Word shows it. Numbering typed as
 * text is kept as typed.
 */
import JSZip from 'jszip';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { inflateRawSync } from 'node:zlib';
import { refusal } from './errors';
import type { Location } from './problems';
import type { GridCell, GridRow } from './grid';
import { listParts } from './xlsx-guard';
import type { Block } from './document';
import { NumberingCounter, readNumbering, readStyles, type NumberingDefinitions } from './docx-numbering';
import { readInWorker } from './document-thread';

/** Parts (files) a .docx may hold; a real one has a few dozen, with images a few hundred. */
export const MAX_DOCX_PARTS = 2_000;
/**
 * Bytes the parts of a .docx may unpack to, together: room for 10 MB of pictures beside the
 * XML of a plan of a thousand pages. Word's XML is read at about 10 MB a second (the costliest
 * 24 MB in 3 s): 61 MB of crafted XML held the bot's thread for 13 s when it was read there
 * (found by review). It is read in a worker thread now (blocksFromDocx); the cap bounds the
 * worker's memory and time.
 */
export const MAX_DOCX_UNPACKED_BYTES = 24 * 1024 * 1024;
/**
 * How many times smaller than its content a large part may be packed. Word's XML packs 5 to
 * 20 times; a zip bomb thousands of times. Parts under 1 MB unpacked are not checked.
 */
export const MAX_COMPRESSION_RATIO = 200;
const RATIO_CHECKED_FROM = 1024 * 1024;
/**
 * Characters of text the document may hold, counting a merged cell's value once for every
 * cell it covers (the table reader reads each): as for workbooks (MAX_SHEET_TEXT).
 */
export const MAX_DOCX_TEXT = 2_000_000;
/** Table cells the document may have, every cell a merge covers included (as MAX_SPANNED_CELLS). */
export const MAX_DOCX_CELLS = 500_000;

const MAIN_PART = 'word/document.xml';
const NUMBERING_PART = 'word/numbering.xml';
const STYLES_PART = 'word/styles.xml';
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * Refuses an archive that would exhaust the reader before a paragraph is read: too many
 * parts, too much unpacked, a large part packed like a zip bomb. Like the workbook guard, it
 * refuses a directory that is not as zip writers write it, so JSZip reads what was checked.
 */
export function checkDocxSize(bytes: Uint8Array, where: Location): void {
  const parts = listParts(bytes);
  if (!parts) throw refusal('docx-zip-damaged', where, {});
  if (parts.length > MAX_DOCX_PARTS) throw refusal('docx-too-many-parts', where, { max: MAX_DOCX_PARTS });
  let unpacked = 0;
  for (const part of parts) {
    let size = part.data.byteLength;
    if (part.deflated) {
      try {
        size = inflateRawSync(part.data, { maxOutputLength: Math.max(1, MAX_DOCX_UNPACKED_BYTES - unpacked) }).byteLength;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ERR_BUFFER_TOO_LARGE') continue; // damaged: JSZip says so if it is read
        size = MAX_DOCX_UNPACKED_BYTES + 1;
      }
    }
    unpacked += size;
    if (unpacked > MAX_DOCX_UNPACKED_BYTES) throw refusal('docx-too-large-unpacked', where, { max: MAX_DOCX_UNPACKED_BYTES / 1024 / 1024 });
    if (size >= RATIO_CHECKED_FROM && size > MAX_COMPRESSION_RATIO * Math.max(1, part.data.byteLength)) {
      throw refusal('docx-zip-bomb', where, { name: part.name, max: MAX_COMPRESSION_RATIO });
    }
  }
}

/**
 * How long reading a .docx may take the worker: 20 s. Everything the reader does is linear in
 * the XML, and the XML is capped (MAX_DOCX_UNPACKED_BYTES): the costliest documents written
 * to the cap (a million empty paragraphs, 700,000 one-character paragraphs, 2 million
 * characters of text, a task table in Word's verbose markup) took the worker 1.5 to 3 s, its
 * answer sent back included, on 2 busy cores. 20 s refuses no real document on a slower or
 * busier machine, and stops one that finds work growing faster than its XML.
 */
export const DOCX_BUDGET_MS = 20_000;

/**
 * The blocks of a .docx file, in document order, read in the document reader's worker thread
 * (plans/document-thread.ts), not the bot's: a document at the 24 MB cap takes seconds of
 * synchronous unzipping and parsing, during which the bot would answer nobody. A document
 * over its budget is refused as docx-too-complex. `budgetMs` is for tests (a real document
 * cannot be made to take 20 s).
 */
export function blocksFromDocx(
  bytes: Uint8Array,
  fileName: string,
  { budgetMs = DOCX_BUDGET_MS }: { budgetMs?: number } = {},
): Promise<Block[]> {
  return readInWorker('docx', bytes, { file: fileName }, budgetMs);
}

/** The blocks of a .docx file, read in this thread: only the document worker (plans/document-worker.ts) calls it. */
export async function readDocx(bytes: Uint8Array, where: Location): Promise<Block[]> {
  // An encrypted .docx is an OLE container, as is a .doc renamed: neither is a zip.
  if (startsWith(bytes, OLE_MAGIC)) throw refusal('docx-protected', where, {});
  if (!startsWith(bytes, ZIP_MAGIC)) throw refusal('not-docx', where, {});
  checkDocxSize(bytes, where);
  let xml: string;
  let numbering: NumberingDefinitions | null;
  try {
    const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
    const main = zip.file(MAIN_PART);
    if (!main) throw refusal('not-docx', where, {});
    xml = await main.async('string');
    const numberingPart = zip.file(NUMBERING_PART);
    numbering = numberingPart ? readNumbering(await numberingPart.async('string')) : null;
    // Headings numbered through their paragraph style; styles.xml that cannot be read only loses those numbers.
    const stylesPart = numbering ? zip.file(STYLES_PART) : null;
    if (numbering && stylesPart) numbering.styles = readStyles(await stylesPart.async('string').catch(() => ''));
  } catch (error) {
    if (error instanceof Error && error.name === 'PlanInputError') throw error;
    throw refusal('docx-unreadable', where, { detail: (error as Error).message.slice(0, 200) });
  }
  return blocksFromDocumentXml(xml, where, numbering);
}

interface CellDraft {
  paragraphs: string[];
  span: number;
  /** 'restart' opens a vertical merge, 'continue' continues the one above, null: none. */
  vMerge: 'restart' | 'continue' | null;
}

/** A laid-out cell: its text and the address of the merge's top-left cell (its own when not a copy). */
interface Placed {
  text: string;
  origin: string;
}

const NUMBER_ATTR = /^\d{1,9}$/;

/**
 * Blocks from the XML of word/document.xml. Pure; linear in the XML (saxes is a streaming
 * parser and expands no DTD entities, so no entity bomb). Only first-level tables become
 * grids: the text of a table inside a cell becomes lines of that cell.
 */
export function blocksFromDocumentXml(xml: string, where: Location, numbering: NumberingDefinitions | null = null): Block[] {
  const blocks: Block[] = [];
  const counter = numbering ? new NumberingCounter(numbering) : null;
  /** The list and level of the paragraph being read (w:numPr in its w:pPr), when Word numbers it. */
  let numPr: { numId: string | null; ilvl: number | null } | null = null;
  let pStyle: string | null = null; // the paragraph's style, which may number it (w:pStyle)
  const parser = new SaxesParser({ xmlns: false });
  let paragraphDepth = 0; // text boxes nest paragraphs inside a paragraph's runs
  let paragraph: string[] = [];
  let inText = false;
  let skipDepth = 0; // inside mc:Fallback (a second copy of a text box) or deleted text
  let tableDepth = 0;
  let rows: Placed[][] = [];
  let gridRows: GridRow[] = [];
  let row: CellDraft[] = [];
  let rowSkip = 0;
  let cell: CellDraft | null = null;
  let characters = 0;
  let cells = 0;

  const count = (text: string) => {
    characters += text.length;
    if (characters > MAX_DOCX_TEXT) throw refusal('docx-too-much-text', where, { max: MAX_DOCX_TEXT });
  };
  const spanCells = (n: number) => {
    cells += n;
    if (cells > MAX_DOCX_CELLS) throw refusal('docx-too-many-cells', where, { max: MAX_DOCX_CELLS });
  };

  const closeRow = () => {
    const number = rows.length + 1;
    const above = rows.at(-1) ?? [];
    const placed: Placed[] = [];
    const gridCells: GridCell[] = [];
    const place = (text: string, origin: string) => {
      const own = origin === `r${number}c${placed.length + 1}`;
      if (!own) count(text); // the cell's own text was counted as it was read

      placed.push({ text, origin });
      gridCells.push({ text, mergedFrom: own ? null : origin });
    };
    spanCells(rowSkip);
    for (let i = 0; i < rowSkip; i++) place('', `r${number}c${placed.length + 1}`);
    for (const draft of row) {
      spanCells(draft.span);
      const column = placed.length; // 0-based
      const master = draft.vMerge === 'continue' ? above[column] : undefined;
      const text = master ? master.text : draft.paragraphs.join('\n');
      const origin = master ? master.origin : `r${number}c${column + 1}`;
      for (let i = 0; i < draft.span; i++) place(text, origin);
    }
    rows.push(placed);
    gridRows.push({ number, cells: gridCells });
    row = [];
    rowSkip = 0;
  };

  parser.on('opentag', (tag: SaxesTagPlain) => {
    // Skipped whole: deleted and moved-away text, a drawing's fallback copy, and the formatting a
    // paragraph had before a tracked change (w:pPrChange: its old numbering is not its numbering).
    if (skipDepth > 0 || tag.name === 'mc:Fallback' || tag.name === 'w:del' || tag.name === 'w:moveFrom' || tag.name === 'w:pPrChange') {
      if (!tag.isSelfClosing) skipDepth++;
      return;
    }
    const val = typeof tag.attributes['w:val'] === 'string' ? (tag.attributes['w:val'] as string) : undefined;
    switch (tag.name) {
      case 'w:p':
        if (paragraphDepth === 0) {
          paragraph = [];
          numPr = null;
          pStyle = null;
        }
        if (!tag.isSelfClosing) paragraphDepth++;
        else if (paragraphDepth === 0) endParagraph('');
        break;
      case 'w:t':
        inText = !tag.isSelfClosing;
        break;
      case 'w:numPr':
        if (paragraphDepth === 1) numPr = { numId: null, ilvl: null };
        break;
      case 'w:pStyle':
        // The first: pStyle opens w:pPr, and a later one is the style before a tracked change (w:pPrChange).
        if (paragraphDepth === 1 && pStyle === null && val !== undefined) pStyle = val;
        break;
      case 'w:numId':
        if (numPr && paragraphDepth === 1 && val !== undefined) numPr.numId = val;
        break;
      case 'w:ilvl':
        if (numPr && paragraphDepth === 1 && val !== undefined && /^\d$/.test(val)) numPr.ilvl = Number(val);
        break;
      case 'w:tab':
        // w:tab is a tab character in a run, but a tab stop's definition inside w:tabs.
        if (paragraphDepth > 0 && val === undefined) paragraph.push('\t');
        break;
      case 'w:br':
      case 'w:cr':
        if (paragraphDepth > 0) paragraph.push('\n');
        break;
      case 'w:noBreakHyphen':
        if (paragraphDepth > 0) paragraph.push('-');
        break;
      case 'w:tbl':
        if (++tableDepth === 1) {
          rows = [];
          gridRows = [];
        }
        break;
      case 'w:tr':
        if (tableDepth === 1) row = [];
        break;
      case 'w:gridBefore':
        if (tableDepth === 1 && val !== undefined && NUMBER_ATTR.test(val)) rowSkip = Math.min(Number(val), MAX_DOCX_CELLS + 1);
        break;
      case 'w:tc':
        if (tableDepth === 1) cell = { paragraphs: [], span: 1, vMerge: null };
        break;
      case 'w:gridSpan':
        if (tableDepth === 1 && cell && val !== undefined && NUMBER_ATTR.test(val))
          cell.span = Math.max(1, Math.min(Number(val), MAX_DOCX_CELLS + 1));
        break;
      case 'w:vMerge':
        if (tableDepth === 1 && cell) cell.vMerge = val === 'restart' ? 'restart' : 'continue';
        break;
    }
  });

  const endParagraph = (own: string) => {
    // Word prints the list's number before the text; it is rebuilt so the items read as typed.
    const number = counter ? counter.paragraph(numPr, pStyle) : '';
    const text = number + own;
    numPr = null;
    if (tableDepth > 0 && cell) cell.paragraphs.push(text);
    else if (tableDepth === 0) {
      // Its text was counted as it was read (and a rebuilt number is a few characters).
      blocks.push({ kind: 'paragraph', text });
    }
    // A paragraph inside a table but outside any cell is not Word's: dropped.
  };

  parser.on('closetag', (tag: SaxesTagPlain) => {
    if (skipDepth > 0) {
      if (!tag.isSelfClosing) skipDepth--;
      return;
    }
    if (tag.isSelfClosing) return; // handled when opened
    switch (tag.name) {
      case 'w:t':
        inText = false;
        break;
      case 'w:p':
        if (paragraphDepth === 0) break;
        if (--paragraphDepth === 0) endParagraph(paragraph.join(''));
        else paragraph.push('\n'); // a text box's paragraph inside this one: a line of it
        break;
      case 'w:tc':
        if (tableDepth === 1 && cell) {
          row.push(cell);
          cell = null;
        }
        break;
      case 'w:tr':
        if (tableDepth === 1) closeRow();
        break;
      case 'w:tbl':
        if (tableDepth === 0) break;
        if (--tableDepth === 0) blocks.push({ kind: 'table', grid: { where, rows: gridRows } });
        break;
    }
  });

  parser.on('text', (text: string) => {
    if (inText && skipDepth === 0 && paragraphDepth > 0) {
      count(text);
      paragraph.push(text);
    }
  });
  parser.on('cdata', (text: string) => {
    if (inText && skipDepth === 0 && paragraphDepth > 0) paragraph.push(text);
  });

  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof Error && error.name === 'PlanInputError') throw error;
    throw refusal('docx-unreadable', where, { detail: (error as Error).message.slice(0, 200) });
  }
  return blocks;
}
