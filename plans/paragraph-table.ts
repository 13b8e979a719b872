/**
 * Tables printed one cell per paragraph. Text copied out of Word or a web page loses a
 * table's grid: each cell becomes one or more paragraphs, in reading order, and a cell left
 * empty leaves nothing at all. This reader finds such a table by its header (consecutive
 * short lines that are known column names, table.ts `roleOfHeader`) and rebuilds its rows
 * cell by cell, deciding where a cell ends by what each column's content looks like:
 *
 * - a row starts at the first column's mark: the next number of a 序号 column (1, 2 …), or
 *   a heading of a 项目 column (一、…, 附加项:…, 总分);
 * - 分值 is a number; unit columns hold unit-like short lines (办公室, 市信用办、市文明办,
 *   生产:市应急管理局;), one unit cell per line; a 完成时限 column holds deadline phrases;
 * - in an indicator table (with scoring columns), 评分标准 opens with 【…】 and runs through
 *   its last "·" paragraph; between it and the unit cell, a numbering that restarts at 1 (or
 *   an unnumbered paragraph after another) opens the next cell (评分细则, then 任务分解); a
 *   paragraph followed by a 【…】 line opens a sub-row (项目 and 分值 merged above);
 * - in other tables, a ①② line after the unit cell opens a sub-row of the same task.
 *
 * Every non-blank line from the header to the table's end lands in a cell of the grid or in
 * `ignored` (a header repeated at a page break). The work is linear in the number of lines:
 * each line is classified a bounded number of times, by regexes that do not backtrack.
 */
import { readDeadline } from './deadline';
import { cleanText } from './normalize';
import { findTitle, type IgnoredLine, type IgnoredReason, type ParsedPlan } from './plan';
import { isUnitList, parseTable, roleOfHeader, type ColumnRole, type TableOptions } from './table';
import type { Grid, GridRow } from './grid';
import type { Location } from './problems';

export interface ParagraphTable {
  /** Index into `lines` of the header's first line. */
  start: number;
  /** Index just past the table's last line: lines[start, end) are the table. */
  end: number;
  /**
   * The header as the first row (one cell per column name), then one row per table row or
   * sub-row. Row numbers are 1-based lines of the text; empty cells are ''. Read it with
   * `parseTable(grid, { lines: true })`.
   */
  grid: Grid;
  /** Non-blank lines of [start, end) that are in no cell (a repeated header), with why. */
  ignored: IgnoredLine[];
}

export interface FindOptions {
  /** First line index to look for a header at (default 0). */
  from?: number;
  /** How many lines from `from` the header may start within (default: to the end). */
  within?: number;
}

/** Columns a header may have; more are no header (and the search stays bounded). */
const MAX_COLUMNS = 16;
/** A column name is short: longer lines are never tried as one. */
const MAX_NAME = 12;

interface Column {
  role: ColumnRole;
  name: string;
}

/**
 * The first table printed one cell per paragraph in `lines` (a text split at line breaks,
 * blank lines included), or null. The prose reader hands the region [start, end) to
 * `parseTable(grid, { lines: true })` and reads the rest as prose.
 */
export function findParagraphTable(lines: string[], source: string, options: FindOptions = {}): ParagraphTable | null {
  const from = Math.max(0, options.from ?? 0);
  const limit = Math.min(lines.length, options.within === undefined ? lines.length : from + options.within);
  const roles = new RoleCache(lines);
  for (let i = from; i < limit;) {
    const header = readHeaderAt(roles, i);
    if (header) return readBody(roles, source, i, header.columns, header.next);
    // A failed attempt reads at most MAX_COLUMNS names: the search stays linear.
    i++;
  }
  return null;
}

function nameRole(line: string): ColumnRole | null {
  if (line.length > MAX_NAME * 3) return null;
  const text = cleanText(line);
  return text === '' || text.length > MAX_NAME ? null : roleOfHeader(text);
}

/** The role of each line as a column name, read once: header attempts overlap. */
class RoleCache {
  private readonly roles: (ColumnRole | null | undefined)[] = [];
  constructor(readonly lines: string[]) {}
  at(i: number): ColumnRole | null {
    let role = this.roles[i];
    if (role === undefined) role = this.roles[i] = nameRole(this.lines[i]!);
    return role;
  }
}

