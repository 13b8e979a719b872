/**
 * Saves a liaison's report for one requirement, unit and period, with its evidence, in one
 * transaction. A report after the due moment is kept but marked late (逾期报送视为工作未完成).
 * Saving the same report again (a duplicate update, /edit) updates it in place: one report
 * per requirement, unit and period; an edit keeps the first report's time and late flag.
 *
 * Every way of reporting goes through here (the /report picker, a reminder's 📝 and ✅ buttons,
 * /edit), so the rules of saving live here once: a period whose monthly circular is published
 * is closed, and a one-tap "done" never overwrites a report already made. The rows are written
 * by db/reports.ts (writeReport).
 */
import type { DB } from '../../db';
import { writeReport, type ReportDraft, type SavedReport, type SaveRefusal } from '../../db/reports';
import { reportClosed } from '../../schedules/circular';

export type { EvidenceFile, ReportDraft, ReportStatus, SavedReport, SaveRefusal } from '../../db/reports';

export interface SaveOptions {
  /** A one-tap "done": when the period has a report already, leave it as it is. */
  onlyIfNew?: boolean;
}

export function saveReport(db: DB, draft: ReportDraft, now: Date, options: SaveOptions = {}): SavedReport | SaveRefusal {
  return writeReport(db, draft, now, {
    onlyIfNew: options.onlyIfNew,
    closed: (planId, period) => reportClosed(db, planId, period, draft.dueAt),
  });
}
