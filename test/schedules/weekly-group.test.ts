/**
 * The leading group's weekly summary is one per plan and week, even when the group becomes a
 * supergroup after it went out (found by test/faults/telegram-faults.test.ts: the summary's key
 * names the chat, so the adopted new id planned the week's summary a second time).
 */
import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { freshDatabase } from '../support/db';
import { outbox, plans } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';
import { createCalendar } from '../../schedules/calendar';
import { planWeeklySummaries } from '../../schedules/weekly';
import { adoptMigratedChat } from '../../schedules/chat-migration';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

describe("the leading group's weekly summary", () => {
  it('goes once a week to the group, not again to its supergroup that week, and to the supergroup the next', () => {
    const { db } = freshDatabase();
    const calendar = createCalendar();
    db.insert(plans).values({ key: '计划|2026', title: '计划', year: 2026, sourceName: 'p.csv', leadGroupChatId: -500 }).run();
    const groupRows = () =>
      db
        .select({ chatId: outbox.chatId, period: outbox.period })
        .from(outbox)
        .where(and(eq(outbox.kind, 'weekly-summary'), isNull(outbox.personId)))
        .all();

    expect(planWeeklySummaries(db, calendar, sh('2026-03-09T09:00'))).toBe(1);
    db.update(outbox).set({ status: 'sent', messageId: 1 }).run();
    // Upgraded on Tuesday: the plan's leading group is now the supergroup.
    adoptMigratedChat(db, -500, -100500, sh('2026-03-10T10:00'));
    expect(planWeeklySummaries(db, calendar, sh('2026-03-10T10:01'))).toBe(0);
    expect(planWeeklySummaries(db, calendar, sh('2026-03-16T09:00'))).toBe(1);
    expect(groupRows()).toEqual([
      { chatId: -500, period: '2026-W11' },
      { chatId: -100500, period: '2026-W12' },
    ]);
  });
});
