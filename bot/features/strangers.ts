/**
 * People the bot does not know, in private chats: a stranger's message is handled (a refusal,
 * or how to join) at most once per few minutes, and the rest are dropped unanswered, so a
 * stranger's flood costs almost nothing and spends none of the bot's flood allowance. An invite
 * link (/start CODE) always goes through: that is how a stranger becomes a liaison or a lead.
 * Button presses go through (the features answer them; /language works for everyone).
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { isKnown } from '../../db/identity';

export const strangersFeature = new Composer<BotContext>();

strangersFeature.chatType('private').on('message', async (ctx, next) => {
  if (isKnown(ctx.identity)) return next();
  if (/^\/start(@\w+)?\s+\S/.test(ctx.message.text ?? '')) return next();
  if (ctx.deps.strayReplies.allow(`stranger:${ctx.chat.id}`)) return next();
});
