/**
 * The bot is no longer in a plan's leading group: someone removed it (Telegram sends a
 * my_chat_member update with status "kicked" or "left", bot/features/groups.ts), or the
 * dispatcher's post there is refused with 403 ("bot was kicked from the group chat", "bot is not
 * a member of the supergroup chat") or 400 "chat not found" (the group was deleted). Either way,
 * the one rule here:
 * - every plan whose leading group it was is unbound (plans.leadGroupChatId = null), audited;
 * - the admins are told once per plan (localized, kind "group-lost"): the group no longer gets
 *   the summaries and circulars, and /group in a group binds one again;
 * - what was still waiting to be posted in that chat is skipped.
 * The leads lose nothing: they get the weekly summary and the published circulars in private
 * whether a group is bound or not (schedules/weekly.ts, schedules/circular.ts).
 *
 * Both ways may report the same loss (the bot was down when it was kicked: the dispatcher hears
 * of it first, the update comes later); the second finds no plan bound and changes nothing, so
 * the admins are told once. A group upgraded to a supergroup is not lost: Telegram sends no
 * "left" for the old group then, and the dispatcher's 400 carries migrate_to_chat_id
 * (schedules/chat-migration.ts).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { auditLog, outbox, plans } from '../db/schema';
import { adminsOf } from './recipients';
import { enqueue } from './enqueue';

export interface GroupLoss {
  /** How the bot learned it: "my_chat_member", "403", "400" (kept in the audit log). */
  via: string;
  /** Telegram's words, or the new member status ("kicked", "left"). */
  detail?: string;
  /** Who removed the bot, when Telegram says (the person's row, or their Telegram name); default "system". */
  actor?: { personId: number | null; label: string };
  /** Configured admins (DUBAN_ADMINS), told with the granted ones. */
  admins: readonly number[];
}

/** What the rows skipped for a lost group say. */
export const GROUP_LOST = 'group lost';

/**
 * Unbinds the plans led in `chatId`, tells the admins and skips what was pending for the chat.
 * Returns the plans unbound (none when no plan had it as its leading group any more).
 */
export function loseLeadGroup(db: DB, chatId: number, now: Date, loss: GroupLoss): number[] {
  return db.transaction(() => {
    const bound = db
      .select({ id: plans.id })
      .from(plans)
      .where(eq(plans.leadGroupChatId, chatId))
      .all()
      .map((p) => p.id);
    // Summaries and circulars not yet posted there would only be refused.
    db.update(outbox)
      .set({ status: 'skipped', lastError: `${GROUP_LOST}: ${loss.detail ?? loss.via}`, updatedAt: now })
      .where(and(eq(outbox.chatId, chatId), isNull(outbox.personId), eq(outbox.status, 'pending')))
      .run();
    if (bound.length === 0) return [];
    const admins = adminsOf(db, loss.admins);
    const actor = loss.actor ?? { personId: null, label: 'system' };
    for (const planId of bound) {
      db.update(plans).set({ leadGroupChatId: null, updatedAt: now }).where(eq(plans.id, planId)).run();
      db.insert(auditLog)
        .values({
          at: now,
          actorPersonId: actor.personId,
          actorLabel: actor.label,
          action: 'plan.group-lost',
          subject: `plan:${planId}`,
          details: { chatId, via: loss.via, ...(loss.detail ? { detail: loss.detail } : {}) },
        })
        .run();
      for (const admin of admins)
        enqueue(
          db,
          {
            key: { kind: 'group-lost', personId: admin.personId, planId, chatId, at: now },
            personId: admin.personId,
            chatId: admin.chatId,
            payload: { planId, chatId },
          },
          now,
        );
    }
    return bound;
  });
}
