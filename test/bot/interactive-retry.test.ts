import { describe, expect, it } from 'vitest';
import { HttpError } from 'grammy';
import { interactiveRetry, MAX_FLOOD_WAIT_S } from '../../bot/interactive-retry';

type Answer =
  { ok: true; result: true } | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } } | Error;

/** Runs the transformer over a scripted Telegram; returns what it resolved to, the calls made and the waits asked for. */
async function run(script: Answer[]) {
  const waits: number[] = [];
  let calls = 0;
  const prev = async () => {
    const answer = script[Math.min(calls++, script.length - 1)]!;
    if (answer instanceof Error) throw answer;
    return answer as never;
  };
  const transform = interactiveRetry(async (ms) => void waits.push(ms));
  const outcome = await transform(prev as never, 'sendMessage', { chat_id: 1, text: 'x' } as never).then(
    (response) => response,
    (error: unknown) => error,
  );
  return { outcome, calls, waits };
}

const ok = { ok: true, result: true } as const;
const flood = (s: number) =>
  ({ ok: false, error_code: 429, description: `Too Many Requests: retry after ${s}`, parameters: { retry_after: s } }) as const;
const down = { ok: false, error_code: 502, description: 'Bad Gateway' } as const;
const network = () => new HttpError('Network request failed', new Error('ECONNRESET'));

describe("retries of the bot's answers", () => {
  it('waits out a short flood wait as Telegram asks', async () => {
    expect(await run([flood(5), ok])).toEqual({ outcome: ok, calls: 2, waits: [5000] });
  });

  it('does not wait out a long one: the answer fails at once', async () => {
    const long = flood(MAX_FLOOD_WAIT_S + 1);
    expect(await run([long, ok])).toEqual({ outcome: long, calls: 1, waits: [] });
  });

  it('tries a 5xx twice more, then gives up', async () => {
    expect(await run([down, down, down, ok])).toEqual({ outcome: down, calls: 3, waits: [1000, 2000] });
  });

  it('tries once more after a lost connection, and not forever', async () => {
    expect((await run([network(), ok])).waits).toEqual([1000]);
    const { outcome, calls } = await run([network(), network(), network(), ok]);
    expect(outcome).toBeInstanceOf(HttpError);
    expect(calls).toBe(2);
  });

  it('returns a 400 as it is', async () => {
    const bad = { ok: false, error_code: 400, description: 'Bad Request: chat not found' } as const;
    expect(await run([bad, ok])).toEqual({ outcome: bad, calls: 1, waits: [] });
  });
});
