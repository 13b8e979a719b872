/**
 * What the start-up and the command menus share about Telegram failing: which errors pass
 * (the network, 5xx, 429) and are worth trying again after a wait, how to say what went wrong
 * without printing the token, and a wait that ends early when the bot is stopped.
 */
import { GrammyError, HttpError, type Api } from 'grammy';

/** Worth trying again later: no connection, Telegram's own trouble (5xx), or its flood control (429). */
export function isPassing(error: unknown): boolean {
  if (error instanceof HttpError) return true;
  return error instanceof GrammyError && (error.error_code >= 500 || error.error_code === 429);
}

/** The wait Telegram asked for (429 retry_after), in milliseconds; 0 when it asked for none. */
export function retryAfterMs(error: unknown): number {
  return error instanceof GrammyError ? (error.parameters.retry_after ?? 0) * 1000 : 0;
}

/** Hides a token in a text: the one given, and anything shaped like the Bot API's /bot<token>/ path. */
export function redactToken(text: string, token?: string): string {
  let out = token ? text.split(token).join('<BOT_TOKEN>') : text;
  out = out.replace(/\/bot\d+:[\w-]+/g, '/bot<BOT_TOKEN>');
  return out;
}

/**
 * What went wrong, in one line: "502 Bad Gateway", "connect ECONNREFUSED 127.0.0.1:9". The
 * network errors of grammY's fetch name the URL, which holds the token: only the reason is kept.
 */
export function describeTelegramError(error: unknown, token?: string): string {
  let text: string;
  if (error instanceof GrammyError) {
    text = /^\d{3}\b/.test(error.description) ? error.description : `${error.error_code} ${error.description}`;
  } else if (error instanceof HttpError) {
    const inner = error.error instanceof Error ? error.error.message : String(error.error);
    text = /reason: (.+)$/s.exec(inner)?.[1] ?? inner;
  } else {
    text = error instanceof Error ? error.message : String(error);
  }
  return redactToken(text.trim(), token);
}

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A standard AbortSignal as grammY's Api methods type theirs (the abort-controller shim's); the same object at run time. */
export function apiSignal(signal: AbortSignal | undefined): Parameters<Api['getMe']>[0] {
  return signal as Parameters<Api['getMe']>[0];
}
