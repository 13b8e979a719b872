/**
 * The monthly circular's rows as an admin's buttons change them: a draft by its id, holding it,
 * and publishing it with its audit entry. Each change is one transaction with its audit entry
 * ('circular.publish', 'circular.hold'). What publishing sends is schedules/circular.ts
 * (publishCircular); when one is drafted, digests/notices/circular.ts.
 */
import { eq } from 'drizzle-orm';
import type { DB } from './index';
import { circulars } from './schema';
import { recordAudit, type Actor } from './audit-log';

export type Circular = typeof circulars.$inferSelect;

interface Change {
  actor: Actor;
  now: Date;
}

export function circularById(db: DB, id: number): Circular | undefined {
  return db.select().from(circulars).where(eq(circulars.id, id)).get();
}

/** Held: not sent, and still publishable from the admin's message. */
export function holdCircular(db: DB, id: number, { actor, now }: Change): void {
  db.transaction(() => {
    db.update(circulars).set({ status: 'held', updatedAt: now }).where(eq(circulars.id, id)).run();
    recordAudit(db, { at: now, actor, action: 'circular.hold', subject: `circular:${id}` });
  });
}

/**
 * Publishes the circular with `publish` (schedules/circular.ts publishCircular: the row and the
 * messages to its leads) and audits it, in one transaction.
 */
export function publishCircularAudited(db: DB, id: number, publish: () => void, { actor, now }: Change): void {
  db.transaction(() => {
    publish();
    recordAudit(db, { at: now, actor, action: 'circular.publish', subject: `circular:${id}` });
  });
}
