/**
 * Things that happen to accounts and group membership, outside any chat a test writes in:
 * a person deletes their account, a group admin kicks the bot or adds it back. Like the user
 * actions, misuse throws a plain Error naming the mistake.
 */
import type { ChatMemberUpdated, Message, Update, User } from 'grammy/types';
import type { Conversation } from './conversation';
import type { EmulatorCore } from './core';
import { botAsUser, type BotState, type GroupState } from './world';

/**
 * The account is deleted: from now on the bot's messages to the person fail with 403 "user is
 * deactivated", and the person can do nothing. Telegram tells the bot nothing.
 */
export function deactivateUser(core: EmulatorCore, userId: number): void {
  core.world.requireUser(userId);
  core.access.deactivate(userId);
}

/** Undoes deactivateUser (Telegram cannot, but a test may want the person back). */
export function reactivateUser(core: EmulatorCore, userId: number): void {
  core.world.requireUser(userId);
  core.access.reactivate(userId);
}

function adminOf(core: EmulatorCore, group: GroupState, byUserId: number | undefined): User {
  const userId = byUserId ?? [...group.members][0];
  if (userId === undefined) throw new Error(`group ${group.chat.id} has no members to do that`);
  if (!group.members.has(userId)) throw new Error(`user ${userId} is not a member of group ${group.chat.id}`);
  return core.world.requireUser(userId);
}

type BotStatus = 'member' | 'kicked' | 'left';

function memberChange(core: EmulatorCore, bot: BotState, group: GroupState, by: User, from: BotStatus, to: BotStatus): ChatMemberUpdated {
  const user = botAsUser(bot);
  const state = (status: BotStatus): ChatMemberUpdated['new_chat_member'] =>
    status === 'kicked' ? { status, user, until_date: 0 } : { status, user };
  return { chat: group.chat, from: by, date: core.date(), old_chat_member: state(from), new_chat_member: state(to) };
}

/** A service message in the group ("X removed the bot"), delivered to the bots in it. */
function serviceMessage(core: EmulatorCore, anyBot: BotState, group: GroupState, by: User, field: Partial<Message>): void {
  const conversation = core.world.conversation(anyBot, group.chat.id) as Conversation;
  const message = { message_id: conversation.nextMessageId(), from: by, chat: group.chat, date: core.date(), ...field } as Message;
  core.addMessage(conversation, { message, sender: { kind: 'user', userId: by.id } });
  // Telegram sends member changes to every bot in the group, whatever its privacy mode.
  for (const target of core.world.bots().filter((b) => group.bots.has(b.id))) {
    core.enqueueUpdate(target, { message: message as NonNullable<Update['message']> });
  }
}

/**
 * A group member (default the first) removes and bans the bot: it gets a my_chat_member update
 * (member → kicked), nothing more from the group, and 403 "bot was kicked from the group chat"
 * (or "supergroup chat") for anything it sends there.
 */
export function kickBot(core: EmulatorCore, bot: BotState, groupId: number, byUserId?: number): void {
  const group = core.world.requireGroup(groupId);
  if (group.migratedTo !== undefined) throw new Error(`group ${groupId} was upgraded to supergroup ${group.migratedTo}`);
  if (!group.bots.has(bot.id)) throw new Error(`bot ${bot.username} is not in group ${groupId}`);
  const by = adminOf(core, group, byUserId);
  group.bots.delete(bot.id);
  core.access.markKicked(groupId, bot.id, true);
  core.enqueueUpdate(bot, { my_chat_member: memberChange(core, bot, group, by, 'member', 'kicked') });
  serviceMessage(core, bot, group, by, { left_chat_member: botAsUser(bot) });
}

/** A group member (default the first) adds the bot (back): my_chat_member (→ member) and a new_chat_members message. */
export function addBotToGroup(core: EmulatorCore, bot: BotState, groupId: number, byUserId?: number): void {
  const group = core.world.requireGroup(groupId);
  if (group.migratedTo !== undefined) throw new Error(`group ${groupId} was upgraded to supergroup ${group.migratedTo}`);
  if (group.bots.has(bot.id)) throw new Error(`bot ${bot.username} is already in group ${groupId}`);
  const by = adminOf(core, group, byUserId);
  const before: BotStatus = core.access.wasKicked(groupId, bot.id) ? 'kicked' : 'left';
  group.bots.add(bot.id);
  core.access.markKicked(groupId, bot.id, false);
  core.enqueueUpdate(bot, { my_chat_member: memberChange(core, bot, group, by, before, 'member') });
  serviceMessage(core, bot, group, by, { new_chat_members: [botAsUser(bot)] });
}
