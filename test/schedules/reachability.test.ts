/**
 * Blocked, then back (schedules/reachability.ts), on the demo plan: which reminders a liaison
 * gets when they can be reached again, and the rule that marks them unreachable.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { and, eq } from 'drizzle-orm';
import { freshDatabase } from '../support/db';
import { seedDemo } from '../../sandbox/demo/seed';
import { auditLog, outbox, people, reports, units } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';
import { loadCalendar, runPlanningTick } from '../../schedules/planner-store';
import { markReachable, markUnreachable } from '../../schedules/reachability';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const day = (date: Date | null) => (date ? DateTime.fromJSDate(date, { zone: PLAN_ZONE }).toFormat('MM-dd HH:mm') : null);

async function setup(seededAt = '2026-01-01T08:00') {
  const { db } = freshDatabase();
  await seedDemo(db, { year: 2026, now: sh(seededAt) });
  const idOf = (telegramId: number) => db.select().from(people).where(eq(people.telegramId, telegramId)).get()!.id;
  const liaison = idOf(2001); // 李娜, 政策法规处
  const lead = idOf(3001);
  const rowsOf = (personId: number) => db.select().from(outbox).where(eq(outbox.personId, personId)).orderBy(outbox.id).all();
  return { db, calendar: loadCalendar(db), liaison, lead, rowsOf };
}

describe('a liaison who comes back', () => {
  it('after two months away gets what is still useful: the reminders still ahead, and one overdue notice per requirement, not a backlog', async () => {
    const t = await setup();
    markUnreachable(t.db, t.liaison, sh('2026-01-05T09:30'), { via: 'my_chat_member' });
    const back = markReachable(t.db, t.calendar, t.liaison, sh('2026-03-05T10:00'), { via: 'message' });
    expect(back?.since).toEqual(sh('2026-01-05T09:30'));
    const rows = t.rowsOf(t.liaison);
    expect(back?.planned).toBe(rows.length);
    expect(rows.every((r) => r.status === 'pending' && day(r.sendAfter) === '03-05 10:00')).toBe(true);
    // Nothing whose moment has passed: no reminder before a due day gone by, no January.
    expect(new Set(rows.map((r) => `${r.kind} ${r.period}`))).toEqual(new Set(['overdue 2026-02', 'before-3 2026-03']));
    expect(rows.filter((r) => r.kind === 'before-3').every((r) => day(r.dueAt) === '03-10 23:59')).toBe(true);
    // One overdue notice per requirement: its latest missed period.
    const overdue = rows.filter((r) => r.kind === 'overdue').map((r) => r.requirementId);
    expect(overdue.length).toBe(new Set(overdue).size);
    expect(overdue.length).toBeGreaterThan(5);
    // The dispatcher makes one message per kind and due day (up to ten items): a handful, not a flood.
    expect(new Set(rows.map((r) => `${r.kind} ${day(r.dueAt)}`)).size).toBeLessThanOrEqual(4);
  });

  it('a period reported meanwhile (by a colleague) is not reminded; the latest one still missing is', async () => {
    const t = await setup();
    markUnreachable(t.db, t.liaison, sh('2026-01-05T09:30'), { via: '403' });
    const unit = t.db.select().from(units).where(eq(units.name, '政策法规处')).get()!;
    markReachable(t.db, t.calendar, t.liaison, sh('2026-03-05T10:00'), { via: 'message' });
    const someOverdue = t.rowsOf(t.liaison).find((r) => r.kind === 'overdue')!;
    // Again, with that period reported before she came back.
    const u = await setup();
    markUnreachable(u.db, u.liaison, sh('2026-01-05T09:30'), { via: '403' });
    u.db
      .insert(reports)
      .values({
        requirementId: someOverdue.requirementId!,
        unitId: unit.id,
        period: someOverdue.period!,
        status: 'done',
        reportedAt: sh('2026-02-12T10:00'),
        late: true,
      })
      .run();
    markReachable(u.db, u.calendar, u.liaison, sh('2026-03-05T10:00'), { via: 'message' });
    // February is done: what the requirement still lacks is January, and that is what she hears, once.
    expect(
      u
        .rowsOf(u.liaison)
        .filter((r) => r.requirementId === someOverdue.requirementId)
        .map((r) => `${r.kind} ${r.period}`),
    ).toEqual(['overdue 2026-01', 'before-3 2026-03']);
    expect(u.rowsOf(u.liaison).length).toBe(t.rowsOf(t.liaison).length);
  });

  it('back in the evening: the reminders wait for the next working morning, if they can still go out before the due moment', async () => {
    const t = await setup();
    markUnreachable(t.db, t.liaison, sh('2026-03-04T12:00'), { via: 'my_chat_member' });
    markReachable(t.db, t.calendar, t.liaison, sh('2026-03-05T22:00'), { via: 'my_chat_member' });
    const rows = t.rowsOf(t.liaison);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.kind === 'before-3' && day(r.sendAfter) === '03-06 09:00')).toBe(true);
  });

  it('a reminder that bounced (403) just before is sent again, once: the same row, not a second one', async () => {
    const t = await setup();
    runPlanningTick(t.db, t.calendar, sh('2026-03-04T12:00'));
    runPlanningTick(t.db, t.calendar, sh('2026-03-05T09:00'));
    const planned = t.rowsOf(t.liaison);
    expect(planned.length).toBeGreaterThan(0);
    // As the dispatcher leaves them: the first message bounced, the rest skipped.
    t.db.update(outbox).set({ status: 'skipped', lastError: 'unreachable' }).where(eq(outbox.personId, t.liaison)).run();
    t.db
      .update(outbox)
      .set({ status: 'failed', lastError: 'Forbidden: bot was blocked by the user', attempts: 1 })
      .where(eq(outbox.id, planned[0]!.id))
      .run();
    markUnreachable(t.db, t.liaison, sh('2026-03-05T09:00:05'), { via: '403' });
    runPlanningTick(t.db, t.calendar, sh('2026-03-05T10:00'));
    const back = markReachable(t.db, t.calendar, t.liaison, sh('2026-03-05T11:00'), { via: 'my_chat_member' });
    const rows = t.rowsOf(t.liaison);
    expect(rows.map((r) => r.id)).toEqual(planned.map((r) => r.id));
    expect(back?.planned).toBe(planned.length);
    expect(
      rows.every((r) => r.status === 'pending' && r.attempts === 0 && r.lastError === null && day(r.sendAfter) === '03-05 11:00'),
    ).toBe(true);
  });

  it('what bounced and is stale by the time they are back stays given up, for good; the overdue notice comes instead', async () => {
    const t = await setup();
    runPlanningTick(t.db, t.calendar, sh('2026-03-04T12:00'));
    runPlanningTick(t.db, t.calendar, sh('2026-03-05T09:00'));
    t.db.update(outbox).set({ status: 'skipped', lastError: 'unreachable' }).where(eq(outbox.personId, t.liaison)).run();
    const given = t.rowsOf(t.liaison);
    markUnreachable(t.db, t.liaison, sh('2026-03-05T09:00:05'), { via: '403' });
    markReachable(t.db, t.calendar, t.liaison, sh('2026-03-11T10:00'), { via: 'message' });
    const rows = t.rowsOf(t.liaison);
    const old = rows.filter((r) => given.some((g) => g.id === r.id));
    expect(old.every((r) => r.status === 'skipped' && r.lastError === 'not sent again on return: unreachable')).toBe(true);
    const fresh = rows.filter((r) => !given.some((g) => g.id === r.id));
    expect(new Set(fresh.map((r) => `${r.kind} ${r.period} ${r.status}`))).toEqual(new Set(['overdue 2026-03 pending']));
    // Given up for good: a second absence does not bring them back either.
    markUnreachable(t.db, t.liaison, sh('2026-03-12T09:00'), { via: '403' });
    markReachable(t.db, t.calendar, t.liaison, sh('2026-03-12T10:00'), { via: 'message' });
    expect(
      t
        .rowsOf(t.liaison)
        .filter((r) => given.some((g) => g.id === r.id))
        .every((r) => r.status === 'skipped'),
    ).toBe(true);
  });
});

describe('marking a person unreachable', () => {
  it('tells the lead once per absence, is audited, and a lead not yet told when they are back is not told at all', async () => {
    const t = await setup();
    const notices = () =>
      t.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.personId, t.lead), eq(outbox.kind, 'unreachable')))
        .orderBy(outbox.id)
        .all();
    expect(markUnreachable(t.db, t.liaison, sh('2026-03-05T09:00'), { via: '403', detail: 'Forbidden: bot was blocked by the user' })).toBe(
      true,
    );
    expect(markUnreachable(t.db, t.liaison, sh('2026-03-05T09:01'), { via: 'my_chat_member' })).toBe(false);
    expect(t.db.select({ at: people.unreachableAt }).from(people).where(eq(people.id, t.liaison)).get()!.at).toEqual(
      sh('2026-03-05T09:00'),
    );
    expect(notices().map((n) => [n.status, n.payload])).toEqual([['pending', { personId: t.liaison }]]);

    expect(
      markReachable(t.db, t.calendar, t.liaison, sh('2026-03-05T09:02'), {
        via: 'my_chat_member',
        actor: { personId: t.liaison, label: '李娜' },
      }),
    ).not.toBeNull();
    expect(markReachable(t.db, t.calendar, t.liaison, sh('2026-03-05T09:03'), { via: 'message' })).toBeNull();
    expect(notices().map((n) => [n.status, n.lastError])).toEqual([['skipped', 'reachable again']]);
    // Sent, the next absence is news again.
    t.db.update(outbox).set({ status: 'sent' }).where(eq(outbox.kind, 'unreachable')).run();
    markUnreachable(t.db, t.liaison, sh('2026-03-06T09:00'), { via: 'my_chat_member', actor: { personId: t.liaison, label: '李娜' } });
    expect(notices().map((n) => n.status)).toEqual(['sent', 'pending']);

    const audit = t.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.subject, `person:${t.liaison}`))
      .orderBy(auditLog.id)
      .all();
    expect(audit.map((a) => [a.action, a.actorLabel, (a.details as { via: string }).via])).toEqual([
      ['person.unreachable', 'system', '403'],
      ['person.reachable', '李娜', 'my_chat_member'],
      ['person.unreachable', '李娜', 'my_chat_member'],
    ]);
    expect(audit[0]!.details).toEqual({ via: '403', detail: 'Forbidden: bot was blocked by the user' });
  });
});
