/**
 * Skips updates already handled: Telegram delivers the last batch again when the bot
 * restarts before confirming it, and the update inbox replays what a crash cut off. Recorded
 * after the handling succeeded (and taken out of the inbox in the same transaction), so an
 * update a crash cut off runs again (its writes are transactions, so it completes once).
 */
import type { MiddlewareFn } from 'grammy';
import { lt, max } from 'drizzle-orm';
import type { DB } from '../db';
import { processedUpdates } from '../db/schema';
import type { Clock } from './clock';

/** How long update ids are remembered: longer than any restart, shorter than Telegram's week of idle (after which ids restart at random). */
export const REMEMBER_UPDATES_MS = 2 * 24 * 3600_000;

/**
 * `onError` hears a failure to record an update as handled (a database refusing writes): the
 * person was answered, so that is no error for them; at worst the update runs again after a
 * restart.
 */
export function dedupeUpdates(db: DB, clock: Clock, onError: (error: unknown) => void): MiddlewareFn {
  // Only ids handled within the window count: after a week without updates Telegram restarts
  // update_id at another number, and an old id seen again is then a new update.
  const handled = db.$client.prepare('SELECT 1 FROM processed_updates WHERE update_id = ? AND at >= ?').pluck();
  // An id handled long ago and seen again (ids restarted) takes the new time.
  const record = db.$client.prepare('INSERT INTO processed_updates (update_id, at) VALUES (?, ?) ON CONFLICT (update_id) DO UPDATE SET at = excluded.at');
  const unqueue = db.$client.prepare('DELETE FROM update_inbox WHERE update_id = ?');
  const finish = db.$client.transaction((id: number, at: number) => {
    record.run(id, at);
    unqueue.run(id);
  });
  return async (ctx, next) => {
    const id = ctx.update.update_id;
    if (handled.get(id, clock.now().getTime() - REMEMBER_UPDATES_MS) !== undefined) {
      unqueue.run(id);
      return;
    }
    await next();
    try {
      finish(id, clock.now().getTime());
    } catch (error) {
      onError(error);
    }
  };
}

export function forgetOldUpdates(db: DB, now: Date): void {
  db.delete(processedUpdates).where(lt(processedUpdates.at, new Date(now.getTime() - REMEMBER_UPDATES_MS))).run();
}

/** The highest update id handled, so a fresh sandbox emulator can continue after it. */
export function lastUpdateId(db: DB): number {
  return db.select({ id: max(processedUpdates.updateId) }).from(processedUpdates).get()?.id ?? 0;
}
