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
import { narrow, problem, type Location, type PlanProblem } from './problems';
import {
  buildRequirements,
  chineseOrdinal,
  requirementCounter,
  findTitle,
  splitRequirementItems,
  yearFromTitle,
  type ParsedPlan,
  type ParsedRequirement,
  type ParsedSection,
  type ParsedTask,
  type IgnoredLine,
} from './plan';

export type ColumnRole =
  | 'number'
  | 'title'
  | 'content'
  | 'requirement'
  | 'deadline'
  | 'lead'
  | 'responsible'
  | 'cooperating'
  // Assessment tables (评估指标细则, 考评任务分解表):
  | 'points' // 分值: the task's points
  | 'scoring' // 评分标准, 评分细则: how points are given or lost, never work to do
  | 'breakdown' // 任务分解: the duties, numbered (1)(2)…, often with their units in parentheses
  | 'evidence'; // 考核要求, 佐证材料: what must be handed in as proof

/** Header names seen in real tables, by role. Compared after removing spaces and punctuation. */
const HEADER_SYNONYMS: Record<ColumnRole, string[]> = {
  number: ['序号', '编号', '序'],
  title: ['工作任务', '重点任务', '任务名称', '主要任务', '工作事项', '任务事项', '工作项目', '任务', '项目'],
  content: [
    '任务内容',
    '工作内容',
    '具体内容',
    '主要内容',
    '工作措施',
    '具体措施',
    '主要措施',
    '内容',
    '评估内容',
    '考核内容',
    '评价内容',
    '指标内容',
  ],
  requirement: ['任务要求', '工作要求', '具体要求', '完成要求', '工作目标', '目标要求', '要求'],
  deadline: ['完成时限', '工作时限', '完成时间', '时间节点', '时限要求', '时间要求', '完成期限', '时限', '时间'],
  lead: ['牵头单位', '牵头处室', '牵头科室', '牵头部门', '牵头'],
  responsible: ['责任处室', '责任单位', '责任科室', '责任部门', '责任主体', '承办单位', '负责单位', '责任人'],
  cooperating: ['配合单位', '配合处室', '配合科室', '配合部门', '协办单位', '配合'],
  points: ['分值', '分数', '标准分', '权重分值'],
  scoring: ['评分标准', '评分细则', '评分办法', '评分方法', '计分方法', '扣分标准', '考核标准', '评分依据'],
  breakdown: ['任务分解', '责任分解', '任务分工'],
  // 考核要求 names what the assessors check for: the proof, not the requirement's text (issue 13).
  evidence: ['考核要求', '佐证材料', '佐证资料', '佐证', '考核材料', '佐证要求', '考核佐证'],
};

function headerKey(text: string): string {
  return cleanText(text).replace(/[\s()()、:,.。*]/g, '');
}

/** The role of a column named `text`, or null when it is no known column name. */
export function roleOfHeader(text: string): ColumnRole | null {
  const key = headerKey(text);
  if (key === '') return null;
  return ROLE_BY_NAME.get(key) ?? null;
}

/** Each name's role, looked up once: the paragraph-table reader tries every short line of a text. */
const ROLE_BY_NAME = new Map<string, ColumnRole>();
for (const [role, names] of Object.entries(HEADER_SYNONYMS) as [ColumnRole, string[]][]) {
  for (const name of names) if (!ROLE_BY_NAME.has(name)) ROLE_BY_NAME.set(name, role);
}

export interface HeaderMatch {
  /** Index into grid.rows. */
  index: number;
  /** 0-based column of each role found (the first, where several columns share a role). */
  columns: Partial<Record<ColumnRole, number>>;
  /** Every scoring column (评分标准 and 评分细则 stand side by side in indicator tables). */
  scoring: number[];
}

/** How far down title rows may push the header. */
const HEADER_SEARCH_ROWS = 30;

/** The header row: the first row naming at least three known columns, one of which says what the task is. */
export function findHeader(grid: Grid): HeaderMatch | null {
  const limit = Math.min(grid.rows.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    const columns: Partial<Record<ColumnRole, number>> = {};
    const scoring: number[] = [];
    grid.rows[index]!.cells.forEach((cell, column) => {
      if (cell.mergedFrom !== null && columns[roleOfHeader(cell.text) ?? 'number'] !== undefined) return;
      const role = roleOfHeader(cell.text);
      if (role === 'scoring' && cell.mergedFrom === null) scoring.push(column);
      if (role && columns[role] === undefined) columns[role] = column;
    });
    const found = Object.keys(columns).length;
    const saysWhat =
      columns.title !== undefined || columns.content !== undefined || columns.requirement !== undefined || columns.breakdown !== undefined;
    if (found >= 3 && saysWhat) return { index, columns, scoring };
  }
  return null;
}

