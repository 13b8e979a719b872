/** To an admin: a message Telegram refused as too long, what it was and whom it was for (schedules/dispatcher.ts). */
import { eq } from 'drizzle-orm';
import { people, plans } from '../../db/schema';
import { isLiaisonKind, type OutboxKind } from '../../core/outbox-kind';
import { escapeHtml } from '../../core/format';
import type { Notice } from './notice';

export const tooLongNotice: Notice<'too-long'> = {
  grouping: 'alone',
  render({ db, t }, [row]) {
    const refused = row!.payload;
    const person =
      refused.personId === null ? undefined : db.select({ name: people.name }).from(people).where(eq(people.id, refused.personId)).get();
    const group = person ? undefined : db.select({ title: plans.title }).from(plans).where(eq(plans.leadGroupChatId, refused.chatId)).get();
    const who = person?.name ?? (group ? t('too-long-group', { plan: escapeHtml(group.title ?? '') }) : String(refused.chatId));
    const lines = [t('too-long-refused', { kind: kindFamily(refused.kind), who: person ? escapeHtml(who) : who })];
    if ((refused.sent ?? 0) > 0) lines.push(t('too-long-partly', { sent: refused.sent!, parts: refused.parts ?? 0 }));
    return { text: lines.join('\n'), keyboard: null };
  },
};

/** What kind of message a refused one was, as the locales' select expressions name it. */
function kindFamily(kind: OutboxKind): string {
  if (isLiaisonKind(kind) || kind === 'overdue-lead' || kind === 'no-liaison') return 'reminder';
  return ['circular', 'circular-draft', 'weekly-summary'].includes(kind) ? kind : 'other';
}
