/**
 * A word-processing document (.docx, or a .pdf's text) as the importer sees it: its blocks in
 * reading order, paragraphs and tables. One rule turns any document into a plan, so the same
 * plan sent as .txt, .docx or .pdf reads the same: a table whose header the table reader
 * knows is read as a table; otherwise the document is flattened to the text a copy-paste out
 * of Word gives (a line per paragraph, a line per table cell, row by row: how the plans
 * pasted into chat and the seeds in shared/seeds look) and read as text.
 */
import { findHeader, parseTable } from './table';
import { findTitle, yearFromTitle, type ParsedPlan } from './plan';
import { refusal } from './errors';
import type { Grid } from './grid';

export type Block = { kind: 'paragraph'; text: string } | { kind: 'table'; grid: Grid };

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
  const lines: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      lines.push(block.text);
      continue;
    }
    for (const row of block.grid.rows) {
      for (const cell of row.cells) lines.push(cell.mergedFrom === null ? cell.text : '');
    }
  }
  return lines.join('\n');
}

/**
 * The plan a document holds (see the module's comment for the rule). A table's title and year
 * come from the paragraphs before it, as a workbook's come from the rows above its header.
 */
export function planFromBlocks(name: string, blocks: Block[], options: DocumentReadOptions, readText: TextReader): ParsedPlan {
  const before: string[] = [];
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      before.push(block.text);
      continue;
    }
    if (findHeader(block.grid) === null) {
      for (const row of block.grid.rows) for (const cell of row.cells) if (cell.mergedFrom === null) before.push(cell.text);
      continue;
    }
    const title = findTitle(before.flatMap((text) => text.split('\n')));
    const parsed = parseTable(block.grid, { year: options.year ?? yearFromTitle(title) });
    return parsed.title === null && title !== null ? { ...parsed, title, year: parsed.year ?? yearFromTitle(title) } : parsed;
  }
  const text = documentText(blocks);
  if (text.trim() === '') throw refusal('file-blank', { file: name }, {});
  return readText(name, text, options);
}
