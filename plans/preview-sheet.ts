/**
 * The import preview as a workbook an admin corrects in Excel and sends back (issue 13 item 7).
 *
 * The first sheet is a task decomposition table in the form plans/table.ts reads: a title row,
 * a header of column names it recognises, a section row "一、…" before each section's tasks,
 * then one row per requirement, the task's number, title, content and points merged over its rows. So
 * sending the sheet back imports exactly what it says: the same tasks (matched by number on
 * re-import), requirements, deadlines, units, points and evidence. A prose plan's task
 * numbers (一, 十八) are written "(一)", which the table reader takes as a task number where a
 * bare numeral would be a section heading.
 *
 * The second sheet lists what the importer did not take (ignored lines, with why) and the
 * problems, in the admin's language; its headings name no column the table reader knows, so
 * the importer never mistakes it for the plan.
 *
 * `previewSheetRows` is the pure part (what goes where); `previewSheet` writes it with exceljs.
 */
import ExcelJS from 'exceljs';
import { NONE_MARK } from './table';
import { yearFromTitle } from './plan';
import type { PlanPreview } from './import';
import { wordLocation, wordProblemMessage, type Translate, type WordingOptions } from './problems';

/** The first sheet's header, in the words plans/table.ts recognises (分值 and 考核要求: issue 13). */
export const SHEET_HEADER = ['序号', '重点任务', '任务内容', '具体要求', '完成时限', '牵头单位', '配合单位', '分值', '考核要求'] as const;
export const TASKS_SHEET = '任务分解表';

const COLUMN = { number: 0, title: 1, content: 2, text: 3, deadline: 4, lead: 5, cooperating: 6, points: 7, evidence: 8 } as const;
const WIDTHS = [8, 24, 40, 60, 16, 22, 22, 8, 30];
/** Cells that belong to the task, merged over its rows. */
const TASK_COLUMNS = [COLUMN.number, COLUMN.title, COLUMN.content, COLUMN.points];

/** One row of the first sheet below the header. */
export type SheetRow =
  | { kind: 'section'; text: string }
  /** `span`: on a task's first row, how many rows its number, title and points are merged over. */
  | { kind: 'requirement'; cells: (string | number | null)[]; span: number };

export interface SheetRows {
  title: string | null;
  rows: SheetRow[];
}

const CHINESE_NUMERAL = /^[一二三四五六七八九十百]{1,6}(?:-[一二三四五六七八九十百]{1,6})?$/;

/** A task number as the table reader reads it back: digits as they are, 十八 as (十八). */
export function sheetTaskNumber(number: string): string {
  return CHINESE_NUMERAL.test(number) ? `(${number})` : number;
}

/**
 * The first sheet's rows: sections in the plan's order (one with no tasks still gets its row),
 * tasks under their section, one row per requirement. Units are joined with 、, which the unit
 * reader splits at.
 */
export function previewSheetRows(preview: PlanPreview): SheetRows {
  const rows: SheetRow[] = [];
  let nextSection = 0;
  let current: string | null = null;
  const sectionRow = (index: number): SheetRow => {
    const section = preview.sections[index]!;
    return { kind: 'section', text: `${section.number}、${section.title}` };
  };
  for (const task of preview.tasks) {
    if (task.section !== null && task.section !== current) {
      const index = preview.sections.findIndex((s, i) => i >= nextSection && s.number === task.section);
      if (index >= 0) {
        // Sections without tasks before this one keep their place.
        for (let i = nextSection; i <= index; i++) rows.push(sectionRow(i));
        nextSection = index + 1;
      }
      current = task.section;
    }
    const requirements = task.requirements.length > 0 ? task.requirements : [null];
    requirements.forEach((r, i) => {
      const cells: (string | number | null)[] = new Array<string | number | null>(SHEET_HEADER.length).fill(null);
      cells[COLUMN.number] = sheetTaskNumber(task.number);
      cells[COLUMN.title] = task.title;
      // The task's own text (a prose item's body, an indicator's 评估内容) goes back with it, so
      // a sheet sent back unchanged updates nothing.
      cells[COLUMN.content] = task.content;
      cells[COLUMN.points] = task.points;
      if (r) {
        // In a task of several rows an empty cell takes the value of the row above (a merged
        // cell's rule): "—" says "none here", so the sheet reads back as it was written.
        const none = requirements.length > 1 ? NONE_MARK : null;
        cells[COLUMN.text] = r.text;
        cells[COLUMN.deadline] = r.deadline.text || none;
        cells[COLUMN.lead] = r.lead.join('、') || (r.cooperating.length === 0 ? none : null);
        cells[COLUMN.cooperating] = r.cooperating.join('、') || null;
        cells[COLUMN.evidence] = r.evidence;
      }
      rows.push({ kind: 'requirement', cells, span: i === 0 ? requirements.length : 0 });
    });
  }
  for (let i = nextSection; i < preview.sections.length; i++) rows.push(sectionRow(i));
  return { title: preview.title, rows };
}