export const MAX_TASK_ROWS = 5000;

/**
 * A body row read through the header's columns. Each cell is cleaned once, however many
 * readers look at it (the section test, the total test, the number, the title): a 5,000-row
 * table cleaned its number cell four times a row.
 */
class TableRow {
  private readonly cleaned: (string | undefined)[] = [];

  constructor(
    readonly row: GridRow,
    private readonly columns: HeaderMatch['columns'],
  ) {}

  /** The cell of a column role, or null when the table has no such column or the row stops short of it. */
  cell(role: ColumnRole): GridCell | null {
    const column = this.columns[role];
    return column === undefined ? null : (this.row.cells[column] ?? null);
  }

  /** `cleanText` of the cell at a 0-based column; empty past the row's end. */
  cleanAt(column: number): string {
    let value = this.cleaned[column];
    if (value === undefined) {
      const cell = this.row.cells[column];
      value = cell ? cleanText(cell.text) : '';
      this.cleaned[column] = value;
    }
    return value;
  }

  /** `cleanText` of the cell of a column role; empty when there is none. */
  text(role: ColumnRole): string {
    const column = this.columns[role];
    return column === undefined ? '' : this.cleanAt(column);
  }
}

const SECTION_NUMERAL = /^([一二三四五六七八九十]+)[、.．]?$/;
const SECTION_HEADING = /^([一二三四五六七八九十]+)[、.．](.+)$/;
/** An appendix read as a section of its own (plans/appendix.ts), written back by the preview sheet as "附件、…". */
const APPENDIX_HEADING = /^(附件[0-9一二三四五六七八九十]*)[、.．:：]\s*(.+)$/;
// (一) in the number column: a prose plan's task as the preview sheet writes it (plans/preview-sheet.ts).
/**
 * A task's number: 1, 1., 1.2; (一) for prose plans written back in the preview sheet, and
 * (三-一) where a prose plan's numbering restarts in each section; 附3 for an appendix row
 * whose number the prose had taken; 附加项 for an assessment's bonus item.
 */
const TASK_NUMBER =
  /^(?:(\d{1,4})(?:[.、．)]|\.\d+)?|\(([一二三四五六七八九十百]{1,6}(?:-[一二三四五六七八九十百]{1,6})?)\)|(附\d{1,4}|附加项))$/;

/** Whether a cell's value is new on this row (not a copy of a merged cell above, not empty). */
function ownValue(cell: GridCell | null): string {
  return cell && cell.mergedFrom === null ? cell.text.trim() : '';
}

export interface TableOptions {
  year?: number | null;
  /**
   * The grid's row numbers are lines of a text (a table printed one cell per paragraph,
   * plans/paragraph-table.ts): places then name lines, as the admin's text editor shows them.
   */
  lines?: boolean;
}

/**
 * A plan's year written on a row of its own above the header ("计划年度：2020", as the preview
 * sheet writes it when the title names none): the year of a plan read from its notice's date
 * or given in chat comes back with the sheet.
 */
function yearRow(rows: string[]): number | null {
  for (const row of rows) {
    const match = cleanText(row).match(/^(?:计划年度|年度)[:]\s*((?:19|20)\d\d)年?$/);
    if (match) return Number(match[1]);
  }
  return null;
}

