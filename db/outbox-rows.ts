/**
 * Outbox rows as the chat reads and changes them outside the planner and the dispatcher: the
 * row behind a reminder's button, the rows one sent message carried, the reminders a restored
 * plan missed while it was archived, and which rows belong to a plan (archiving skips them).
 * New messages go in through `enqueue()` (schedules/enqueue.ts); these are the rest.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { DB } from './index';
import { circulars, outbox, requirements, tasks } from './schema';
import type { OutboxDraft } from '../core/outbox-kind';

export type OutboxRow = typeof outbox.$inferSelect;

/** The row a button names, if it is still there. */
export function outboxRow(db: DB, id: number): OutboxRow | undefined {
  return db.select().from(outbox).where(eq(outbox.id, id)).get();
}

/** The rows one sent Telegram message carried, of the given units only (a message lists one chat's items of a day). */
export function outboxRowsOfMessage(db: DB, chatId: number, messageId: number, unitIds: number[]): OutboxRow[] {
  return db
    .select()
    .from(outbox)
    .where(and(eq(outbox.chatId, chatId), eq(outbox.messageId, messageId), inArray(outbox.unitId, unitIds)))
    .all();
}

/** Writes planned reminders, each unless its key is there already; how many were new. */
export function insertPlannedReminders(db: DB, reminders: Iterable<OutboxDraft>, now: Date): number {
  let inserted = 0;
  for (const d of reminders) {
    inserted += db
      .insert(outbox)
      .values({
        key: d.key,
        personId: d.personId,
        chatId: d.chatId,
        requirementId: d.requirementId,
        unitId: d.unitId,
        period: d.period,
        kind: d.kind,
        sendAfter: d.sendAfter,
        dueAt: d.dueAt,
        payload: {},
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing({ target: outbox.key })
      .run().changes;
  }
  return inserted;
}

/**
 * The plan's requirements' and circulars' outbox rows, as a condition on outbox: what archiving
 * a plan skips and restoring it puts back (db/plans.ts, schedules/plan-lifecycle.ts).
 */
export function outboxOfPlan(db: Pick<DB, 'select'>, planId: number) {
  const requirementIds = db
    .select({ id: requirements.id })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(eq(tasks.planId, planId));
  const circularIds = db.select({ id: circulars.id }).from(circulars).where(eq(circulars.planId, planId));
  return or(inArray(outbox.requirementId, requirementIds), sql`json_extract(${outbox.payload}, '$.circularId') in ${circularIds}`)!;
}
