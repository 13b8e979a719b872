/**
 * The ledger (台账) as an .xlsx workbook, streamed: for each plan, sheet 1 任务台账 (the task
 * table with a progress column per month) and sheet 2 报送记录 (every report). Rows go out
 * a task (sheet 1) or a requirement (sheet 2) at a time through exceljs's streaming writer,
 * so a province-wide plan (100,000 unit rows) is never held whole in memory.
 *
 * Plans: `planId` exports that plan (live or archived); without it every live plan is
 * exported, one sheet pair each in plan id order, the sheet names then carrying the plan's
 * year ("任务台账 2026") to tell the pairs apart, or its title where two plans share a year.
 * `plans` (a lead's scope) exports those plans, each with its own units: a unit shared by two
 * plans shows in a plan's sheets only for that plan's requirements, and only where the plan is
 * in the scope.
 */
import ExcelJS from 'exceljs';
import { DateTime } from 'luxon';
import { Writable } from 'node:stream';
import type { DB } from '../../db';
import { PLAN_ZONE } from '../../plans/due-dates';
import { loadCalendar } from '../../schedules/planner-store';
import { ledgerLabels } from './labels';
import { planOutline, plansByIds, plansToExport, type UnitScope } from './ledger-data';
import { FIXED_COLUMNS, writeLedgerSheet } from './ledger-sheet';
import { checkLedgerOptions, type LedgerOptions } from './options';
import { displayedMonths } from './period-months';
import { formatPlanMinute } from './plan-clock';
import { REPORTS_FIXED_COLUMNS, writeReportsSheet } from './reports-sheet';
import { planQualifiers, sheetName } from './sheet-names';
import { printableSheet } from './styles';

export interface LedgerSummary {
  /** Requirement × unit rows on the ledger sheets. */
  rows: number;
  /** Rows on the reports sheets. */
  reports: number;
}

/**
 * Writes the ledger to `output` and resolves when the workbook is complete (the stream has
 * finished). Options are checked, and the plans found, before a byte is written.
 */
export async function writeLedger(db: DB, options: LedgerOptions, output: Writable): Promise<LedgerSummary> {
  const { now, period, unitIds, locale, planId, plans: scoped } = checkLedgerOptions(options);
  const labels = ledgerLabels(locale);
  const plans =
    scoped === undefined
      ? plansToExport(db, planId)
      : plansByIds(
          db,
          scoped.map((p) => p.planId),
        );
  const scopeOf = (index: number): UnitScope => (scoped === undefined ? unitIds : scoped[index]!.unitIds);
  const qualifiers = planQualifiers(plans);
  const calendar = loadCalendar(db);
  const asOf = formatPlanMinute(now);

  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Duban';
  workbook.created = now;
  workbook.modified = now;
  const taken = new Set<string>();
  const summary: LedgerSummary = { rows: 0, reports: 0 };
  for (const [index, plan] of plans.entries()) {
    // A plan without a year is read as the year it is now in Shanghai.
    const year = plan.year ?? DateTime.fromJSDate(now, { zone: PLAN_ZONE }).year;
    const query = { db, facts: plan.facts, scope: scopeOf(index), calendar, months: displayedMonths(year, now, period) };
    const outline = planOutline(db, plan.id);
    const qualifier = qualifiers[index]!;

    const ledger = workbook.addWorksheet(sheetName(labels.ledgerSheet, qualifier, taken), printableSheet(FIXED_COLUMNS, labels.footer));
    summary.rows += await writeLedgerSheet({ sheet: ledger, plan, outline, query, now, labels, subtitle: labels.subtitle(asOf, period) });
    ledger.commit();

    const reports = workbook.addWorksheet(
      sheetName(labels.reportsSheet, qualifier, taken),
      printableSheet(REPORTS_FIXED_COLUMNS, labels.footer),
    );
    summary.reports += await writeReportsSheet({
      sheet: reports,
      plan,
      outline,
      query,
      period,
      labels,
      subtitle: labels.reportsSubtitle(asOf, period),
    });
    reports.commit();
  }
  await workbook.commit();
  return summary;
}

/** The ledger as the bytes of an .xlsx file. */
export async function buildLedger(db: DB, options: LedgerOptions): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  await writeLedger(db, options, sink);
  return Buffer.concat(chunks);
}