export function parseTable(grid: Grid, options: TableOptions = {}): ParsedPlan {
  const header = findHeader(grid);
  if (!header) throw refusal('no-header', grid.where, { rows: HEADER_SEARCH_ROWS });
  const { columns } = header;
  // A title merged across the table repeats in every cell of the range: read it once.
  const titleRows = grid.rows.slice(0, header.index).map((row) =>
    row.cells
      .filter((cell) => cell.mergedFrom === null)
      .map((cell) => cell.text)
      .join(' '),
  );
  const title = findTitle(titleRows);
  const year = options.year ?? yearFromTitle(title) ?? yearRow(titleRows);

  const body = grid.rows.slice(header.index + 1);
  if (body.length > MAX_TASK_ROWS) throw refusal('too-many-rows', grid.where, { rows: body.length, max: MAX_TASK_ROWS });
  const places = new Map<number, NonNullable<GridRow['place']>>();
  for (const row of grid.rows) if (row.place) places.set(row.number, row.place);
  const rowWhere = (row: number): Location => {
    const place = places.get(row);
    if (place) return narrow(grid.where, place);
    return narrow(grid.where, options.lines ? { line: row } : { row });
  };

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
  const ignored: IgnoredLine[] = [];
  /** The heading of the task being read, in a table without a number column (一、… in 项目). */
  let groupHeading: string | null = null;

  const context: TaskContext = {
    at: rowWhere,
    columns,
    year,
    problems,
    countRequirements,
    lines: options.lines === true,
    ignore: (line: IgnoredLine) => ignored.push(line),
  };
  const flush = () => {
    if (groupNumber !== null && group.length > 0) tasks.push(buildTask(context, groupNumber, groupHeading, currentSection, group));
    group = [];
    groupNumber = null;
    groupHeading = null;
  };

  // Columns the reader has no role for (备注, 联系人): their text is listed, never dropped unseen.
  const headerRow = grid.rows[header.index]!;
  const known = new Set<number>([...Object.values(columns), ...header.scoring]);
  const otherColumns = headerRow.cells.flatMap((cell, column) => (known.has(column) ? [] : [{ column, name: cleanText(cell.text) }]));

  for (const row of body) {
    const tableRow = new TableRow(row, columns);
    for (const { column, name } of otherColumns) {
      const value = cleanLines(ownValue(row.cells[column] ?? null)).join('\n');
      if (value !== '')
        ignored.push({
          where: { ...rowWhere(row.number), column: columnLetter(column + 1) },
          text: name ? `${name}：${value}` : value,
          reason: 'other-column',
        });
    }
    // Scoring rules say how points are given or lost (some name conduct the plan forbids):
    // listed for the admin, never read as work.
    for (const column of header.scoring) {
      const value = cleanLines(ownValue(row.cells[column] ?? null)).join('\n');
      if (value !== '')
        ignored.push({ where: { ...rowWhere(row.number), column: columnLetter(column + 1) }, text: value, reason: 'scoring-rule' });
    }
    if (isTotalRow(tableRow)) {
      ignored.push({ where: rowWhere(row.number), text: rowText(row), reason: 'heading' });
      continue;
    }
    const section = readSectionRow(tableRow, columns);
    if (section) {
      flush();
      pending = [];
      const number = section.number ?? chineseOrdinal(sections.length + 1);
      sections.push({ number, title: section.title });
      currentSection = number;
      continue;
    }
    if (columns.number === undefined && columns.title !== undefined) {
      // No number column (项目 of an indicator table): a title of its own opens a task, rows
      // with the title cell empty or merged continue it.
      const own = cleanText(ownValue(tableRow.cell('title')));
      if (own !== '') {
        flush();
        const heading = readTaskHeading(own, tasks.length + 1);
        if (seenNumbers.has(heading.number))
          problems.push(problem('task-number-repeated', rowWhere(row.number), { number: heading.number }));
        seenNumbers.add(heading.number);
        groupNumber = heading.number;
        groupHeading = heading.title;
        group = [...pending, tableRow];
        pending = [];
        continue;
      }
    }
    if (groupNumber !== null && shiftedRight(tableRow, columns, groupNumber)) {
      problems.push(problem('row-shifted', rowWhere(row.number), { number: groupNumber, column: columnLetter(columns.title! + 1) }));
      group.push(shiftLeft(row, columns));
      continue;
    }
    const numberText = tableRow.text('number');
    const numberMatch = numberText.match(TASK_NUMBER);
    if (numberMatch) {
      const number = (numberMatch[1] ?? numberMatch[2] ?? numberMatch[3])!;
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
      problems.push(
        problem('not-a-task-number', { ...rowWhere(row.number), column: columnLetter(columns.number! + 1) }, { text: numberText }),
      );
    }
    if (groupNumber !== null) group.push(tableRow);
    else pending.push(tableRow);
  }
  flush();
  for (const row of pending) {
    problems.push(problem('row-outside-task', rowWhere(row.row.number), {}));
  }
  if (tasks.length === 0) throw refusal('no-task-rows', grid.where, { header: String(grid.rows[header.index]!.number) });
  return { title, year, sections, tasks, ignored, problems };
}

