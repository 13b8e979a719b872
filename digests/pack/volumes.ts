/**
 * A plan's pack cut into volumes for Telegram (digests/pack/parts.ts says how): which volume
 * each file goes to, and, when there are several, what every stored file is like (there, whole)
 * before any volume is written, so each volume's 索引.xlsx says the same of every file.
 */
import type { DB } from '../../db';
import { sha256OfFile, storedFilePath } from '../../db/file-store';
import { packOutline, packTaskRows } from './data';
import { layoutTask, taskFolders, type FileOutcome, type PackEntry } from './layout';
import { fitsBudget, splitIntoParts, type PackParts } from './parts';

export interface PlannedVolumes extends PackParts {
  /** Each file's volume, by its path in the zip. */
  byPath: Map<string, number>;
  /** Whether every volume fits the budget. */
  fits: boolean;
  /** The pack's stored files (for checkStoredFiles). */
  stored: Extract<PackEntry, { kind: 'stored' }>[];
}

/** Lays out the plan's pack (no file read) and cuts it into volumes of at most `budget` bytes. */
export function planVolumes(db: DB, planId: number, budget: number): PlannedVolumes {
  const outline = packOutline(db, planId);
  const folders = taskFolders(outline);
  const entries: { path: string; bytes: number }[] = [];
  const stored: PlannedVolumes['stored'] = [];
  let indexRows = 0;
  for (const [i, task] of outline.entries()) {
    const layout = layoutTask(task, folders[i]!, packTaskRows(db, task));
    indexRows += layout.rows.length;
    for (const entry of layout.entries) {
      if (entry.kind === 'stored') stored.push(entry);
      entries.push({ path: entry.path, bytes: entry.kind === 'text' ? Buffer.byteLength(entry.content, 'utf8') : (entry.size ?? 0) });
    }
  }
  const parts = splitIntoParts(entries, indexRows, budget);
  return { ...parts, byPath: new Map(entries.map((e, i) => [e.path, parts.partOf[i]!])), fits: fitsBudget(parts, budget), stored };
}

/** Reads every stored file once: those missing from the archive, and those whose bytes no longer have their sha256. */
export async function checkStoredFiles(storeRoot: string, files: PlannedVolumes['stored']): Promise<Map<number, FileOutcome>> {
  const outcomes = new Map<number, FileOutcome>();
  for (const file of files) {
    const outcome = await sha256OfFile(storedFilePath(storeRoot, file.sha256)).then(
      (hash) => (hash === file.sha256 ? null : 'damaged'),
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return 'not-in-store' as const;
        throw error;
      },
    );
    if (outcome) outcomes.set(file.evidenceId, outcome);
  }
  return outcomes;
}
