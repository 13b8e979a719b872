/**
 * Puts the bytes of evidence files into the archive (db/file-store.ts) as soon as a report is
 * saved: a Telegram file id is all a report keeps otherwise, and it means nothing under another
 * bot token or in a backup. A download that fails leaves the report and its file id as they
 * are; the file is tried again on later scheduler ticks (MAX_ARCHIVE_ATTEMPTS in all), and the
 * liaison is told at once that it is not yet kept, so they can send it again if it never is.
 */
import type { Api } from 'grammy';
import type { DB } from '../../db';
import { FileTooLargeError, type FileStore } from '../../db/file-store';
import { evidenceToArchive, evidenceToRetry, markEvidenceArchived, recordArchiveFailure } from '../../db/evidence';

/** The Bot API serves files up to 20 MB through getFile; larger ones are refused when sent. */
export const MAX_ARCHIVED_BYTES = 20 * 1024 * 1024;
/** Downloads tried per file before it is left for the admin (about an hour of scheduler ticks). */
export const MAX_ARCHIVE_ATTEMPTS = 60;

export interface ArchiveDeps {
  db: DB;
  files: FileStore;
  /** Downloads a file by its Telegram file_path (BotServices.downloadFile). */
  downloadFile(filePath: string): Promise<Uint8Array>;
  clock: { now(): Date };
}

export interface ArchiveOutcome {
  evidenceId: number;
  fileName: string | null;
  /** The archived bytes' hash, or null when this attempt failed. */
  sha256: string | null;
}

/** Archives the given evidence rows not archived yet; each failure is counted on its row, never thrown. */
export async function archiveEvidence(deps: ArchiveDeps, api: Pick<Api, 'getFile'>, evidenceIds: number[]): Promise<ArchiveOutcome[]> {
  if (evidenceIds.length === 0) return [];
  const rows = evidenceToArchive(deps.db, evidenceIds);
  const outcomes: ArchiveOutcome[] = [];
  for (const row of rows) {
    try {
      const file = await api.getFile(row.fileId);
      if (!file.file_path) throw new Error('Telegram gave no file path');
      const bytes = await deps.downloadFile(file.file_path);
      const stored = await deps.files.put([bytes], MAX_ARCHIVED_BYTES);
      markEvidenceArchived(deps.db, row.id, stored, deps.clock.now());
      outcomes.push({ evidenceId: row.id, fileName: row.fileName, sha256: stored.sha256 });
    } catch (error) {
      const reason =
        error instanceof FileTooLargeError ? `larger than ${MAX_ARCHIVED_BYTES} bytes` : String((error as Error)?.message ?? error);
      recordArchiveFailure(deps.db, row.id, reason, deps.clock.now());
      outcomes.push({ evidenceId: row.id, fileName: row.fileName, sha256: null });
    }
  }
  return outcomes;
}

/** Files still to archive, oldest first, a batch per scheduler tick. */
export function pendingEvidence(db: DB, limit = 20): number[] {
  return evidenceToRetry(db, MAX_ARCHIVE_ATTEMPTS, limit);
}

/** The scheduler's chore (schedules/scheduler.ts SchedulerDeps.chores): a batch of files whose download failed, tried again. */
export function archiveChore(deps: ArchiveDeps, api: Pick<Api, 'getFile'>) {
  return { name: 'evidence archive', run: () => archiveEvidence(deps, api, pendingEvidence(deps.db)) };
}