/** 总分 / 合计: the row adding up the points, which is no task. */
function isTotalRow(row: TableRow): boolean {
  const cells = row.row.cells;
  let firstFilled = 0;
  while (firstFilled < cells.length && cells[firstFilled]!.text.trim() === '') firstFilled++;
  const first = firstFilled < cells.length ? row.cleanAt(firstFilled) : '';
  return TOTAL_ROW.test(first.replace(/\s/g, ''));
}

const TOTAL_ROW = /^(?:总分|合计|总计|分值合计)$/;

function rowText(row: GridRow): string {
  return row.cells
    .map((cell) => cleanText(cell.text))
    .filter(Boolean)
    .join(' ');
}

const TITLE_HEADING = /^([一二三四五六七八九十百]{1,4})[、.．]\s*(.+)$/s;
const BONUS_HEADING = /^(附加项|加分项)(?:[::]\s*)?(.*)$/s;

/**
 * The number and title of a task named in a title cell with no number column: 一、… gives
 * 一; an indicator table's bonus item (附加项:探索创新和突出贡献) keeps 附加项 as its number,
 * so its points stay apart from the 100 of the scored items; any other title is numbered
 * by its position.
 */
export function readTaskHeading(text: string, position: number): { number: string; title: string } {
  const numbered = text.match(TITLE_HEADING);
  if (numbered) return { number: numbered[1]!, title: numbered[2]!.trim() };
  const bonus = text.match(BONUS_HEADING);
  if (bonus) return { number: bonus[1]!, title: bonus[2]!.trim() || bonus[1]! };
  return { number: String(position), title: text };
}

/**
 * PDF extraction sometimes drops a task's number a second time into the next column of a
 * continuation row, pushing the row's cells one column right (seed task 10). Such a row has
 * no number of its own, the task's number where the title belongs, and an empty last column.
 */
function shiftedRight(row: TableRow, columns: HeaderMatch['columns'], taskNumber: string): boolean {
  if (columns.number === undefined || columns.title !== columns.number + 1) return false;
  if (row.text('number') !== '' || row.text('title') !== taskNumber) return false;
  const lastColumn = Math.max(...(Object.values(columns) as number[]));
  return (row.row.cells[lastColumn + 1]?.text ?? '').trim() === '';
}

function shiftLeft(row: GridRow, columns: HeaderMatch['columns']): TableRow {
  const cells = [...row.cells];
  cells.splice(columns.title!, 1);
  return new TableRow({ number: row.number, cells }, columns);
}

/** A section heading row: a Chinese numeral (or a numeral lost to extraction noise) and a heading, nothing else. */
function readSectionRow(row: TableRow, columns: HeaderMatch['columns']): { number: string | null; title: string } | null {
  const numberValue = row.text('number');
  // A row numbered 1, 2 … is a task's: no form below starts with a digit. Most rows are, and
  // the test below cleans and compares every cell of the row.
  if (/^\d/.test(numberValue)) return null;
  // Each value once, at its first column. A set, not a search of the row per cell: that was
  // quadratic in the row's width, and a row 10,000 cells wide took seconds (found by fuzzing).
  const seen = new Set<string>();
  const filled = row.row.cells
    .map((_, column) => ({ column, value: row.cleanAt(column) }))
    .filter((entry) => entry.value !== '' && !seen.has(entry.value) && seen.add(entry.value));
  const others = filled.filter((entry) => entry.column !== columns.number);
  const dataColumns = [
    columns.requirement,
    columns.deadline,
    columns.lead,
    columns.responsible,
    columns.cooperating,
    columns.points,
    columns.breakdown,
    columns.evidence,
  ];
  if (others.some((entry) => dataColumns.includes(entry.column)) && others.length > 1) return null;

  const numeral = numberValue.match(SECTION_NUMERAL);
  if (numeral && others.length >= 1) return { number: numeral[1]!, title: others.map((e) => e.value).join('') };
  // "一、完善工作机制" written in one cell (often merged across the row).
  const lone = filled.length >= 1 && filled.every((e) => e.value === filled[0]!.value) ? filled[0]!.value : null;
  const heading = lone === null ? null : (lone.match(SECTION_HEADING) ?? lone.match(APPENDIX_HEADING));
  if (heading) return { number: heading[1]!, title: heading[2]!.trim() };
  // A numeral garbled by extraction (_, =, Ξ) beside a lone heading.
  if (numberValue !== '' && /^[\p{P}\p{S}Ξ]+$/u.test(numberValue) && others.length === 1 && others[0]!.column !== columns.requirement) {
    return { number: null, title: others[0]!.value };
  }
  return null;
}

