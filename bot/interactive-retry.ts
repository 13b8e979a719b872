/**
 * How the bot's answers to people ride out Telegram's trouble, with every wait bounded:
 * a person is waiting, and (with the runner) only their own chat waits meanwhile.
 * - 429 (flood control): waits what Telegram asks when that is at most MAX_FLOOD_WAIT_S (its
 *   waits are often 5–60 s), up to MAX_ATTEMPTS tries; a person whose button press is not yet
 *   answered is told how long the reply will take (bot/press-answers.ts). A longer wait is not
 *   waited out (the handler fails; the person hears an apology if Telegram lets the bot speak).
 * - 5xx: tried again after 1 s, then 2 s.
 * - No connection (or no reply): tried once more after 1 s. A reply lost after Telegram
 *   delivered the message makes that retry a duplicate, so there is at most one per lost reply.
 * Reminders do not go through this: the dispatcher paces and retries them itself.
 */
import { HttpError, type Transformer } from 'grammy';
import { noticeDelay } from './press-answers';

export const MAX_FLOOD_WAIT_S = 60;
/** Waits from this long on are announced to a person waiting on a button press. */
const NOTICE_FROM_S = 5;
const MAX_ATTEMPTS = 3;
const SERVER_ERROR_WAITS_MS = [1000, 2000];
const NETWORK_WAITS_MS = [1000];

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener('abort', abort);
      resolve();
    }
    function abort() {
      clearTimeout(timer);
      reject(new Error('request aborted while waiting to retry'));
    }
    signal?.addEventListener('abort', abort, { once: true });
  });

export function interactiveRetry(sleep: Sleep = realSleep): Transformer {
  return async (prev, method, payload, signal) => {
    let serverErrors = 0;
    let networkErrors = 0;
    for (let attempt = 1; ; attempt++) {
      let response;
      try {
        response = await prev(method, payload, signal);
      } catch (error) {
        if (!(error instanceof HttpError) || signal?.aborted || networkErrors >= NETWORK_WAITS_MS.length) throw error;
        await sleep(NETWORK_WAITS_MS[networkErrors++]!, signal as AbortSignal | undefined);
        continue;
      }
      if (response.ok || attempt >= MAX_ATTEMPTS) return response;
      const retryAfter = response.parameters?.retry_after;
      if (retryAfter !== undefined) {
        if (retryAfter > MAX_FLOOD_WAIT_S) return response;
        if (retryAfter >= NOTICE_FROM_S && method !== 'answerCallbackQuery') await noticeDelay(payload, retryAfter);
        await sleep(retryAfter * 1000, signal as AbortSignal | undefined);
      } else if (response.error_code >= 500 && serverErrors < SERVER_ERROR_WAITS_MS.length) {
        await sleep(SERVER_ERROR_WAITS_MS[serverErrors++]!, signal as AbortSignal | undefined);
      } else {
        return response;
      }
    }
  };
}
