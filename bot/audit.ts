/**
 * An admin's change in the audit log, as the person who made it in chat: who (their person
 * row and name, or their Telegram id when they have none yet), what, to which subject, when.
 */
import type { BaseContext } from './context';
import { auditLog } from '../db/schema';

export function auditChange(ctx: BaseContext, action: string, subject: string, details: object): void {
  ctx.deps.db
    .insert(auditLog)
    .values({
      at: ctx.deps.clock.now(),
      actorPersonId: ctx.identity.person?.id ?? null,
      actorLabel: ctx.identity.person?.name ?? String(ctx.from?.id ?? ''),
      action,
      subject,
      details,
    })
    .run();
}
