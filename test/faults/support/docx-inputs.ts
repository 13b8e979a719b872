/**
 * The generated .docx files of the document drill. Built from a real-looking document made
 * with the `docx` package (the Fuzhou task table as a Word table with merged cells, the notice
 * around it, numbered paragraphs): its zip damaged byte by byte or cut short, its
 * word/document.xml edited at the XML level (where Word never would), its styles.xml replaced
 * by styles that number paragraphs (basedOn cycles included), its merges made odd,
 * its cells filled with huge text; and random bytes after the magic numbers.
 */
import fc from 'fast-check';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { applyByteEdits, byteEdit } from './byte-arbitraries';
import { labelled, type Described } from './labels';
import { FUZHOU_TXT, PIECES } from './fixtures';
import { applyEdits, longRun, textEdit, type TextEdit } from './text-arbitraries';
import { readZip, writeZip } from './zip';
import { tabRows } from './pdf-files';

export interface DocxCase {
  label: string;
  year: number | null;
  build: () => Promise<Uint8Array>;
}

const pending = (label: string, build: () => Promise<Uint8Array>, year: number | null = 2020): DocxCase & Described =>
  labelled(label, { year, build });

export const DOCUMENT_XML = 'word/document.xml';

/** The Fuzhou table as Word holds it: a row per task row, the number and title cells merged down continuation rows. */
function fuzhouDocument(): Document {
  const [header, ...rows] = tabRows(new TextDecoder().decode(FUZHOU_TXT));
  const width = header!.length;
  const cell = (text: string, more: { rowSpan?: number; columnSpan?: number } = {}) =>
    new TableCell({ children: text.split('\n').map((line) => new Paragraph(line)), ...more });
  const tableRows = [new TableRow({ children: header!.map((text) => cell(text)) })];
  for (const row of rows) {
    const cells = Array.from({ length: width }, (_, i) => row[i] ?? '');
    // A section row (a numeral and its heading only) spans the table after its number, as offices draw them.
    if (cells.slice(2).every((text) => text === ''))
      tableRows.push(new TableRow({ children: [cell(cells[0]!), cell(cells[1]!, { columnSpan: width - 1 })] }));
    else tableRows.push(new TableRow({ children: cells.map((text) => cell(text)) }));
  }
  // One vertical merge of the kind Word writes for a task over two rows.
  tableRows.push(
    new TableRow({
      children: [
        cell('19', { rowSpan: 2 }),
        cell('合并任务', { rowSpan: 2 }),
        cell(''),
        cell('①合并的要求一'),
        cell('3月底前'),
        cell('办公室', { rowSpan: 2 }),
      ],
    }),
  );
  tableRows.push(new TableRow({ children: [cell(''), cell('②合并的要求二'), cell('6月底前')] }));
  return new Document({
    numbering: {
      config: [{ reference: 'auto', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] }],
    },
    sections: [
      {
        children: [
          new Paragraph('关于印发《福州市不动产登记和交易中心2020年社会信用体系建设任务分解表》的通知'),
          new Paragraph({ text: '各处室要明确联络员。', numbering: { reference: 'auto', level: 0 } }),
          new Paragraph('附件 2'),
          new Paragraph('福州市不动产登记和交易中心 2020 年社会信用体系建设任务分解表'),
          new Table({ rows: tableRows }),
          new Paragraph('福州市不动产登记和交易中心'),
        ],
      },
    ],
  });
}

let base: Promise<Uint8Array> | null = null;
/** The document, made once per drill. */
export function fuzhouDocx(): Promise<Uint8Array> {
  base ??= Packer.toBuffer(fuzhouDocument()).then((buffer) => new Uint8Array(buffer));
  return base;
}

/** The document with its main part's XML passed through `edit`. */
async function docxWith(edit: (xml: string) => string, options: { store?: boolean } = {}): Promise<Uint8Array> {
  const entries = readZip(await fuzhouDocx());
  entries.set(DOCUMENT_XML, new TextEncoder().encode(edit(new TextDecoder().decode(entries.get(DOCUMENT_XML)))));
  return writeZip(entries, options);
}

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
  '<!DOCTYPE x [<!ENTITY a "aaaa">]>',
  '&a;',
  '\0',
  '\ufeff',
  '<w:p>',
  '</w:p>',
  '<w:tbl>',
  '</w:tbl>',
  '<w:tr>',
  '</w:tr>',
  '<w:tc>',
  '</w:tc>',
  '<w:t>',
  '</w:t>',
  '<w:tab/>',
  '<w:br/>',
  '<w:vMerge/>',
  '<w:vMerge w:val="restart"/>',
  '<w:gridSpan w:val="63"/>',
  '<w:gridSpan w:val="0"/>',
  '<w:gridSpan w:val="-1"/>',
  '<w:gridSpan w:val="4294967296"/>',
  '<w:gridBefore w:val="99999"/>',
  '<mc:Fallback>',
  '</mc:Fallback>',
  '<w:del>',
  'w:',
  'xmlns:w="x"',
];

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

