/**
 * The update inbox: updates received but not yet handled (see db/schema.ts `updateInbox` and
 * bot/polling.ts for why). Written once per batch, emptied by the dedupe middleware as each
 * update finishes, read at start for what a crash cut off.
 */
import { asc, inArray } from 'drizzle-orm';
import type { Update } from 'grammy/types';
import type { DB } from '../db';
import { prepared } from '../db/prepared';
import { updateInbox } from '../db/schema';

/** An update cut off by this many crashes is given up: it is what kills the process. */
export const MAX_REPLAY_ATTEMPTS = 3;

export function receiveUpdates(db: DB, updates: readonly Update[], now: Date): void {
  if (updates.length === 0) return;
  // Once per batch of updates: prepared once per connection (db/prepared.ts).
  const insert = prepared(db, 'INSERT OR IGNORE INTO update_inbox (update_id, "update", received_at, attempts) VALUES (?, ?, ?, 0)');
  db.$client.transaction(() => {
    for (const update of updates) insert.run(update.update_id, JSON.stringify(update), now.getTime());
  })();
}

/**
 * The updates a crash left unhandled, oldest first, each counted as one more attempt; those
 * already tried MAX_REPLAY_ATTEMPTS times are removed and returned as given up.
 */
export function takeUpdatesToReplay(db: DB): { replay: Update[]; givenUp: number[] } {
  return db.transaction((tx) => {
    const rows = tx.select().from(updateInbox).orderBy(asc(updateInbox.updateId)).all();
    const givenUp = rows.filter((r) => r.attempts >= MAX_REPLAY_ATTEMPTS).map((r) => r.updateId);
    if (givenUp.length > 0) tx.delete(updateInbox).where(inArray(updateInbox.updateId, givenUp)).run();
    const replay = rows.filter((r) => r.attempts < MAX_REPLAY_ATTEMPTS);
    const bump = db.$client.prepare('UPDATE update_inbox SET attempts = attempts + 1 WHERE update_id = ?');
    for (const row of replay) bump.run(row.updateId);
    return { replay: replay.map((r) => r.update as Update), givenUp };
  });
}
