/**
 * Evidence rows and their place in the archive: a report's files, those whose bytes are not
 * kept yet, and the outcome of each download (bot/report/archive.ts fetches them from Telegram;
 * db/file-store.ts keeps the bytes by sha256, the stored_files row says they are there).
 */
import { and, count, eq, inArray, isNotNull, isNull, lt } from 'drizzle-orm';
import type { DB } from './index';
import { evidence, storedFiles } from './schema';

/** How many evidence rows a report has. */
export function evidenceCount(db: DB, reportId: number): number {
  return db.select({ n: count() }).from(evidence).where(eq(evidence.reportId, reportId)).get()?.n ?? 0;
}

/** The evidence rows of a report. */
export function evidenceOfReport(db: DB, reportId: number): number[] {
  return db
    .select({ id: evidence.id })
    .from(evidence)
    .where(eq(evidence.reportId, reportId))
    .all()
    .map((r) => r.id);
}

export interface EvidenceToArchive {
  id: number;
  /** Telegram's file id. */
  fileId: string;
  fileName: string | null;
}

/** Of the given rows, those with a Telegram file whose bytes are not archived yet. */
export function evidenceToArchive(db: DB, evidenceIds: number[]): EvidenceToArchive[] {
  return db
    .select({ id: evidence.id, fileId: evidence.fileId, fileName: evidence.fileName })
    .from(evidence)
    .where(and(inArray(evidence.id, evidenceIds), isNull(evidence.sha256), isNotNull(evidence.fileId)))
    .all()
    .map((row) => ({ ...row, fileId: row.fileId! }));
}

/** Files still to archive that have been tried fewer than `maxAttempts` times, oldest first. */
export function evidenceToRetry(db: DB, maxAttempts: number, limit: number): number[] {
  return db
    .select({ id: evidence.id })
    .from(evidence)
    .where(and(isNull(evidence.sha256), isNotNull(evidence.fileId), lt(evidence.archiveAttempts, maxAttempts)))
    .orderBy(evidence.id)
    .limit(limit)
    .all()
    .map((r) => r.id);
}

/** The file's bytes are in the archive: the stored file recorded (once) and the row pointing at it, in one transaction. */
export function markEvidenceArchived(db: DB, evidenceId: number, stored: { sha256: string; size: number }, now: Date): void {
  db.transaction((tx) => {
    tx.insert(storedFiles).values({ sha256: stored.sha256, size: stored.size, createdAt: now }).onConflictDoNothing().run();
    tx.update(evidence).set({ sha256: stored.sha256, archiveError: null, updatedAt: now }).where(eq(evidence.id, evidenceId)).run();
  });
}

/** A download that failed: one more attempt counted on the row, with why (cut to 300 characters). */
export function recordArchiveFailure(db: DB, evidenceId: number, reason: string, now: Date): void {
  const current = db.select({ attempts: evidence.archiveAttempts }).from(evidence).where(eq(evidence.id, evidenceId)).get();
  db.update(evidence)
    .set({ archiveAttempts: (current?.attempts ?? 0) + 1, archiveError: reason.slice(0, 300), updatedAt: now })
    .where(eq(evidence.id, evidenceId))
    .run();
}
