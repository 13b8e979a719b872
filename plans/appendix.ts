/**
 * An appendix table after a plan's prose (附件: 2020年度工作任务 … printed one cell per
 * paragraph, as the Huaihua plan ends): found by the paragraph-table reader, read by the
 * table reader, and added to the plan as a section of its own, so its rows are tasks with
 * their units, deadlines and evidence instead of one requirement glued from every cell.
 */
import { cleanText } from './normalize';
import { findParagraphTable } from './paragraph-table';
import { parseTable } from './table';
import type { PlanProblem } from './problems';
import type { IgnoredLine, ParsedSection, ParsedTask } from './plan';

export interface AppendixTable {
  /** The first line (1-based) that is the appendix's: its heading lines, then the table. */
  firstLine: number;
  /** The appendix's title, from the lines just before its header (…考评任务分解表), or null. */
  title: string | null;
  /** Lines from `firstLine` on that are no cell: headings, 附件 labels, text after the table. */
  ignored: IgnoredLine[];
  read: ReturnType<typeof parseTable>;
}

/** Lines above the header that still belong to the appendix: its 附件 label and its title. */
const HEADING_LINES = 3;

/**
 * The appendix table of a plan's text, or null when it has none. `after` is the line
 * (1-based) the prose's first item is on: a table before it is no appendix.
 */
export function findAppendixTable(source: string, text: string, after: number, year: number | null): AppendixTable | null {
  const lines = text.split(/\r?\n/);
  const table = findParagraphTable(lines, source, { from: after });
  if (!table) return null;
  const ignored: IgnoredLine[] = [...table.ignored];
  // Walk up over blank lines to the appendix's heading lines: 附件 labels and its title.
  let first = table.start;
  let title: string | null = null;
  for (let i = table.start - 1, taken = 0; i >= 0 && taken < HEADING_LINES; i--) {
    const line = cleanText(lines[i]!);
    if (line === '') continue;
    const isLabel = /^附件\s*\d*\s*[::]?\s*$/.test(line);
    const isTitle = title === null && line.length <= 60 && !/[。;]/.test(line) && /表|清单|任务|指标|台账|分工/.test(line);
    if (!isLabel && !isTitle) break;
    if (isTitle) title = line.replace(/^附件\s*\d*\s*[::]?\s*/, '');
    ignored.push({ where: { file: source, line: i + 1 }, text: line, reason: isLabel ? 'attachment-heading' : 'heading' });
    first = i;
    taken++;
  }
  for (let i = table.end; i < lines.length; i++) {
    const line = cleanText(lines[i]!);
    if (line !== '') ignored.push({ where: { file: source, line: i + 1 }, text: line, reason: 'page-furniture' });
  }
  return { firstLine: first + 1, title, ignored, read: parseTable(table.grid, { year, lines: true }) };
}

/** The appendix as a section of the plan: its tasks (numbers kept apart from the prose's) and problems. */
export function appendixSection(
  appendix: AppendixTable,
  sectionNumber: string,
  taken: Set<string>,
  problems: PlanProblem[],
): { section: ParsedSection; tasks: ParsedTask[]; ignored: IgnoredLine[] } {
  const section: ParsedSection = { number: sectionNumber, title: appendix.title ?? '附件' };
  const tasks = appendix.read.tasks.map((task) => ({
    ...task,
    number: taken.has(task.number) ? `附${task.number}` : task.number,
    section: task.section ?? sectionNumber,
  }));
  problems.push(...appendix.read.problems);
  return { section, tasks, ignored: [...appendix.ignored, ...appendix.read.ignored] };
}
