/** Last in line: what no feature handled. Private chats get a pointer to /help; groups get silence. */
import { Composer } from 'grammy';
import type { BotContext } from '../context';
import { isKnown } from '../identity';

export const unhandledFeature = new Composer<BotContext>();
const privateChats = unhandledFeature.chatType('private');

privateChats.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: ctx.t('common-button-expired') }));
privateChats.on('message', (ctx) => ctx.reply(ctx.t(isKnown(ctx.identity) ? 'common-unknown-command' : 'common-unknown-user')));
