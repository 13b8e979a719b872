/**
 * What decides whether a bot may reach a person or a group, beyond the world's membership:
 * - which users a bot has "seen". Telegram answers "chat not found" for a user id the bot has
 *   never met (it has no access to that user at all), and "bot can't initiate conversation
 *   with a user" only for someone it knows who never opened a chat with it. A bot meets a user
 *   in an update about them (their message, button press, block) or by sharing a group;
 *   UserSpec.hasStartedBots counts as having met;
 * - deactivated (deleted) accounts: messages to them fail with 403 "user is deactivated";
 * - bots kicked from groups: their messages fail with 403 "bot was kicked from the … chat".
 */
import type { Update, User } from 'grammy/types';

export const GROUP_ANONYMOUS_BOT: User = {
  id: 1087968824,
  is_bot: true,
  first_name: 'Group',
  username: 'GroupAnonymousBot',
};

export class AccessState {
  private readonly seenByBot = new Map<number, Set<number>>();
  private readonly deactivated = new Set<number>();
  private readonly kickedFromGroup = new Map<number, Set<number>>();

  markSeen(botId: number, userId: number): void {
    let seen = this.seenByBot.get(botId);
    if (seen === undefined) {
      seen = new Set();
      this.seenByBot.set(botId, seen);
    }
    seen.add(userId);
  }

  hasSeen(botId: number, userId: number): boolean {
    return this.seenByBot.get(botId)?.has(userId) ?? false;
  }

  /** Everyone an update tells the bot about: the sender of a message or button press, whoever changed its membership. */
  markSeenIn(botId: number, update: Omit<Update, 'update_id'>): void {
    const people = [
      update.message?.from,
      update.message?.reply_to_message?.from,
      update.edited_message?.from,
      update.callback_query?.from,
      update.my_chat_member?.from,
      update.chat_member?.from,
      update.chat_member?.new_chat_member.user,
    ];
    for (const user of people) if (user !== undefined && !user.is_bot) this.markSeen(botId, user.id);
  }

  deactivate(userId: number): void {
    this.deactivated.add(userId);
  }

  reactivate(userId: number): void {
    this.deactivated.delete(userId);
  }

  isDeactivated(userId: number): boolean {
    return this.deactivated.has(userId);
  }

  markKicked(groupId: number, botId: number, kicked: boolean): void {
    let bots = this.kickedFromGroup.get(groupId);
    if (bots === undefined) {
      bots = new Set();
      this.kickedFromGroup.set(groupId, bots);
    }
    if (kicked) bots.add(botId);
    else bots.delete(botId);
  }

  wasKicked(groupId: number, botId: number): boolean {
    return this.kickedFromGroup.get(groupId)?.has(botId) ?? false;
  }
}
