import { describe, expect, it } from 'vitest';
import { SendThrottle } from '../../schedules/throttle';

describe('SendThrottle', () => {
  it('lets 30 messages a second through overall, then waits for the oldest to age out', () => {
    const throttle = new SendThrottle();
    for (let chat = 1; chat <= 30; chat++) {
      expect(throttle.waitFor(chat, 1000 + chat)).toBe(0);
      throttle.record(chat, 1000 + chat);
    }
    expect(throttle.waitFor(31, 1031)).toBe(1001 + 1000 - 1031);
    expect(throttle.waitFor(31, 2002)).toBe(0);
  });

  it('keeps a second between two messages to one private chat', () => {
    const throttle = new SendThrottle();
    throttle.record(7, 5000);
    expect(throttle.waitFor(7, 5200)).toBe(800);
    expect(throttle.waitFor(8, 5200)).toBe(0);
    expect(throttle.waitFor(7, 6000)).toBe(0);
  });

  it('lets a group have 20 messages a minute', () => {
    const throttle = new SendThrottle();
    for (let i = 0; i < 20; i++) throttle.record(-100, i * 1000);
    expect(throttle.waitFor(-100, 20_000)).toBe(40_000);
    expect(throttle.waitFor(-100, 60_000)).toBe(0);
  });

  it("pauses everything for a 429's retry_after", () => {
    const throttle = new SendThrottle();
    throttle.pause(5, 10_000);
    expect(throttle.waitFor(1, 10_000)).toBe(5000);
    expect(throttle.waitFor(2, 14_000)).toBe(1000);
    expect(throttle.waitFor(2, 15_000)).toBe(0);
  });
});