/** The header starting at line `at`: its columns and the index after it, or null. */
function readHeaderAt(roles: RoleCache, at: number): { columns: Column[]; next: number } | null {
  const { lines } = roles;
  if (roles.at(at) === null) return null;
  const columns: Column[] = [];
  let i = at;
  while (columns.length < MAX_COLUMNS) {
    while (i < lines.length && lines[i]!.trim() === '') i++;
    if (i >= lines.length) break;
    const role = roles.at(i);
    if (role) {
      columns.push({ role, name: cleanText(lines[i]!) });
      i++;
      continue;
    }
    // A name broken over two lines (责任 / 单位), as narrow columns print.
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    const joined = j < lines.length && lines[i]!.length <= MAX_NAME && lines[j]!.length <= MAX_NAME ? cleanText(lines[i]! + lines[j]!) : '';
    const joinedRole = joined === '' ? null : roleOfHeader(joined);
    if (!joinedRole) break;
    columns.push({ role: joinedRole, name: joined });
    i = j + 1;
  }
  const found = new Set(columns.map((c) => c.role));
  const saysWhat = found.has('title') || found.has('content') || found.has('requirement') || found.has('breakdown');
  if (found.size < 3 || !saysWhat) return null;
  // Back up over blank lines read past the header.
  let next = i;
  while (next > at && lines[next - 1]!.trim() === '') next--;
  return { columns, next };
}

interface Paragraph {
  /** 0-based index into the lines. */
  index: number;
  text: string;
}

const ROW_NUMBER = /^(\d{1,4})[.、．]?$/;
const ROW_HEADING = /^(?:[一二三四五六七八九十百]{1,4}[、.．]|附加项|加分项)/;
const TOTAL = /^(?:总分|合计|总计)/;
/** The next appendix or attachment ends a table. */
const NEXT_ATTACHMENT = /^附件\s*\d{0,3}\s*[::]?\s*$|^附件\s*\d{1,3}\s*[::]/;

function readBody(roles: RoleCache, source: string, start: number, columns: Column[], bodyStart: number): ParagraphTable {
  const { lines } = roles;
  const ignored: IgnoredLine[] = [];
  const paragraphs: Paragraph[] = [];
  let end = lines.length;
  const firstName = columns[0]!.name;
  for (let i = bodyStart; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const text = cleanText(raw);
    if (text === '') continue;
    if (NEXT_ATTACHMENT.test(text)) {
      end = i;
      break;
    }
    if (text === firstName) {
      const repeated = readHeaderAt(roles, i);
      if (repeated && sameColumns(repeated.columns, columns)) {
        // A header printed again at a page break.
        for (let j = i; j < repeated.next; j++) {
          if (lines[j]!.trim() !== '')
            ignored.push({ where: { file: source, line: j + 1 }, text: cleanText(lines[j]!), reason: 'heading' });
        }
        i = repeated.next - 1;
        continue;
      }
    }
    paragraphs.push({ index: i, text });
  }

  const rowsOfParagraphs = splitRows(paragraphs, columns[0]!.role);
  // A total row (总分, maybe its sum) closes the table: what follows is the page's.
  const total = rowsOfParagraphs.findIndex((row) => TOTAL.test(row[0]!.text));
  if (total >= 0) {
    const totalRow = rowsOfParagraphs[total]!;
    const kept = totalRow.length > 1 && /^\d{1,4}(?:\.\d+)?\s*分?$/.test(totalRow[1]!.text) ? 2 : 1;
    end = totalRow[kept - 1]!.index + 1;
    rowsOfParagraphs.splice(total + 1);
    rowsOfParagraphs[total] = totalRow.slice(0, kept);
  }
  const assessment = columns.some((c) => c.role === 'scoring');
  const gridRows: GridRow[] = [{ number: start + 1, cells: columns.map((c) => ({ text: c.name, mergedFrom: null })) }];
  for (const row of rowsOfParagraphs) {
    const cellRows = assessment ? assessmentRow(row, columns) : sequentialRow(row, columns);
    for (const cells of cellRows) {
      gridRows.push({ number: cells.first + 1, cells: cells.texts.map((texts) => ({ text: texts.join('\n'), mergedFrom: null })) });
    }
  }
  return {
    start,
    end,
    grid: { where: { file: source }, rows: gridRows },
    // Headers repeated after a total row are past the table: the caller's to read.
    ignored: ignored.filter((line) => line.where.line! - 1 < end),
  };
}

