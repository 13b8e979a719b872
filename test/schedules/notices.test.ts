/**
 * The notices' registry (app/notices.ts) and the one way into the outbox (schedules/enqueue.ts):
 * every kind a real tick writes is worded by a notice, and a message enqueued twice is one row.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { NOTICES } from '../../app/notices';
import { distinctNotices, noticeOf } from '../../schedules/notices/notice';
import { liaisonReminder } from '../../schedules/notices/liaison-reminder';
import { calendarMissingNotice } from '../../schedules/notices/calendar-missing';
import { weeklySummaryNotice } from '../../digests/notices/weekly-summary';
import { circularNotice } from '../../digests/notices/circular';
import { enqueue } from '../../schedules/enqueue';
import { outboxKey } from '../../schedules/outbox-key';
import { outbox, people } from '../../db/schema';
import { PLAN_ZONE } from '../../core/zone';
import { freshDatabase } from '../support/db';
import { startE2E } from '../support/e2e';

describe('the notices', () => {
  it('word every kind: the reminders N days before share one notice', () => {
    for (const kind of ['before-1', 'before-3', 'before-10', 'due', 'overdue', 'snooze'] as const)
      expect(noticeOf(NOTICES, kind)).toBe(liaisonReminder);
    expect(noticeOf(NOTICES, 'circular-draft')).toBe(circularNotice);
    expect(noticeOf(NOTICES, 'circular')).toBe(circularNotice);
  });

  it('plan each tick in order: the calendar warning, the weekly summary, the circular', () => {
    const planners = distinctNotices(NOTICES).filter((notice) => notice.plan !== undefined);
    expect(planners).toEqual([calendarMissingNotice, weeklySummaryNotice, circularNotice]);
  });

  it("send every row of a real scheduler's busy days, each kind worded by its own notice", async () => {
    const e2e = await startE2E({ now: DateTime.fromISO('2026-03-09T09:00', { zone: PLAN_ZONE }).toJSDate() });
    const scheduler = e2e.scheduler();
    for (let day = 0; day < 4; day++) {
      await scheduler.tick();
      e2e.clock.advance(24 * 3600_000);
    }
    const rows = e2e.db.select({ kind: outbox.kind, status: outbox.status, lastError: outbox.lastError }).from(outbox).all();
    const kinds = new Set(rows.map((row) => row.kind));
    expect(kinds.has('weekly-summary')).toBe(true);
    expect([...kinds].some((kind) => kind.startsWith('before-') || kind === 'due')).toBe(true);
    for (const kind of kinds) expect(noticeOf(NOTICES, kind)).toBeDefined();
    // Nothing failed to render or send; what was not sent was skipped for a reason (reported, stale).
    expect(rows.filter((row) => row.status === 'failed')).toEqual([]);
    expect(rows.filter((row) => row.status === 'sent').length).toBeGreaterThan(0);
  });
});

describe('enqueue', () => {
  it('writes the key outboxKey() builds and the typed payload; the same message again adds nothing', () => {
    const { db } = freshDatabase();
    const now = new Date('2026-03-02T01:00:00Z');
    const personId = db
      .insert(people)
      .values({ telegramId: 1001, chatId: 1001, name: '管理员', createdAt: now, updatedAt: now })
      .returning()
      .get().id;
    const message = { key: { kind: 'calendar-missing' as const, personId, year: 2027 }, personId, chatId: 1001, payload: { year: 2027 } };
    expect(enqueue(db, message, now)).toBe(1);
    expect(enqueue(db, message, new Date(now.getTime() + 60_000))).toBe(0);
    const rows = db.select().from(outbox).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      key: outboxKey(message.key),
      kind: 'calendar-missing',
      payload: { year: 2027 },
      sendAfter: now,
      status: 'pending',
    });
  });
});