const truncated = fc.integer({ min: 0, max: 100_000 }).map((n) =>
  pending(`the document cut at ${n / 1000}%`, async () => {
    const bytes = await fuzhouDocx();
    return bytes.subarray(0, Math.floor((bytes.byteLength * n) / 100_000));
  }),
);

const zipDamage = fc
  .array(byteEdit, { minLength: 1, maxLength: 4 })
  .map((edits) =>
    pending(`the document with ${edits.map((e) => e.kind).join(', ')}`, async () => applyByteEdits(await fuzhouDocx(), edits)),
  );

const xmlDamage = fc
  .record({ edits: fc.array(textEdit([...XML_PIECES, ...PIECES]), { minLength: 1, maxLength: 5 }), store: fc.boolean() })
  .map(({ edits, store }) =>
    pending(`${DOCUMENT_XML} with ${edits.length} XML edits${store ? ', stored' : ''}`, () =>
      docxWith((xml) => applyEdits(xml, edits), { store }),
    ),
  );

/** Merge attributes replaced throughout: absurd spans, merges continuing nothing, restarts everywhere. */
const oddMerges = fc
  .record({
    span: fc.constantFrom('0', '1', '2', '63', '64', '1000', '99999', '4294967297', '-3', 'x', ''),
    merge: fc.constantFrom('<w:vMerge/>', '<w:vMerge w:val="restart"/>', '<w:vMerge w:val="continue"/>', '<w:vMerge w:val="?"/>'),
    every: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ span, merge, every }) =>
    pending(`gridSpan ${JSON.stringify(span)} and ${merge} on every ${every}. cell`, () =>
      docxWith((xml) => {
        let n = 0;
        return xml.replace(/<w:tcPr>/g, (open) => (++n % every === 0 ? `${open}<w:gridSpan w:val="${span}"/>${merge}` : open));
      }),
    ),
  );

/** A cell or paragraph's text replaced by a long run of one piece (the shape that exposes backtracking). */
const longText = fc.record({ text: longRun(100_000), which: fc.integer({ min: 0, max: 400 }) }).map(({ text, which }) =>
  pending(`text ${which} replaced by ${text.length} characters`, () =>
    docxWith((xml) => {
      let n = 0;
      const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
      return xml.replace(/<w:t(?: [^>]*)?>[^<]*<\/w:t>/g, (run) => (n++ === which ? `<w:t xml:space="preserve">${escaped}</w:t>` : run));
    }),
  ),
);