/** The column's values over the task's rows, each once; `keepLines` keeps each value's line breaks. */
function joinOwn(rows: TableRow[], role: ColumnRole, keepLines = false): string {
  // Most tasks are one row: its value is the join (no set to build, 5,000 times).
  if (rows.length === 1) return cleanedCell(rows[0]!, role, keepLines);
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const row of rows) {
    const value = cleanedCell(row, role, keepLines);
    if (value === '' || seen.has(value)) continue;
    if (row.cell(role)?.mergedFrom && seen.size > 0) continue;
    seen.add(value);
    parts.push(value);
  }
  return parts.join(keepLines ? '\n' : '');
}

/** A row's cell of a role, cleaned: its lines kept or joined. */
function cleanedCell(row: TableRow, role: ColumnRole, keepLines: boolean): string {
  if (!keepLines) return row.text(role);
  const cell = row.cell(role);
  return cell ? cleanLines(cell.text).join('\n') : '';
}

interface TaskContext {
  /** Where a row of the grid is, for messages: its row, or its line in a text. */
  at: (row: number) => Location;
  columns: HeaderMatch['columns'];
  year: number | null;
  problems: PlanProblem[];
  countRequirements: (count: number, where: Location) => void;
  /** The grid is a table printed one cell per paragraph (TableOptions.lines). */
  lines: boolean;
  /** Lists source text no requirement took, so nothing is dropped unseen. */
  ignore: (line: IgnoredLine) => void;
}

/** The lead and cooperating unit text of a row, as written. */
interface UnitCells {
  lead: string;
  cooperating: string;
}

/** The items a row of a task brings, with the unit cells that apply to them. */
interface RowItems {
  row: TableRow;
  items: RowItem[];
  units: UnitCells;
}

function plain(text: string): RowItem {
  return { text, number: null, units: null };
}

/** One requirement a row brings: its text and, when the item names them itself, its units. */
interface RowItem {
  text: string;
  /** The item's own number as written ((2) → "2"), to pair it with a numbered unit line. */
  number: string | null;
  /** Units the item names in its closing parentheses (…(市信用办、市文明办)). */
  units: string | null;
}

