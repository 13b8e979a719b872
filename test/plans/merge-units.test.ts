import { describe, expect, it } from 'vitest';
import { count, eq, isNull } from 'drizzle-orm';
import { commitPlan } from '../../plans/commit';
import { MergeError, mergeUnits, previewMerge } from '../../plans/merge-units';
import { parsePlanText, readPlan } from '../../plans/import';
import { assignments, auditLog, events, people, reports, requirements, roles, unitAliases, units } from '../../db/schema';
import { freshDatabase } from '../support/db';
import { inEnglish } from './wording';
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
  const preview = await readPlan('plan.txt', Buffer.from(PLAN));
  commitPlan(database.db, preview, { actor, now });
  return database;
}

function unitId(db: DB, name: string): number | undefined {
  return db.select({ id: units.id }).from(units).where(eq(units.name, name)).get()?.id;
}

/** A unit that must exist. */
const idOf = (db: DB, name: string): number => unitId(db, name)!;

describe('merging two names of one unit', () => {
  it('is offered, not done, by the importer', async () => {
    // The reader alone knows nothing of aliases; only the whole-plan view offers them.
    expect(parsePlanText('plan.txt', PLAN).problems.map((p) => p.code)).toEqual(['no-deadline']);
    const withUnits = await readPlan('plan.txt', Buffer.from(PLAN));
    expect(withUnits.units.map((u) => u.name)).toEqual(['局办公室', '政策法规科', '办公室']);
    expect(withUnits.problems).toContainEqual({
      code: 'unit-alias',
      args: { longer: '局办公室', shorter: '办公室' },
      where: { file: 'plan.txt' },
    });
    expect(withUnits.problems.map(inEnglish)).toContainEqual({
      where: 'plan.txt',
      message:
        '"局办公室" and "办公室" may be one unit written two ways; if so, an admin merges them in chat: /units merge 局办公室 办公室 (keeps "办公室")',
    });
  });

  it('moves assignments and reports, keeps the old name as an alias, and is audited', async () => {
    const { db } = await seeded();
    const office = unitId(db, '办公室')!;
    const requirementId = db.select({ id: requirements.id }).from(requirements).all()[1]!.id;
    db.insert(reports)
      .values({ requirementId, unitId: unitId(db, '局办公室')!, period: '2026-02', status: 'done', reportedAt: now, late: false })
      .run();

    const result = mergeUnits(db, { from: '局办公室', into: '办公室' }, { actor, now });
    expect(result).toEqual({ from: '局办公室', into: '办公室', assignmentsMoved: 1, reportsMoved: 1 });
    expect(unitId(db, '局办公室')).toBeUndefined();
    expect(db.select().from(reports).get()).toMatchObject({ unitId: office, period: '2026-02' });
    expect(db.select({ alias: unitAliases.alias, unitId: unitAliases.unitId }).from(unitAliases).all()).toEqual([
      { alias: '局办公室', unitId: office },
    ]);
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'unit.merge')).all()).toHaveLength(1);

    // The next import of the same plan resolves the old name: no unit comes back, nothing doubles.
    const before = db.select({ n: count() }).from(assignments).get()!.n;
    const again = commitPlan(db, await readPlan('plan.txt', Buffer.from(PLAN)), { actor, now });
    expect(again.newUnits).toEqual([]);
    expect(unitId(db, '局办公室')).toBeUndefined();
    expect(db.select({ n: count() }).from(assignments).get()!.n).toBe(before);
  });

  it('keeps lead over cooperating where both names were assigned one requirement', async () => {
    const { db } = await seeded();
    mergeUnits(db, { from: '办公室', into: '政策法规科' }, { actor, now });
    const second = db.select({ id: requirements.id }).from(requirements).all()[1]!.id;
    expect(
      db
        .select({ unitId: assignments.unitId, role: assignments.role })
        .from(assignments)
        .where(eq(assignments.requirementId, second))
        .all(),
    ).toEqual([{ unitId: unitId(db, '政策法规科'), role: 'lead' }]);
  });

  it('refuses unknown names, a unit merged with itself, and clashing reports, changing nothing', async () => {
    const { db } = await seeded();
    expect(() => mergeUnits(db, { from: '不存在处', into: '办公室' }, { actor, now })).toThrow(
      new MergeError('no unit named "不存在处"', { kind: 'unknown', name: '不存在处' }),
    );
    expect(() => mergeUnits(db, { from: '办公室', into: '办公室' }, { actor, now })).toThrow(/already one unit/);
    const requirementId = db.select({ id: requirements.id }).from(requirements).get()!.id;
    for (const name of ['局办公室', '办公室']) {
      db.insert(reports)
        .values({ requirementId, unitId: unitId(db, name)!, period: 'once', status: 'done', reportedAt: now, late: false })
        .run();
    }
    expect(() => mergeUnits(db, { from: '局办公室', into: '办公室' }, { actor, now })).toThrow(
      /both units reported on requirement #\d+ once/,
    );
    expect(unitId(db, '局办公室')).toBeDefined();
    expect(db.select({ n: count() }).from(auditLog).get()!.n).toBe(1);
  });
});

