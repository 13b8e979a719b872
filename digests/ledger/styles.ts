/**
 * The look of the ledger: fonts, fills, borders and the print setup, shared by both sheets.
 *
 * Style objects are shared between cells and must never be mutated: exceljs keeps a
 * reference, and its writer caches the style id per object, which is what keeps styling
 * 100,000 rows cheap.
 */
import type ExcelJS from 'exceljs';
import type { Tone } from './progress-cell';

type Style = Partial<ExcelJS.Style>;

/** 宋体 is the font Chinese offices print in; Excel and WPS have it everywhere. */
const FONT = '宋体';
const FONT_SIZE = 10;
/** Points per text line at FONT_SIZE, with the padding Excel puts around a cell's text. */
export const LINE_HEIGHT = 13.5;
export const ROW_PADDING = 1.5;

const thin: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF7F7F7F' } };
const borders: Partial<ExcelJS.Borders> = { top: thin, left: thin, bottom: thin, right: thin };
const solid = (argb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb }, bgColor: { argb } });

/** The fills of progress cells, by tone (Excel's own "good / neutral / bad" colours). */
export const TONE_FILLS: Readonly<Record<Exclude<Tone, 'none'>, string>> = {
  onTime: 'FFC6EFCE',
  late: 'FFFFEB9C',
  missing: 'FFFFC7CE',
  notDue: 'FFE7E6E6',
};

const body: Style = {
  font: { name: FONT, size: FONT_SIZE },
  border: borders,
  alignment: { vertical: 'top', horizontal: 'left', wrapText: true },
};

function progress(tone: Tone): Style {
  return tone === 'none' ? body : { ...body, fill: solid(TONE_FILLS[tone]) };
}

export const STYLES = {
  title: {
    font: { name: FONT, size: 14, bold: true },
    alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  } satisfies Style as Style,
  subtitle: {
    font: { name: FONT, size: 9, color: { argb: 'FF595959' } },
    alignment: { vertical: 'middle', horizontal: 'left', wrapText: true },
  } satisfies Style as Style,
  header: {
    font: { name: FONT, size: FONT_SIZE, bold: true },
    fill: solid('FFD9E1F2'),
    border: borders,
    alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
  } satisfies Style as Style,
  text: body,
  centered: { ...body, alignment: { vertical: 'top', horizontal: 'center', wrapText: true } } satisfies Style as Style,
  /** 是 in the reports sheet's 是否逾期 column, in the late colour. */
  lateFlag: {
    ...body,
    fill: solid(TONE_FILLS.late),
    alignment: { vertical: 'top', horizontal: 'center', wrapText: true },
  } satisfies Style as Style,
  progress: {
    onTime: progress('onTime'),
    late: progress('late'),
    missing: progress('missing'),
    notDue: progress('notDue'),
    none: progress('none'),
  } satisfies Record<Tone, Style>,
};

/** Rows above the data: the title, the subtitle (as of, legend) and the header. */
export const TITLE_ROW = 1;
export const SUBTITLE_ROW = 2;
export const HEADER_ROW = 3;

/**
 * Sheet options for printing on A4 landscape, one page wide, as many pages down as needed,
 * repeating the header row and numbering pages in the footer; frozen below the header and
 * right of `frozenColumns`. They must be given when the sheet is added: a streamed sheet
 * writes its views and page setup first.
 */
export function printableSheet(frozenColumns: number, footer: string): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views: [{ state: 'frozen', xSplit: frozenColumns, ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.2, footer: 0.25 },
    },
    headerFooter: { oddFooter: footer, evenFooter: footer, differentFirst: false, differentOddEven: false },
  };
}
