/**
 * Skips updates already handled: Telegram delivers the last batch again when the bot
 * restarts before confirming it. Recorded after the handling succeeded, so an update a crash
 * cut off runs again (its writes are transactions, so it completes once).
 */
import type { MiddlewareFn } from 'grammy';
import { eq, lt, max } from 'drizzle-orm';
import type { DB } from '../db';
import { processedUpdates } from '../db/schema';
import type { Clock } from './clock';

/** How long update ids are remembered: longer than any restart, shorter than Telegram's week of idle (after which ids restart at random). */
export const REMEMBER_UPDATES_MS = 2 * 24 * 3600_000;

export function dedupeUpdates(db: DB, clock: Clock): MiddlewareFn {
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    if (db.select({ id: processedUpdates.updateId }).from(processedUpdates).where(eq(processedUpdates.updateId, id)).get()) return;
    await next();
    const now = clock.now();
    db.insert(processedUpdates).values({ updateId: id, at: now }).onConflictDoNothing().run();
  };
}

export function forgetOldUpdates(db: DB, now: Date): void {
  db.delete(processedUpdates).where(lt(processedUpdates.at, new Date(now.getTime() - REMEMBER_UPDATES_MS))).run();
}

/** The highest update id handled, so a fresh sandbox emulator can continue after it. */
export function lastUpdateId(db: DB): number {
  return db.select({ id: max(processedUpdates.updateId) }).from(processedUpdates).get()?.id ?? 0;
}
