/**
 * PDFs made for the tests, the PDF fault drill and the bench, with pdfkit and the CJK font the
 * project ships (schedules/charts/cjk-font.ts): a table drawn as a real table (ruled cells,
 * wrapped text, the header repeated on each page) and prose drawn a line at a time. Nothing
 * here is a stored binary: every PDF is made again from text.
 */
import PDFDocument from 'pdfkit';
import { cjkFontPath } from '../../../schedules/charts/cjk-font';

type Pdf = InstanceType<typeof PDFDocument>;

/** Writes with `draw` into a new PDF, returns its bytes. */
async function makePdf(options: PDFKit.PDFDocumentOptions, draw: (doc: Pdf) => void): Promise<Uint8Array> {
  const doc = new PDFDocument({ autoFirstPage: false, compress: true, ...options });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.registerFont('cjk', cjkFontPath());
  draw(doc);
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

export interface TablePdfOptions {
  /** Lines above the table on its first page (a title, the notice's date). */
  before?: string[];
  /** Width of each column in points; the header decides how many columns there are. */
  widths: number[];
  fontSize?: number;
  padding?: number;
  /** PDF options: extra pdfkit options (passwords). */
  pdf?: PDFKit.PDFDocumentOptions;
  /** Stop at this many pages, leaving out the rows that do not fit (to make a PDF of a given length). */
  maxPages?: number;
}

const A4_LANDSCAPE: [number, number] = [842, 595];
const MARGIN = 40;

/**
 * A table as Word prints one: ruled cells, text wrapped within each cell's width and starting at
 * its top, a row moved whole to the next page when it does not fit, the header repeated there.
 */
export function tablePdf(header: string[], rows: string[][], options: TablePdfOptions): Promise<Uint8Array> {
  const size = options.fontSize ?? 9;
  const padding = options.padding ?? 4;
  const { widths } = options;
  return makePdf({ size: A4_LANDSCAPE, margin: MARGIN, ...options.pdf }, (doc) => {
    doc.addPage();
    doc.font('cjk').fontSize(size);
    let y = MARGIN;
    for (const line of options.before ?? []) {
      doc.text(line, MARGIN, y, { lineBreak: false });
      y += size * 2;
    }
    const bottom = A4_LANDSCAPE[1] - MARGIN;
    const heightOf = (cells: string[]) =>
      Math.max(...widths.map((w, i) => (cells[i] ? doc.heightOfString(cells[i]!, { width: w - 2 * padding }) : size))) + 2 * padding;
    const drawRow = (cells: string[]) => {
      const height = heightOf(cells);
      let x = MARGIN;
      widths.forEach((w, i) => {
        doc.rect(x, y, w, height).stroke();
        if (cells[i]) doc.text(cells[i]!, x + padding, y + padding, { width: w - 2 * padding });
        x += w;
      });
      y += height;
    };
    drawRow(header);
    let pages = 1;
    for (const cells of rows) {
      if (y + heightOf(cells) > bottom) {
        if (pages++ === options.maxPages) break;
        doc.addPage();
        y = MARGIN;
        drawRow(header);
      }
      drawRow(cells);
    }
  });
}

export interface LinesPdfOptions {
  fontSize?: number;
  /** Lines on a page; the page is as tall as it needs and as wide as the longest line. */
  linesPerPage?: number;
  pdf?: PDFKit.PDFDocumentOptions;
}

/** Text drawn a line at a time, each at the left margin, an empty line left as vertical space. */
export function linesPdf(lines: string[], options: LinesPdfOptions = {}): Promise<Uint8Array> {
  const size = options.fontSize ?? 8;
  const pitch = size * 1.5;
  const perPage = options.linesPerPage ?? lines.length;
  const longest = Math.max(1, ...lines.map((line) => [...line].length));
  const width = Math.min(14_000, 2 * MARGIN + longest * size * 1.05);
  return makePdf({ margin: MARGIN, ...options.pdf }, (doc) => {
    for (let start = 0; start < lines.length; start += perPage) {
      const page = lines.slice(start, start + perPage);
      doc.addPage({ size: [width, Math.min(14_000, 2 * MARGIN + page.length * pitch)], margin: MARGIN });
      doc.font('cjk').fontSize(size);
      page.forEach((line, i) => {
        if (line.trim() !== '') doc.text(line, MARGIN, MARGIN + i * pitch, { lineBreak: false });
      });
    }
  });
}

/** A page with a drawn box and no text at all, as a scan looks to a text reader. */
export function scannedPdf(): Promise<Uint8Array> {
  return makePdf({ size: 'A4' }, (doc) => {
    doc.addPage();
    doc.rect(50, 50, 300, 400).fill('#888888');
  });
}

/** The rows of a tab-separated text table (as the Fuzhou seed), the header first. */
export function tabRows(text: string): string[][] {
  return text
    .split('\n')
    .filter((line) => line.includes('\t'))
    .map((line) => line.split('\t'));
}
