/**
 * A plan's reminder rules as an admin sets them (/policy): the stored overrides (JSON, read
 * with schedules/policy.ts's effectivePolicy) and the monthly report day. Each change is one
 * transaction with its audit entry ('policy.set', the change as the admin gave it).
 */
import { eq } from 'drizzle-orm';
import type { DB } from './index';
import { plans } from './schema';
import { recordAudit, type Actor } from './audit-log';

/** The plan's stored reminder policy (null: the defaults), or undefined when there is no such plan. */
export function storedPolicy(db: DB, planId: number): unknown {
  return db.select({ policy: plans.reminderPolicy }).from(plans).where(eq(plans.id, planId)).get()?.policy;
}

interface Change {
  actor: Actor;
  now: Date;
}

/** The plan's whole reminder policy replaced by `policy`; `change` is the part the admin changed, for the audit. */
export function setReminderPolicy(db: DB, planId: number, policy: object, change: object, { actor, now }: Change): void {
  db.transaction(() => {
    db.update(plans).set({ reminderPolicy: policy, updatedAt: now }).where(eq(plans.id, planId)).run();
    recordAudit(db, { at: now, actor, action: 'policy.set', subject: `plan:${planId}`, details: { change } });
  });
}

/** The day of the month the plan's ongoing requirements report by. */
export function setMonthlyReportDay(db: DB, planId: number, day: number, { actor, now }: Change): void {
  db.transaction(() => {
    db.update(plans).set({ monthlyReportDay: day, updatedAt: now }).where(eq(plans.id, planId)).run();
    recordAudit(db, { at: now, actor, action: 'policy.set', subject: `plan:${planId}`, details: { day } });
  });
}
