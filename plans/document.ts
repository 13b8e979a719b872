/**
 * A word-processing document (.docx, or a .pdf's text) as the importer sees it: its blocks in
 * reading order, paragraphs and tables. One rule turns any document into a plan, so the same
 * plan sent as .txt, .docx or .pdf reads the same: a table whose header the table reader
 * knows is read as a table; otherwise the document is flattened to the text a copy-paste out
 * of Word gives (a line per paragraph, a line per table cell, row by row: how the plans
 * pasted into chat and the seeds in shared/seeds look) and read as text.
 */
import { findHeader, parseTable } from './table';
import { findTitle, yearFromTitle, type IgnoredLine, type ParsedPlan } from './plan';
import { cleanText } from './normalize';
import { readMarker } from './outline';
import { frontMatterReason } from './front-matter';
import { PlanInputError, refusal } from './errors';
import type { Grid } from './grid';
import type { Location, PlanProblem } from './problems';

/** A paragraph of a PDF knows its page (1-based), for messages. */
export type Block = { kind: 'paragraph'; text: string; page?: number } | { kind: 'table'; grid: Grid };

export interface DocumentReadOptions {
  year?: number | null;
}

/** Reads text as a plan: `parsePlanText` of plans/import.ts, passed in to keep this module free of the dispatcher. */
export type TextReader = (name: string, text: string, options: DocumentReadOptions) => ParsedPlan;

/**
 * The text of a document as copy-paste out of Word gives it: one line per paragraph (a
 * paragraph with line breaks gives several), one per table cell in row order. A cell a merge
 * covers is an empty cell there, as Word pastes it: an empty line.
 */
export function documentText(blocks: Block[]): string {
  return documentLines(blocks).lines.join('\n');
}

/** Where a line of the document's text came from: a PDF's page, a Word table's row; nothing for a Word paragraph. */
type Origin = Pick<Location, 'page' | 'table' | 'row'>;

/** The document's text lines (see documentText), each with where it came from. */
function documentLines(blocks: Block[]): { lines: string[]; origins: Origin[] } {
  const lines: string[] = [];
  const origins: Origin[] = [];
  const push = (text: string, origin: Origin) => {
    for (const line of text.split('\n')) {
      lines.push(line);
      origins.push(origin);
    }
  };
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      push(block.text, block.page === undefined ? {} : { page: block.page });
      continue;
    }
    for (const row of block.grid.rows) {
      const origin: Origin = row.place ?? (block.grid.where.table === undefined ? {} : { table: block.grid.where.table, row: row.number });
      for (const cell of row.cells) push(cell.mergedFrom === null ? cell.text : '', origin);
    }
  }
  return { lines, origins };
}

/**
 * A place in the document's flattened text put back in the document's terms: its line (a line
 * of text that exists nowhere in a Word file or PDF) becomes the page or the table's row it
 * came from; a Word paragraph keeps only what the reader adds (the item's number).
 */
function relocate(where: Location, origins: Origin[]): Location {
  if (where.line === undefined) return where;
  const { line, ...rest } = where;
  return { ...rest, ...(origins[line - 1] ?? {}) };
}

function isLocation(value: unknown): value is Location {
  return typeof value === 'object' && value !== null && typeof (value as { file?: unknown }).file === 'string';
}

/** Every place in a plan read from the flattened text, relocated (see relocate). */
function relocatePlan(plan: ParsedPlan, origins: Origin[]): ParsedPlan {
  const problemAt = (p: PlanProblem): PlanProblem =>
    ({
      ...p,
      where: relocate(p.where, origins),
      args: Object.fromEntries(Object.entries(p.args).map(([k, v]) => [k, isLocation(v) ? relocate(v, origins) : v])),
    }) as PlanProblem;
  return {
    ...plan,
    tasks: plan.tasks.map((task) => ({ ...task, where: relocate(task.where, origins) })),
    ignored: plan.ignored.map((line) => ({ ...line, where: relocate(line.where, origins) })),
    problems: plan.problems.map(problemAt),
  };
}

