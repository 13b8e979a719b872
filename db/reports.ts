/**
 * Report rows as liaisons write them: saving one for a requirement, unit and period with its
 * evidence (one transaction; one report per requirement, unit and period, updated in place when
 * saved again), and the person's latest report, which /edit changes. Every way of reporting
 * saves through writeReport (bot/report/save.ts words its rules); the reads the views share are
 * schedules/unit-requirements.ts.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { DB } from './index';
import { events, evidence, reports, requirements, tasks } from './schema';
import { formatPeriodKey } from '../core/period-key';
import { PLAN_ZONE } from '../core/zone';
import type { ReportStatus } from '../core/report-status';

export type Report = typeof reports.$inferSelect;

export type { ReportStatus };

/** A photo or file sent through Telegram, or a link or a written note given as proof. */
export interface EvidenceFile {
  kind: 'photo' | 'document' | 'link' | 'note';
  /** Telegram's file id (photos and files). */
  fileId?: string;
  /** Telegram's unique id; for a link or a note one made from its text (the same one twice is one). */
  fileUniqueId: string;
  /** A link's address or a note's words. */
  text?: string;
  fileName?: string;
  mimeType?: string;
  size?: number;
}

export interface ReportDraft {
  requirementId: number;
  unitId: number;
  /** The period key; null for an event-relative requirement with no open event (a new event is recorded). */
  period: string | null;
  dueAt: Date | null;
  status: ReportStatus;
  note: string | null;
  count: number | null;
  evidence: EvidenceFile[];
  personId: number | null;
  /**
   * The drafting conversation's id, kept in its state. A save repeated after a crash cut it off
   * before the conversation moved on reuses the event it recorded: one event, not two.
   */
  draftId?: string;
}

export interface SavedReport {
  reportId: number;
  period: string;
  late: boolean;
  created: boolean;
}

/** Why nothing was saved: the period's circular is published, or (onlyIfNew) it was reported already. */
export type SaveRefusal = { refused: 'closed' | 'already-reported' };

export interface WriteOptions {
  /** A one-tap "done": when the period has a report already, leave it as it is. */
  onlyIfNew?: boolean;
  /**
   * Whether the plan's period is closed for corrections (schedules/circular.ts reportClosed: its
   * monthly circular is published). Asked inside the save's transaction, for a dated period only.
   */
  closed(planId: number, period: string): boolean;
}

/** The plan a requirement belongs to. */
function planOfRequirement(db: DB, requirementId: number): number | undefined {
  return db
    .select({ planId: tasks.planId })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(eq(requirements.id, requirementId))
    .get()?.planId;
}

/**
 * Saves the report with its evidence, in one transaction. An event-relative report without a
 * period records its event first (today's, in Shanghai; the draft's own event when a repeated
 * save finds it). A report after the due moment is late; saving it again keeps its first time
 * and late flag, and evidence already attached once is not attached twice.
 */
export function writeReport(db: DB, draft: ReportDraft, now: Date, options: WriteOptions): SavedReport | SaveRefusal {
  return db.transaction(() => {
    if (draft.period !== null) {
      const planId = planOfRequirement(db, draft.requirementId);
      if (planId !== undefined && options.closed(planId, draft.period)) return { refused: 'closed' };
    }
    let period = draft.period;
    if (period === null) {
      const saved =
        draft.draftId === undefined ? undefined : db.select({ id: events.id }).from(events).where(eq(events.draftId, draft.draftId)).get();
      // The event happened today: recording it starts its working-day count.
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: PLAN_ZONE }).format(now);
      const event =
        saved ??
        db
          .insert(events)
          .values({
            requirementId: draft.requirementId,
            unitId: draft.unitId,
            occurredOn: today,
            note: draft.note,
            reportedBy: draft.personId,
            draftId: draft.draftId ?? null,
            createdAt: now,
            updatedAt: now,
          })
          .returning({ id: events.id })
          .get();
      period = formatPeriodKey({ kind: 'event', eventId: event.id });
    }
    const existing = db
      .select()
      .from(reports)
      .where(and(eq(reports.requirementId, draft.requirementId), eq(reports.unitId, draft.unitId), eq(reports.period, period)))
      .get();
    if (existing && options.onlyIfNew) return { refused: 'already-reported' };
    const late = existing?.late ?? (draft.dueAt !== null && now.getTime() > draft.dueAt.getTime());
    const values = { status: draft.status, note: draft.note, count: draft.count, reportedBy: draft.personId, updatedAt: now };
    const reportId = existing
      ? (db.update(reports).set(values).where(eq(reports.id, existing.id)).run(), existing.id)
      : db
          .insert(reports)
          .values({ ...values, requirementId: draft.requirementId, unitId: draft.unitId, period, reportedAt: now, late, createdAt: now })
          .returning({ id: reports.id })
          .get().id;
    for (const file of draft.evidence) {
      db.insert(evidence)
        .values({
          reportId,
          ...file,
          fileId: file.fileId ?? null,
          text: file.text ?? null,
          fileName: file.fileName ?? null,
          mimeType: file.mimeType ?? null,
          size: file.size ?? null,
          addedBy: draft.personId,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing()
        .run();
    }
    return { reportId, period, late, created: !existing };
  });
}

/** The person's report saved (or changed) last, among those of the given units. */
export function latestReportBy(db: DB, personId: number, unitIds: number[]): Report | undefined {
  return db
    .select()
    .from(reports)
    .where(and(eq(reports.reportedBy, personId), inArray(reports.unitId, unitIds)))
    .orderBy(desc(reports.updatedAt), desc(reports.id))
    .get();
}
