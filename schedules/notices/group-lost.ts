/** The admins: the bot left a plan's leading group (schedules/group-lost.ts), until one is bound again. */
import { eq } from 'drizzle-orm';
import { plans } from '../../db/schema';
import { escapeHtml } from '../../core/format';
import type { Notice } from './notice';

export const groupLostNotice: Notice<'group-lost'> = {
  grouping: 'alone',
  render({ db, t }, [row]) {
    const plan = db.select({ title: plans.title, group: plans.leadGroupChatId }).from(plans).where(eq(plans.id, row!.payload.planId)).get();
    // Bound again since (to this group or another): nothing to say any more.
    if (!plan || plan.group !== null) return null;
    return { text: t('group-lost', { plan: escapeHtml(plan.title ?? '') }), keyboard: null };
  },
};
