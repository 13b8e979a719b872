/**
 * Where the conversations plugin keeps each chat's conversation state: a SQLite table, so a
 * restart of the bot resumes a /report half-way through instead of losing it.
 */
import { eq } from 'drizzle-orm';
import type { VersionedStateStorage } from '@grammyjs/conversations';
import type { DB } from '../db';
import { conversationState } from '../db/schema';
import type { Clock } from '../core/clock';

export function sqliteConversationStorage<S>(db: DB, clock: Clock): VersionedStateStorage<string, S> {
  return {
    read(key) {
      const row = db.select({ state: conversationState.state }).from(conversationState).where(eq(conversationState.key, key)).get();
      return row?.state as never;
    },
    write(key, state) {
      const now = clock.now();
      db.insert(conversationState)
        .values({ key, state, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: conversationState.key, set: { state, updatedAt: now } })
        .run();
    },
    delete(key) {
      db.delete(conversationState).where(eq(conversationState.key, key)).run();
    },
  };
}