/**
 * Whether the text around a table holds work of its own: numbered items naming a unit or a
 * deadline (a plan's prose before its appendix table). Numbered lines of a notice (一、高度重视
 * 1.各科室要明确联络员) are no work, and leave the table the plan.
 */
function proseHasWork(name: string, lines: string[], options: DocumentReadOptions, readText: TextReader): boolean {
  if (lines.filter((line) => readMarker(cleanText(line)) !== null).length < 2) return false;
  try {
    const prose = readText(name, lines.join('\n'), options);
    return prose.tasks.some((task) => task.requirements.some((r) => r.lead.length + r.cooperating.length > 0 || r.deadline.recognized));
  } catch (error) {
    if (error instanceof PlanInputError) return false; // no items, or no plan: the table is the plan
    throw error;
  }
}

/**
 * The plan a document holds (see the module's comment for the rule). A table's title and year
 * come from the paragraphs before it, as a workbook's come from the rows above its header.
 * The table alone is the plan only when it is the document's one task table and the text
 * around it has no numbered items: a plan's prose with its appendix table, or two tables, is
 * read as text when that prose holds work of its own (the prose reader reads an appendix
 * printed cell by cell as the table it is),
 * so nothing around the table is lost. The paragraphs around a lone table are listed as
 * ignored, with why.
 */
export function planFromBlocks(name: string, documentBlocks: Block[], options: DocumentReadOptions, readText: TextReader): ParsedPlan {
  // A Word file's tables are numbered for messages (第2个表格，第5行); a PDF's rows carry their page.
  let tableNumber = 0;
  const blocks: Block[] = documentBlocks.map((block) =>
    block.kind === 'table' && block.grid.rows.every((row) => row.place === undefined)
      ? { kind: 'table' as const, grid: { ...block.grid, where: { ...block.grid.where, table: ++tableNumber } } }
      : block,
  );
  const taskTables = blocks.flatMap((block, index) => (block.kind === 'table' && findHeader(block.grid) !== null ? [index] : []));
  const around = (from: number, to: number) =>
    blocks
      .slice(from, to)
      .flatMap((block) =>
        block.kind === 'paragraph'
          ? block.text.split('\n')
          : block.grid.rows.flatMap((row) => row.cells.filter((cell) => cell.mergedFrom === null).map((cell) => cell.text)),
      );
  const at = taskTables[0];
  if (taskTables.length === 1 && at !== undefined) {
    const before = around(0, at);
    const after = around(at + 1, blocks.length);
    if (!proseHasWork(name, [...before, ...after], options, readText)) {
      const grid = (blocks[at] as { kind: 'table'; grid: Grid }).grid;
      const title = findTitle(before.map((line) => cleanText(line)));
      const parsed = parseTable(grid, { year: options.year ?? yearFromTitle(title) });
      const ignored: IgnoredLine[] = [
        ...before
          .map((line) => cleanText(line))
          .filter(Boolean)
          .map((text) => ({ where: { file: name }, text, reason: frontMatterReason(text, text === title) })),
        ...parsed.ignored,
        ...after
          .map((line) => cleanText(line))
          .filter(Boolean)
          .map((text) => ({ where: { file: name }, text, reason: frontMatterReason(text, false, true) })),
      ];
      const withTitle = parsed.title === null && title !== null ? { ...parsed, title, year: parsed.year ?? yearFromTitle(title) } : parsed;
      return { ...withTitle, ignored };
    }
  }
  const { lines, origins } = documentLines(blocks);
  const text = lines.join('\n');
  if (text.trim() === '') throw refusal('file-blank', { file: name }, {});
  try {
    return relocatePlan(readText(name, text, options), origins);
  } catch (error) {
    if (error instanceof PlanInputError) throw new PlanInputError({ ...error.problem, where: relocate(error.problem.where, origins) });
    throw error;
  }
}
