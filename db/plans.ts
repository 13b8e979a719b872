/**
 * Plan rows as admins see and change them in chat: the plans /plans lists with their size, a
 * plan by the number `#N` names, the live ones a picker offers (bot/plan-picker.ts), a plan's
 * last day and reminder policy; archiving and restoring one, each in one transaction with what
 * it does to the plan's waiting outbox rows and its audit entry ('plan.archive', 'plan.restore').
 */
import { and, asc, count, countDistinct, eq, inArray, isNull } from 'drizzle-orm';
import type { DB } from './index';
import { outbox, planUnits, plans, requirements, roles, tasks } from './schema';
import { recordAudit, type Actor } from './audit-log';
import { outboxOfPlan } from './outbox-rows';

export type Plan = typeof plans.$inferSelect;

export interface PlanRef {
  id: number;
  title: string | null;
  year: number | null;
  archivedAt: Date | null;
}

const PLAN_COLUMNS = { id: plans.id, title: plans.title, year: plans.year, archivedAt: plans.archivedAt };

/** Every plan, archived or not, by number. */
export function allPlans(db: DB): Plan[] {
  return db.select().from(plans).orderBy(plans.id).all();
}

/** The plans not archived, by number. */
export function livePlans(db: DB): PlanRef[] {
  return db.select(PLAN_COLUMNS).from(plans).where(isNull(plans.archivedAt)).orderBy(asc(plans.id)).all();
}

export function planById(db: DB, id: number): PlanRef | undefined {
  return db.select(PLAN_COLUMNS).from(plans).where(eq(plans.id, id)).get();
}

export interface PlanSize {
  /** Tasks not archived. */
  tasks: number;
  /** Their requirements not archived. */
  requirements: number;
  units: number;
  /** People serving as liaison of one of its units (roles not revoked), each once. */
  liaisons: number;
}

export function planSize(db: DB, planId: number): PlanSize {
  const size = db
    .select({ tasks: countDistinct(tasks.id), requirements: count(requirements.id) })
    .from(tasks)
    .leftJoin(requirements, and(eq(requirements.taskId, tasks.id), isNull(requirements.archivedAt)))
    .where(and(eq(tasks.planId, planId), isNull(tasks.archivedAt)))
    .get()!;
  const unitIds = db.select({ id: planUnits.unitId }).from(planUnits).where(eq(planUnits.planId, planId));
  const units = db.select({ n: count() }).from(planUnits).where(eq(planUnits.planId, planId)).get()!.n;
  const liaisons = db
    .select({ n: countDistinct(roles.personId) })
    .from(roles)
    .where(and(eq(roles.role, 'liaison'), isNull(roles.revokedAt), inArray(roles.unitId, unitIds)))
    .get()!.n;
  return { tasks: size.tasks, requirements: size.requirements, units, liaisons };
}

/** The plan's last day as an admin set it (YYYY-MM-DD), or null (none set, or no such plan). */
export function planEnd(db: DB, planId: number): string | null {
  return db.select({ endsOn: plans.endsOn }).from(plans).where(eq(plans.id, planId)).get()?.endsOn ?? null;
}

/** The reminder policy stored on the plan a requirement belongs to (null: the defaults; undefined: no such requirement). */
export function reminderPolicyOfRequirement(db: DB, requirementId: number): unknown {
  return db
    .select({ policy: plans.reminderPolicy })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .innerJoin(plans, eq(plans.id, tasks.planId))
    .where(eq(requirements.id, requirementId))
    .get()?.policy;
}

export interface PlanChangeOptions {
  actor: Actor;
  now: Date;
  /**
   * Why the plan's outbox rows were not sent while it was archived (schedules/plan-lifecycle.ts
   * PLAN_ARCHIVED): archiving skips its pending rows with it, restoring puts back those skipped with it.
   */
  reason: string;
}

function auditPlan(db: DB, options: PlanChangeOptions, action: string, plan: PlanRef, details: object): void {
  recordAudit(db, {
    at: options.now,
    actor: options.actor,
    action,
    subject: `plan:${plan.id}`,
    details: { title: plan.title, year: plan.year, ...details },
  });
}

/**
 * Archives the plan and skips the reminders and circulars it has waiting; false when it was
 * archived already (two admins confirming at once change it once). A plan waiting to be
 * archived after a rollover (plans.archive_when_done) is archived now, and no longer waits.
 */
export function archivePlan(db: DB, plan: PlanRef, options: PlanChangeOptions): boolean {
  const { now } = options;
  return db.transaction((tx) => {
    const changed = tx
      .update(plans)
      .set({ archivedAt: now, archiveWhenDone: null, updatedAt: now })
      .where(and(eq(plans.id, plan.id), isNull(plans.archivedAt)))
      .run().changes;
    if (changed === 0) return false;
    const skipped = tx
      .update(outbox)
      .set({ status: 'skipped', lastError: options.reason, updatedAt: now })
      .where(and(eq(outbox.status, 'pending'), outboxOfPlan(db, plan.id)))
      .run().changes;
    auditPlan(db, options, 'plan.archive', plan, { remindersSkipped: skipped });
    return true;
  });
}

export interface RestoreOptions extends PlanChangeOptions {
  /**
   * Plans what fell due while the plan was archived, from `since` (the planner's work:
   * schedules/); how many rows it wrote. Runs inside the restore's transaction.
   */
  planSince(since: Date): number;
}

/** Restores the plan and puts back what archiving skipped; false when it was live already. */
export function restorePlan(db: DB, plan: PlanRef, options: RestoreOptions): boolean {
  const { now } = options;
  return db.transaction((tx) => {
    const since = tx.select({ at: plans.archivedAt }).from(plans).where(eq(plans.id, plan.id)).get()?.at;
    if (!since) return false;
    tx.update(plans).set({ archivedAt: null, updatedAt: now }).where(eq(plans.id, plan.id)).run();
    const requeued = tx
      .update(outbox)
      .set({ status: 'pending', lastError: null, updatedAt: now })
      .where(and(eq(outbox.status, 'skipped'), eq(outbox.lastError, options.reason), outboxOfPlan(db, plan.id)))
      .run().changes;
    const planned = options.planSince(since);
    auditPlan(db, options, 'plan.restore', plan, { remindersRequeued: requeued, remindersPlanned: planned });
    return true;
  });
}
