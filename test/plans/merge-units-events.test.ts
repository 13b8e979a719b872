import { describe, expect, it } from 'vitest';
import { eq, isNull } from 'drizzle-orm';
import { commitPlan } from '../../plans/commit';
import { mergeUnits, previewMerge } from '../../plans/merge-units';
import { readPlan } from '../../plans/import';
import { auditLog, events, people, reports, requirements, roles, units } from '../../db/schema';
import { freshDatabase } from '../support/db';
import type { DB } from '../../db';

const actor = { personId: null, label: 'test' };
const now = new Date('2026-03-01T02:00:00Z');
const PLAN = [
  '某局2026年信用工作要点',
  '一、机制',
  '(一)建立制度。(责任单位:局办公室,政策法规科)',
  '(二)报送信息。(牵头单位:政策法规科;配合单位:办公室;完成时限:每月10日前)',
].join('\n');

async function seeded() {
  const database = freshDatabase();
  commitPlan(database.db, await readPlan('plan.txt', Buffer.from(PLAN)), { actor, now });
  return database.db;
}

function unitId(db: DB, name: string): number {
  return db.select({ id: units.id }).from(units).where(eq(units.name, name)).get()!.id;
}

describe('merging units keeps what hung on the merged one', () => {
  it('moves events (and the reports on them) instead of letting the cascade delete them', async () => {
    const db = await seeded();
    const requirementId = db.select({ id: requirements.id }).from(requirements).all()[0]!.id;
    const event = db
      .insert(events)
      .values({ requirementId, unitId: unitId(db, '局办公室'), occurredOn: '2026-02-20', note: '新增一例', createdAt: now, updatedAt: now })
      .returning()
      .get();
    db.insert(reports).values({ requirementId, unitId: unitId(db, '局办公室'), period: `event-${event.id}`, status: 'done', reportedAt: now, late: false }).run();

    expect(previewMerge(db, { from: '局办公室', into: '办公室' })).toMatchObject({ assignments: 1, reports: 1, events: 1, people: 0 });
    mergeUnits(db, { from: '局办公室', into: '办公室' }, { actor, now });

    const office = unitId(db, '办公室');
    expect(db.select({ id: events.id, unitId: events.unitId, note: events.note }).from(events).all()).toEqual([{ id: event.id, unitId: office, note: '新增一例' }]);
    expect(db.select({ unitId: reports.unitId, period: reports.period }).from(reports).all()).toEqual([{ unitId: office, period: `event-${event.id}` }]);
    expect(db.select({ details: auditLog.details }).from(auditLog).where(eq(auditLog.action, 'unit.merge')).get()?.details).toMatchObject({ eventsMoved: 1 });
  });

  it('leaves one role to a liaison who served both names, and moves the others', async () => {
    const db = await seeded();
    const person = (telegramId: number) =>
      db.insert(people).values({ telegramId, chatId: telegramId, name: `p${telegramId}`, createdAt: now, updatedAt: now }).returning().get().id;
    const both = person(1);
    const only = person(2);
    for (const [personId, unit] of [[both, '局办公室'], [both, '办公室'], [only, '局办公室']] as const) {
      db.insert(roles).values({ personId, role: 'liaison', unitId: unitId(db, unit), createdAt: now, updatedAt: now }).run();
    }
    mergeUnits(db, { from: '局办公室', into: '办公室' }, { actor, now });
    const active = db.select({ personId: roles.personId, unitId: roles.unitId }).from(roles).where(isNull(roles.revokedAt)).all();
    expect(active).toEqual(expect.arrayContaining([{ personId: both, unitId: unitId(db, '办公室') }, { personId: only, unitId: unitId(db, '办公室') }]));
    expect(active).toHaveLength(2);
  });
});
