/** Last in line: what no feature handled. Private chats get a pointer to /help (once per few minutes); groups get silence. */
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { isKnown } from '../../db/identity';

export const unhandledFeature = new Composer<BotContext>();
const privateChats = unhandledFeature.chatType('private');

privateChats.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('common-button-expired') }));
// Stray text gets its pointer once per few minutes, not once per message (bot/reply-throttle.ts).
privateChats.on('message', async (ctx) => {
  if (ctx.deps.strayReplies.allow(`stray:${ctx.chat.id}`))
    await ctx.reply(ctx.t(isKnown(ctx.identity) ? 'common-unknown-command' : 'common-unknown-user'));
});