function buildTask(context: TaskContext, number: string, heading: string | null, section: string | null, rows: TableRow[]): ParsedTask {
  const { at, columns, year, problems, countRequirements } = context;
  const where: Location = at(rows[0]!.row.number);
  const title = heading ?? joinOwn(rows, 'title');
  const content = joinOwn(rows, 'content');
  // Stored with its line breaks (a prose item's lead-in, then its 一是…二是…), as the preview sheet writes it.
  const contentText = joinOwn(rows, 'content', true);
  const points = columns.points === undefined ? null : readTaskPoints(rows, at, problems);
  // Without a title or requirement column the content cell holds both: its first line names
  // the task, its ①② items are the requirements (the Huaihua appendix).
  const contentHoldsItems =
    columns.title === undefined &&
    columns.requirement === undefined &&
    columns.breakdown === undefined &&
    rows.some((row) => CIRCLED_ITEM.test(ownValue(row.cell('content'))));

  const rowItems: RowItems[] = [];
  for (const row of rows) {
    let items: RowItem[];
    if (columns.breakdown !== undefined) items = breakdownItems(ownValue(row.cell('breakdown')));
    else if (contentHoldsItems) items = circledItems(ownValue(row.cell('content'))).map(plain);
    else items = splitRequirementItems(ownValue(row.cell('requirement'))).map(plain);
    // A row with its own content and deadline but no requirement text: the content is what must be done.
    const ownContent = ownValue(row.cell('content'));
    if (items.length === 0 && !contentHoldsItems && ownContent !== '' && ownValue(row.cell('deadline')) !== '') items = [plain(ownContent)];
    rowItems.push({ row, items, units: unitCells(row, columns) });
  }
  const totalItems = rowItems.reduce((n, r) => n + r.items.length, 0);
  countRequirements(Math.max(1, totalItems), where);
  if (totalItems === 0) {
    // No requirement column, or left empty: the task's content (or title) is what must be done.
    // Without a title column, a content cell of several lines names the task on its first.
    const contentLines = cleanLines(ownValue(rows[0]!.cell('content')));
    const rest = columns.title === undefined && contentLines.length > 1 ? contentLines.slice(1).join('\n') : '';
    rowItems[0]!.items = [plain(rest || content || title)];
  }

  const requirements: ParsedRequirement[] = [];
  // Rows before the first filled cell take its value when the task has only one: text
  // extracted from a PDF puts a merged cell's value on a middle row of its range (seed task 5).
  const onlyDeadline = onlyValue(rows.map((row) => (row.cell('deadline')?.text ?? '').trim()));
  // A task with a "none" mark in a cell has no single value to fill the others with.
  const markedNone = rows.some((row) => isNoneMark(row.cell('deadline')?.text ?? ''));
  let inheritedDeadline: string[] = onlyDeadline === null || markedNone ? [] : splitDeadlineCell(onlyDeadline);
  if (inheritedDeadline.length !== 1) inheritedDeadline = [];
  const onlyUnits = onlyUnitCells(rowItems.map((r) => r.units));
  let inheritedUnits: UnitCells | null = onlyUnits === null ? null : { ...onlyUnits };
  if (inheritedUnits && (isNoneMark(inheritedUnits.lead) || isNoneMark(inheritedUnits.cooperating))) inheritedUnits = null;
  for (const { row, items, units: written } of rowItems) {
    const deadlineCell = row.cell('deadline');
    const deadlineRaw = deadlineCell?.text ?? '';
    const deadlineNone = isNoneMark(deadlineRaw);
    const deadlinePieces = deadlineNone ? [''] : deadlineRaw.trim() === '' ? inheritedDeadline : splitDeadlineCell(deadlineRaw);
    if (deadlineRaw.trim() !== '') inheritedDeadline = deadlineNone ? [] : deadlinePieces.length === 1 ? deadlinePieces : [];

    const leadNone = isNoneMark(written.lead);
    const cooperatingNone = isNoneMark(written.cooperating);
    const unitsNone = leadNone || cooperatingNone;
    const units = { lead: leadNone ? '' : written.lead, cooperating: cooperatingNone ? '' : written.cooperating };
    const hasUnits = unitsNone || units.lead.trim() !== '' || units.cooperating.trim() !== '';
    const unitsForRow = hasUnits ? units : inheritedUnits;
    if (hasUnits) inheritedUnits = units;
    if (items.length === 0) continue;
    const evidence = ownValue(row.cell('evidence')) || null;

    const deadlines = assignInOrder(deadlinePieces, items.length);
    if (deadlines === null) {
      problems.push(
        problem('deadline-count-mismatch', at(row.row.number), { deadlines: deadlinePieces.length, requirements: items.length }),
      );
    }
    // An indicator table's unit cell may number its lines after the duties ((1)市营商局).
    const numberedUnits = columns.breakdown !== undefined && unitsForRow ? numberedUnitLines(unitsForRow.lead) : null;
    // A table printed one cell per paragraph prints a unit cell one unit per line, not one
    // line per requirement: every item takes the whole cell.
    const count = context.lines ? 1 : items.length;
    const leadPieces = unitsForRow ? splitUnits(unitsForRow.lead, count) : null;
    const coopPieces = unitsForRow ? splitUnits(unitsForRow.cooperating, count) : null;
    items.forEach((item, i) => {
      const ownUnits = item.units ?? (item.number !== null ? (numberedUnits?.get(item.number) ?? null) : null);
      const built = buildRequirements(
        {
          text: item.text,
          deadlineText: deadlines ? deadlines[i]! : cleanText(deadlinePieces.join(' ')),
          responsibility:
            ownUnits !== null
              ? ownUnits
              : columns.lead !== undefined
                ? { lead: leadPieces?.[i % count] ?? '', cooperating: coopPieces?.[i % count] ?? '' }
                : columns.breakdown !== undefined
                  ? plainUnitText(leadPieces?.[i % count] ?? '')
                  : (leadPieces?.[i % count] ?? ''),
          where: narrow(where, { requirement: requirements.length + 1 }),
          evidence,
        },
        year,
        problems,
      );
      for (const requirement of built) {
        // A unit both in the lead and the responsible cell (办公室 / 办公室) leads: it is listed once.
        if (requirement.cooperating.length > 0) {
          const lead = new Set(requirement.lead);
          requirement.cooperating = requirement.cooperating.filter((name) => !lead.has(name));
        }
        requirements.push(requirement);
      }
    });
  }
  listUnusedCells(context, rowItems, onlyDeadline, onlyUnits !== null);
  // Without a title column, the content cell's first line names the task.
  const firstContentLine = columns.title === undefined ? (cleanLines(ownValue(rows[0]!.cell('content')))[0] ?? '') : '';
  const taskTitle = title || (firstContentLine !== '' ? cleanText(firstContentLine) : content);
  return { number, title: taskTitle, content: contentText || null, section, where, points, requirements };
}

