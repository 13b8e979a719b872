import { describe, expect, it } from 'vitest';
import { FloodControl, mergeFloodLimits, TELEGRAM_FLOOD_LIMITS, TokenBucket, type FloodLimits } from '../../../sandbox/emulator/rate-limit';
import { seededRandom } from '../../../sandbox/emulator/random';

function manualClock(start = 1_700_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('TokenBucket', () => {
  it('allows a burst, then refills at the sustained rate', () => {
    const bucket = new TokenBucket({ burst: 3, perSecond: 1 }, 0);
    for (let i = 0; i < 3; i++) {
      expect(bucket.waitMs(0)).toBe(0);
      bucket.take(0);
    }
    expect(bucket.waitMs(0)).toBe(1000);
    expect(bucket.waitMs(400)).toBeCloseTo(600);
    expect(bucket.waitMs(1000)).toBe(0);
  });

  it('never holds more than its burst and ignores a clock moved backwards', () => {
    const bucket = new TokenBucket({ burst: 2, perSecond: 1 }, 10_000);
    bucket.take(10_000);
    bucket.take(10_000);
    expect(bucket.waitMs(5_000)).toBe(1000);
    expect(bucket.waitMs(100_000)).toBe(0);
    bucket.take(100_000);
    bucket.take(100_000);
    expect(bucket.waitMs(100_000)).toBeGreaterThan(0);
  });
});

describe('FloodControl with Telegram limits', () => {
  it('lets 3 messages into a private chat at once, then asks to retry after 1 s', () => {
    const clock = manualClock();
    const flood = new FloodControl(TELEGRAM_FLOOD_LIMITS, clock.now);
    const chat = { id: 42, kind: 'private' as const };
    expect([1, 2, 3].map(() => flood.trySend(1, chat).ok)).toEqual([true, true, true]);
    expect(flood.trySend(1, chat)).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock.advance(1000);
    expect(flood.trySend(1, chat).ok).toBe(true);
    expect(flood.trySend(1, chat).ok).toBe(false);
  });

  it('allows 20 messages a minute in a group, one more every 3 s', () => {
    const clock = manualClock();
    const flood = new FloodControl(TELEGRAM_FLOOD_LIMITS, clock.now);
    const group = { id: -100, kind: 'group' as const };
    for (let i = 0; i < 20; i++) expect(flood.trySend(1, group).ok).toBe(true);
    expect(flood.trySend(1, group)).toEqual({ ok: false, retryAfterSeconds: 3 });
    clock.advance(2999);
    expect(flood.trySend(1, group)).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock.advance(1);
    expect(flood.trySend(1, group).ok).toBe(true);
  });

  it('limits a bot to 30 messages a second across chats, and each bot separately', () => {
    const clock = manualClock();
    const flood = new FloodControl(TELEGRAM_FLOOD_LIMITS, clock.now);
    for (let user = 1; user <= 30; user++) expect(flood.trySend(1, { id: user, kind: 'private' }).ok).toBe(true);
    expect(flood.trySend(1, { id: 31, kind: 'private' })).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(flood.trySend(2, { id: 31, kind: 'private' }).ok).toBe(true);
    clock.advance(100);
    // 100 ms at 30/s gives three more messages.
    expect([32, 33, 34, 35].map((user) => flood.trySend(1, { id: user, kind: 'private' }).ok)).toEqual([true, true, true, false]);
  });

  it('does not use a chat token when the bot-wide bucket refuses', () => {
    const clock = manualClock();
    const flood = new FloodControl({ ...TELEGRAM_FLOOD_LIMITS, perBot: { burst: 1, perSecond: 1 } }, clock.now);
    expect(flood.trySend(1, { id: 5, kind: 'private' }).ok).toBe(true);
    expect(flood.trySend(1, { id: 6, kind: 'private' }).ok).toBe(false);
    clock.advance(1000);
    // Chat 6 still has its full burst.
    expect(flood.trySend(1, { id: 6, kind: 'private' }).ok).toBe(true);
  });

  it('can be turned off entirely or per kind of limit', () => {
    const clock = manualClock();
    const off = new FloodControl(false, clock.now);
    for (let i = 0; i < 100; i++) expect(off.trySend(1, { id: 1, kind: 'private' }).ok).toBe(true);
    const noChatLimit = new FloodControl({ ...TELEGRAM_FLOOD_LIMITS, perPrivateChat: false }, clock.now);
    for (let i = 0; i < 30; i++) expect(noChatLimit.trySend(1, { id: 1, kind: 'private' }).ok).toBe(true);
    expect(noChatLimit.trySend(1, { id: 1, kind: 'private' }).ok).toBe(false);
  });
});

describe('FloodControl on other methods', () => {
  it('counts the three edit methods together per chat, and answers a long retry_after from Telegram’s range', () => {
    const clock = manualClock();
    const flood = new FloodControl(TELEGRAM_FLOOD_LIMITS, clock.now, seededRandom(1));
    for (let i = 0; i < 10; i++) expect(flood.tryMethod(1, 'editMessageText', 42).ok).toBe(true);
    for (let i = 0; i < 10; i++) expect(flood.tryMethod(1, 'editMessageReplyMarkup', 42).ok).toBe(true);
    const refused = flood.tryMethod(1, 'editMessageCaption', 42);
    expect(refused.ok).toBe(false);
    const wait = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThanOrEqual(5);
    expect(wait).toBeLessThanOrEqual(30);
    // Another chat has its own bucket.
    expect(flood.tryMethod(1, 'editMessageText', 43).ok).toBe(true);
    // A token is back after 1 s, but the flood wait holds until retry_after has passed.
    clock.advance(1000);
    expect(flood.tryMethod(1, 'editMessageText', 42)).toEqual({ ok: false, retryAfterSeconds: wait - 1 });
    clock.advance((wait - 1) * 1000);
    expect(flood.tryMethod(1, 'editMessageText', 42).ok).toBe(true);
  });

  it('limits the command menu per bot, whatever the scope', () => {
    const clock = manualClock();
    const flood = new FloodControl(TELEGRAM_FLOOD_LIMITS, clock.now);
    for (let i = 0; i < 20; i++) expect(flood.tryMethod(1, i % 2 === 0 ? 'setMyCommands' : 'deleteMyCommands', 1000 + i).ok).toBe(true);
    const refused = flood.tryMethod(1, 'setMyCommands', undefined);
    expect(refused.ok).toBe(false);
    expect((refused as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(5);
    expect(flood.tryMethod(2, 'setMyCommands', undefined).ok).toBe(true);
  });

  it('draws the same retry_after for the same seed', () => {
    const waits = (seed: number) => {
      const clock = manualClock();
      const flood = new FloodControl(
        mergeFloodLimits({ methods: { getMe: { per: 'bot', burst: 1, perSecond: 1, retryAfter: [5, 60] } } }),
        clock.now,
        seededRandom(seed),
      );
      return Array.from({ length: 5 }, () => {
        flood.tryMethod(1, 'getMe', undefined);
        const verdict = flood.tryMethod(1, 'getMe', undefined) as { retryAfterSeconds: number };
        clock.advance(verdict.retryAfterSeconds * 1000);
        return verdict.retryAfterSeconds;
      });
    };
    expect(waits(3)).toEqual(waits(3));
    expect(new Set([...waits(3), ...waits(4)]).size).toBeGreaterThan(1);
  });

  it('leaves methods without a limit alone, and lets callers add, change and lift limits by name', () => {
    const clock = manualClock();
    const limits = mergeFloodLimits({
      perPrivateChat: { burst: 20, perSecond: 5 },
      methods: { sendDocument: { per: 'chat', burst: 1, perSecond: 0.1 }, EDITMESSAGETEXT: false },
    });
    expect(limits).toMatchObject({ perBot: TELEGRAM_FLOOD_LIMITS.perBot, perPrivateChat: { burst: 20, perSecond: 5 } });
    const flood = new FloodControl(limits, clock.now);
    for (let i = 0; i < 100; i++) expect(flood.tryMethod(1, 'editMessageText', 42).ok).toBe(true);
    for (let i = 0; i < 100; i++) expect(flood.tryMethod(1, 'getMe', undefined).ok).toBe(true);
    expect(flood.tryMethod(1, 'sendDocument', 42).ok).toBe(true);
    expect(flood.tryMethod(1, 'sendDocument', 42)).toEqual({ ok: false, retryAfterSeconds: 10 });
    // The defaults are still there for the methods not named.
    expect((limits as FloodLimits).methods.answerCallbackQuery).toEqual(TELEGRAM_FLOOD_LIMITS.methods.answerCallbackQuery);
    expect(mergeFloodLimits(false)).toBe(false);
    expect(new FloodControl(false, clock.now).tryMethod(1, 'setMyCommands', undefined).ok).toBe(true);
  });

  it('gives a message bucket with a retryAfter range a flood wait too', () => {
    const clock = manualClock();
    const flood = new FloodControl({ ...TELEGRAM_FLOOD_LIMITS, perGroupChat: { burst: 1, perSecond: 1, retryAfter: [30, 30] } }, clock.now);
    const group = { id: -100, kind: 'group' as const };
    expect(flood.trySend(1, group).ok).toBe(true);
    expect(flood.trySend(1, group)).toEqual({ ok: false, retryAfterSeconds: 30 });
    clock.advance(29_000);
    expect(flood.trySend(1, group)).toEqual({ ok: false, retryAfterSeconds: 1 });
    clock.advance(1000);
    expect(flood.trySend(1, group).ok).toBe(true);
  });
});
