/**
 * The generated .xlsx files of the workbook drill. Each value is a readPlan input with a
 * label saying how it was made. Built from the real Fuzhou workbook: its zip damaged byte
 * by byte, its XML edited, its cells replaced by huge text, formulas, errors, dates and
 * deep rich text, its merges made odd, its sheets multiplied or emptied; and tables of
 * 5,000 rows or 16,384 columns written as sheets.
 */
import fc from 'fast-check';
import { applyByteEdits, byteEdit } from './byte-arbitraries';
import { labelled, type Described } from './labels';
import { fuzhouXlsx, PIECES } from './fixtures';
import { FUZHOU_ROWS, longTable, tables } from './tables';
import { applyEdits, longRun, textEdit } from './text-arbitraries';
import {
  cellXml,
  DATE_STYLE,
  fuzhouParts,
  fuzhouWith,
  sheetXml,
  SHARED_STRINGS,
  SHEET,
  STYLES,
  withCell,
  withDateStyle,
  withMerges,
  workbookOf,
  WORKBOOK,
  xmlText,
  type Cell,
} from './workbook';
import { readZip, writeZip } from './zip';

/** A workbook input: how it was made, and how to build its bytes (the workbook's parts load asynchronously). */
export interface XlsxCase {
  label: string;
  year: number | null;
  build: () => Promise<Uint8Array>;
}

const pending = (label: string, build: () => Promise<Uint8Array>, year: number | null = 2020): XlsxCase & Described =>
  labelled(label, { year, build });

/** The formulas and odd values a cell may hold, as raw cell XML. */
const SPECIAL_CELLS: { what: string; cell: Cell }[] = [
  { what: 'a DDE formula, no cached value', cell: { body: "<f>cmd|' /C calc'!A0</f>" } },
  { what: 'a DDE formula with a cached value', cell: { attributes: 't="str"', body: "<f>cmd|' /C calc'!A0</f><v>1</v>" } },
  { what: 'a HYPERLINK formula', cell: { attributes: 't="str"', body: '<f>HYPERLINK("http://x","12月底前")</f><v>12月底前</v>' } },
  { what: 'a #DIV/0! error', cell: { attributes: 't="e"', body: '<f>1/0</f><v>#DIV/0!</v>' } },
  { what: 'a #REF! error without formula', cell: { attributes: 't="e"', body: '<v>#REF!</v>' } },
  { what: 'an unknown error', cell: { attributes: 't="e"', body: '<v>#WHAT?</v>' } },
  { what: 'a shared formula master', cell: { body: '<f t="shared" ref="A5:A40" si="0">ROW()-4</f><v>1</v>' } },
  { what: 'a shared formula with no master', cell: { body: '<f t="shared" si="7"/><v>2</v>' } },
  { what: 'an array formula', cell: { body: '<f t="array" ref="A5:A9">ROW(A5:A9)</f><v>5</v>' } },
  { what: 'a formula of 10,000 characters', cell: { body: `<f>${'1+'.repeat(5000)}1</f>` } },
  { what: 'a boolean', cell: { attributes: 't="b"', body: '<v>1</v>' } },
  { what: 'a boolean that is not', cell: { attributes: 't="b"', body: '<v>yes</v>' } },
  { what: 'a number that is not', cell: { body: '<v>abc</v>' } },
  { what: 'an enormous number', cell: { body: '<v>1e308</v>' } },
  { what: 'an infinite number', cell: { body: '<v>1e999</v>' } },
  { what: 'a shared string past the end', cell: { attributes: 't="s"', body: '<v>99999</v>' } },
  { what: 'a negative shared string', cell: { attributes: 't="s"', body: '<v>-1</v>' } },
  { what: 'a shared string that is not a number', cell: { attributes: 't="s"', body: '<v>x</v>' } },
  { what: 'an ISO date cell', cell: { attributes: 't="d"', body: '<v>2020-12-31T00:00:00Z</v>' } },
  { what: 'an ISO date cell that is no date', cell: { attributes: 't="d"', body: '<v>2020-13-45T99:99</v>' } },
  { what: 'an ISO date cell of garbage', cell: { attributes: 't="d"', body: '<v>soon</v>' } },
  ...['44196', '0', '-1', '60', '2958466', '1e20', '1e308', 'NaN', ''].map((v) => ({
    what: `a date-formatted number ${v || '(empty)'}`,
    cell: { attributes: `s="${DATE_STYLE}"`, body: `<v>${v}</v>` } as Cell,
  })),
  { what: 'an empty inline string', cell: { attributes: 't="inlineStr"', body: '<is></is>' } },
  { what: 'a cell of unknown type', cell: { attributes: 't="zz"', body: '<v>1</v>' } },
  {
    what: 'rich text of 10,000 runs',
    cell: { attributes: 't="inlineStr"', body: `<is>${'<r><rPr><b/></rPr><t>每月</t></r>'.repeat(10_000)}</is>` },
  },
  {
    what: 'rich text runs nested 5,000 deep',
    cell: { attributes: 't="inlineStr"', body: `<is>${'<r>'.repeat(5000)}<t>x</t>${'</r>'.repeat(5000)}</is>` },
  },
  {
    what: 'elements nested 100,000 deep',
    cell: { attributes: 't="inlineStr"', body: `<is><t>${'<b>'.repeat(100_000)}${'</b>'.repeat(100_000)}</t></is>` },
  },
  {
    what: 'a phonetic run',
    cell: { attributes: 't="inlineStr"', body: '<is><t>政策法规处</t><rPh sb="0" eb="1"><t>zheng</t></rPh></is>' },
  },
];