function sameColumns(a: Column[], b: Column[]): boolean {
  return a.length === b.length && a.every((c, i) => c.role === b[i]!.role);
}

/** The body's paragraphs cut into rows at the first column's marks. */
function splitRows(paragraphs: Paragraph[], firstRole: ColumnRole): Paragraph[][] {
  const rows: Paragraph[][] = [];
  let expected: number | null = null;
  for (const paragraph of paragraphs) {
    let starts = TOTAL.test(paragraph.text) && paragraph.text.length <= 4;
    if (!starts && firstRole === 'number') {
      const number = paragraph.text.match(ROW_NUMBER);
      // The next number only: a count or a points value in another column is no row start.
      if (number && (expected === null ? Number(number[1]) <= 9 : Number(number[1]) === expected)) {
        starts = true;
        expected = Number(number[1]) + 1;
      }
    } else if (!starts && firstRole !== 'number') {
      starts = ROW_HEADING.test(paragraph.text);
    }
    if (starts || rows.length === 0) rows.push([paragraph]);
    else rows.at(-1)!.push(paragraph);
  }
  return rows;
}

interface CellRow {
  /** Line index of the sub-row's first paragraph. */
  first: number;
  texts: string[][];
}

type Kind = 'points' | 'units' | 'deadline' | 'free';

function kindOf(role: ColumnRole): Kind {
  if (role === 'points') return 'points';
  if (role === 'lead' || role === 'responsible' || role === 'cooperating') return 'units';
  if (role === 'deadline') return 'deadline';
  return 'free';
}

const POINTS_TEXT = /^\d{1,4}(?:\.\d{1,2})?\s*分?$/;
const CIRCLED_START = /^[\u2460-\u2473]/;
/** (1) 1) 1. 1、 opening a numbered paragraph; the number is group 1 or 2. */
const ITEM_NUMBER = /^(?:[((]\s*(\d{1,2})\s*[))]|(\d{1,2})\s*[))、.．](?!\d))/;
/** A label before a colon: 生产:, 责任单位包括:. */
const LABEL = /^[^::]{1,16}[::]/;

function itemNumber(text: string): string | null {
  const match = text.match(ITEM_NUMBER);
  return match ? (match[1] ?? match[2])! : null;
}

/**
 * Whether a paragraph is (part of) a unit cell: unit names, maybe numbered ((1)市营商局),
 * maybe after a label (生产:市应急管理局;), or a label line introducing them (责任单位包括:).
 */
export function isUnitLine(text: string): boolean {
  if (text.length > 400) return false;
  const unnumbered = text.replace(ITEM_NUMBER, '');
  const label = unnumbered.match(LABEL);
  const rest = label ? unnumbered.slice(label[0].length).trim() : unnumbered;
  if (rest === '') return label !== null && /单位|部门/.test(label[0]);
  return isUnitList(rest);
}

function deadlineLike(text: string): boolean {
  return text.length <= 30 && readDeadline(text, { year: null }).recognized;
}

/**
 * A row of a table with no scoring columns (the Huaihua appendix), filled column by column:
 * a free-text column next to another takes one paragraph; a free-text column before a unit
 * or deadline column takes paragraphs until one that belongs there; unit columns take the
 * run of unit lines, one per column, the last column taking the rest. After the unit cell,
 * a ①② line opens a sub-row of the same task at the column holding ①② items.
 */
function sequentialRow(row: Paragraph[], columns: Column[]): CellRow[] {
  const kinds = columns.map((c) => kindOf(c.role));
  const out: CellRow[] = [];
  // An offset into the row, not slices of it: a row of 20,000 ① sub-rows sliced was quadratic.
  let at = 1;
  let current: CellRow = { first: row[0]!.index, texts: columns.map(() => []) };
  current.texts[0]!.push(row[0]!.text);
  let startColumn = 1;
  const itemColumn = firstFree(kinds, 1);
  for (;;) {
    const { consumed, subRow } = fillSequential(row, at, kinds, startColumn, current.texts);
    out.push(current);
    at += consumed;
    if (at >= row.length) break;
    if (!subRow || itemColumn < 0 || consumed === 0) {
      // Columns ran out: what remains belongs to the last free-text column written.
      const last = lastWritten(current.texts, kinds);
      for (let i = at; i < row.length; i++) current.texts[last]!.push(row[i]!.text);
      break;
    }
    current = { first: row[at]!.index, texts: columns.map(() => []) };
    startColumn = itemColumn;
  }
  return out;
}

