/**
 * The outbox's keys (schedules/outbox-key.ts): one builder, writing each kind's key exactly as
 * the planners wrote it before the builder existed, so the rows of an older database keep
 * their keys and the unique index still stops everything already planned from being planned
 * again.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { outboxKey, type OutboxKeyParts } from '../../schedules/outbox-key';
import { outbox } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';
import { startE2E } from '../support/e2e';

const at = new Date('2026-03-02T01:00:00Z');

describe('outbox keys', () => {
  it('are the shapes the planners wrote before, kind by kind', () => {
    const cases: [OutboxKeyParts, string][] = [
      [{ kind: 'before-3', personId: 7, requirementId: 12, unitId: 3, period: '2026-03' }, 'before-3|r12|u3|p7|2026-03'],
      [{ kind: 'due', personId: 7, requirementId: 12, unitId: 3, period: '2026-Q1' }, 'due|r12|u3|p7|2026-Q1'],
      [{ kind: 'overdue', personId: 7, requirementId: 12, unitId: 3, period: 'event-5' }, 'overdue|r12|u3|p7|event-5'],
      [{ kind: 'overdue-lead', personId: 9, requirementId: null, unitId: 3, period: '@2026-03-10' }, 'overdue-lead|r-|u3|p9|@2026-03-10'],
      [{ kind: 'no-liaison', personId: 9, requirementId: null, unitId: 3, period: '@2026-03-10' }, 'no-liaison|r-|u3|p9|@2026-03-10'],
      [
        { kind: 'snooze', day: '2026-03-03', personId: 7, requirementId: 12, unitId: 3, period: '2026-03' },
        'snooze@2026-03-03|p7|r12|u3|2026-03',
      ],
      [{ kind: 'weekly-summary', to: { personId: 9 }, week: '2026-W10' }, 'weekly|p9|2026-W10'],
      [{ kind: 'weekly-summary', to: { planId: 2 }, week: '2026-W10' }, 'weekly|plan2|2026-W10'],
      [{ kind: 'circular-draft', personId: 1, circularId: 4 }, 'circular-draft|p1|c4'],
      [{ kind: 'circular', to: { personId: 9 }, circularId: 4 }, 'circular|p9|c4'],
      [{ kind: 'circular', to: { groupChatId: -1001 }, circularId: 4 }, 'circular|g-1001|c4'],
      [{ kind: 'calendar-missing', personId: 1, year: 2027 }, 'calendar-missing|p1|2027'],
      [{ kind: 'unreachable', personId: 9, aboutPersonId: 7, since: at }, `unreachable|p9|person7|@${at.getTime()}`],
      [{ kind: 'group-lost', personId: 1, planId: 2, chatId: -1001, at }, `group-lost|p1|plan2|g-1001|@${at.getTime()}`],
      [{ kind: 'too-long', personId: 1, outboxId: 55 }, 'too-long|p1|o55'],
    ];
    for (const [parts, key] of cases) expect(outboxKey(parts)).toBe(key);
  });

  it('the planners write them so: every row a busy week plans has the key the old format gives its columns', async () => {
    // Monday 9 March, 09:00: reminders before 10 March's deadlines and the weekly summaries.
    const e2e = await startE2E({ now: DateTime.fromISO('2026-03-09T09:00', { zone: PLAN_ZONE }).toJSDate() });
    // The first tick plans from now on; the next plans the reminders falling due in the minute since.
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    e2e.clock.advance(24 * 3600_000);
    await scheduler.tick();
    const rows = e2e.db.select().from(outbox).all();
    const kinds = new Set(rows.map((r) => r.kind));
    expect(kinds.has('weekly-summary')).toBe(true);
    expect([...kinds].some((k) => k.startsWith('before-') || k === 'due')).toBe(true);
    for (const row of rows) {
      // The formats as planner.ts and weekly.ts wrote them before schedules/outbox-key.ts.
      // A lead's notice about a unit is keyed by its due day, once a day however many periods.
      const dueDay = row.dueAt && DateTime.fromJSDate(row.dueAt, { zone: PLAN_ZONE }).toISODate();
      const old =
        row.kind === 'weekly-summary'
          ? `weekly|p${row.personId}|${row.period}`
          : row.kind === 'overdue-lead' || row.kind === 'no-liaison'
            ? `${row.kind}|r-|u${row.unitId}|p${row.personId}|@${dueDay}`
            : `${row.kind}|r${row.requirementId}|u${row.unitId}|p${row.personId}|${row.period}`;
      expect(row.key).toBe(old);
    }
  });
});
