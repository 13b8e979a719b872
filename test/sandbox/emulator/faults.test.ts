import { describe, expect, it } from 'vitest';
import { FaultPlan } from '../../../sandbox/emulator/faults';
import { seededRandom } from '../../../sandbox/emulator/random';

function plan() {
  let now = 0;
  return { faults: new FaultPlan(() => now), advance: (ms: number) => (now += ms) };
}

describe('FaultPlan', () => {
  it('fails the next N calls of any method with 500, then recovers', () => {
    const { faults } = plan();
    faults.serverErrors({ count: 2 });
    expect(faults.fateOf('sendMessage').serverError?.toBody()).toEqual({
      ok: false,
      error_code: 500,
      description: 'Internal Server Error',
    });
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
    faults.loseReplies({ probability: 1 });
    faults.floodWait({ retryAfter: 10 });
    faults.clear();
    expect(faults.fateOf('getMe')).toEqual({ drop: false, delayMs: 0 });
    expect(faults.isChatMissing(1)).toBe(false);
  });

  it('loses the reply of the next call by default, sparing getUpdates unless named', () => {
    const { faults } = plan();
    faults.loseReplies();
    expect(faults.fateOf('getUpdates').loseReply).toBeUndefined();
    expect(faults.fateOf('sendMessage')).toEqual({ drop: false, delayMs: 0, loseReply: true });
    expect(faults.fateOf('sendMessage').loseReply).toBeUndefined();
    faults.loseReplies({ method: 'getUpdates' });
    expect(faults.fateOf('getupdates').loseReply).toBe(true);
  });

  it('loses the replies of N calls of one method', () => {
    const { faults } = plan();
    faults.loseReplies({ method: 'sendMessage', count: 2 });
    expect(
      ['getMe', 'sendMessage', 'editMessageText', 'SENDMESSAGE', 'sendMessage'].map((m) => faults.fateOf(m).loseReply === true),
    ).toEqual([false, true, false, true, false]);
  });

  it('loses replies with a seeded probability, the same draws every run', () => {
    const draws = () => {
      const faults = new FaultPlan(() => 0, seededRandom(7));
      faults.loseReplies({ probability: 0.3 });
      return Array.from({ length: 200 }, () => faults.fateOf('sendMessage').loseReply === true);
    };
    const first = draws();
    expect(draws()).toEqual(first);
    const lost = first.filter(Boolean).length;
    expect(lost).toBeGreaterThan(40);
    expect(lost).toBeLessThan(80);
    expect(() => new FaultPlan(() => 0).loseReplies({ probability: 2 })).toThrow('between 0 and 1');
  });

  it('loses replies for a span of emulator time, and a count caps a probability', () => {
    const { faults, advance } = plan();
    const span = faults.loseReplies({ forMs: 1000 });
    expect(faults.fateOf('sendMessage').loseReply).toBe(true);
    expect(faults.fateOf('sendMessage').loseReply).toBe(true);
    advance(1000);
    expect(faults.fateOf('sendMessage').loseReply).toBeUndefined();
    span.clear();
    faults.loseReplies({ probability: 1, count: 1 });
    expect([1, 2].map(() => faults.fateOf('answerCallbackQuery').loseReply === true)).toEqual([true, false]);
  });

  it('a lost reply comes after drops and server errors: those never run the method', () => {
    const { faults } = plan();
    faults.loseReplies({ count: 5 });
    faults.serverErrors({ count: 1 });
    faults.dropConnections({ count: 1 });
    expect(faults.fateOf('sendMessage')).toEqual({ drop: true, delayMs: 0 });
    expect(faults.fateOf('sendMessage').serverError?.errorCode).toBe(500);
    expect(faults.fateOf('sendMessage').loseReply).toBe(true);
  });

  it('forces a 429 on a method until retry_after has passed, counting down the seconds left', () => {
    const { faults, advance } = plan();
    faults.floodWait({ method: 'setMyCommands', retryAfter: 42 });
    expect(faults.fateOf('sendMessage').serverError).toBeUndefined();
    expect(faults.fateOf('setMyCommands').serverError?.toBody()).toEqual({
      ok: false,
      error_code: 429,
      description: 'Too Many Requests: retry after 42',
      parameters: { retry_after: 42 },
    });
    advance(30_500);
    expect(faults.fateOf('setmycommands').serverError?.parameters).toEqual({ retry_after: 12 });
    advance(11_500);
    expect(faults.fateOf('setMyCommands').serverError).toBeUndefined();
  });

  it('forces a 429 on the next N calls of any method but getUpdates', () => {
    const { faults } = plan();
    faults.floodWait({ retryAfter: 5, count: 2 });
    expect(faults.fateOf('getUpdates').serverError).toBeUndefined();
    expect(faults.fateOf('editMessageText').serverError?.description).toBe('Too Many Requests: retry after 5');
    expect(faults.fateOf('answerCallbackQuery').serverError?.parameters).toEqual({ retry_after: 5 });
    expect(faults.fateOf('answerCallbackQuery').serverError).toBeUndefined();
    expect(() => faults.floodWait({ retryAfter: 0 })).toThrow('whole number of seconds');
  });

  it('clearing a handle undoes only its own fault', () => {
    const { faults } = plan();
    const first = faults.serverErrors({ count: 1, method: 'getMe' });
    faults.serverErrors({ count: 1, method: 'getMe', status: 502 });
    first.clear();
    expect(faults.fateOf('getMe').serverError?.errorCode).toBe(502);
  });
});