/** Cells of the Fuzhou sheet worth aiming at: number, title, requirement, deadline and unit cells of several rows. */
const TARGET_CELLS = [
  'A1',
  'A2',
  'A3',
  'B3',
  'D3',
  'E3',
  'F3',
  'A4',
  'B4',
  'A5',
  'B5',
  'D5',
  'E5',
  'F5',
  'A7',
  'E7',
  'F7',
  'E8',
  'D21',
  'E21',
  'F21',
  'A37',
  'F37',
  'G5',
  'XFD5',
  'A1048576',
];

/** What a targeted cell becomes: a special cell, or up to 100,000 characters of text. */
const cellReplacement = fc.oneof(
  fc.constantFrom(...SPECIAL_CELLS),
  longRun(100_000).map((text) => ({ what: `${text.length} characters of text`, cell: text as Cell })),
);

/** The real workbook with one to four cells replaced (the styles gain a date format for the date cells). */
const specialCells = fc
  .array(fc.tuple(fc.constantFrom(...TARGET_CELLS), cellReplacement), { minLength: 1, maxLength: 4 })
  .map((edits) =>
    pending(`cells replaced: ${edits.map(([ref, { what }]) => `${ref} ← ${what}`).join('; ')}`, () =>
      fuzhouWith(
        (xml, part) => (part === STYLES ? withDateStyle(xml) : edits.reduce((sheet, [ref, { cell }]) => withCell(sheet, ref, cell), xml)),
        [SHEET, STYLES],
      ),
    ),
  );

/** Merged ranges real and odd: overlapping, whole rows and columns, reversed, malformed, a thousand small ones. */
const MERGES: { what: string; refs: string[] }[] = [
  { what: 'overlapping-looking ranges', refs: ['A5:C9', 'B7:D12'] },
  { what: 'ranges sharing a corner cell', refs: ['A5:B6', 'B6:C7'] },
  { what: 'a whole row', refs: ['A4:XFD4'] },
  { what: 'whole rows, ten of them', refs: Array.from({ length: 10 }, (_, i) => `A${i + 4}:XFD${i + 4}`) },
  { what: 'a whole column', refs: ['C1:C1048576'] },
  { what: 'a column from the table down', refs: ['H60:H1048576'] },
  { what: 'the whole sheet', refs: ['A1:XFD1048576'] },
  { what: 'a whole column as C:C', refs: ['C:C'] },
  { what: 'a whole row as 4:4', refs: ['4:4'] },
  { what: 'a reversed range', refs: ['F9:A2'] },
  { what: 'a one-cell range', refs: ['A1:A1'] },
  { what: 'malformed ranges', refs: ['ZZZZ1:A', 'A0:B1', 'A1:B', '', ':', 'A1:B2:C3'] },
  { what: 'a thousand small ranges below the table', refs: Array.from({ length: 1000 }, (_, i) => `A${100 + 2 * i}:F${101 + 2 * i}`) },
  { what: 'the title merged down 5,000 rows', refs: ['A2:F5000'] },
  { what: 'the number column merged over all tasks', refs: ['A5:A37'] },
];

