/**
 * The ledger (台账) export: the plan's task table with each unit's monthly progress, and
 * every report, as an .xlsx ready to print. See build-ledger.ts for the workbook's shape and
 * period-months.ts for which month column a period lands in.
 */
export { buildLedger, writeLedger, type LedgerSummary } from './build-ledger';
export { exportLedgerToFile } from './export-file';
export { LedgerOptionsError, type LedgerLocale, type LedgerOptions, type LedgerPlanScope } from './options';