function firstFree(kinds: Kind[], from: number): number {
  for (let c = from; c < kinds.length; c++) if (kinds[c] === 'free') return c;
  return -1;
}

function lastWritten(texts: string[][], kinds: Kind[]): number {
  for (let c = texts.length - 1; c > 0; c--) if (texts[c]!.length > 0 && kinds[c] === 'free') return c;
  const free = firstFree(kinds, 1);
  return free < 0 ? texts.length - 1 : free;
}

/** Fills `texts` from column `start` on with row[from…]; returns the paragraphs used and whether a ① line stopped it. */
function fillSequential(
  row: Paragraph[],
  from: number,
  kinds: Kind[],
  start: number,
  texts: string[][],
): { consumed: number; subRow: boolean } {
  const paragraphs = { length: row.length - from, at: (i: number) => row[from + i]! };
  let p = 0;
  let afterUnits = false;
  const laterNeeds = (column: number, text: string): boolean => {
    for (let c = column + 1; c < kinds.length; c++) {
      if (kinds[c] === 'units' && isUnitLine(text)) return true;
      if (kinds[c] === 'deadline' && deadlineLike(text)) return true;
    }
    return false;
  };
  for (let c = start; c < kinds.length && p < paragraphs.length; c++) {
    const kind = kinds[c]!;
    if (kind === 'points') {
      if (POINTS_TEXT.test(paragraphs.at(p).text)) texts[c]!.push(paragraphs.at(p++).text);
      continue;
    }
    if (kind === 'units') {
      let last = c;
      while (last + 1 < kinds.length && kinds[last + 1] === 'units') last++;
      const run: string[] = [];
      while (p < paragraphs.length && isUnitLine(paragraphs.at(p).text)) run.push(paragraphs.at(p++).text);
      // One line per unit column; the last column takes the rest (one unit per line).
      run.forEach((text, i) => texts[Math.min(c + i, last)]!.push(text));
      c = last;
      afterUnits = afterUnits || run.length > 0;
      continue;
    }
    if (kind === 'deadline') {
      while (p < paragraphs.length && deadlineLike(paragraphs.at(p).text)) texts[c]!.push(paragraphs.at(p++).text);
      continue;
    }
    // A free-text column.
    const oneOnly = kinds[c + 1] === 'free';
    let taken = 0;
    while (p < paragraphs.length) {
      const text = paragraphs.at(p).text;
      if (afterUnits && CIRCLED_START.test(text)) return { consumed: p, subRow: true };
      // The first free column of a row takes its first paragraph whatever it looks like.
      const must = taken === 0 && c === start;
      if (!must && laterNeeds(c, text)) break;
      if (oneOnly && taken === 1) break;
      texts[c]!.push(text);
      p++;
      taken++;
    }
  }
  const stoppedAtItem = p < paragraphs.length && CIRCLED_START.test(paragraphs.at(p).text);
  return { consumed: p, subRow: stoppedAtItem };
}

/** Words of a rule giving or taking points: 得2分, 减0.5分, 计分, 最高得. */
const SCORING_WORDS = /[得扣减加]\s*\d{1,3}(?:\.\d{1,2})?\s*分|计分|最高得|不得分/;
const STANDARD_START = /^[【·•]/;
const BULLET = /^[·•]/;
/** Sub-rules of a "·" rule, numbered 1. 2. (a dot, not a bracket). */
const DOT_ITEM = /^\d{1,2}[.．](?!\d)/;

/**
 * A row of an indicator table: 项目 (the row's first paragraph), 分值, then one sub-row per
 * 评估内容 (a paragraph followed by a 【…】 line opens the next), each read as 评估内容,
 * 评分标准 (【…】 through the last "·" rule and its 1. 2. sub-rules), the middle cells
 * (评分细则, 任务分解), and the unit cell (the trailing run of unit lines).
 */
