/**
 * Who did something in chat, as the audit log names them: their person row and name, or their
 * Telegram id when they have none yet. The rows themselves are written by db/ (db/audit-log.ts),
 * in the same transaction as the change.
 */
import type { BaseContext } from './context';
import { recordAudit, type Actor } from '../db/audit-log';

export function actorOf(ctx: BaseContext): Actor {
  return { personId: ctx.identity.person?.id ?? null, label: ctx.identity.person?.name ?? String(ctx.from?.id ?? '') };
}

/** An admin's change, audited on its own (for changes whose query does not audit them itself). */
export function auditChange(ctx: BaseContext, action: string, subject: string, details: object): void {
  recordAudit(ctx.deps.db, { at: ctx.deps.clock.now(), actor: actorOf(ctx), action, subject, details });
}
