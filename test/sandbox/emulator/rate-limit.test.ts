import { describe, expect, it } from 'vitest';
import { FloodControl, TELEGRAM_FLOOD_LIMITS, TokenBucket } from '../../../sandbox/emulator/rate-limit';

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
