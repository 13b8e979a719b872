/**
 * A plan's leading group (领导小组群): the chat an admin bound with /group there, where
 * summaries and circulars go too. Binding is one transaction with its audit entry. Losing the
 * group (the bot removed) is schedules/group-lost.ts; a group becoming a supergroup,
 * schedules/chat-migration.ts.
 */
import { eq } from 'drizzle-orm';
import type { DB } from './index';
import { plans } from './schema';
import { recordAudit, type Actor } from './audit-log';

/** `chatId` becomes the plan's leading group (in place of any other). */
export function bindLeadGroup(db: DB, planId: number, chatId: number, { actor, now }: { actor: Actor; now: Date }): void {
  db.transaction(() => {
    db.update(plans).set({ leadGroupChatId: chatId, updatedAt: now }).where(eq(plans.id, planId)).run();
    recordAudit(db, { at: now, actor, action: 'plan.group', subject: `plan:${planId}`, details: { chatId } });
  });
}

/** The plan's leading group's chat, if one is bound. */
export function leadGroupOf(db: DB, planId: number): number | null {
  return db.select({ chatId: plans.leadGroupChatId }).from(plans).where(eq(plans.id, planId)).get()?.chatId ?? null;
}
