/**
 * Waiting for something the bot does, with a bounded real-time timeout. The bot runs on real
 * timers (HTTP, long polling), so these waits are real; the timeout only bounds a failure, and a
 * timeout error says what was being waited for and what the state was.
 */
export interface WaitOptions {
  /** Default 5000. */
  timeoutMs?: number;
}

export const DEFAULT_WAIT_MS = 5000;

export function waitUntil<T>(
  subscribe: (listener: (value: T) => void) => () => void,
  accept: (value: T) => boolean,
  timeoutMs: number,
  describeFailure: () => string,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const unsubscribe = subscribe((value) => {
      if (!accept(value)) return;
      clearTimeout(timer);
      unsubscribe();
      // Events fire inside the Bot API call that caused them; resolving on the next turn of the
      // event loop lets that call finish and be recorded first, so a test sees a consistent record.
      setImmediate(() => resolve(value));
    });
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms ${describeFailure()}`));
    }, timeoutMs);
  });
}
