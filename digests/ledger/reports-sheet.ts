/**
 * Sheet 2, 报送记录: every report in scope, one row each, in the ledger's order (tasks,
 * requirements, then units as on sheet 1, then periods). Requirements since removed from
 * the plan keep their reports here, marked, since the ledger is the record of what was done.
 */
import type ExcelJS from 'exceljs';
import { fitColumnWidth, widestLine, wrappedLines } from './cell-text';
import type { LedgerLabels } from './labels';
import { reportTextWidths, requirementCellText, type LedgerPlan, type OutlineTask } from './ledger-data';
import type { MonthKey } from './period-months';
import { formatPlanMinute } from './plan-clock';
import { readRequirementProgress, type ProgressQuery } from './requirement-progress';
import { blockRowHeights } from './row-heights';
import { writeBlock, writeFrame, type CellSpec } from './sheet-frame';
import { HEADER_ROW, STYLES } from './styles';

export interface ReportsSheetInput {
  sheet: ExcelJS.Worksheet;
  plan: LedgerPlan;
  outline: readonly OutlineTask[];
  query: ProgressQuery;
  /** Only reports that fall in this month ("YYYY-MM"), when given. */
  period: MonthKey | undefined;
  labels: LedgerLabels;
  subtitle: string;
}

/** Frozen: the unit column. */
export const REPORTS_FIXED_COLUMNS = 1;

/** A width for a column whose widest text was measured in SQL, at least as wide as its header. */
function fitMeasured(widest: number, header: string, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.max(widest, widestLine(header)) + 2));
}

function columnWidths(input: ReportsSheetInput): number[] {
  const { labels, outline, query, plan } = input;
  const h = labels.reportsHeaders;
  const measured = reportTextWidths(query.db, plan.id, query.scope);
  return [
    fitMeasured(measured.unitName, h[0]!, 8, 18),
    fitColumnWidth([h[1]!, ...outline.map((t) => `${t.number} ${t.title}`)], 10, 24),
    fitColumnWidth([h[2]!, ...outline.flatMap((t) => t.requirements.map((r) => requirementCellText(t.number, r)))], 16, 36),
    fitColumnWidth([h[3]!, '2026-W11', 'event-1234'], 8, 14),
    fitColumnWidth([h[4]!, ...Object.values(labels.status)], 6, 14),
    fitMeasured(measured.note, h[5]!, 10, 40),
    fitColumnWidth([h[6]!, '99999'], 6, 10),
    fitColumnWidth([h[7]!, '2026-03-09 10:12'], 17, 18),
    fitColumnWidth([h[8]!, labels.yes, labels.no], 6, 10),
    fitColumnWidth([h[9]!, '99'], 6, 10),
    fitMeasured(measured.reporter, h[10]!, 8, 16),
  ];
}

/** Writes the sheet; returns the number of reports written. */
export async function writeReportsSheet(input: ReportsSheetInput): Promise<number> {
  const { sheet, plan, outline, query, labels, period } = input;
  const widths = columnWidths(input);
  writeFrame(sheet, { title: labels.reportsTitle(plan.title), subtitle: input.subtitle, headers: labels.reportsHeaders, widths });

  let nextRow = HEADER_ROW + 1;
  for (const task of outline) {
    for (const requirement of task.requirements) {
      const progress = readRequirementProgress(requirement, query);
      const text = requirementCellText(task.number, requirement);
      const requirementText = requirement.archived ? `${text}${labels.removed}` : text;
      const rows: CellSpec[][] = [];
      const lines: number[] = [];
      for (const { report, month } of progress.reportsInOrder()) {
        if (period !== undefined && month !== period) continue;
        const row: CellSpec[] = [
          { value: report.unitName, style: STYLES.text },
          { value: `${task.number} ${task.title}`, style: STYLES.text },
          { value: requirementText, style: STYLES.text },
          { value: labels.period(report.period), style: STYLES.text },
          { value: labels.status[report.status], style: STYLES.text },
          { value: report.note, style: STYLES.text },
          { value: report.count, style: STYLES.centered },
          { value: formatPlanMinute(report.reportedAt), style: STYLES.text },
          { value: report.late ? labels.yes : labels.no, style: report.late ? STYLES.lateFlag : STYLES.centered },
          { value: report.evidenceCount, style: STYLES.centered },
          { value: report.reporterName, style: STYLES.text },
        ];
        rows.push(row);
        lines.push(Math.max(...row.map((cell, i) => (typeof cell.value === 'string' ? wrappedLines(cell.value, widths[i]!) : 1))));
      }
      await writeBlock(sheet, nextRow, rows, blockRowHeights(lines, []), []);
      nextRow += rows.length;
    }
  }
  // Filter buttons on the header: a lead sorts and filters this sheet by unit, status, lateness.
  sheet.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: HEADER_ROW, column: widths.length } };
  return nextRow - HEADER_ROW - 1;
}