const oddMerges = fc.tuple(fc.constantFrom(...MERGES), fc.boolean()).map(([merge, keep]) =>
  pending(`merges: ${merge.what}${keep ? ', beside the real ones' : ', instead of the real ones'}`, () =>
    fuzhouWith((xml) => {
      const real = keep ? [...xml.matchAll(/<mergeCell ref="([^"]+)"\/>/g)].map((m) => m[1]!) : [];
      return withMerges(xml, [...real, ...merge.refs]);
    }),
  ),
);

/** XML-level damage to one part: characters edited in, tags cut, entities broken. */
const XML_PIECES = [
  '<',
  '>',
  '&',
  '&amp;',
  '&#0;',
  '&#xD800;',
  ']]>',
  '<!--',
  '<![CDATA[',
  '</c>',
  '<c r="A1">',
  '<v>',
  '</row>',
  '"',
  'x:',
  '<?xml version="1.0"?>',
  '\0',
  '\ufeff',
];
const xmlDamage = fc
  .record({
    part: fc.constantFrom(SHEET, SHEET, SHARED_STRINGS, STYLES, WORKBOOK, 'xl/_rels/workbook.xml.rels', '[Content_Types].xml'),
    edits: fc.array(textEdit([...XML_PIECES, ...PIECES]), { minLength: 1, maxLength: 4 }),
  })
  .map(({ part, edits }) => pending(`${part} with ${edits.length} XML edits`, () => fuzhouWith((xml) => applyEdits(xml, edits), [part])));

/** What a shared string may be replaced by: huge text, thousands of runs, runs nested deep, nothing. */
const sharedStringXml = fc.oneof(
  longRun(100_000).map((text) => ({ what: `${text.length} characters`, xml: `<t>${xmlText(text)}</t>` })),
  fc.constantFrom(
    { what: '10,000 rich text runs', xml: '<r><t>每月10日前</t></r>'.repeat(10_000) },
    { what: 'runs nested 5,000 deep', xml: `${'<r>'.repeat(5000)}<t>x</t>${'</r>'.repeat(5000)}` },
    { what: 'no text at all', xml: '' },
  ),
);

/** One of the real workbook's 109 shared strings replaced. */
const sharedStringEdits = fc.tuple(fc.integer({ min: 0, max: 108 }), sharedStringXml).map(([index, { what, xml }]) =>
  pending(`shared string ${index} replaced by ${what}`, () =>
    fuzhouWith(
      (sst) => {
        let i = -1;
        return sst.replace(/<si>[\s\S]*?<\/si>/g, (si) => (++i === index ? `<si>${xml}</si>` : si));
      },
      [SHARED_STRINGS],
    ),
  ),
);

/** Many sheets, empty sheets, the table on the last of them, odd sheet names, none at all. */
const sheetCounts = fc
  .record({
    count: fc.constantFrom(0, 1, 2, 50, 200),
    tableAt: fc.constantFrom('first', 'last', 'nowhere'),
    name: fc.constantFrom('Sheet', '任务分解表', "'", '<&>', 'x'.repeat(200)),
  })
  .map(({ count, tableAt, name }) =>
    pending(`${count} sheets, the table ${tableAt}`, async () => {
      const table = sheetXml(FUZHOU_ROWS);
      const empty = sheetXml([]);
      const sheets = Array.from({ length: count }, (_, i) => ({
        name: `${name}${i}`,
        xml: (tableAt === 'first' && i === 0) || (tableAt === 'last' && i === count - 1) ? table : empty,
      }));
      return workbookOf(sheets);
    }),
  );

