/** getMe, getChat and answerCallbackQuery. */
import type { ChatFullInfo } from 'grammy/types';
import { badRequest, errors } from '../api-error';
import type { CallbackAnswer } from '../core';
import { botInfo } from '../world';
import { resolveChat, type MethodHandler } from './context';

export const getMe: MethodHandler = (context) => botInfo(context.bot);

/** The fields every ChatFullInfo has; the emulator knows nothing more about chats than their names. */
const BASIC_FULL_INFO = {
  accent_color_id: 0,
  max_reaction_count: 11,
  accepted_gift_types: {
    unlimited_gifts: false,
    limited_gifts: false,
    unique_gifts: false,
    premium_subscription: false,
    gifts_from_channels: false,
  },
};

export const getChat: MethodHandler = (context, params): ChatFullInfo => {
  const target = resolveChat(context, params, 'read');
  return { ...target.conversation.chat, ...BASIC_FULL_INFO } as ChatFullInfo;
};

/**
 * A query can be answered once, within Telegram's window after the press (about 15 seconds:
 * the client stops waiting); later, again, or for an unknown id, the answer is "query is too
 * old and response timeout expired or query ID is invalid" (QUERY_ID_INVALID).
 */
export const answerCallbackQuery: MethodHandler = (context, params) => {
  const { core, bot } = context;
  const queryId = params.string('callback_query_id') ?? '';
  const pending = bot.callbackQueries.get(queryId);
  // Telegram gives the same answer for a query that was already answered.
  if (pending === undefined) throw errors.queryTooOld();
  const window = core.rules.callbackAnswerWindowMs;
  if (window !== false && pending.pressedAt !== undefined && core.clock() - pending.pressedAt > window) {
    bot.callbackQueries.delete(queryId);
    throw errors.queryTooOld();
  }
  const text = params.string('text');
  if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
  bot.callbackQueries.delete(queryId);
  const answer: CallbackAnswer = {
    queryId,
    botId: bot.id,
    showAlert: params.boolean('show_alert') ?? false,
    at: core.clock(),
  };
  if (text !== undefined && text !== '') answer.text = text;
  const url = params.string('url');
  if (url !== undefined) answer.url = url;
  const cacheTime = params.integer('cache_time');
  if (cacheTime !== undefined) answer.cacheTime = cacheTime;
  core.callbackAnswers.set(queryId, answer);
  core.events.emit('callbackAnswer', answer);
  return true;
};
