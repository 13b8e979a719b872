/**
 * The audit log's entries for the changes the queries in db/ make: who (their person row, or
 * only a label when they have none yet), what, to which subject, when. Each is written inside
 * its change's own transaction, so a change and its entry are saved together or not at all.
 */
import type { DB } from './index';
import { auditLog } from './schema';

/** Who made a change: their person row when they have one, and the name the log gives them. */
export interface Actor {
  personId: number | null;
  label: string;
}

export interface AuditEntry {
  at: Date;
  actor: Actor;
  action: string;
  subject: string;
  details?: object;
}

export function recordAudit(db: DB, entry: AuditEntry): void {
  db.insert(auditLog)
    .values({
      at: entry.at,
      actorPersonId: entry.actor.personId,
      actorLabel: entry.actor.label,
      action: entry.action,
      subject: entry.subject,
      details: entry.details,
    })
    .run();
}