/** The second sheet's lines: ignored lines, then problems, each with where it is. */
export function previewNotes(preview: PlanPreview, t: Translate, options: WordingOptions = {}) {
  return {
    ignored: preview.ignored.map((line) => [wordLocation(t, line.where, options), t(`ignored-${line.reason}`), line.text]),
    problems: preview.problems.map((p) => [wordLocation(t, p.where, options), wordProblemMessage(t, p, options)]),
  };
}

/** A file name for the preview of a plan called `name`: 预览-<name>.xlsx, safe on every system. */
export function previewSheetName(name: string): string {
  const safe = [...name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim()].slice(0, 60).join('');
  return `预览-${safe || 'plan'}.xlsx`;
}

/** The preview workbook's bytes; `t` words the second sheet (the first is in the plan's own words). */
export async function previewSheet(preview: PlanPreview, t: Translate, options: WordingOptions = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(TASKS_SHEET);
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const last = SHEET_HEADER.length;
  const { title, rows } = previewSheetRows(preview);
  const wrap: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };

  if (title !== null) {
    const row = sheet.addRow([title]);
    sheet.mergeCells(row.number, 1, row.number, last);
    row.font = { bold: true, size: 14 };
  }
  // A year the title does not name (read from the notice's date, or given in chat) on a row of
  // its own, which the table reader reads back (plans/table.ts yearRow).
  if (preview.year !== null && yearFromTitle(title) !== preview.year) {
    const row = sheet.addRow([`计划年度：${preview.year}`]);
    sheet.mergeCells(row.number, 1, row.number, last);
  }
  const header = sheet.addRow([...SHEET_HEADER]);
  header.font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: header.number }];

  // A task's cells are merged over its rows once every row is written: merging first creates
  // the rows below, and addRow would then write the next requirement after a blank one.
  const merges: [number, number][] = [];
  for (const entry of rows) {
    if (entry.kind === 'section') {
      const row = sheet.addRow([entry.text]);
      sheet.mergeCells(row.number, 1, row.number, last);
      row.font = { bold: true };
      continue;
    }
    const row = sheet.addRow(entry.cells);
    row.alignment = wrap;
    if (entry.span > 1) merges.push([row.number, row.number + entry.span - 1]);
  }
  for (const [from, to] of merges) {
    for (const column of TASK_COLUMNS) sheet.mergeCells(from, column + 1, to, column + 1);
  }

  const notes = workbook.addWorksheet(t('import-sheet-notes'));
  notes.columns = [{ width: 30 }, { width: 20 }, { width: 80 }];
  const { ignored, problems } = previewNotes(preview, t, options);
  notes.addRow([t('import-sheet-ignored')]).font = { bold: true };
  notes.addRow([t('import-sheet-where'), t('import-sheet-reason'), t('import-sheet-text')]).font = { bold: true };
  for (const line of ignored) notes.addRow(line).alignment = wrap;
  notes.addRow([]);
  notes.addRow([t('import-sheet-problems')]).font = { bold: true };
  notes.addRow([t('import-sheet-where'), t('import-sheet-problem')]).font = { bold: true };
  for (const line of problems) notes.addRow(line).alignment = wrap;

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
