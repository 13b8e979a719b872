/**
 * Group chats: everything about a unit's tasks and reports is between the bot and a person
 * (or, for the leading group, what the bot posts on its own). A command other than /start and
 * /help sent in a group gets one line pointing to the private chat, and nothing else runs:
 * this guard is installed before every feature, so no later handler can leak into a group.
 *
 * An anonymous group admin's message comes from GroupAnonymousBot with the group as its
 * `sender_chat`: the bot cannot tell who sent it, so /group from one changes nothing and says
 * how to send it as oneself; other commands are answered as anyone's are. When the bot is
 * removed from the leading group (my_chat_member "kicked" or "left"), the plan loses its group
 * and the admins are told (schedules/group-lost.ts).
 *
 * /group binds the group to one plan: `/group #N`, the only live plan, or the one the admin
 * who sent it picks from buttons shown in the group (bot/plan-picker.ts).
 */
import { Composer } from 'grammy';
import type { BaseContext, BotContext } from '../context';
import { bindLeadGroup } from '../../db/lead-group';
import { circularActions } from '../../digests/circular-text';
import { escapeHtml } from '../../core/format';
import { forPlan, installPlanPicker, planLabel, type PlanRef } from '../plan-picker';
import { adoptMigratedChat } from '../../schedules/chat-migration';
import { loseLeadGroup } from '../../schedules/group-lost';
import { actorOf } from '../audit';

/** Who Telegram names as the sender of an anonymous group admin's messages. */
export const GROUP_ANONYMOUS_BOT_ID = 1087968824;

export const groupsFeature = new Composer<BotContext>();
const groups = groupsFeature.chatType(['group', 'supergroup']);

const ALLOWED_IN_GROUPS = new Set(['start', 'help', 'group']);

groups.on('message:entities:bot_command', async (ctx, next) => {
  const entity = ctx.message.entities.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!entity) return next();
  const [command, mention] = ctx.message.text.slice(1, entity.length).split('@');
  // A command addressed to another bot is none of ours.
  if (mention !== undefined && mention.toLowerCase() !== ctx.me.username.toLowerCase()) return;
  if (ALLOWED_IN_GROUPS.has(command!.toLowerCase())) return next();
  await ctx.reply(ctx.t('common-private-only'), { reply_parameters: { message_id: ctx.message.message_id } });
});

/**
 * The group became a supergroup: Telegram tells the old chat its new id (and the new chat its
 * old one). The leading group, and anything else addressed to the old id, moves with it.
 */
groups.on('message:migrate_to_chat_id', (ctx) =>
  adoptMigratedChat(ctx.deps.db, ctx.chat.id, ctx.message.migrate_to_chat_id, ctx.deps.clock.now()),
);
groups.on('message:migrate_from_chat_id', (ctx) =>
  adoptMigratedChat(ctx.deps.db, ctx.message.migrate_from_chat_id, ctx.chat.id, ctx.deps.clock.now()),
);

/** /group [#N]: this chat becomes the leading group of the plan (asked from a picker in the group when several are live). */
async function bindGroup(ctx: BaseContext, plan: PlanRef) {
  const actor = actorOf(ctx);
  bindLeadGroup(ctx.deps.db, plan.id, ctx.chat!.id, { actor, now: ctx.deps.clock.now() });
  return ctx.reply(ctx.t('group-bound', { plan: escapeHtml(planLabel(ctx.t, plan)) }), { parse_mode: 'HTML' });
}

// The plan picker /group shows in the group: only the admin who sent /group may choose, and must still be an admin.
installPlanPicker(groups, 'group', bindGroup);

/** What the bot posts in the leading group with a button: a cut circular's 完整名单 (bot/features/circular.ts). */
const GROUP_BUTTONS = [circularActions.fullList.pattern];

/** Other buttons pressed in a group belong to nothing the bot posts there now (but the picker above). */
groups.on('callback_query', (ctx, next) => {
  const data = ctx.callbackQuery.data;
  if (data !== undefined && GROUP_BUTTONS.some((pattern) => pattern.test(data))) return next();
  return ctx.answerCallbackQuery({ text: ctx.t('common-private-only') });
});

/**
 * The bot was removed from the group (banned: "kicked"; removed or the group deleted: "left"):
 * a plan led there has no leading group any more. Telegram sends no "left" for a group that
 * became a supergroup, so this is never a migration.
 */
groups.on('my_chat_member', (ctx) => {
  const status = ctx.myChatMember.new_chat_member.status;
  if (status !== 'kicked' && status !== 'left') return;
  const person = ctx.identity.person;
  const by = ctx.myChatMember.from;
  loseLeadGroup(ctx.deps.db, ctx.chat.id, ctx.deps.clock.now(), {
    via: 'my_chat_member',
    detail: status,
    actor: person
      ? { personId: person.id, label: person.name }
      : { personId: null, label: [by.first_name, by.last_name].filter(Boolean).join(' ') || String(by.id) },
    admins: ctx.deps.config.admins,
  });
});

/** /group [#N]: an admin makes this chat the leading group of a plan. */
groups.command('group', async (ctx) => {
  // Sent as the group: whoever it was cannot be checked against the admins.
  if (ctx.from?.id === GROUP_ANONYMOUS_BOT_ID || ctx.message?.sender_chat?.id === ctx.chat.id) return ctx.reply(ctx.t('group-anonymous'));
  if (!ctx.identity.admin) return ctx.reply(ctx.t('group-not-admin'));
  return forPlan(ctx, 'group', ctx.match.trim().split(/\s+/).filter(Boolean), bindGroup, { bare: true, none: 'group-no-plan' });
});

/** /help in a group: what the group is for, not anyone's command list. */
groups.command('help', (ctx) => ctx.reply(ctx.t('start-group')));
