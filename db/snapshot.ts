/**
 * A consistent copy of a live database, for work that reads a lot over a long time (the ledger,
 * the inspection pack): it reads the copy, so it sees one state of the data throughout and holds
 * no read transaction on the live file (a long one would keep the bot's WAL from being
 * checkpointed).
 */
import type Database from 'better-sqlite3';

/**
 * SQLite's online backup, in one step: a step-wise copy starts over whenever the bot commits
 * between two steps, so under a busy bot it might never finish. In WAL mode the bot keeps
 * writing meanwhile; it only waits (its busy timeout) in rollback-journal mode.
 */
export function copyDatabase(sqlite: Database.Database, target: string): Promise<Database.BackupMetadata> {
  return sqlite.backup(target, { progress: () => 0x7fffffff });
}
