/**
 * The ledger written to a file for the command line (`duban export --out FILE [--period
 * YYYY-MM]`): every live plan, every unit. The file appears whole or not at all: it is
 * written beside the target, flushed to disk, then renamed over it.
 */
import { closeSync, createWriteStream, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { openDatabase, type Database_ } from '../../db';
import { writeLedger, type LedgerSummary } from './build-ledger';
import { checkPeriod } from './options';

export async function exportLedgerToFile(dbFile: string, out: string, options: { period?: string; now: Date }): Promise<LedgerSummary> {
  if (options.period !== undefined) checkPeriod(options.period);
  // openDatabase would create (and migrate) a missing file: an export must not.
  if (!existsSync(dbFile)) throw new Error(`database file not found: ${dbFile}`);
  const temporary = `${out}.tmp`;
  // Opened here so a missing or read-only folder fails at once, before any work.
  const file = createWriteStream(temporary, { fd: openSync(temporary, 'w') });
  // A write error (disk full) would otherwise leave the workbook waiting for a 'finish' that never comes.
  const failed = new Promise<never>((_, reject) => file.once('error', reject));
  failed.catch(() => undefined);
  // 'close' comes after the last byte reached the file, also after an error; it never rejects.
  const closed = new Promise<void>((resolve) => file.once('close', () => resolve()));
  let database: Database_ | null = null;
  try {
    database = openDatabase(dbFile);
    const summary = await Promise.race([writeLedger(database.db, { period: options.period, now: options.now }, file), failed]);
    file.end(); // the zip ends the stream itself; this only makes sure
    await Promise.race([closed, failed]);
    const fd = openSync(temporary, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, out);
    return summary;
  } catch (error) {
    file.destroy();
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    database?.close();
  }
}
