import { describe, expect, it } from 'vitest';
import { FaultPlan } from '../../../sandbox/emulator/faults';

function plan() {
  let now = 0;
  return { faults: new FaultPlan(() => now), advance: (ms: number) => (now += ms) };
}

describe('FaultPlan', () => {
  it('fails the next N calls of any method with 500, then recovers', () => {
    const { faults } = plan();
    faults.serverErrors({ count: 2 });
    expect(faults.fateOf('sendMessage').serverError?.toBody()).toEqual({ ok: false, error_code: 500, description: 'Internal Server Error' });
    expect(faults.fateOf('getUpdates').serverError?.errorCode).toBe(500);
    expect(faults.fateOf('sendMessage').serverError).toBeUndefined();
  });

  it('limits server errors to one method, in any case, with 502 Bad Gateway', () => {
    const { faults } = plan();
    faults.serverErrors({ method: 'sendDocument', status: 502 });
    expect(faults.fateOf('sendMessage').serverError).toBeUndefined();
    expect(faults.fateOf('senddocument').serverError?.toBody()).toEqual({ ok: false, error_code: 502, description: 'Bad Gateway' });
    expect(faults.fateOf('sendDocument').serverError).toBeUndefined();
  });

  it('drops connections for a number of requests', () => {
    const { faults } = plan();
    faults.dropConnections({ count: 2 });
    expect([1, 2, 3].map(() => faults.fateOf('getMe').drop)).toEqual([true, true, false]);
  });

  it('drops connections for a span of emulator time', () => {
    const { faults, advance } = plan();
    faults.dropConnections({ forMs: 5000 });
    expect(faults.fateOf('getMe').drop).toBe(true);
    advance(4999);
    expect(faults.fateOf('getMe').drop).toBe(true);
    advance(1);
    expect(faults.fateOf('getMe').drop).toBe(false);
  });

  it('adds up slow-response delays and clears each one separately', () => {
    const { faults } = plan();
    const slow = faults.slowResponses(100);
    faults.slowResponses(50);
    expect(faults.fateOf('getMe').delayMs).toBe(150);
    slow.clear();
    expect(faults.fateOf('getMe').delayMs).toBe(50);
  });

  it('marks chats as missing until cleared', () => {
    const { faults } = plan();
    const missing = faults.chatNotFound(42);
    expect(faults.isChatMissing(42)).toBe(true);
    expect(faults.isChatMissing(43)).toBe(false);
    missing.clear();
    expect(faults.isChatMissing(42)).toBe(false);
  });

  it('clears everything at once', () => {
    const { faults } = plan();
    faults.serverErrors({ count: 5 });
    faults.dropConnections({ count: 5 });
    faults.slowResponses(10);
    faults.chatNotFound(1);
    faults.clear();
    expect(faults.fateOf('getMe')).toEqual({ drop: false, delayMs: 0 });
    expect(faults.isChatMissing(1)).toBe(false);
  });

  it('clearing a handle undoes only its own fault', () => {
    const { faults } = plan();
    const first = faults.serverErrors({ count: 1, method: 'getMe' });
    faults.serverErrors({ count: 1, method: 'getMe', status: 502 });
    first.clear();
    expect(faults.fateOf('getMe').serverError?.errorCode).toBe(502);
  });
});
