/** /deadline's queries (db/deadline-rules.ts, db/requirement-items.ts), on a real database. */
import { describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import type { DB } from '../../db';
import type { DeadlineRule } from '../../core/plan-types';
import { auditLog, deadlineRules, plans, requirements, tasks } from '../../db/schema';
import { requirementAtItem, requirementItem } from '../../db/requirement-items';
import { setAssessmentDate, setDeadline, unreadDeadlines, unwrittenDeadlines } from '../../db/deadline-rules';
import { freshDatabase } from '../support/db';

const now = new Date('2026-03-02T01:00:00Z');
const actor = { personId: null, label: '42' };

/** A plan with tasks 2 (position 1) and 1 (position 2): 2① unread, 2② written but unread, 1① read, 1② none written. */
function seed(db: DB) {
  const planId = db.insert(plans).values({ key: '甲', title: '甲', year: 2026, sourceName: '甲.xlsx' }).returning().get().id;
  const task = (number: string, position: number) =>
    db
      .insert(tasks)
      .values({ planId, number, title: `任务${number}`, position })
      .returning()
      .get().id;
  const requirement = (taskId: number, index: number, deadline: { text: string; recognized: boolean }) => {
    const id = db
      .insert(requirements)
      .values({ taskId, index, text: `要求${index}`, problems: deadline.recognized ? [] : ['deadline-unread', 'other'] })
      .returning()
      .get().id;
    db.insert(deadlineRules)
      .values({ requirementId: id, ...deadline, rule: deadline.recognized ? { kind: 'monthly', day: 10, months: null } : null })
      .run();
    return id;
  };
  const two = task('2', 1);
  const one = task('1', 2);
  return {
    planId,
    unread: requirement(two, 1, { text: '适时', recognized: false }),
    written: requirement(two, 2, { text: '尽快', recognized: false }),
    read: requirement(one, 1, { text: '每月10日前', recognized: true }),
    none: requirement(one, 2, { text: '', recognized: false }),
  };
}

const rule = (db: DB, requirementId: number) =>
  db
    .select({
      text: deadlineRules.text,
      recognized: deadlineRules.recognized,
      origin: deadlineRules.origin,
      problems: requirements.problems,
    })
    .from(deadlineRules)
    .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
    .where(eq(deadlineRules.requirementId, requirementId))
    .get();

describe('deadline rules', () => {
  it('lists the unread in the plan order and finds requirements by item', () => {
    const { db } = freshDatabase();
    const r = seed(db);
    expect(unreadDeadlines(db, r.planId)).toEqual([
      { number: '2', index: 1, title: '任务2', text: '适时' },
      { number: '2', index: 2, title: '任务2', text: '尽快' },
      { number: '1', index: 2, title: '任务1', text: '' },
    ]);
    expect(requirementItem(db, r.written)).toEqual({ number: '2', index: 2 });
    expect(requirementAtItem(db, r.planId, '2', 1)).toEqual({
      id: r.unread,
      number: '2',
      index: 1,
      problems: ['deadline-unread', 'other'],
    });
    expect(requirementAtItem(db, r.planId, '3', 1)).toBeUndefined();
  });

  it('sets one deadline as an admin rule, clearing its deadline problems, with its audit entry', () => {
    const { db } = freshDatabase();
    const r = seed(db);
    const found = requirementAtItem(db, r.planId, '2', 1)!;
    setDeadline(db, r.planId, found, { text: '每月5日前', rule: { kind: 'monthly', day: 5, months: null } }, { actor, now });
    expect(rule(db, r.unread)).toEqual({ text: '每月5日前', recognized: true, origin: 'admin', problems: ['other'] });
    expect(
      db.select({ action: auditLog.action, subject: auditLog.subject, details: auditLog.details, at: auditLog.at }).from(auditLog).all(),
    ).toEqual([
      {
        action: 'deadline.set',
        subject: `requirement:${r.unread}`,
        details: { planId: r.planId, text: '每月5日前', rule: { kind: 'monthly', day: 5, months: null } },
        at: now,
      },
    ]);
  });

  it('gives the assessment date to the requirements that write no deadline, and only those', () => {
    const { db } = freshDatabase();
    const r = seed(db);
    const unwritten = unwrittenDeadlines(db, r.planId);
    expect(unwritten).toEqual([{ requirementId: r.none, problems: ['deadline-unread', 'other'] }]);
    const date: DeadlineRule = { kind: 'once', year: 2026, month: 11, day: 30 };
    setAssessmentDate(db, r.planId, unwritten, { text: '11月30日前', rule: date }, { actor, now });
    expect(rule(db, r.none)).toEqual({ text: '11月30日前', recognized: true, origin: 'admin', problems: ['other'] });
    expect(rule(db, r.written)).toMatchObject({ text: '尽快', recognized: false, origin: 'import' });
    expect(unwrittenDeadlines(db, r.planId)).toEqual([]);
    expect(
      db
        .select({ action: auditLog.action, subject: auditLog.subject, details: auditLog.details })
        .from(auditLog)
        .orderBy(asc(auditLog.id))
        .all(),
    ).toEqual([
      { action: 'deadline.assessment', subject: `plan:${r.planId}`, details: { text: '11月30日前', rule: date, requirements: 1 } },
    ]);
  });
});