function assessmentRow(row: Paragraph[], columns: Column[]): CellRow[] {
  const roles = columns.map((c) => c.role);
  const kinds = roles.map(kindOf);
  const pointsColumn = roles.indexOf('points');
  const contentColumn = roles.indexOf('content');
  const standardColumn = roles.indexOf('scoring');
  const unitColumn = kinds.indexOf('units');
  const afterStandard = Math.max(contentColumn, standardColumn, 0);
  const middleColumns: number[] = [];
  for (let c = afterStandard + 1; c < (unitColumn < 0 ? columns.length : unitColumn); c++) {
    if (kinds[c] === 'free') middleColumns.push(c);
  }

  const head: CellRow = { first: row[0]!.index, texts: columns.map(() => []) };
  head.texts[0]!.push(row[0]!.text);
  let rest = row.slice(1);
  if (pointsColumn > 0 && rest.length > 0 && POINTS_TEXT.test(rest[0]!.text)) {
    head.texts[pointsColumn]!.push(rest[0]!.text);
    rest = rest.slice(1);
  }
  // Sub-rows: a paragraph that is no rule itself, followed by 【…】.
  const cuts = [0];
  for (let i = 1; i + 1 < rest.length; i++) {
    if (rest[i + 1]!.text.startsWith('【') && !STANDARD_START.test(rest[i]!.text)) cuts.push(i);
  }
  const out: CellRow[] = [];
  cuts.forEach((from, k) => {
    const segment = rest.slice(from, cuts[k + 1] ?? rest.length);
    const target = k === 0 ? head : { first: segment[0]?.index ?? head.first, texts: columns.map(() => []) };
    fillAssessment(
      segment,
      { contentColumn, standardColumn, unitColumn, middleColumns, lastUnitColumn: lastOf(kinds, 'units') },
      target.texts,
      roles,
    );
    out.push(target);
  });
  return out;
}

function lastOf(kinds: Kind[], kind: Kind): number {
  return kinds.lastIndexOf(kind);
}

interface AssessmentColumns {
  contentColumn: number;
  standardColumn: number;
  unitColumn: number;
  lastUnitColumn: number;
  middleColumns: number[];
}

function fillAssessment(segment: Paragraph[], at: AssessmentColumns, texts: string[][], roles: ColumnRole[]): void {
  let p = 0;
  const n = segment.length;
  if (n === 0) return;
  if (at.contentColumn >= 0 && !STANDARD_START.test(segment[0]!.text)) texts[at.contentColumn]!.push(segment[p++]!.text);

  // 评分标准: from 【 or · through the last · rule, and the 1. 2. sub-rules right after it.
  if (at.standardColumn >= 0 && p < n && STANDARD_START.test(segment[p]!.text)) {
    let last = p;
    for (let i = p; i < n; i++) if (BULLET.test(segment[i]!.text)) last = i;
    while (last + 1 < n && DOT_ITEM.test(segment[last + 1]!.text)) last++;
    while (p <= last) texts[at.standardColumn]!.push(segment[p++]!.text);
  }

  // The unit cell: the trailing run of unit lines.
  let unitStart = n;
  if (at.unitColumn >= 0) {
    while (unitStart > p && isUnitLine(segment[unitStart - 1]!.text)) unitStart--;
    unitStart = extendNumberedUnits(segment, p, unitStart);
    for (let i = unitStart; i < n; i++) texts[at.unitColumn]!.push(segment[i]!.text);
  }

  // The middle: cells opened by a numbering restarting at 1, or by an unnumbered paragraph after another.
  const groups: string[][] = [];
  let numbered = false;
  for (let i = p; i < unitStart; i++) {
    const text = segment[i]!.text;
    const number = itemNumber(text);
    const opens = groups.length === 0 || number === '1' || (number === null && !numbered);
    if (opens) {
      groups.push([text]);
      numbered = number !== null;
    } else {
      groups.at(-1)!.push(text);
      numbered = numbered || number !== null;
    }
  }
  placeMiddle(groups, at.middleColumns, texts, roles, at.standardColumn >= 0 ? at.standardColumn : at.contentColumn);
}

/**
 * A unit run starting at a numbered line ((3)市营商局) after lines numbered down to a unit
 * line (1): the unit cell numbers its lines like the duties, and its first lines were
 * longer than a unit list ((2)教育局、…按分管领域…). Returns the run's new start.
 */
