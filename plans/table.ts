/**
 * Reads a task decomposition table (任务分解表) from a grid: finds the header row below any
 * title rows, maps the columns by their many names, and walks the rows into sections,
 * tasks and requirements.
 *
 * How tables are kept in practice, and what each rule here is for:
 * - Section rows (一、完善工作机制) carry only a heading.
 * - A task spans several rows: the number cell is merged over them (so it repeats) or left
 *   empty on the rows after the first (continuation rows).
 * - A requirements cell holds ①②③ items; the deadline and unit cells then hold one value
 *   for all of them, or one line per item in order (12月底前\n3月底前).
 * - A value in a merged cell, or a cell left empty on a continuation row, holds for the
 *   rows below it within the task (extraction from PDF loses the merge, not the meaning).
 */
import { cleanLines, cleanText } from './normalize';
import { splitDeadlineCell } from './deadline';
import { splitResponsibilityCell } from './units';
import { refusal } from './errors';
import { columnLetter, type Grid, type GridCell, type GridRow } from './grid';
import { problem, type Location, type PlanProblem } from './problems';
import {
  buildRequirement,
  chineseOrdinal,
  requirementCounter,
  findTitle,
  splitRequirementItems,
  yearFromTitle,
  type ParsedPlan,
  type ParsedRequirement,
  type ParsedSection,
  type ParsedTask,
} from './plan';

export type ColumnRole =
  | 'number'
  | 'title'
  | 'content'
  | 'requirement'
  | 'deadline'
  | 'lead'
  | 'responsible'
  | 'cooperating';

/** Header names seen in real tables, by role. Compared after removing spaces and punctuation. */
const HEADER_SYNONYMS: Record<ColumnRole, string[]> = {
  number: ['序号', '编号', '序'],
  title: ['工作任务', '重点任务', '任务名称', '主要任务', '工作事项', '任务事项', '工作项目', '任务', '项目'],
  content: ['任务内容', '工作内容', '具体内容', '主要内容', '工作措施', '具体措施', '主要措施', '内容'],
  requirement: ['任务要求', '考核要求', '工作要求', '具体要求', '完成要求', '工作目标', '目标要求', '要求'],
  deadline: ['完成时限', '工作时限', '完成时间', '时间节点', '时限要求', '时间要求', '完成期限', '时限', '时间'],
  lead: ['牵头单位', '牵头处室', '牵头科室', '牵头部门', '牵头'],
  responsible: ['责任处室', '责任单位', '责任科室', '责任部门', '责任主体', '承办单位', '负责单位', '责任人'],
  cooperating: ['配合单位', '配合处室', '配合科室', '配合部门', '协办单位', '配合'],
};

function headerKey(text: string): string {
  return cleanText(text).replace(/[\s()()、:,.。*]/g, '');
}

function roleOfHeader(text: string): ColumnRole | null {
  const key = headerKey(text);
  if (key === '') return null;
  for (const [role, names] of Object.entries(HEADER_SYNONYMS) as [ColumnRole, string[]][]) {
    if (names.includes(key)) return role;
  }
  return null;
}

export interface HeaderMatch {
  /** Index into grid.rows. */
  index: number;
  /** 0-based column of each role found. */
  columns: Partial<Record<ColumnRole, number>>;
}

/** How far down title rows may push the header. */
const HEADER_SEARCH_ROWS = 30;

/** The header row: the first row naming at least three known columns, one of which says what the task is. */
export function findHeader(grid: Grid): HeaderMatch | null {
  const limit = Math.min(grid.rows.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    const columns: Partial<Record<ColumnRole, number>> = {};
    grid.rows[index]!.cells.forEach((cell, column) => {
      if (cell.mergedFrom !== null && columns[roleOfHeader(cell.text) ?? 'number'] !== undefined) return;
      const role = roleOfHeader(cell.text);
      if (role && columns[role] === undefined) columns[role] = column;
    });
    const found = Object.keys(columns).length;
    const saysWhat = columns.title !== undefined || columns.content !== undefined || columns.requirement !== undefined;
    if (found >= 3 && saysWhat) return { index, columns };
  }
  return null;
}

export const MAX_TASK_ROWS = 5000;

interface TableRow {
  row: GridRow;
  cell: (role: ColumnRole) => GridCell | null;
}