/** Tables (edited, 5,000 rows, 16,384 columns, made up) written as a workbook's only sheet. */
const tableSheets = fc
  .tuple(tables(100_000), fc.constantFrom<string[]>([], ['A2:F2'], ['A1:A5000']))
  .map(([table, merges]) =>
    pending(`${table.label} as a sheet${merges.length ? ` merged ${merges.join(', ')}` : ''}`, () =>
      workbookOf([{ name: '任务分解表', xml: sheetXml(table.rows, merges) }]),
    ),
  );

/** The real workbook with its archive damaged, as transfers do it. */
const zipDamage = fc
  .array(byteEdit, { minLength: 1, maxLength: 4 })
  .map((edits) =>
    pending(`the real workbook with ${edits.map((e) => e.kind).join(', ')}`, async () => applyByteEdits(await fuzhouXlsx(), edits)),
  );

/** Random bytes, alone or after the magic numbers of a zip and of an old or encrypted workbook. */
const randomBytes = fc
  .tuple(
    fc.constantFrom(
      new Uint8Array(),
      new Uint8Array([0x50, 0x4b, 0x03, 0x04]),
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    ),
    fc.uint8Array({ maxLength: 4096 }),
  )
  .map(([head, tail]) =>
    pending(
      `random bytes${head.length ? ` after ${Buffer.from(head).toString('hex')}` : ''}`,
      async () => new Uint8Array([...head, ...tail]),
      null,
    ),
  );

/** The real workbook cut short anywhere. */
const truncated = fc.integer({ min: 0, max: 100_000 }).map((n) =>
  pending(`the real workbook cut at ${n / 1000}%`, async () => {
    const bytes = await fuzhouXlsx();
    return bytes.subarray(0, Math.floor((bytes.byteLength * n) / 100_000));
  }),
);

/** Every kind of workbook input. */
export const xlsxCases: fc.Arbitrary<XlsxCase & Described> = fc.oneof(
  { weight: 3, arbitrary: randomBytes },
  { weight: 3, arbitrary: truncated },
  { weight: 6, arbitrary: zipDamage },
  { weight: 5, arbitrary: xmlDamage },
  { weight: 6, arbitrary: specialCells },
  { weight: 3, arbitrary: oddMerges },
  { weight: 2, arbitrary: sharedStringEdits },
  { weight: 1, arbitrary: sheetCounts },
  { weight: 2, arbitrary: tableSheets },
  {
    weight: 1,
    arbitrary: fc.constant(pending('the real workbook, stored uncompressed', async () => writeZip(await fuzhouParts(), { store: true }))),
  },
);

/**
 * Workbooks written by hand, each tried once: the costly extremes a random draw should not
 * spend the drill's time on again and again.
 */