function extendNumberedUnits(segment: Paragraph[], floor: number, start: number): number {
  if (start >= segment.length) return start;
  const first = itemNumber(segment[start]!.text);
  if (first === null || first === '1') return start;
  let want = Number(first) - 1;
  for (let i = start - 1; i >= floor; i--) {
    const number = itemNumber(segment[i]!.text);
    if (number === null) continue; // a line continuing the numbered line above it
    if (Number(number) !== want) return start;
    if (want === 1) return isUnitLine(segment[i]!.text) ? i : start;
    want--;
  }
  return start;
}

/**
 * The middle groups into the middle columns, right-aligned (the last group is the 任务分解);
 * extra groups join the first column. A lone group that gives points goes to a scoring
 * column rather than the duties.
 */
function placeMiddle(groups: string[][], columns: number[], texts: string[][], roles: ColumnRole[], fallback: number): void {
  if (groups.length === 0) return;
  if (columns.length === 0) {
    for (const group of groups) texts[Math.max(fallback, 0)]!.push(...group);
    return;
  }
  const k = columns.length;
  if (groups.length >= k) {
    const extra = groups.length - k;
    groups.forEach((group, i) => texts[columns[Math.max(0, i - extra)]!]!.push(...group));
    return;
  }
  let offset = k - groups.length;
  if (SCORING_WORDS.test(groups[0]!.join(''))) {
    // Shift left onto the scoring columns while the group gives points.
    while (offset > 0 && roles[columns[offset]!] !== 'scoring' && roles[columns[offset - 1]!] === 'scoring') offset--;
  }
  groups.forEach((group, i) => texts[columns[offset + i]!]!.push(...group));
}

// ---------------------------------------------------------------------------- a text that is such a table

/** Lines of a text before the header that still count as its title region. */
const MAX_TITLE_REGION = 12;

/**
 * Reads a text that is a paragraph table from its start (a title, web-page debris, then the
 * header: the Chaoyang indicator table) as that table, or returns null when the text is
 * prose (a table starting later is the prose reader's: it calls `findParagraphTable`).
 * Lines before the header are the title region: the title (plans/plan.ts `findTitle`),
 * 附件 labels and page debris, listed as ignored; so are lines after the table.
 */
export function readParagraphTablePlan(source: string, text: string, options: TableOptions = {}): ParsedPlan | null {
  const lines = text.split(/\r?\n/);
  const table = findParagraphTable(lines, source, { within: 60 });
  if (!table) return null;
  const front: Paragraph[] = [];
  for (let i = 0; i < table.start; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    if (line.length > 200 || front.length >= MAX_TITLE_REGION) return null;
    const clean = cleanText(line);
    // A section heading or a numbered item before the header: the text is prose.
    if (/^(?:[一二三四五六七八九十]{1,3}[、.．]|[((][一二三四五六七八九十]{1,3}[))])/.test(clean)) return null;
    front.push({ index: i, text: clean });
  }
  const title = findTitle(front.map((line) => line.text));
  const grid: Grid = {
    where: table.grid.where,
    rows: [...front.map((line) => ({ number: line.index + 1, cells: [{ text: line.text, mergedFrom: null }] })), ...table.grid.rows],
  };
  const parsed = parseTable(grid, { ...options, lines: true });
  const where = (index: number): Location => ({ file: source, line: index + 1 });
  const around: IgnoredLine[] = [];
  // findTitle reads the last line naming a plan: that line is the title, any other is debris.
  const titleLine = title === null ? -1 : front.findLastIndex((line) => line.text === title);
  front.forEach((line, i) => {
    if (i === titleLine) return;
    const reason: IgnoredReason = /^附件/.test(line.text) ? 'attachment-heading' : 'page-furniture';
    around.push({ where: where(line.index), text: line.text, reason });
  });
  for (let i = table.end; i < lines.length; i++) {
    const clean = cleanText(lines[i]!);
    if (clean !== '') around.push({ where: where(i), text: clean, reason: 'page-furniture' });
  }
  const ignored = [...around, ...table.ignored, ...parsed.ignored].sort((a, b) => (a.where.line ?? 0) - (b.where.line ?? 0));
  return { ...parsed, ignored };
}