describe('merging units keeps what hung on the merged one', () => {
  it('moves events (and the reports on them) instead of letting the cascade delete them', async () => {
    const { db } = await seeded();
    const requirementId = db.select({ id: requirements.id }).from(requirements).all()[0]!.id;
    const event = db
      .insert(events)
      .values({ requirementId, unitId: idOf(db, '局办公室'), occurredOn: '2026-02-20', note: '新增一例', createdAt: now, updatedAt: now })
      .returning()
      .get();
    db.insert(reports)
      .values({ requirementId, unitId: idOf(db, '局办公室'), period: `event-${event.id}`, status: 'done', reportedAt: now, late: false })
      .run();

    expect(previewMerge(db, { from: '局办公室', into: '办公室' })).toMatchObject({ assignments: 1, reports: 1, events: 1, people: 0 });
    mergeUnits(db, { from: '局办公室', into: '办公室' }, { actor, now });

    const office = idOf(db, '办公室');
    expect(db.select({ id: events.id, unitId: events.unitId, note: events.note }).from(events).all()).toEqual([
      { id: event.id, unitId: office, note: '新增一例' },
    ]);
    expect(db.select({ unitId: reports.unitId, period: reports.period }).from(reports).all()).toEqual([
      { unitId: office, period: `event-${event.id}` },
    ]);
    expect(db.select({ details: auditLog.details }).from(auditLog).where(eq(auditLog.action, 'unit.merge')).get()?.details).toMatchObject({
      eventsMoved: 1,
    });
  });

  it('leaves one role to a liaison who served both names, and moves the others', async () => {
    const { db } = await seeded();
    const person = (telegramId: number) =>
      db
        .insert(people)
        .values({ telegramId, chatId: telegramId, name: `p${telegramId}`, createdAt: now, updatedAt: now })
        .returning()
        .get().id;
    const both = person(1);
    const only = person(2);
    for (const [personId, unit] of [
      [both, '局办公室'],
      [both, '办公室'],
      [only, '局办公室'],
    ] as const) {
      db.insert(roles)
        .values({ personId, role: 'liaison', unitId: idOf(db, unit), createdAt: now, updatedAt: now })
        .run();
    }
    mergeUnits(db, { from: '局办公室', into: '办公室' }, { actor, now });
    const active = db.select({ personId: roles.personId, unitId: roles.unitId }).from(roles).where(isNull(roles.revokedAt)).all();
    expect(active).toEqual(
      expect.arrayContaining([
        { personId: both, unitId: idOf(db, '办公室') },
        { personId: only, unitId: idOf(db, '办公室') },
      ]),
    );
    expect(active).toHaveLength(2);
  });
});
