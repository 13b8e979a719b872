/**
 * Telegram refuses to answer a button press after about 15 seconds ("query is too old"), and
 * until it is answered the person's app shows a spinner. Handlers answer first and work after;
 * this middleware is the net under them:
 * - a press still unanswered when its handler is done is answered (empty), so no spinner is left;
 * - a press still unanswered after ANSWER_WITHIN_MS (a slow export, a long flood wait) is
 *   answered with "working on it", while it still can be;
 * - when Telegram makes the bot wait before replying (bot/interactive-retry.ts), a press not yet
 *   answered is answered with how long the reply will take, so the person knows it is coming.
 *
 * Which presses were answered is seen by a transformer on every Api the update uses (the bot's,
 * and each conversation's, which is built without the outer context). Presses being handled are
 * found by what the Bot API call names: an answer by its query's id, a delayed reply by its chat
 * (one chat's updates are handled one at a time, bot/create-bot.ts, so a chat has at most one
 * press in hand). Not through AsyncLocalStorage: while one is in use Node runs a hook on every
 * promise the process makes, about 9% of the bot's CPU per update (bench/README.md, issue 17).
 */
import type { MiddlewareFn, Transformer } from 'grammy';
import type { BaseContext } from './context';

export const ANSWER_WITHIN_MS = 8_000;

interface PressState {
  queryId: string;
  answered: boolean;
  answer(text?: string): Promise<void>;
  delayed(seconds: number): Promise<void>;
}

/** Presses in hand, by their query's id and by their chat. */
const pressesByQuery = new Map<string, PressState>();
const pressesByChat = new Map<number | string, PressState>();

/** Marks a press in hand as answered when any Api answers it. */
export const recordPressAnswers: Transformer = async (prev, method, payload, signal) => {
  const response = await prev(method, payload, signal);
  if (method === 'answerCallbackQuery') {
    const press = pressesByQuery.get((payload as { callback_query_id?: string }).callback_query_id ?? '');
    if (press) press.answered = true;
  }
  return response;
};

/** Tells the person whose press is in hand in the call's chat that Telegram delays the reply by `seconds`. */
export function noticeDelay(payload: unknown, seconds: number): Promise<void> {
  const chat = (payload as { chat_id?: number | string } | undefined)?.chat_id;
  return (chat === undefined ? undefined : pressesByChat.get(chat))?.delayed(seconds) ?? Promise.resolve();
}

export function answerPresses(options: { withinMs?: number } = {}): MiddlewareFn<BaseContext> {
  const withinMs = options.withinMs ?? ANSWER_WITHIN_MS;
  return async (ctx, next) => {
    const query = ctx.callbackQuery;
    if (!query) return next();
    const press: PressState = {
      queryId: query.id,
      answered: false,
      async answer(text) {
        if (press.answered) return;
        press.answered = true;
        await ctx.answerCallbackQuery(text === undefined ? undefined : { text }).catch(() => undefined);
      },
      delayed: (seconds) => press.answer(ctx.t('common-reply-delayed', { seconds })),
    };
    const chat = ctx.chat?.id;
    pressesByQuery.set(query.id, press);
    if (chat !== undefined) pressesByChat.set(chat, press);
    const timer = setTimeout(() => void press.answer(ctx.t('common-working')), withinMs);
    try {
      await next();
    } finally {
      clearTimeout(timer);
      await press.answer();
      pressesByQuery.delete(query.id);
      if (chat !== undefined && pressesByChat.get(chat) === press) pressesByChat.delete(chat);
    }
  };
}
