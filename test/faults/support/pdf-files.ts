/**
 * PDFs made for the tests, the PDF fault drill and the bench, with pdfkit and the CJK font the
 * project ships (digests/charts/cjk-font.ts): a table drawn as a real table (ruled cells,
 * wrapped text, the header repeated on each page) and prose drawn a line at a time. Nothing
 * here is a stored binary: every PDF is made again from text.
 */
import PDFDocument from 'pdfkit';
import { cjkFontPath } from '../../../digests/charts/cjk-font';

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
  /** Lines below the table on its last page (the issuing office, the date), after a blank line. */
  after?: string[];
  /** "- N -" centred at each page's foot, as Word's page number field prints it. */
  pageNumbers?: boolean;
  /**
   * Let a row break across pages (Word's "allow row to break across pages", on by default): the
   * lines that do not fit continue at the top of the next page, under the repeated header.
   * Otherwise a row that does not fit moves whole to the next page.
   */
  breakRows?: boolean;
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
    // Room for the page number under the table, inside the margin (pdfkit starts a new page for text below it).
    const bottom = A4_LANDSCAPE[1] - MARGIN - (options.pageNumbers ? 3 * size : 0);
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
    const lineHeight = doc.currentLineHeight(true);
    let pages = 1;
    const footer = () => {
      if (!options.pageNumbers) return;
      const label = `- ${pages} -`;
      doc.text(label, (A4_LANDSCAPE[0] - doc.widthOfString(label)) / 2, A4_LANDSCAPE[1] - MARGIN - 1.5 * size, { lineBreak: false });
    };
    const newPage = (): boolean => {
      footer();
      if (pages++ === options.maxPages) return false;
      doc.addPage();
      y = MARGIN;
      drawRow(header);
      return true;
    };
    drawRow(header);
    let stopped = false;
    for (const cells of rows) {
      if (y + heightOf(cells) > bottom) {
        if (options.breakRows && y + 2 * padding + 2 * lineHeight <= bottom) {
          // The lines that fit stay on this page; the rest of each cell goes on at the next.
          const fit = Math.floor((bottom - y - 2 * padding) / lineHeight);
          const parts = widths.map((w, i) => splitLines(doc, cells[i] ?? '', w - 2 * padding, fit));
          drawRow(parts.map((p) => p[0]));
          if (!newPage()) {
            stopped = true;
            break;
          }
          drawRow(parts.map((p) => p[1]));
          continue;
        }
        if (!newPage()) {
          stopped = true;
          break;
        }
      }
      drawRow(cells);
    }
    if (!stopped) {
      y += size * 2;
      for (const line of options.after ?? []) {
        doc.text(line, A4_LANDSCAPE[0] - MARGIN - doc.widthOfString(line), y, { lineBreak: false });
        y += size * 2;
      }
      footer();
    }
  });
}

/** A cell's text cut after its first `lines` wrapped lines, as pdfkit wraps it in `width`: [what fits, the rest]. */
function splitLines(doc: Pdf, text: string, width: number, lines: number): [string, string] {
  let fits = 0;
  const chars = [...text];
  // The longest prefix that wraps into at most `lines` lines (heights grow with the prefix).
  while (
    fits < chars.length &&
    doc.heightOfString(chars.slice(0, fits + 1).join(''), { width }) <= lines * doc.currentLineHeight(true) + 0.01
  )
    fits++;
  return [chars.slice(0, fits).join(''), chars.slice(fits).join('')];
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
