/**
 * Where the conversations plugin keeps each chat's conversation state: a SQLite table, so a
 * restart of the bot resumes a /report half-way through instead of losing it.
 *
 * Read and written on every update of a chat in a conversation, so with statements prepared
 * once (drizzle would build and prepare the SQL on every call); the rows are what drizzle
 * writes for `conversationState` (db/schema.ts): the state as JSON text, times in ms.
 */
import type { VersionedStateStorage } from '@grammyjs/conversations';
import type { DB } from '../db';
import type { Clock } from '../core/clock';

export function sqliteConversationStorage<S>(db: DB, clock: Clock): VersionedStateStorage<string, S> {
  const select = db.$client.prepare<[string], string>('SELECT state FROM conversation_state WHERE key = ?').pluck();
  const upsert = db.$client.prepare<[string, string, number, number]>(
    `INSERT INTO conversation_state (key, state, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  );
  const remove = db.$client.prepare<[string]>('DELETE FROM conversation_state WHERE key = ?');
  return {
    read(key) {
      const state = select.get(key);
      return (state === undefined ? undefined : JSON.parse(state)) as never;
    },
    write(key, state) {
      const now = clock.now().getTime();
      upsert.run(key, JSON.stringify(state), now, now);
    },
    delete(key) {
      remove.run(key);
    },
  };
}