/**
 * Rows below a task's last requirement whose deadline, unit or evidence cells no requirement
 * took (a signature a PDF's table took in, a note in the unit column) are listed, not dropped.
 * A value the rows above took by inheritance (a merged cell's value printed on a lower row)
 * was used.
 */
function listUnusedCells(context: TaskContext, rowItems: RowItems[], onlyDeadline: string | null, onlyUnits: boolean): void {
  let last = -1;
  rowItems.forEach((r, i) => {
    if (r.items.length > 0) last = i;
  });
  // No row below the last requirement's (most tasks): nothing to list.
  if (last === rowItems.length - 1) return;
  const itemRows = rowItems.slice(0, last + 1).filter((r) => r.items.length > 0);
  const deadlineTakenUp = onlyDeadline !== null && itemRows.some((r) => (r.row.cell('deadline')?.text ?? '').trim() === '');
  const unitsTakenUp = onlyUnits && itemRows.some(({ units }) => units.lead.trim() === '' && units.cooperating.trim() === '');
  for (const { row } of rowItems.slice(last + 1)) {
    const unused: string[] = [];
    for (const role of ['deadline', 'lead', 'responsible', 'cooperating', 'evidence'] as const) {
      const value = cleanText(ownValue(row.cell(role)));
      if (value === '') continue;
      if (role === 'deadline' && deadlineTakenUp) continue;
      if (role !== 'deadline' && role !== 'evidence' && unitsTakenUp) continue;
      unused.push(value);
    }
    if (unused.length > 0) context.ignore({ where: context.at(row.row.number), text: unused.join(' '), reason: 'unused-cell' });
  }
}

/** ①–⑳ opening a line or a cell. */
const CIRCLED_ITEM = /(?:^|\n)\s*[\u2460-\u2473]/;

/** A cell's ①② items; lines before ① name the task and are no item of their own. */
function circledItems(cell: string): string[] {
  const items: string[] = [];
  for (const line of cell.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (/^[\u2460-\u2473]/.test(trimmed)) items.push(trimmed);
    else if (items.length > 0) items[items.length - 1] += `\n${trimmed}`;
  }
  return items.length > 0 ? items : [cell.trim()].filter(Boolean);
}

/** (1) 1) 1. 1、 ⑴ opening a duty of a 任务分解 cell; the number is group 1. */
const BREAKDOWN_NUMBER = /^\s*(?:[((]\s*(\d{1,2})\s*[))]|(\d{1,2})\s*[))、.．](?!\d))/;

/**
 * The duties of a 任务分解 cell: one per numbered line, unnumbered lines continuing the duty
 * above (text before the first number is a duty of its own). Units closing a duty in
 * parentheses (…材料(市信用办、市文明办)。) are the duty's own.
 */
export function breakdownItems(cell: string): RowItem[] {
  const texts: { text: string; number: string | null }[] = [];
  for (const line of cell.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    const numbered = trimmed.match(BREAKDOWN_NUMBER);
    if (numbered || texts.length === 0) texts.push({ text: trimmed, number: numbered ? (numbered[1] ?? numbered[2])! : null });
    else texts[texts.length - 1]!.text += `\n${trimmed}`;
  }
  return texts.map(({ text, number }) => ({ text, number, units: closingUnits(text) }));
}

/** The units in a duty's closing parentheses, when what they hold reads as unit names. */
function closingUnits(text: string): string | null {
  const flat = cleanText(text);
  // Only the last bracket pair is tried, found by a scan from the end (linear on any input).
  const trimmed = flat.replace(/[。.;;,,\s]+$/u, '');
  if (!/[))]$/.test(trimmed)) return null;
  const open = Math.max(trimmed.lastIndexOf('('), trimmed.lastIndexOf('('));
  if (open < 0) return null;
  const inside = trimmed.slice(open + 1, -1);
  return isUnitList(inside) ? inside : null;
}

/** Unit names end so; a clause (提供目录清单和平台截图) does not. */
const UNIT_END =
  /(?:处|室|科|局|委|办|厅|中心|单位|集团|公司|政府|委员会|管委会|协会|院|所|队|站|部|部门|署|司|社|馆|行|分局|支行|法院|检察院)$/;

