/**
 * The ids of updates already handled (table processed_updates): written by the bot's dedupe
 * middleware (bot/dedupe.ts), pruned by the scheduler's chores, read by the sandbox to continue
 * after the last id.
 */
import { lt, max } from 'drizzle-orm';
import type { DB } from './index';
import { processedUpdates } from './schema';

/** How long update ids are remembered: longer than any restart, shorter than Telegram's week of idle (after which ids restart at random). */
export const REMEMBER_UPDATES_MS = 2 * 24 * 3600_000;

export function forgetOldUpdates(db: DB, now: Date): void {
  db.delete(processedUpdates)
    .where(lt(processedUpdates.at, new Date(now.getTime() - REMEMBER_UPDATES_MS)))
    .run();
}

/** The highest update id handled, so a fresh sandbox emulator can continue after it. */
export function lastUpdateId(db: DB): number {
  return (
    db
      .select({ id: max(processedUpdates.updateId) })
      .from(processedUpdates)
      .get()?.id ?? 0
  );
}
