/**
 * A group upgraded to a supergroup gets a new chat id. Everything addressed to the old id moves
 * to the new one at once: the people whose chat it is, the reminders still pending, and the
 * plans whose leading group it is (else every later summary and circular would first be
 * refused by Telegram with migrate_to_chat_id).
 */
import { and, eq } from 'drizzle-orm';
import type { DB } from '../db';
import { outbox, people, plans } from '../db/schema';

export function adoptMigratedChat(db: DB, oldId: number, newId: number, now: Date): void {
  db.transaction(() => {
    db.update(people).set({ chatId: newId, updatedAt: now }).where(eq(people.chatId, oldId)).run();
    db.update(outbox)
      .set({ chatId: newId, updatedAt: now })
      .where(and(eq(outbox.chatId, oldId), eq(outbox.status, 'pending')))
      .run();
    db.update(plans).set({ leadGroupChatId: newId, updatedAt: now }).where(eq(plans.leadGroupChatId, oldId)).run();
  });
}
