/**
 * A plan rolled to another year (setPlanYear) keeps running in that year when its document is
 * imported again, and an archived plan stays archived: a re-import updates content, never the
 * plan's year or state (issue 12).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { commitPlan } from '../../plans/commit';
import { readPlan, type PlanPreview } from '../../plans/import';
import { deadlineRules, plans, requirements, tasks } from '../../db/schema';
import { setPlanYear } from '../../schedules/plan-lifecycle';
import { fuzhouWorkbook } from '../../sandbox/demo/fuzhou-workbook';
import { freshDatabase } from '../support/db';
import type { DB } from '../../db';

const actor = { personId: null, label: 'test' };
const now = new Date('2026-05-01T02:00:00Z');

let fuzhou: PlanPreview;
beforeAll(async () => {
  fuzhou = await readPlan('fuzhou-2020.xlsx', await fuzhouWorkbook());
});

/** 12① 3月底前: a once-rule dated in its plan's year. */
function ruleOf12(db: DB) {
  return db
    .select({ rule: deadlineRules.rule })
    .from(deadlineRules)
    .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.number, '12'), eq(requirements.index, 1)))
    .get()!.rule;
}

describe('re-importing a plan rolled to another year', () => {
  it('keeps the year it runs in, its dated deadlines moved with it', () => {
    const { db } = freshDatabase();
    const { planId } = commitPlan(db, fuzhou, { actor, now });
    expect(ruleOf12(db)).toMatchObject({ kind: 'once', year: 2020, month: 3 });
    setPlanYear(db, planId, 2026, { actor, now });
    const again = commitPlan(db, fuzhou, { actor, now });
    expect(again.planId).toBe(planId);
    expect(again.created).toBe(false);
    expect(again.tasks.updated).toEqual([]);
    expect(db.select({ year: plans.year }).from(plans).where(eq(plans.id, planId)).get()!.year).toBe(2026);
    expect(ruleOf12(db)).toMatchObject({ kind: 'once', year: 2026, month: 3 });
  });

  it('leaves an archived plan archived, and says so', () => {
    const { db } = freshDatabase();
    const { planId } = commitPlan(db, fuzhou, { actor, now });
    db.update(plans).set({ archivedAt: now }).where(eq(plans.id, planId)).run();
    const again = commitPlan(db, fuzhou, { actor, now });
    expect(again.archivedPlan).toBe(true);
    expect(db.select({ archivedAt: plans.archivedAt }).from(plans).where(eq(plans.id, planId)).get()!.archivedAt).toEqual(now);
  });
});