const SECTION_NUMERAL = /^([一二三四五六七八九十]+)[、.．]?$/;
const SECTION_HEADING = /^([一二三四五六七八九十]+)[、.．](.+)$/;
const TASK_NUMBER = /^(\d{1,4})(?:[.、．)]|\.\d+)?$/;

function text(cell: GridCell | null): string {
  return cell ? cleanText(cell.text) : '';
}

/** Whether a cell's value is new on this row (not a copy of a merged cell above, not empty). */
function ownValue(cell: GridCell | null): string {
  return cell && cell.mergedFrom === null ? cell.text.trim() : '';
}

export function parseTable(grid: Grid, options: { year?: number | null } = {}): ParsedPlan {
  const header = findHeader(grid);
  if (!header) throw refusal('no-header', grid.where, { rows: HEADER_SEARCH_ROWS });
  const { columns } = header;
  // A title merged across the table repeats in every cell of the range: read it once.
  const titleRows = grid.rows
    .slice(0, header.index)
    .map((row) => row.cells.filter((cell) => cell.mergedFrom === null).map((cell) => cell.text).join(' '));
  const title = findTitle(titleRows);
  const year = options.year ?? yearFromTitle(title);

  const body = grid.rows.slice(header.index + 1);
  if (body.length > MAX_TASK_ROWS) throw refusal('too-many-rows', grid.where, { rows: body.length, max: MAX_TASK_ROWS });
  const rowWhere = (row: number): Location => ({ ...grid.where, row });

  const problems: PlanProblem[] = [];
  if (columns.deadline === undefined) problems.push(problem('no-deadline-column', grid.where, {}));
  if (columns.lead === undefined && columns.responsible === undefined) problems.push(problem('no-unit-column', grid.where, {}));

  const sections: ParsedSection[] = [];
  const tasks: ParsedTask[] = [];
  let currentSection: string | null = null;
  let group: TableRow[] = [];
  let groupNumber: string | null = null;
  /** Rows with content but no number before the first task of a section; they open the next task. */
  let pending: TableRow[] = [];
  const seenNumbers = new Set<string>();
  const countRequirements = requirementCounter();

  const flush = () => {
    if (groupNumber !== null && group.length > 0) {
      tasks.push(buildTask(grid.where, groupNumber, currentSection, group, columns, year, problems, countRequirements));
    }
    group = [];
    groupNumber = null;
  };

  for (const row of body) {
    const tableRow = tableRowOf(row, columns);
    const section = readSectionRow(tableRow, columns);
    if (section) {
      flush();
      pending = [];
      const number = section.number ?? chineseOrdinal(sections.length + 1);
      sections.push({ number, title: section.title });
      currentSection = number;
      continue;
    }
    if (groupNumber !== null && shiftedRight(tableRow, columns, groupNumber)) {
      problems.push(problem('row-shifted', rowWhere(row.number), { number: groupNumber, column: columnLetter(columns.title! + 1) }));
      group.push(shiftLeft(row, columns));
      continue;
    }
    const numberText = text(tableRow.cell('number'));
    const numberMatch = numberText.match(TASK_NUMBER);
    if (numberMatch) {
      const number = numberMatch[1]!;
      if (number === groupNumber) {
        group.push(tableRow); // the number cell is merged over the task's rows, or repeated
        continue;
      }
      flush();
      // A set, not a search of the tasks so far: that was quadratic in a 5,000-row table (fuzzing).
      if (seenNumbers.has(number)) {
        problems.push(problem('task-number-repeated', rowWhere(row.number), { number }));
      }
      seenNumbers.add(number);
      groupNumber = number;
      group = [...pending, tableRow];
      pending = [];
      continue;
    }
    if (numberText !== '' && !/^[\p{P}\p{S}Ξ]+$/u.test(numberText)) {
      problems.push(problem('not-a-task-number', { ...rowWhere(row.number), column: columnLetter(columns.number! + 1) }, { text: numberText }));
    }
    if (groupNumber !== null) group.push(tableRow);
    else pending.push(tableRow);
  }
  flush();
  for (const row of pending) {
    problems.push(problem('row-outside-task', rowWhere(row.row.number), {}));
  }
  if (tasks.length === 0) throw refusal('no-task-rows', grid.where, { header: String(grid.rows[header.index]!.number) });
  return { title, year, sections, tasks, problems };
}

function tableRowOf(row: GridRow, columns: HeaderMatch['columns']): TableRow {
  return { row, cell: (role) => (columns[role] === undefined ? null : (row.cells[columns[role]!] ?? null)) };
}

