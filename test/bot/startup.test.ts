/**
 * The start-up against Telegram (bot/startup.ts), with every outside thing injected: getMe,
 * the polling, the scheduler, the waits (recorded, never slept), the stop signal, stdout and
 * stderr. app/main.ts wires the real ones; test/bot/main-process.test.ts runs it as a process.
 */
import { describe, expect, it } from 'vitest';
import { GrammyError, HttpError } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { runTelegram, TelegramGate, type Polling, type TelegramStartup } from '../../bot/startup';

const TOKEN = '123456:SECRET-token-never-printed-000000';
const API_ROOT = 'https://telegram.example';
const ME: UserFromGetMe = {
  id: 123456,
  is_bot: true,
  first_name: 'Duban',
  username: 'duban_bot',
  can_join_groups: true,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;

const refused = () =>
  new HttpError(
    "Network request for 'getMe' failed!",
    new Error(`request to ${API_ROOT}/bot${TOKEN}/getMe failed, reason: connect ECONNREFUSED 10.0.0.1:443`),
  );
const apiError = (code: number, description: string, parameters = {}) =>
  new GrammyError(
    `Call to 'getMe' failed! (${code}: ${description})`,
    { ok: false, error_code: code, description, parameters },
    'getMe',
    {},
  );

/** Everything runTelegram touches, recorded. `getMe` answers from the script, one entry a call; the last one repeats. */
function harness(script: Array<UserFromGetMe | Error>, options: { autoWake?: boolean } = {}) {
  const events: string[] = [];
  const out: string[] = [];
  const err: string[] = [];
  const slept: number[] = [];
  const stop = new AbortController();
  let pollingEnds!: { resolve: () => void; reject: (error: unknown) => void };
  const polling: Polling & { stopped: boolean } = {
    stopped: false,
    task: new Promise<void>((resolve, reject) => (pollingEnds = { resolve, reject })),
    async stop() {
      polling.stopped = true;
      events.push('polling.stop');
      pollingEnds.resolve();
    },
  };
  const bot = { botInfo: undefined as unknown as UserFromGetMe };
  let call = 0;
  const startup: TelegramStartup<typeof bot> = {
    bot,
    apiRoot: API_ROOT,
    token: TOKEN,
    async getMe() {
      events.push('getMe');
      const answer = script[Math.min(call++, script.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    startPolling(b) {
      events.push(`startPolling @${b.botInfo.username}`);
      return polling;
    },
    scheduler: {
      start: () => void events.push('scheduler.start'),
      stop: async () => void events.push('scheduler.stop'),
    },
    connected: (me) => void events.push(`connected @${me.username}`),
    signal: stop.signal,
    // Waits are recorded, not slept: they end on the next turn of the event loop (autoWake) or when the signal aborts.
    sleep: (ms, signal) =>
      new Promise<void>((resolve) => {
        slept.push(ms);
        if (signal?.aborted) return resolve();
        const wake = () => {
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        signal?.addEventListener('abort', wake, { once: true });
        if (options.autoWake !== false) setImmediate(wake);
      }),
    out: (line) => void out.push(line),
    err: (line) => void err.push(line),
  };
  return { startup, events, out, err, slept, stop, polling, pollingEnds: () => pollingEnds, bot };
}

/** Resolves once `predicate` holds, checking on each turn of the event loop (no timers). */
async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !predicate(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(predicate()).toBe(true);
}

describe('start-up never blocks on Telegram', () => {
  it('starts the scheduler first, says on stderr that Telegram cannot be reached and retries after 1, 2, 4 s', async () => {
    const h = harness([refused(), refused(), apiError(502, 'Bad Gateway'), ME]);
    const running = runTelegram(h.startup);
    await until(() => h.events.includes('connected @duban_bot'));
    expect(h.events).toEqual(['scheduler.start', 'getMe', 'getMe', 'getMe', 'getMe', 'startPolling @duban_bot', 'connected @duban_bot']);
    expect(h.slept).toEqual([1000, 2000, 4000]);
    expect(h.err).toEqual([
      `cannot reach Telegram at ${API_ROOT}: connect ECONNREFUSED 10.0.0.1:443; retrying in 1s`,
      `cannot reach Telegram at ${API_ROOT}: connect ECONNREFUSED 10.0.0.1:443; retrying in 2s`,
      `cannot reach Telegram at ${API_ROOT}: 502 Bad Gateway; retrying in 4s`,
    ]);
    expect(h.out).toEqual([`reached Telegram at ${API_ROOT} after 3 failed attempt(s)`]);
    expect(h.bot.botInfo.username).toBe('duban_bot');
    h.stop.abort();
    expect(await running).toBe(0);
    expect(h.events.slice(-2).sort()).toEqual(['polling.stop', 'scheduler.stop']);
  });

  it('doubles the wait up to 60 s, and waits longer when Telegram asks (429 retry_after)', async () => {
    const h = harness([...Array(9).fill(null).map(refused), apiError(429, 'Too Many Requests: retry after 90', { retry_after: 90 }), ME]);
    const running = runTelegram(h.startup);
    await until(() => h.events.includes('connected @duban_bot'));
    expect(h.slept).toEqual([1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000, 90000]);
    expect(h.err.at(-1)).toBe(`cannot reach Telegram at ${API_ROOT}: 429 Too Many Requests: retry after 90; retrying in 90s`);
    h.stop.abort();
    expect(await running).toBe(0);
  });

  it('keeps the scheduler running while Telegram stays unreachable', async () => {
    const h = harness([refused()], { autoWake: false });
    const running = runTelegram(h.startup);
    await until(() => h.slept.length === 1);
    expect(h.events).toEqual(['scheduler.start', 'getMe']);
    expect(h.events).not.toContain('scheduler.stop');
    h.stop.abort();
    expect(await running).toBe(0);
  });

  it('SIGTERM during the wait between attempts: stops the scheduler and resolves at once, with no further attempt', async () => {
    const h = harness([refused()], { autoWake: false });
    const running = runTelegram(h.startup);
    await until(() => h.slept.length === 1);
    h.stop.abort();
    expect(await running).toBe(0);
    expect(h.events).toEqual(['scheduler.start', 'getMe', 'scheduler.stop']);
    expect(h.polling.stopped).toBe(false);
  });

  it('SIGTERM while getMe hangs: the call is given the signal and nothing waits for it', async () => {
    const h = harness([ME]);
    let seen: AbortSignal | undefined;
    h.startup.getMe = (signal) =>
      new Promise((_, reject) => {
        seen = signal;
        signal.addEventListener('abort', () => reject(new HttpError("Network request for 'getMe' failed!", new Error('aborted'))));
      });
    const running = runTelegram(h.startup);
    await until(() => seen !== undefined);
    h.stop.abort();
    expect(await running).toBe(0);
    expect(h.err).toEqual([]);
    expect(h.events).toEqual(['scheduler.start', 'scheduler.stop']);
  });

  it('an invalid token (401) exits with code 1 and a message naming BOT_TOKEN, never the token', async () => {
    const h = harness([apiError(401, 'Unauthorized')]);
    expect(await runTelegram(h.startup)).toBe(1);
    expect(h.err).toEqual([
      `Telegram refused to start the bot: 401 Unauthorized. BOT_TOKEN is not a valid token for ${API_ROOT} (wrong, or revoked): copy the bot's token from @BotFather into BOT_TOKEN.`,
    ]);
    expect(h.events).toEqual(['scheduler.start', 'getMe', 'scheduler.stop']);
    expect(h.slept.filter((ms) => ms !== 5000)).toEqual([]);
    expect([...h.err, ...h.out].join('\n')).not.toContain('SECRET');
  });

  it('SIGTERM while polling stops the polling and the scheduler; exit code 0', async () => {
    const h = harness([ME]);
    const running = runTelegram(h.startup);
    await until(() => h.events.includes('connected @duban_bot'));
    h.stop.abort();
    expect(await running).toBe(0);
    expect(h.polling.stopped).toBe(true);
    expect(h.events).toContain('scheduler.stop');
    expect(h.err).toEqual([]);
  });

  it('polling that fails by itself (the token revoked meanwhile) exits with code 1 and says why', async () => {
    const h = harness([ME]);
    const running = runTelegram(h.startup);
    await until(() => h.events.includes('connected @duban_bot'));
    h.pollingEnds().reject(apiError(401, 'Unauthorized'));
    expect(await running).toBe(1);
    expect(h.err[0]).toMatch(/^polling Telegram stopped: 401 Unauthorized\. BOT_TOKEN is not a valid token/);
    expect(h.events).toContain('scheduler.stop');
  });

  it('a stop that hangs is given up after the stop timeout, so the process can exit', async () => {
    const h = harness([ME]);
    h.startup.scheduler.stop = () => new Promise(() => undefined);
    const running = runTelegram(h.startup);
    await until(() => h.events.includes('connected @duban_bot'));
    h.stop.abort();
    expect(await running).toBe(0);
    expect(h.slept.at(-1)).toBe(5000);
    expect(h.err).toEqual(['stopping took longer than 5s; exiting anyway']);
  });

  it("the scheduler's sends wait for getMe: held until its first answer, refused as a network error (retried later) until Telegram is reached, never sent with a token Telegram refuses", async () => {
    const sent: string[] = [];
    const prev = (async (method: string) => {
      sent.push(method);
      return { ok: true, result: true };
    }) as never;
    const send = (gate: TelegramGate) => gate.transformer(prev, 'sendMessage', { chat_id: 1, text: 'x' } as never);

    // A wrong token: the send that waited is refused, and nothing reaches Telegram.
    const wrong = harness([apiError(401, 'Unauthorized')]);
    wrong.startup.gate = new TelegramGate();
    const early = send(wrong.startup.gate);
    expect(await runTelegram(wrong.startup)).toBe(1);
    await expect(early).rejects.toBeInstanceOf(HttpError);
    await expect(send(wrong.startup.gate)).rejects.toThrow("Network request for 'sendMessage' not made");
    expect(sent).toEqual([]);

    // Telegram unreachable, then reached: refused while unreachable, sent once reached.
    const h = harness([refused(), ME], { autoWake: false });
    const gate = (h.startup.gate = new TelegramGate());
    const running = runTelegram(h.startup);
    await until(() => h.slept.length === 1);
    await expect(send(gate)).rejects.toBeInstanceOf(HttpError);
    h.stop.abort();
    await running;

    const ok = harness([ME]);
    ok.startup.gate = new TelegramGate();
    const waiting = send(ok.startup.gate);
    const run = runTelegram(ok.startup);
    await expect(waiting).resolves.toEqual({ ok: true, result: true });
    expect(sent).toEqual(['sendMessage']);
    ok.stop.abort();
    await run;
  });
});
