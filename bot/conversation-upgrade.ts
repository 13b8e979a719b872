/**
 * A person half-way through /report or /import when the bot was upgraded to steps of another
 * version (bot/conversation-storage.ts): the conversation could not go on, and its state was
 * deleted when their next update came. They are told so on that update, in chat, with the
 * command that starts again; what they sent is not taken for anything else (a note typed for
 * /report is no unknown command), but a command still runs.
 */
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from './context';

/** The command each conversation is started with, as the person knows it. */
const COMMAND_OF: Record<string, string> = { report: '/report', import: '/import' };

export interface ConversationUpgrade {
  /** For sqliteConversationStorage's `onOutdated`: the chat's conversations that were dropped. */
  outdated(key: string, conversations: string[]): void;
  /** After the conversations plugin: tells the person whose conversation was dropped on this update. */
  middleware: MiddlewareFn<BotContext>;
}

export function conversationUpgrade(): ConversationUpgrade {
  // Keyed by the storage key (the chat): filled while the plugin reads this update's state, taken right after.
  const dropped = new Map<string, string[]>();
  return {
    outdated(key, conversations) {
      const commands = conversations.map((name) => COMMAND_OF[name]).filter((command) => command !== undefined);
      if (commands.length > 0) dropped.set(key, commands);
    },
    async middleware(ctx, next) {
      const key = ctx.chatId?.toString();
      const commands = key === undefined ? undefined : dropped.get(key);
      if (key === undefined || commands === undefined) return next();
      dropped.delete(key);
      await ctx.reply(ctx.t('conversation-upgraded', { commands: commands.join('、') }));
      if (ctx.callbackQuery) return ctx.answerCallbackQuery();
      if (ctx.message?.text?.startsWith('/')) return next();
    },
  };
}
