/**
 * Telegram refuses to answer a button press after about 15 seconds ("query is too old"), and
 * until it is answered the person's app shows a spinner. Handlers answer first and work after;
 * this middleware is the net under them:
 * - a press still unanswered when its handler is done is answered (empty), so no spinner is left;
 * - a press still unanswered after ANSWER_WITHIN_MS (a slow export, a long flood wait) is
 *   answered with "working on it", while it still can be;
 * - when Telegram makes the bot wait before replying (bot/interactive-retry.ts), a press not yet
 *   answered is answered with how long the reply will take, so the person knows it is coming.
 * Which presses were answered is seen by a transformer on every Api the update uses (the bot's,
 * and each conversation's), through the update's async context.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareFn, Transformer } from 'grammy';
import type { BaseContext } from './context';

export const ANSWER_WITHIN_MS = 8_000;

interface PressState {
  queryId: string;
  answered: boolean;
  answer(text?: string): Promise<void>;
  delayed(seconds: number): Promise<void>;
}

const current = new AsyncLocalStorage<PressState>();

/** Marks the update's press as answered when any Api answers it. */
export const recordPressAnswers: Transformer = async (prev, method, payload, signal) => {
  const response = await prev(method, payload, signal);
  const press = current.getStore();
  if (press && method === 'answerCallbackQuery' && (payload as { callback_query_id?: string }).callback_query_id === press.queryId)
    press.answered = true;
  return response;
};

/** Tells the person, on their press, that Telegram delays the reply by `seconds`. */
export function noticeDelay(seconds: number): Promise<void> {
  return current.getStore()?.delayed(seconds) ?? Promise.resolve();
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
    const timer = setTimeout(() => void press.answer(ctx.t('common-working')), withinMs);
    try {
      await current.run(press, next);
    } finally {
      clearTimeout(timer);
      await press.answer();
    }
  };
}
