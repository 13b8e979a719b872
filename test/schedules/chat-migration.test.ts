import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase } from '../support/db';
import { outbox, people, plans } from '../../db/schema';
import { adoptMigratedChat } from '../../schedules/chat-migration';

describe('adoptMigratedChat', () => {
  it('moves people, pending reminders and leading groups from the old chat id to the new one, and nothing else', () => {
    const { db } = freshDatabase();
    const now = new Date('2026-03-05T01:00:00Z');
    const member = db.insert(people).values({ telegramId: 1, chatId: -500, name: '群' }).returning().get();
    const other = db.insert(people).values({ telegramId: 2, chatId: 2, name: '员' }).returning().get();
    const plan = db
      .insert(plans)
      .values({ key: '计划|2026', title: '计划', year: 2026, sourceName: 'p.txt', leadGroupChatId: -500 })
      .returning()
      .get();
    const otherPlan = db
      .insert(plans)
      .values({ key: '另一计划|2026', title: '另一计划', year: 2026, sourceName: 'q.txt', leadGroupChatId: -600 })
      .returning()
      .get();
    const row = (key: string, chatId: number, status: 'pending' | 'sent') =>
      db.insert(outbox).values({ key, chatId, kind: 'weekly-summary', sendAfter: now, payload: {}, status }).returning().get().id;
    const pending = row('a', -500, 'pending');
    const sent = row('b', -500, 'sent');
    const elsewhere = row('c', 2, 'pending');

    adoptMigratedChat(db, -500, -100500, now);

    const chatOf = (id: number) => db.select({ chatId: people.chatId }).from(people).where(eq(people.id, id)).get()!.chatId;
    expect([chatOf(member.id), chatOf(other.id)]).toEqual([-100500, 2]);
    const groupOf = (id: number) => db.select({ chat: plans.leadGroupChatId }).from(plans).where(eq(plans.id, id)).get()!.chat;
    expect([groupOf(plan.id), groupOf(otherPlan.id)]).toEqual([-100500, -600]);
    const rowChat = (id: number) => db.select({ chatId: outbox.chatId }).from(outbox).where(eq(outbox.id, id)).get()!.chatId;
    // A sent row keeps the chat it went to: its message id belongs to that chat.
    expect([rowChat(pending), rowChat(sent), rowChat(elsewhere)]).toEqual([-100500, -500, 2]);
  });
});
