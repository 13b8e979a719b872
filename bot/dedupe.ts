/**
 * Skips updates already handled: Telegram delivers the last batch again when the bot
 * restarts before confirming it, and the update inbox replays what a crash cut off. Recorded
 * after the handling succeeded (and taken out of the inbox in the same transaction), so an
 * update a crash cut off runs again (its writes are transactions, so it completes once).
 */
import type { MiddlewareFn } from 'grammy';
import type { DB } from '../db';
import { REMEMBER_UPDATES_MS } from '../db/processed-updates';
import type { Clock } from '../core/clock';

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
  const record = db.$client.prepare(
    'INSERT INTO processed_updates (update_id, at) VALUES (?, ?) ON CONFLICT (update_id) DO UPDATE SET at = excluded.at',
  );
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
