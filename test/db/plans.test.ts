/**
 * Plan rows as /plans reads and changes them (db/plans.ts): the list and each plan's size, and
 * archiving and restoring a plan with its waiting outbox rows and audit entries.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog, circulars, outbox, people, planUnits, plans, requirements, roles, tasks, units } from '../../db/schema';
import { allPlans, archivePlan, livePlans, planById, planEnd, planSize, reminderPolicyOfRequirement, restorePlan } from '../../db/plans';
import { outboxRowsOfMessage, outboxRow } from '../../db/outbox-rows';
import type { DB } from '../../db';
import { freshDatabase } from '../support/db';

const now = new Date('2026-03-02T01:00:00Z');
const later = new Date('2026-03-09T01:00:00Z');
const actor = { personId: null, label: '5001' };
const ARCHIVED = 'plan archived';

function seed(db: DB) {
  const plan = (key: string, values: Partial<typeof plans.$inferInsert> = {}) =>
    db
      .insert(plans)
      .values({ key, title: key, year: 2026, sourceName: `${key}.xlsx`, ...values })
      .returning()
      .get().id;
  const a = plan('甲计划', { endsOn: '2026-06-30', reminderPolicy: { workStart: '08:30' } });
  const b = plan('乙计划', { archivedAt: now });
  const task = (planId: number, number: string, archivedAt: Date | null = null) =>
    db
      .insert(tasks)
      .values({ planId, number, title: `任务${number}`, position: Number(number), archivedAt })
      .returning()
      .get().id;
  const requirement = (taskId: number, index: number, archivedAt: Date | null = null) =>
    db
      .insert(requirements)
      .values({ taskId, index, text: `要求${index}`, archivedAt })
      .returning()
      .get().id;
  const t1 = task(a, '1');
  const r1 = requirement(t1, 1);
  requirement(t1, 2);
  requirement(t1, 3, now);
  const t2 = task(a, '2');
  requirement(t2, 1);
  const gone = task(a, '3', now);
  requirement(gone, 1);
  const rb = requirement(task(b, '1'), 1);
  const unit = (name: string) => db.insert(units).values({ name, kind: 'division' }).returning().get().id;
  const office = unit('办公室');
  const law = unit('政策法规处');
  for (const u of [office, law]) db.insert(planUnits).values({ planId: a, unitId: u }).run();
  const person = (telegramId: number) =>
    db
      .insert(people)
      .values({ telegramId, chatId: telegramId, name: `p${telegramId}`, createdAt: now, updatedAt: now })
      .returning()
      .get().id;
  const p1 = person(1);
  const p2 = person(2);
  for (const [personId, unitId, revokedAt] of [
    [p1, office, null],
    [p1, law, null],
    [p2, law, now],
  ] as const)
    db.insert(roles).values({ personId, role: 'liaison', unitId, revokedAt }).run();
  const circular = db.insert(circulars).values({ planId: a, period: '2026-02', content: {} }).returning().get().id;
  const row = (key: string, values: Partial<typeof outbox.$inferInsert>) =>
    db
      .insert(outbox)
      .values({ key, chatId: 1, personId: p1, kind: 'due', sendAfter: now, payload: {}, ...values })
      .returning()
      .get().id;
  const rows = {
    reminder: row('r1', { requirementId: r1, unitId: office, period: '2026-03', messageId: 77 }),
    circular: row('c1', { kind: 'circular', payload: { circularId: circular } }),
    sent: row('r1-sent', { requirementId: r1, unitId: office, period: '2026-02', status: 'sent', messageId: 77 }),
    other: row('rb', { requirementId: rb, unitId: law, period: '2026-03', messageId: 77 }),
  };
  return { a, b, r1, office, law, rows };
}

describe('plan rows', () => {
  it('lists plans, live plans and a plan by number; sizes count live tasks, requirements, units and serving liaisons', () => {
    const { db } = freshDatabase();
    const { a, b, r1 } = seed(db);
    expect(allPlans(db).map((p) => p.id)).toEqual([a, b]);
    expect(livePlans(db)).toEqual([{ id: a, title: '甲计划', year: 2026, archivedAt: null }]);
    expect(planById(db, b)).toEqual({ id: b, title: '乙计划', year: 2026, archivedAt: now });
    expect(planById(db, 999)).toBeUndefined();
    expect(planSize(db, a)).toEqual({ tasks: 2, requirements: 3, units: 2, liaisons: 1 });
    expect(planEnd(db, a)).toBe('2026-06-30');
    expect(planEnd(db, b)).toBeNull();
    expect(reminderPolicyOfRequirement(db, r1)).toEqual({ workStart: '08:30' });
    expect(reminderPolicyOfRequirement(db, 999)).toBeUndefined();
  });

  it("archives once, skipping the plan's pending reminders and circulars, and restores what it skipped", () => {
    const { db } = freshDatabase();
    const { a, rows } = seed(db);
    const plan = planById(db, a)!;
    expect(archivePlan(db, plan, { actor, now, reason: ARCHIVED })).toBe(true);
    expect(archivePlan(db, plan, { actor, now, reason: ARCHIVED })).toBe(false);
    expect(planById(db, a)!.archivedAt).toEqual(now);
    const status = (id: number) => outboxRow(db, id)!.status;
    expect([status(rows.reminder), status(rows.circular), status(rows.sent), status(rows.other)]).toEqual([
      'skipped',
      'skipped',
      'sent',
      'pending',
    ]);

    const since: Date[] = [];
    const restored = restorePlan(db, plan, {
      actor,
      now: later,
      reason: ARCHIVED,
      planSince: (at) => (since.push(at), 4),
    });
    expect(restored).toBe(true);
    expect(since).toEqual([now]);
    expect(restorePlan(db, plan, { actor, now: later, reason: ARCHIVED, planSince: () => 0 })).toBe(false);
    expect([status(rows.reminder), status(rows.circular)]).toEqual(['pending', 'pending']);
    expect(planById(db, a)!.archivedAt).toBeNull();

    const entries = db.select().from(auditLog).orderBy(auditLog.id).all();
    expect(entries.map((e) => [e.action, e.subject, e.actorLabel, e.details])).toEqual([
      ['plan.archive', `plan:${a}`, '5001', { title: '甲计划', year: 2026, remindersSkipped: 2 }],
      ['plan.restore', `plan:${a}`, '5001', { title: '甲计划', year: 2026, remindersRequeued: 2, remindersPlanned: 4 }],
    ]);
    expect(entries.map((e) => e.at)).toEqual([now, later]);
  });

  it('rolls the whole restore back when planning fails', () => {
    const { db } = freshDatabase();
    const { a, rows } = seed(db);
    const plan = planById(db, a)!;
    archivePlan(db, plan, { actor, now, reason: ARCHIVED });
    const failing = () => {
      throw new Error('planner failed');
    };
    expect(() => restorePlan(db, plan, { actor, now: later, reason: ARCHIVED, planSince: failing })).toThrow('planner failed');
    expect(planById(db, a)!.archivedAt).toEqual(now);
    expect(outboxRow(db, rows.reminder)!.status).toBe('skipped');
    expect(db.select().from(auditLog).where(eq(auditLog.action, 'plan.restore')).all()).toEqual([]);
  });

  it("finds a sent message's rows of the given units only", () => {
    const { db } = freshDatabase();
    const { office, law, rows } = seed(db);
    expect(outboxRowsOfMessage(db, 1, 77, [office]).map((r) => r.id)).toEqual([rows.reminder, rows.sent]);
    expect(outboxRowsOfMessage(db, 1, 77, [office, law]).map((r) => r.id)).toEqual([rows.reminder, rows.sent, rows.other]);
    expect(outboxRowsOfMessage(db, 1, 77, [])).toEqual([]);
    expect(outboxRowsOfMessage(db, 2, 77, [office])).toEqual([]);
  });
});