/**
 * PDF extraction sometimes drops a task's number a second time into the next column of a
 * continuation row, pushing the row's cells one column right (seed task 10). Such a row has
 * no number of its own, the task's number where the title belongs, and an empty last column.
 */
function shiftedRight(row: TableRow, columns: HeaderMatch['columns'], taskNumber: string): boolean {
  if (columns.number === undefined || columns.title !== columns.number + 1) return false;
  if (text(row.cell('number')) !== '' || text(row.cell('title')) !== taskNumber) return false;
  const lastColumn = Math.max(...(Object.values(columns) as number[]));
  return (row.row.cells[lastColumn + 1]?.text ?? '').trim() === '' ;
}

function shiftLeft(row: GridRow, columns: HeaderMatch['columns']): TableRow {
  const cells = [...row.cells];
  cells.splice(columns.title!, 1);
  return tableRowOf({ number: row.number, cells }, columns);
}

/** A section heading row: a Chinese numeral (or a numeral lost to extraction noise) and a heading, nothing else. */
function readSectionRow(row: TableRow, columns: HeaderMatch['columns']): { number: string | null; title: string } | null {
  // Each value once, at its first column. A set, not a search of the row per cell: that was
  // quadratic in the row's width, and a row 10,000 cells wide took seconds (found by fuzzing).
  const seen = new Set<string>();
  const filled = row.row.cells
    .map((cell, column) => ({ column, value: cleanText(cell.text) }))
    .filter((entry) => entry.value !== '' && !seen.has(entry.value) && seen.add(entry.value));
  const numberValue = text(row.cell('number'));
  const others = filled.filter((entry) => entry.column !== columns.number);
  const dataColumns = [columns.requirement, columns.deadline, columns.lead, columns.responsible, columns.cooperating];
  if (others.some((entry) => dataColumns.includes(entry.column)) && others.length > 1) return null;

  const numeral = numberValue.match(SECTION_NUMERAL);
  if (numeral && others.length >= 1) return { number: numeral[1]!, title: others.map((e) => e.value).join('') };
  // "一、完善工作机制" written in one cell (often merged across the row).
  const heading = filled.length >= 1 && filled.every((e) => e.value === filled[0]!.value) ? filled[0]!.value.match(SECTION_HEADING) : null;
  if (heading) return { number: heading[1]!, title: heading[2]!.trim() };
  // A numeral garbled by extraction (_, =, Ξ) beside a lone heading.
  if (numberValue !== '' && /^[\p{P}\p{S}Ξ]+$/u.test(numberValue) && others.length === 1 && others[0]!.column !== columns.requirement) {
    return { number: null, title: others[0]!.value };
  }
  return null;
}

function joinOwn(rows: TableRow[], role: ColumnRole): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const row of rows) {
    const value = text(row.cell(role));
    if (value === '' || seen.has(value)) continue;
    if (row.cell(role)?.mergedFrom && seen.size > 0) continue;
    seen.add(value);
    parts.push(value);
  }
  return parts.join('');
}

