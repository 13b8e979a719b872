/**
 * The generated PDFs of the PDF drill. Built from PDFs made with pdfkit (the Fuzhou task table
 * drawn as a ruled table over several pages, the Xiamen work points as lines), compressed and
 * uncompressed: cut short, damaged byte by byte, their uncompressed syntax edited (objects,
 * streams, xref, operators); random bytes after a PDF header; and hand-written extremes (a
 * page tree claiming a million pages, hundreds of thousands of text pieces, a reference loop).
 */
import fc from 'fast-check';
import { deflateSync } from 'node:zlib';
import { applyByteEdits, byteEdit } from './byte-arbitraries';
import { labelled, type Described } from './labels';
import { FUZHOU_TXT, XIAMEN_TXT } from './fixtures';
import { applyEdits, textEdit } from './text-arbitraries';
import { linesPdf, tablePdf, tabRows } from './pdf-files';

export interface PdfCase {
  label: string;
  year: number | null;
  build: () => Promise<Uint8Array>;
  /** Bytes its streams unpack to, where far more than the file: the time bound scales with it. */
  unpacked?: number;
}

const pending = (label: string, build: () => Promise<Uint8Array>, year: number | null = 2020, unpacked?: number): PdfCase & Described =>
  labelled(label, unpacked === undefined ? { year, build } : { year, build, unpacked });

const FUZHOU = new TextDecoder().decode(FUZHOU_TXT);
const XIAMEN = new TextDecoder().decode(XIAMEN_TXT);
const WIDTHS = [30, 90, 170, 230, 70, 140];

type Base = 'table' | 'table, uncompressed' | 'prose, uncompressed';
const made = new Map<Base, Promise<Uint8Array>>();

/** The drill's base PDFs, made once each. */
export function basePdf(base: Base): Promise<Uint8Array> {
  let pdf = made.get(base);
  if (!pdf) {
    const [header, ...rows] = tabRows(FUZHOU);
    const before = ['福州市不动产登记和交易中心 2020 年社会信用体系建设任务分解表'];
    if (base === 'table') pdf = tablePdf(header!, rows, { before, widths: WIDTHS });
    else if (base === 'table, uncompressed') pdf = tablePdf(header!, rows, { before, widths: WIDTHS, pdf: { compress: false } });
    else pdf = linesPdf(XIAMEN.split('\n').slice(0, 60), { linesPerPage: 20, pdf: { compress: false } });
    made.set(base, pdf);
  }
  return pdf;
}

const bases = fc.constantFrom<Base>('table', 'table, uncompressed', 'prose, uncompressed');

const PDF_PIECES = [
  '%PDF-1.7\n',
  '%%EOF\n',
  'obj',
  'endobj\n',
  'stream\n',
  '\nendstream',
  'xref\n',
  'trailer\n',
  'startxref\n0\n',
  '<<',
  '>>',
  '[',
  ']',
  '(',
  ')',
  '\\',
  '<',
  '>',
  '/Type /Page ',
  '/Type /Pages ',
  '/Kids [3 0 R 3 0 R 3 0 R] ',
  '/Count 1000000 ',
  '/Count -1 ',
  '/Length 999999999 ',
  '/Length -5 ',
  '/Filter /FlateDecode ',
  '/Filter /LZWDecode ',
  '/Encrypt 1 0 R ',
  '/Parent 1 0 R ',
  '/Root 1 0 R ',
  '1 0 R ',
  '99999 0 R ',
  '/MediaBox [0 0 0 0] ',
  '/MediaBox [0 0 1e30 1e30] ',
  'BT ',
  'ET ',
  ' Tj ',
  ' TJ ',
  ' Tf ',
  ' Tm ',
  ' Td ',
  '1e308 ',
  '-1e308 ',
  'NaN ',
  '0 0 0 0 0 0 cm ',
  'q ',
  'Q ',
  '/F1 0 Tf ',
  '/F1 1e30 Tf ',
  '[(a) -99999 (b)] TJ ',
  '<FEFF4E00> Tj ',
  '<> Tj ',
  '\0',
  '\r',
  '\n',
  ' ',
];

const randomBytes = fc
  .tuple(
    fc.constantFrom('', '%PDF-1.4\n', '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n', 'junk before %PDF-1.5\n'),
    fc.uint8Array({ maxLength: 4096 }),
  )
  .map(([head, tail]) =>
    pending(`random bytes after ${JSON.stringify(head)}`, async () => new Uint8Array([...Buffer.from(head, 'latin1'), ...tail]), null),
  );

const truncated = fc.record({ base: bases, n: fc.integer({ min: 0, max: 100_000 }) }).map(({ base, n }) =>
  pending(`the ${base} PDF cut at ${n / 1000}%`, async () => {
    const bytes = await basePdf(base);
    return bytes.subarray(0, Math.floor((bytes.byteLength * n) / 100_000));
  }),
);

