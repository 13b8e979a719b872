/**
 * Sheet 1, 任务台账: the task table as imported, one row per requirement × assigned unit in
 * plan order, the task's and the requirement's cells merged down their rows, then one
 * progress column per shown month. Written one task at a time.
 */
import type ExcelJS from 'exceljs';
import { fitColumnWidth, wrappedLines } from './cell-text';
import type { LedgerLabels } from './labels';
import { requirementCellText, unitNamesInPlan, type LedgerPlan, type OutlineTask } from './ledger-data';
import { progressCell } from './progress-cell';
import { readRequirementProgress, type ProgressQuery } from './requirement-progress';
import { blockRowHeights, type MergedSpan } from './row-heights';
import { writeBlock, writeFrame, type CellSpec } from './sheet-frame';
import { HEADER_ROW, STYLES } from './styles';

export interface LedgerSheetInput {
  sheet: ExcelJS.Worksheet;
  plan: LedgerPlan;
  outline: readonly OutlineTask[];
  query: ProgressQuery;
  now: Date;
  labels: LedgerLabels;
  subtitle: string;
}

/** The first six columns, frozen when scrolling through the months. */
export const FIXED_COLUMNS = 6;
const [NUMBER, TITLE, REQUIREMENT, DEADLINE] = [1, 2, 3, 4];
/**
 * Wide enough for "2026-03-09 10:12" on one line; longer lines wrap. Twelve months already
 * make the sheet about 320 wide, which prints at about half size on one A4 page across.
 */
const PROGRESS_WIDTH = 18;

/** A task number written in digits is stored as a number, so Excel does not flag "number stored as text". */
function taskNumber(number: string): string | number {
  return /^\d{1,9}$/.test(number) ? Number(number) : number;
}

function columnWidths(input: LedgerSheetInput, live: readonly OutlineTask[]): number[] {
  const { labels, plan, query } = input;
  const requirements = live.flatMap((t) => t.requirements);
  const [hNumber, hTitle, hRequirement, hDeadline, hUnit, hRole] = labels.ledgerHeaders as [string, string, string, string, string, string];
  return [
    fitColumnWidth([hNumber, ...live.map((t) => t.number)], 5, 7),
    fitColumnWidth([hTitle, ...live.map((t) => t.title)], 10, 20),
    fitColumnWidth([hRequirement, ...live.flatMap((t) => t.requirements.map((r) => requirementCellText(t.number, r)))], 16, 36),
    fitColumnWidth([hDeadline, ...requirements.map((r) => r.deadlineText)], 8, 14),
    fitColumnWidth([hUnit, ...unitNamesInPlan(query.db, plan.id, query.scope)], 8, 18),
    fitColumnWidth([hRole, labels.role.lead, labels.role.cooperating], 6, 12),
    ...query.months.map(() => PROGRESS_WIDTH),
  ];
}

/** The live tasks with their live requirements. */
function liveOutline(outline: readonly OutlineTask[]): OutlineTask[] {
  return outline
    .filter((task) => !task.archived)
    .map((task) => ({ ...task, requirements: task.requirements.filter((r) => !r.archived) }))
    .filter((task) => task.requirements.length > 0);
}

/** Writes the sheet; returns the number of requirement × unit rows. */
export async function writeLedgerSheet(input: LedgerSheetInput): Promise<number> {
  const { sheet, plan, query, labels, now } = input;
  const live = liveOutline(input.outline);
  const widths = columnWidths(input, live);
  const monthHeaders = query.months.map((m) => labels.monthHeader(Number(m.slice(0, 4)), Number(m.slice(5, 7))));
  writeFrame(sheet, {
    title: labels.ledgerTitle(plan.title),
    subtitle: input.subtitle,
    headers: [...labels.ledgerHeaders, ...monthHeaders],
    widths,
  });

  let nextRow = HEADER_ROW + 1;
  let rowCount = 0;
  for (const task of live) {
    const rows: CellSpec[][] = [];
    const ownLines: number[] = [];
    const requirementSpans: MergedSpan[] = [];
    for (const requirement of task.requirements) {
      const progress = readRequirementProgress(requirement, query);
      const from = rows.length;
      for (const unit of progress.units) {
        const entries = progress.entriesByMonth(unit.unitId);
        const context = { now, assignedSince: unit.since, countUnit: requirement.countUnit, labels };
        const progressCells = query.months.map((month): CellSpec => {
          const cell = progressCell(entries.get(month) ?? [], context);
          return cell ? { value: cell.text, style: STYLES.progress[cell.tone] } : { value: null, style: STYLES.text };
        });
        const first = rows.length === from;
        rows.push([
          { value: rows.length === 0 ? taskNumber(task.number) : null, style: STYLES.centered },
          { value: rows.length === 0 ? task.title : null, style: STYLES.text },
          { value: first ? requirementCellText(task.number, requirement) : null, style: STYLES.text },
          { value: first ? requirement.deadlineText : null, style: STYLES.text },
          { value: unit.name, style: STYLES.text },
          { value: labels.role[unit.role], style: STYLES.centered },
          ...progressCells,
        ]);
        // The unit, role and progress cells are never merged: they size the row.
        let lines = 1;
        rows[rows.length - 1]!.forEach((cell, i) => {
          if (i + 1 > DEADLINE && typeof cell.value === 'string') lines = Math.max(lines, wrappedLines(cell.value, widths[i]!));
        });
        ownLines.push(lines);
      }
      if (rows.length > from) {
        const lines = Math.max(
          wrappedLines(requirementCellText(task.number, requirement), widths[REQUIREMENT - 1]!),
          wrappedLines(requirement.deadlineText, widths[DEADLINE - 1]!),
        );
        requirementSpans.push({ from, to: rows.length - 1, lines });
      }
    }
    if (rows.length === 0) continue;

    const taskLines = Math.max(wrappedLines(task.title, widths[TITLE - 1]!), wrappedLines(task.number, widths[NUMBER - 1]!));
    const heights = blockRowHeights(ownLines, [...requirementSpans, { from: 0, to: rows.length - 1, lines: taskLines }]);
    const merges = [
      { fromRow: 0, toRow: rows.length - 1, column: NUMBER },
      { fromRow: 0, toRow: rows.length - 1, column: TITLE },
      ...requirementSpans.flatMap((span) => [
        { fromRow: span.from, toRow: span.to, column: REQUIREMENT },
        { fromRow: span.from, toRow: span.to, column: DEADLINE },
      ]),
    ];
    await writeBlock(sheet, nextRow, rows, heights, merges);
    nextRow += rows.length;
    rowCount += rows.length;
  }
  return rowCount;
}