function buildTask(
  grid: Location,
  number: string,
  section: string | null,
  rows: TableRow[],
  columns: HeaderMatch['columns'],
  year: number | null,
  problems: PlanProblem[],
  countRequirements: (count: number, where: Location) => void,
): ParsedTask {
  const where: Location = { ...grid, row: rows[0]!.row.number };
  const title = joinOwn(rows, 'title');
  const content = joinOwn(rows, 'content');

  // The items each row brings, with the deadline and unit cells that apply to them.
  interface RowItems {
    row: TableRow;
    items: string[];
  }
  const rowItems: RowItems[] = [];
  for (const row of rows) {
    let items = splitRequirementItems(ownValue(row.cell('requirement')));
    // A row with its own content and deadline but no requirement text: the content is what must be done.
    const ownContent = ownValue(row.cell('content'));
    if (items.length === 0 && ownContent !== '' && ownValue(row.cell('deadline')) !== '') items = [ownContent];
    rowItems.push({ row, items });
  }
  const totalItems = rowItems.reduce((n, r) => n + r.items.length, 0);
  countRequirements(Math.max(1, totalItems), where);
  if (totalItems === 0) {
    // No requirement column, or left empty: the task's content (or title) is what must be done.
    rowItems[0]!.items = [content || title];
  }

  const requirements: ParsedRequirement[] = [];
  // Rows before the first filled cell take its value when the task has only one: text
  // extracted from a PDF puts a merged cell's value on a middle row of its range (seed task 5).
  const onlyDeadline = onlyValue(rows.map((row) => (row.cell('deadline')?.text ?? '').trim()));
  let inheritedDeadline: string[] = onlyDeadline === null ? [] : splitDeadlineCell(onlyDeadline);
  if (inheritedDeadline.length !== 1) inheritedDeadline = [];
  const unitValues = rows.map((row) => unitCells(row, columns));
  const onlyUnits = onlyValue(unitValues.map((u) => (u.lead.trim() === '' && u.cooperating.trim() === '' ? '' : JSON.stringify(u))));
  let inheritedUnits: { lead: string; cooperating: string } | null = onlyUnits === null ? null : JSON.parse(onlyUnits);
  for (const { row, items } of rowItems) {
    const rowWhere: Location = { ...grid, row: row.row.number };
    const deadlineCell = row.cell('deadline');
    const deadlineRaw = deadlineCell?.text ?? '';
    const deadlinePieces = deadlineRaw.trim() === '' ? inheritedDeadline : splitDeadlineCell(deadlineRaw);
    if (deadlineRaw.trim() !== '') inheritedDeadline = deadlinePieces.length === 1 ? deadlinePieces : [];

    const units = unitCells(row, columns);
    const hasUnits = units.lead.trim() !== '' || units.cooperating.trim() !== '';
    const unitsForRow = hasUnits ? units : inheritedUnits;
    if (hasUnits) inheritedUnits = units;
    if (items.length === 0) continue;

    const deadlines = assignInOrder(deadlinePieces, items.length);
    if (deadlines === null) {
      problems.push(problem('deadline-count-mismatch', rowWhere, { deadlines: deadlinePieces.length, requirements: items.length }));
    }
    const leadPieces = unitsForRow ? splitUnits(unitsForRow.lead, items.length) : null;
    const coopPieces = unitsForRow ? splitUnits(unitsForRow.cooperating, items.length) : null;
    items.forEach((item, i) => {
      const requirement = buildRequirement(
        {
          text: item,
          deadlineText: deadlines ? deadlines[i]! : cleanText(deadlinePieces.join(' ')),
          responsibility:
            columns.lead !== undefined
              ? { lead: leadPieces?.[i] ?? '', cooperating: coopPieces?.[i] ?? '' }
              : (leadPieces?.[i] ?? ''),
          where: { ...where, requirement: requirements.length + 1 },
        },
        year,
        problems,
      );
      requirements.push(requirement);
    });
  }
  return { number, title: title || content, content: content || null, section, where, requirements };
}

/** The one distinct non-empty value among a task's cells, or null when there are none or several. */
function onlyValue(values: string[]): string | null {
  const filled = new Set(values.filter((value) => value !== ''));
  return filled.size === 1 ? [...filled][0]! : null;
}

/** The lead and cooperating unit text of a row: a 责任 column alone says both (牵头/配合 words inside). */
function unitCells(row: TableRow, columns: HeaderMatch['columns']): { lead: string; cooperating: string } {
  if (columns.lead !== undefined) {
    return {
      lead: row.cell('lead')?.text ?? '',
      cooperating: [row.cell('responsible')?.text ?? '', row.cell('cooperating')?.text ?? ''].filter(Boolean).join('\n'),
    };
  }
  return { lead: row.cell('responsible')?.text ?? '', cooperating: '' };
}

/** One piece per requirement: the same for all when the cell has one, in order when it has one per item. */
function assignInOrder(pieces: string[], count: number): string[] | null {
  if (pieces.length === 0) return Array<string>(count).fill('');
  if (pieces.length === 1) return Array<string>(count).fill(pieces[0]!);
  if (pieces.length === count) return pieces;
  return null;
}

/** A unit cell for several requirements: one expression per line when the lines say so, else the same for all. */
function splitUnits(cell: string, count: number): string[] {
  if (count > 1) {
    // Extraction from PDF turns the cell's line breaks into spaces.
    const lines = cleanLines(cell).length > 1 ? cell : cell.replace(/[ \t]+/g, '\n');
    const pieces = splitResponsibilityCell(lines, count);
    if (pieces) return pieces;
  }
  return Array<string>(count).fill(cell);
}