const byteDamage = fc
  .record({ base: bases, edits: fc.array(byteEdit, { minLength: 1, maxLength: 4 }) })
  .map(({ base, edits }) =>
    pending(`the ${base} PDF with ${edits.map((e) => e.kind).join(', ')}`, async () => applyByteEdits(await basePdf(base), edits)),
  );

/** The uncompressed PDFs' syntax edited as text (latin1 keeps every byte as one character). */
const syntaxDamage = fc
  .record({
    base: fc.constantFrom<Base>('table, uncompressed', 'prose, uncompressed'),
    edits: fc.array(textEdit(PDF_PIECES), { minLength: 1, maxLength: 6 }),
  })
  .map(({ base, edits }) =>
    pending(`the ${base} PDF with ${edits.length} syntax edits`, async () => {
      const text = Buffer.from(await basePdf(base)).toString('latin1');
      return new Uint8Array(Buffer.from(applyEdits(text, edits), 'latin1'));
    }),
  );

export const pdfCases: fc.Arbitrary<PdfCase & Described> = fc.oneof(
  { weight: 2, arbitrary: randomBytes },
  { weight: 3, arbitrary: truncated },
  { weight: 6, arbitrary: byteDamage },
  { weight: 7, arbitrary: syntaxDamage },
  { weight: 1, arbitrary: bases.map((base) => pending(`the ${base} PDF as made`, () => basePdf(base))) },
);

/**
 * A PDF written by hand: `objects` are the bodies of objects 1…n (object 1 the catalog), with
 * a correct cross-reference table. Streams are written with their true /Length.
 */
export function rawPdf(objects: (string | { dict: string; stream: Uint8Array })[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n', 'latin1')];
  let offset = parts[0]!.byteLength;
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(offset);
    const body =
      typeof object === 'string'
        ? Buffer.from(`${i + 1} 0 obj\n${object}\nendobj\n`, 'latin1')
        : Buffer.concat([
            Buffer.from(`${i + 1} 0 obj\n<< ${object.dict} /Length ${object.stream.byteLength} >>\nstream\n`, 'latin1'),
            object.stream,
            Buffer.from('\nendstream\nendobj\n', 'latin1'),
          ]);
    parts.push(body);
    offset += body.byteLength;
  });
  const xref = [
    `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`,
    ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`),
  ].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
  return new Uint8Array(Buffer.concat(parts));
}

const FONT = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';

/** One page whose content stream is `content`, deflated. */
function onePage(content: string): Uint8Array {
  return rawPdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    FONT,
    { dict: '/Filter /FlateDecode', stream: deflateSync(Buffer.from(content, 'latin1')) },
  ]);
}

/** PDFs written by hand, each tried once: the costly extremes. */
export const HANDWRITTEN_PDFS: (PdfCase & Described)[] = [
  pending('a page tree claiming a million pages', async () =>
    rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1000000 >>',
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] >>`,
    ]),
  ),
  pending('600 real pages', async () => {
    const kids = Array.from({ length: 600 }, (_, i) => `${i + 4} 0 R`).join(' ');
    const pages = Array.from({ length: 600 }, () => '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] >>');
    return rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', `<< /Type /Pages /Kids [${kids}] /Count 600 >>`, FONT, ...pages]);
  }),
  pending(
    '400,000 text pieces on one page',
    async () => {
      const ops: string[] = ['BT /F1 1 Tf'];
      for (let i = 0; i < 400_000; i++) ops.push(`1 0 0 1 ${i % 500} ${i % 700} Tm (x) Tj`);
      ops.push('ET');
      return onePage(ops.join('\n'));
    },
    2020,
    12_000_000,
  ),
  pending(
    'a string of 5 million characters',
    async () => onePage(`BT /F1 10 Tf 50 700 Td (${'a'.repeat(5_000_000)}) Tj ET`),
    2020,
    5_000_000,
  ),
  pending('a page tree whose kids loop back to it', async () =>
    rawPdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>',
      '<< /Type /Pages /Kids [2 0 R] /Count 1 >>',
    ]),
  ),
  pending('arrays nested 100,000 deep in the content', async () =>
    onePage(`BT /F1 10 Tf ${'['.repeat(100_000)}(x)${']'.repeat(100_000)} TJ ET`),
  ),
  pending('a q/Q stack 200,000 deep', async () =>
    onePage(`${'q '.repeat(200_000)}BT /F1 10 Tf 50 700 Td (x) Tj ET${' Q'.repeat(200_000)}`),
  ),
  pending('a table of 5,000 positioned cells', async () => {
    const ops: string[] = ['BT /F1 6 Tf'];
    const header = ['xuhao', 'renwu', 'yaoqiu', 'shixian', 'danwei'];
    for (let r = 0; r < 1000; r++)
      for (let c = 0; c < 5; c++) ops.push(`1 0 0 1 ${40 + c * 110} ${790 - r * 0.78} Tm (${r === 0 ? header[c] : `${r}-${c}`}) Tj`);
    ops.push('ET');
    return onePage(ops.join('\n'));
  }),
];
