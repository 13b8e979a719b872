/**
 * Where the conversations plugin keeps each chat's conversation state: a SQLite table, so a
 * restart of the bot resumes a /report half-way through instead of losing it.
 *
 * Read and written on every update of a chat in a conversation, so with statements prepared
 * once (drizzle would build and prepare the SQL on every call); the rows are what drizzle
 * writes for `conversationState` (db/schema.ts): the state as JSON text, times in ms.
 *
 * A state is stored with the version of the conversations' steps it was made by
 * (CONVERSATION_STATE_VERSION). A state of another version cannot be replayed by this code (its
 * replay log answers other steps), so it is deleted when read, and `onOutdated` hears which
 * conversations the chat was in: the person is told what was lost (bot/conversation-upgrade.ts).
 */
import type { VersionedState, VersionedStateStorage } from '@grammyjs/conversations';
import type { DB } from '../db';
import type { Clock } from '../core/clock';

/**
 * The version of what the conversations keep in their replay logs. Raise it with any change to
 * the steps of /report or /import that changes the order or the shape of what they wait for,
 * send or read through `conversation.external`.
 * - 0: until 2026-12-05.
 * - 1: /report keeps its pick list's buttons, not the choices, and reads the clock once per step.
 */
export const CONVERSATION_STATE_VERSION = 1;

export interface ConversationStorageOptions {
  /** The version states are written with and read at (CONVERSATION_STATE_VERSION). */
  version: number;
  /** A chat's state of another version was deleted: the names of the conversations it held. */
  onOutdated?: (key: string, conversations: string[]) => void;
}

export function sqliteConversationStorage<S>(db: DB, clock: Clock, options: ConversationStorageOptions): VersionedStateStorage<string, S> {
  const select = db.$client.prepare<[string], string>('SELECT state FROM conversation_state WHERE key = ?').pluck();
  const upsert = db.$client.prepare<[string, string, number, number]>(
    `INSERT INTO conversation_state (key, state, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  );
  const remove = db.$client.prepare<[string]>('DELETE FROM conversation_state WHERE key = ?');
  return {
    read(key) {
      const text = select.get(key);
      if (text === undefined) return undefined;
      const stored = JSON.parse(text) as VersionedState<S>;
      if (!Array.isArray(stored.version) || stored.version[1] !== options.version) {
        remove.run(key);
        const held = stored.state && typeof stored.state === 'object' ? Object.keys(stored.state) : [];
        options.onOutdated?.(key, held);
        return undefined;
      }
      return stored;
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