export const HANDWRITTEN_WORKBOOKS: (XlsxCase & Described)[] = [
  pending('a sheet of a million empty styled cells', () =>
    workbookOf([
      { name: 'bomb', xml: sheetXml(Array.from({ length: 1000 }, () => Array<Cell>(1000).fill({ attributes: 's="1"', body: '' }))) },
    ]),
  ),
  pending('a sheet whose one cell holds 50 MB', () =>
    workbookOf([
      {
        name: 'bomb',
        xml: sheetXml([
          ['序号', '工作任务', '任务要求'],
          ['1', '任务', 'x'.repeat(50_000_000)],
        ]),
      },
    ]),
  ),
  pending('a part that unpacks to 80 MB of XML comment', () =>
    workbookOf([{ name: 'bomb', xml: sheetXml(FUZHOU_ROWS).replace('<sheetData>', `<!--${'x'.repeat(80_000_000)}--><sheetData>`) }]),
  ),
  pending('a 100,000-character requirement merged down 5,000 rows', () => {
    const rows = longTable(5000);
    rows[3]![3] = '每月10日前报送'.repeat(12_500);
    return workbookOf([{ name: '任务分解表', xml: sheetXml(rows, ['D4:D5003']) }]);
  }),
  pending('a 100,000-character deadline shared by 5,000 rows', async () => {
    // One shared string (index 0, replaced) in the deadline cell of every row: a small file.
    const rows: Cell[][] = longTable(5000).map((row, i) =>
      i > 2 ? [...row.slice(0, 4), { attributes: 't="s"', body: '<v>0</v>' }, ...row.slice(5)] : row,
    );
    const entries = readZip(await workbookOf([{ name: '任务分解表', xml: sheetXml(rows) }]));
    const strings = new TextDecoder()
      .decode(entries.get(SHARED_STRINGS))
      .replace(/<si>[\s\S]*?<\/si>/, `<si><t>${'12月底前3月底前'.repeat(10_000)}</t></si>`);
    entries.set(SHARED_STRINGS, new TextEncoder().encode(strings));
    return writeZip(entries);
  }),
  pending('a 5,000-row table', () => workbookOf([{ name: '任务分解表', xml: sheetXml(longTable(5000)) }])),
  pending('a 5,001-row table', () => workbookOf([{ name: '任务分解表', xml: sheetXml(longTable(5001)) }])),
  pending('the table 16,384 columns wide', () =>
    workbookOf([
      {
        name: '任务分解表',
        xml: sheetXml(FUZHOU_ROWS.map((row, r) => [...row, ...Array.from({ length: 16_378 }, (_, c) => `${r}-${c}`)])),
      },
    ]),
  ),
  pending('one stray cell in column XFD', () => fuzhouWith((xml) => withCell(xml, 'XFD1', '备注'))),
  pending('a value in column XFD on each of 1,000 rows', () =>
    workbookOf([{ name: '任务分解表', xml: sheetXml(longTable(1000).map((row) => Object.assign([...row], { 16_383: '备注' }))) }]),
  ),
  pending('a million empty rows', () =>
    fuzhouWith((xml) =>
      xml.replace('</sheetData>', `${Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 100}"/>`).join('')}</sheetData>`),
    ),
  ),
  pending('a column range to column 100,000,000', () =>
    fuzhouWith((xml) => xml.replace(/<cols>[\s\S]*?<\/cols>/, '<cols><col min="1" max="100000000" width="6"/></cols>')),
  ),
  pending('a data validation over 26 whole columns', () =>
    fuzhouWith((xml) =>
      xml.replace(
        '</worksheet>',
        '<dataValidations count="1"><dataValidation type="list" sqref="A1:Z1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations></worksheet>',
      ),
    ),
  ),
  pending('a defined name over 26 whole columns', () =>
    fuzhouWith(
      (xml) =>
        xml.replace('</sheets>', '</sheets><definedNames><definedName name="all">任务分解表!$A$1:$Z$1048576</definedName></definedNames>'),
      [WORKBOOK],
    ),
  ),
  pending('a whole-column merge in an archive whose end record counts no entries', async () => {
    const bytes = Buffer.from(await fuzhouWith((xml) => withMerges(xml, ['H60:H1048576'])));
    bytes.writeUInt32LE(0, bytes.byteLength - 22 + 8); // entries on this disk and in all: JSZip reads them anyway
    return new Uint8Array(bytes);
  }),
  pending('a whole-column merge in single quotes, lower case, in a ZIP64 archive', async () => {
    const parts = readZip(
      await fuzhouWith((xml) =>
        withMerges(xml, []).replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref=\'h60:h1048576\'/></mergeCells>'),
      ),
    );
    return writeZip(parts, { zip64: true });
  }),
  pending('200 sheets, the table on the last', () =>
    workbookOf(Array.from({ length: 200 }, (_, i) => ({ name: `Sheet${i + 1}`, xml: i === 199 ? sheetXml(FUZHOU_ROWS) : sheetXml([]) }))),
  ),
  pending('no sheets at all', () => workbookOf([])),
  ...MERGES.map((merge) => pending(`merges: ${merge.what}`, () => fuzhouWith((xml) => withMerges(xml, merge.refs)))),
  ...SPECIAL_CELLS.map(({ what, cell }) =>
    pending(`every deadline cell below the header: ${what}`, () =>
      fuzhouWith(
        (xml, part) =>
          part === STYLES
            ? withDateStyle(xml)
            : xml.replace(/<c r="E(\d+)"[^>]*?(?:\/>|>.*?<\/c>)/g, (whole, row: string) =>
                Number(row) > 3 ? cellXml(`E${row}`, cell) : whole,
              ),
        [SHEET, STYLES],
      ),
    ),
  ),
];