/** styles.xml replaced by `styles` (a styles.xml body) and the main part passed through `edit`. */
async function docxWithStyles(styles: string, edit: (xml: string) => string): Promise<Uint8Array> {
  const entries = readZip(await fuzhouDocx());
  entries.set(
    'word/styles.xml',
    new TextEncoder().encode(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${styles}</w:styles>`,
    ),
  );
  entries.set(DOCUMENT_XML, new TextEncoder().encode(edit(new TextDecoder().decode(entries.get(DOCUMENT_XML)))));
  return writeZip(entries);
}

/** Every `every`-th paragraph of the main part given the style s(n mod `count`). */
const styled = (every: number, count: number) => (xml: string) => {
  let n = 0;
  return xml.replace(/<w:p>/g, (open) => (++n % every === 0 ? `${open}<w:pPr><w:pStyle w:val="s${n % count}"/></w:pPr>` : open));
};

const STYLE_PIECES = [
  '<w:style w:type="paragraph" w:styleId="s0">',
  '</w:style>',
  '<w:basedOn w:val="s1"/>',
  '<w:numPr>',
  '</w:numPr>',
  '<w:numId w:val="2"/>',
  '<w:ilvl w:val="9"/>',
  '<w:pPrChange>',
];

/**
 * Numbering through paragraph styles (plans/docx-numbering.ts readStyles): styles based on
 * each other at random (cycles included), numbering lists that exist or not at levels valid
 * or not, one maybe the default style (numbering every cell), then the XML damaged.
 */
const styleNumbering = fc
  .record({
    styles: fc.array(
      fc.record({
        basedOn: fc.option(fc.nat(7)),
        numId: fc.constantFrom(null, '0', '1', '2', '2', '2', '99', ''), // 2 is the document's decimal list
        ilvl: fc.constantFrom(null, '0', '1', '8', '9', 'x'),
        isDefault: fc.boolean(),
      }),
      { minLength: 1, maxLength: 8 },
    ),
    every: fc.integer({ min: 1, max: 5 }),
    // Half intact, so the numbering is counted; half damaged, so it is read from broken XML.
    edits: fc.oneof(fc.constant<TextEdit[]>([]), fc.array(textEdit([...XML_PIECES, ...STYLE_PIECES]), { minLength: 1, maxLength: 3 })),
  })
  .map(({ styles, every, edits }) => {
    const xml = styles
      .map(({ basedOn, numId, ilvl, isDefault }, i) => {
        const numPr =
          numId === null && ilvl === null
            ? ''
            : `<w:numPr>${ilvl === null ? '' : `<w:ilvl w:val="${ilvl}"/>`}${numId === null ? '' : `<w:numId w:val="${numId}"/>`}</w:numPr>`;
        return `<w:style w:type="paragraph" w:styleId="s${i}"${isDefault ? ' w:default="1"' : ''}>${basedOn === null ? '' : `<w:basedOn w:val="s${basedOn}"/>`}<w:pPr>${numPr}</w:pPr></w:style>`;
      })
      .join('');
    return pending(`${styles.length} numbering styles on every ${every}. paragraph, styles.xml with ${edits.length} XML edits`, () =>
      docxWithStyles(applyEdits(xml, edits), styled(every, styles.length)),
    );
  });

export const docxCases: fc.Arbitrary<DocxCase & Described> = fc.oneof(
  { weight: 2, arbitrary: randomBytes },
  { weight: 3, arbitrary: truncated },
  { weight: 6, arbitrary: zipDamage },
  { weight: 7, arbitrary: xmlDamage },
  { weight: 3, arbitrary: oddMerges },
  { weight: 2, arbitrary: longText },
  { weight: 2, arbitrary: styleNumbering },
  { weight: 1, arbitrary: fc.constant(pending('the document, stored uncompressed', () => docxWith((xml) => xml, { store: true }))) },
);

const body = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${inner}</w:body></w:document>`;
const withBody = (inner: string) => docxWith(() => body(inner));
const row = (cells: string[]) => `<w:tr>${cells.map((text) => `<w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`).join('')}</w:tr>`;
const HEADER = ['序号', '工作任务', '任务要求', '完成时限', '责任单位'];

/** Documents written by hand, each tried once: the costly extremes. */
export const HANDWRITTEN_DOCUMENTS: (DocxCase & Described)[] = [
  pending('a part that unpacks to 80 MB of XML comment', () =>
    docxWith((xml) => xml.replace('<w:body>', `<w:body><!--${'x'.repeat(80_000_000)}-->`)),
  ),
  pending('a million empty paragraphs', () => withBody('<w:p/>'.repeat(1_000_000))),
  pending('a paragraph of 3 million characters', () => withBody(`<w:p><w:r><w:t>${'每月10日前报送'.repeat(400_000)}</w:t></w:r></w:p>`)),
  pending('a 5,000-row task table', () =>
    withBody(
      `<w:tbl>${row(HEADER)}${Array.from({ length: 5000 }, (_, i) => row([String(i + 1), `任务${i}`, '按月报送', '每月10日前', '办公室'])).join('')}</w:tbl>`,
    ),
  ),
  pending('a 100,000-character requirement merged down 5,000 rows', () =>
    withBody(
      `<w:tbl>${row(HEADER)}<w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>任务</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>${'每月10日前报送'.repeat(12_500)}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>${`<w:tr><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>`.repeat(5000)}</w:tbl>`,
    ),
  ),
  pending('a cell spanning 4,294,967,295 columns', () =>
    withBody(`<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="4294967295"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>`),
  ),
  pending('a 63-column span on each of 10,000 rows', () =>
    withBody(
      `<w:tbl>${row(HEADER)}${`<w:tr><w:tc><w:tcPr><w:gridSpan w:val="63"/></w:tcPr><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr>`.repeat(10_000)}</w:tbl>`,
    ),
  ),
  pending('tables nested 10,000 deep', () =>
    withBody(`${'<w:tbl><w:tr><w:tc>'.repeat(10_000)}<w:p><w:r><w:t>x</w:t></w:r></w:p>${'</w:tc></w:tr></w:tbl>'.repeat(10_000)}`),
  ),
  pending('elements nested 100,000 deep in a run', () =>
    withBody(`<w:p><w:r>${'<w:x>'.repeat(100_000)}<w:t>x</w:t>${'</w:x>'.repeat(100_000)}</w:r></w:p>`),
  ),
  pending('an entity expanded a billion times (a DTD bomb)', () =>
    docxWith(
      () =>
        `<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document xmlns:w="x"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>`,
    ),
  ),
  pending('10,000 styles based on each other in a ring, the default one numbering every paragraph of a 5,000-row table', () =>
    docxWithStyles(
      Array.from(
        { length: 10_000 },
        (_, i) =>
          `<w:style w:type="paragraph" w:styleId="s${i}"${i === 0 ? ' w:default="1"' : ''}><w:basedOn w:val="s${(i + 9_999) % 10_000}"/>${i === 9_999 ? '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr>' : ''}</w:style>`,
      ).join(''),
      () =>
        body(
          `<w:tbl>${row(HEADER)}${Array.from({ length: 5000 }, (_, i) => row([String(i + 1), `任务${i}`, '按月报送', '每月10日前', '办公室'])).join('')}</w:tbl>`,
        ),
    ),
  ),
  pending('3,000 parts', async () => {
    const entries = readZip(await fuzhouDocx());
    for (let i = 0; i < 3000; i++) entries.set(`word/media/p${i}.xml`, new Uint8Array());
    return writeZip(entries);
  }),
];
