import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { answerPresses, noticeDelay, recordPressAnswers, ANSWER_WITHIN_MS } from '../../bot/press-answers';

/** A button press's context: answers are recorded as Telegram would see them (through the transformer). */
function press() {
  const answers: Array<string | undefined> = [];
  const ctx = {
    callbackQuery: { id: 'q1' },
    chat: { id: 7 },
    t: (key: string, vars?: Record<string, unknown>) => `${key}${vars ? JSON.stringify(vars) : ''}`,
    async answerCallbackQuery(options?: { text?: string }) {
      await recordPressAnswers(async () => ({ ok: true, result: true }) as never, 'answerCallbackQuery', {
        callback_query_id: 'q1',
        ...options,
      } as never);
      answers.push(options?.text);
      return true;
    },
  };
  return { ctx: ctx as never, answers };
}

describe('every button press is answered in time', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a handler that answers is not answered for again', async () => {
    const { ctx, answers } = press();
    await answerPresses()(
      ctx,
      async () =>
        void (await (ctx as { answerCallbackQuery(o?: { text?: string }): Promise<boolean> }).answerCallbackQuery({ text: 'done' })),
    );
    expect(answers).toEqual(['done']);
  });

  it('a handler that never answers leaves no spinner: answered empty when it ends', async () => {
    const { ctx, answers } = press();
    await answerPresses()(ctx, async () => undefined);
    expect(answers).toEqual([undefined]);
  });

  it('a slow handler: answered "working on it" before Telegram would refuse, and not again at the end', async () => {
    const { ctx, answers } = press();
    let finish!: () => void;
    const running = answerPresses()(ctx, () => new Promise<void>((resolve) => (finish = resolve)));
    await vi.advanceTimersByTimeAsync(ANSWER_WITHIN_MS - 1);
    expect(answers).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(answers).toEqual(['common-working']);
    finish();
    await running;
    expect(answers).toEqual(['common-working']);
  });

  it('a reply Telegram delays, before the press was answered: the press says how long', async () => {
    const { ctx, answers } = press();
    await answerPresses()(ctx, async () => {
      await noticeDelay({ chat_id: 7, text: 'the reply' }, 42);
    });
    expect(answers).toEqual(['common-reply-delayed{"seconds":42}']);
  });

  it("a delay in another chat, or on a call naming no chat, is not this press's: answered empty at the end", async () => {
    const { ctx, answers } = press();
    await answerPresses()(ctx, async () => {
      await noticeDelay({ chat_id: 8, text: 'to someone else' }, 42);
      await noticeDelay({ file_id: 'f' }, 42);
    });
    expect(answers).toEqual([undefined]);
  });

  it('once its handler is done, a press is no longer in hand: a late delay notice does nothing', async () => {
    const { ctx, answers } = press();
    await answerPresses()(ctx, async () => undefined);
    await expect(noticeDelay({ chat_id: 7 }, 42)).resolves.toBeUndefined();
    expect(answers).toEqual([undefined]);
  });

  it('an answer to another query does not count as answering this press', async () => {
    const { ctx, answers } = press();
    await answerPresses()(ctx, async () => {
      await recordPressAnswers(async () => ({ ok: true, result: true }) as never, 'answerCallbackQuery', {
        callback_query_id: 'q2',
      } as never);
    });
    expect(answers).toEqual([undefined]);
  });
});
