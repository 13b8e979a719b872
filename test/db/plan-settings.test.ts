/**
 * What the admin commands read and change besides deadlines, on a real database: /leads
 * (db/lead-roster.ts), /policy (db/plan-policy.ts), /group (db/lead-group.ts) and /calendar
 * (db/calendar-overrides.ts); each change with its audit entry.
 */
import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { auditLog, calendarOverrides, people, plans, roles, units } from '../../db/schema';
import { leadRoster } from '../../db/lead-roster';
import { setMonthlyReportDay, setReminderPolicy, storedPolicy } from '../../db/plan-policy';
import { bindLeadGroup } from '../../db/lead-group';
import { loadCalendarOverride } from '../../db/calendar-overrides';
import { freshDatabase } from '../support/db';

const now = new Date('2026-03-02T01:00:00Z');
const actor = { personId: null, label: '42' };

function plan(db: ReturnType<typeof freshDatabase>['db'], key: string, archivedAt: Date | null = null) {
  return db
    .insert(plans)
    .values({ key, title: key, year: 2026, sourceName: `${key}.xlsx`, archivedAt })
    .returning()
    .get().id;
}

const audits = (db: ReturnType<typeof freshDatabase>['db']) =>
  db
    .select({ action: auditLog.action, subject: auditLog.subject, details: auditLog.details, at: auditLog.at, actor: auditLog.actorLabel })
    .from(auditLog)
    .orderBy(asc(auditLog.id))
    .all();

describe('lead roster', () => {
  it('lists the leads still serving, in the order they were granted, with their unit or plan', () => {
    const { db } = freshDatabase();
    const live = plan(db, '甲');
    const old = plan(db, '乙', now);
    const office = db.insert(units).values({ name: '办公室', kind: 'division' }).returning().get().id;
    const person = (telegramId: number, name: string) =>
      db.insert(people).values({ telegramId, chatId: telegramId, name }).returning().get().id;
    const lead = (personId: number, scope: { unitId?: number; planId?: number }, revokedAt: Date | null = null) =>
      db
        .insert(roles)
        .values({ personId, role: 'lead', ...scope, revokedAt })
        .run();
    lead(person(1, '张伟'), { planId: old });
    lead(person(2, '王芳'), { unitId: office });
    lead(person(3, '离任者'), { planId: live }, now);
    db.insert(roles).values({ personId: 1, role: 'liaison', unitId: office }).run();
    expect(leadRoster(db)).toEqual([
      { name: '张伟', unit: null, planTitle: '乙', planYear: 2026, planArchived: now },
      { name: '王芳', unit: '办公室', planTitle: null, planYear: null, planArchived: null },
    ]);
  });
});

describe('plan policy', () => {
  it('stores the policy and the monthly report day, each change audited as the admin gave it', () => {
    const { db } = freshDatabase();
    const id = plan(db, '甲');
    expect(storedPolicy(db, id)).toBeNull();
    expect(storedPolicy(db, 999)).toBeUndefined();
    setReminderPolicy(db, id, { beforeWorkingDays: [2], onDueDay: true }, { beforeWorkingDays: [2] }, { actor, now });
    setMonthlyReportDay(db, id, 12, { actor, now });
    expect(storedPolicy(db, id)).toEqual({ beforeWorkingDays: [2], onDueDay: true });
    expect(db.select({ day: plans.monthlyReportDay }).from(plans).where(eq(plans.id, id)).get()).toEqual({ day: 12 });
    expect(audits(db)).toEqual([
      { action: 'policy.set', subject: `plan:${id}`, details: { change: { beforeWorkingDays: [2] } }, at: now, actor: '42' },
      { action: 'policy.set', subject: `plan:${id}`, details: { day: 12 }, at: now, actor: '42' },
    ]);
  });
});

describe('lead group', () => {
  it('binds the chat as the plan’s leading group, audited', () => {
    const { db } = freshDatabase();
    const id = plan(db, '甲');
    bindLeadGroup(db, id, -100123, { actor, now });
    expect(db.select({ chat: plans.leadGroupChatId, at: plans.updatedAt }).from(plans).get()).toEqual({ chat: -100123, at: now });
    expect(audits(db)).toEqual([{ action: 'plan.group', subject: `plan:${id}`, details: { chatId: -100123 }, at: now, actor: '42' }]);
  });
});

describe('calendar overrides', () => {
  it('loads a year, and loading it again replaces it; each audited', () => {
    const { db } = freshDatabase();
    const admin = db.insert(people).values({ telegramId: 42, chatId: 42, name: '管理员' }).returning().get().id;
    const days = { holidays: [{ date: '2027-01-01', name: '元旦' }], workdays: [] };
    loadCalendarOverride(db, 2027, days, 'first', { actor: { personId: admin, label: '管理员' }, now });
    const again = { holidays: days.holidays, workdays: [{ date: '2027-02-07', name: '春节' }] };
    loadCalendarOverride(db, 2027, again, 'second', { actor, now });
    expect(
      db
        .select({
          year: calendarOverrides.year,
          source: calendarOverrides.source,
          loadedBy: calendarOverrides.loadedBy,
          workdays: calendarOverrides.workdays,
        })
        .from(calendarOverrides)
        .all(),
    ).toEqual([{ year: 2027, source: 'second', loadedBy: null, workdays: again.workdays }]);
    expect(audits(db).map((a) => [a.action, a.subject, a.details, a.actor])).toEqual([
      ['calendar.load', 'year:2027', { holidays: 1, workdays: 0 }, '管理员'],
      ['calendar.load', 'year:2027', { holidays: 1, workdays: 1 }, '42'],
    ]);
  });
});