/**
 * Whether a text is only unit names (市信用办、市文明办; 市发改委(金融发展局)、人行朝阳市中心支行;
 * 各县市区政府及市社会信用体系建设领导小组各成员单位): every name between separators ends as
 * unit names end, brackets inside a name aside.
 */
export function isUnitList(text: string): boolean {
  const flat = cleanText(text).replace(/[((][^()()]{0,40}[))]/g, '');
  if (flat === '' || flat.length > 400) return false;
  const names = flat.split(/[、,,;;/\s]+|(?<=[处室科局委办院心位府行部])(?:和|及|与)/u).filter((name) => name !== '');
  return (
    names.length > 0 &&
    names.every((name) => {
      const bare = name.replace(/[。.]+$/, '').replace(/等$/, '');
      return bare.length >= 2 && bare.length <= 30 && UNIT_END.test(bare);
    })
  );
}

/** A unit cell's lines numbered (1)市营商局 / (2)市司法局, by number; null when they are not. */
function numberedUnitLines(cell: string): Map<string, string> | null {
  const lines = cleanLines(cell);
  const byNumber = new Map<string, string>();
  let last: string | null = null;
  for (const line of lines) {
    const numbered = line.match(BREAKDOWN_NUMBER);
    if (!numbered) {
      // A line continuing the numbered line above it.
      if (last === null) return null;
      byNumber.set(last, `${byNumber.get(last)}\n${line}`);
      continue;
    }
    last = (numbered[1] ?? numbered[2])!;
    byNumber.set(last, line.slice(numbered[0].length));
  }
  return byNumber.size > 0 ? byNumber : null;
}

/**
 * A unit cell as an expression of names: domain labels (生产:市应急管理局; 责任单位包括:)
 * and line numbers dropped, so that only names remain. Role labels (牵头单位:) are kept:
 * they say who leads.
 */
function plainUnitText(cell: string): string {
  return cell
    .split('\n')
    .map((line) =>
      line
        .replace(BREAKDOWN_NUMBER, '')
        .replace(/^([^::\n]{1,20})[::]/, (label, name: string) => (ROLE_LABEL.test(name.trim()) ? label : ''))
        // Names numbered inside a list (各县市区政府;1.市工信局;15-16.市民政局).
        .replace(/(^|[;;、,,])\s*\d{1,2}(?:-\d{1,2})?[.、．]?(?=\D)/g, '$1'),
    )
    .join('\n');
}

/** A label naming a role (牵头单位:): kept, it says who leads. */
const ROLE_LABEL = /^(?:牵头|配合|责任|协办|参与|负责)(?:单位|处室|科室|部门)$/;

const POINTS = /^(\d{1,4}(?:\.\d{1,2})?)\s*分?$/;

/** A task's points: its first own 分值 value; text that is no number is flagged. */
function readTaskPoints(rows: TableRow[], at: (row: number) => Location, problems: PlanProblem[]): number | null {
  for (const row of rows) {
    const value = cleanText(ownValue(row.cell('points')));
    if (value === '') continue;
    const match = value.match(POINTS);
    if (match) return Number(match[1]);
    problems.push(problem('points-unread', at(row.row.number), { text: value }));
    return null;
  }
  return null;
}

/** The one distinct non-empty value among a task's cells, or null when there are none or several. */
/**
 * A cell that says "none here" (—, /, 无): no deadline or no unit for this row's items. It
 * stops the row from taking the value above it, as an empty cell in a merged range does.
 */
export const NONE_MARK = '—';
const NONE = /^(?:[—–\-/]+|无)$/;

export function isNoneMark(text: string): boolean {
  return NONE.test(text.trim());
}

function onlyValue(values: string[]): string | null {
  let only: string | null = null;
  for (const value of values) {
    if (value === '' || value === only) continue;
    if (only !== null) return null;
    only = value;
  }
  return only;
}

/** The one distinct pair of unit cells among a task's rows that name a unit, or null when there are none or several. */
function onlyUnitCells(values: UnitCells[]): UnitCells | null {
  let only: UnitCells | null = null;
  for (const value of values) {
    if (value.lead.trim() === '' && value.cooperating.trim() === '') continue;
    if (only === null) only = value;
    else if (value.lead !== only.lead || value.cooperating !== only.cooperating) return null;
  }
  return only;
}

/** The lead and cooperating unit text of a row: a 责任 column alone says both (牵头/配合 words inside). */
function unitCells(row: TableRow, columns: HeaderMatch['columns']): UnitCells {
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
