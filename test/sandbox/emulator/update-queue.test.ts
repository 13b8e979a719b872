import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../sandbox/emulator/api-error';
import { seededRandom } from '../../../sandbox/emulator/random';
import { UpdateQueue, type UpdateQueueOptions } from '../../../sandbox/emulator/update-queue';

const chat = { id: 1, type: 'private' as const, first_name: 'A' };
const from = { id: 1, is_bot: false, first_name: 'A' };
const message = (text: string) => ({ message: { message_id: 1, date: 0, chat, from, text } });

afterEach(() => {
  vi.useRealTimers();
});

describe('UpdateQueue', () => {
  it('numbers updates from the first id and keeps them until an offset confirms them', async () => {
    const queue = new UpdateQueue(100);
    queue.enqueue(message('a'));
    queue.enqueue(message('b'));
    queue.enqueue(message('c'));
    expect((await queue.poll()).map((u) => u.update_id)).toEqual([100, 101, 102]);
    // Not confirmed yet: delivered again.
    expect((await queue.poll({ limit: 2 })).map((u) => u.update_id)).toEqual([100, 101]);
    expect((await queue.poll({ offset: 102 })).map((u) => u.update_id)).toEqual([102]);
    expect(await queue.poll({ offset: 103 })).toEqual([]);
    expect(queue.pendingCount).toBe(0);
  });

  it('keeps only the last |offset| updates for a negative offset', async () => {
    const queue = new UpdateQueue();
    for (const text of ['a', 'b', 'c', 'd']) queue.enqueue(message(text));
    expect((await queue.poll({ offset: -2 })).map((u) => u.update_id)).toEqual([3, 4]);
    expect(queue.pendingCount).toBe(2);
  });

  it('clamps limit to 1..100', async () => {
    const queue = new UpdateQueue();
    for (let i = 0; i < 120; i++) queue.enqueue(message(String(i)));
    expect(await queue.poll({ limit: 0 })).toHaveLength(1);
    expect(await queue.poll({ limit: 1000 })).toHaveLength(100);
  });

  it('wakes a waiting long poll as soon as an update arrives', async () => {
    const queue = new UpdateQueue();
    const polling = queue.poll({ timeoutMs: 30_000 });
    queue.enqueue(message('now'));
    const updates = await polling;
    expect(updates.map((u) => u.message?.text)).toEqual(['now']);
  });

  it('answers an empty list when the long poll times out', async () => {
    vi.useFakeTimers();
    const queue = new UpdateQueue();
    const polling = queue.poll({ timeoutMs: 30_000 });
    vi.advanceTimersByTime(30_000);
    expect(await polling).toEqual([]);
  });

  it('terminates the older of two overlapping polls with 409, and the newer one goes on', async () => {
    const queue = new UpdateQueue();
    const first = queue.poll({ timeoutMs: 30_000 });
    const second = queue.poll({ timeoutMs: 30_000 });
    await expect(first).rejects.toMatchObject({
      errorCode: 409,
      description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    });
    queue.enqueue(message('x'));
    expect(await second).toHaveLength(1);
  });

  it('ends quietly when the client aborts, and lets a new poll wait without conflict', async () => {
    const queue = new UpdateQueue();
    const aborted = new AbortController();
    const first = queue.poll({ timeoutMs: 30_000, signal: aborted.signal });
    aborted.abort();
    expect(await first).toEqual([]);
    const second = queue.poll({ timeoutMs: 30_000 });
    queue.enqueue(message('x'));
    expect(await second).toHaveLength(1);
  });

  it('remembers allowed_updates between calls; an empty list restores the default', async () => {
    const queue = new UpdateQueue();
    await queue.poll({ allowedUpdates: ['callback_query'] });
    expect(queue.enqueue(message('ignored'))).toBeUndefined();
    await queue.poll();
    expect(queue.allowedUpdates).toEqual(['callback_query']);
    expect(queue.enqueue(message('still ignored'))).toBeUndefined();
    await queue.poll({ allowedUpdates: [] });
    expect(queue.allowedUpdates).toBeUndefined();
    expect(queue.enqueue(message('wanted'))).toBeDefined();
  });

  it('does not send chat_member updates by default', () => {
    const queue = new UpdateQueue();
    expect(queue.wants('chat_member')).toBe(false);
    expect(queue.wants('my_chat_member')).toBe(true);
    queue.setAllowedUpdates(['chat_member']);
    expect(queue.wants('chat_member')).toBe(true);
  });

  it('can fail or release a waiting poll', async () => {
    const queue = new UpdateQueue();
    const failing = queue.poll({ timeoutMs: 30_000 });
    queue.failWaiting(new ApiError(409, 'Conflict: terminated by setWebhook request'));
    await expect(failing).rejects.toBeInstanceOf(ApiError);
    const released = queue.poll({ timeoutMs: 30_000 });
    queue.releaseWaiting();
    expect(await released).toEqual([]);
  });
});

describe('UpdateQueue on the emulator clock', () => {
  const HOUR = 3600_000;
  const DAY = 24 * HOUR;
  const press = { callback_query: { id: '1', from, chat_instance: '1', data: 'x' } };

  function clocked(options: Omit<UpdateQueueOptions, 'clock'> = {}, firstUpdateId = 1) {
    let now = 1_000_000;
    const queue = new UpdateQueue(firstUpdateId, () => {}, { clock: () => now, ...options });
    return { queue, advance: (ms: number) => (now += ms) };
  }

  it('drops an update nobody confirmed within 24 hours, and a button press after 150 seconds', async () => {
    const { queue, advance } = clocked();
    queue.enqueue(message('old'));
    advance(12 * HOUR);
    queue.enqueue(message('newer'));
    queue.enqueue(press);
    advance(150_000);
    expect((await queue.poll()).map((u) => u.message?.text ?? 'press')).toEqual(['old', 'newer']);
    advance(12 * HOUR - 150_000);
    expect((await queue.poll()).map((u) => u.message?.text)).toEqual(['newer']);
    expect(queue.pendingCount).toBe(1);
    advance(12 * HOUR);
    expect(queue.pendingCount).toBe(0);
    expect(queue.expiredUpdateCount).toBe(3);
  });

  it('keeps updates for ever with retention false', async () => {
    const { queue, advance } = clocked({ retention: false });
    queue.enqueue(press);
    advance(30 * DAY);
    expect(await queue.poll()).toHaveLength(1);
  });

  it('restarts update ids at a lower random value after a week without updates, and not before', () => {
    const { queue, advance } = clocked({ random: seededRandom(5) }, 500);
    queue.enqueue(message('a'));
    advance(7 * DAY - 1);
    expect(queue.enqueue(message('b'))?.update_id).toBe(501);
    void queue.poll({ offset: 502 });
    advance(7 * DAY);
    const restarted = queue.enqueue(message('c'))?.update_id as number;
    expect(restarted).toBeLessThan(501);
    expect(restarted).toBeGreaterThanOrEqual(1);
    expect(queue.enqueue(message('d'))?.update_id).toBe(restarted + 1);
    // The same seed draws the same id.
    const again = clocked({ random: seededRandom(5) }, 500);
    again.queue.enqueue(message('a'));
    again.queue.enqueue(message('b'));
    void again.queue.poll({ offset: 502 });
    again.advance(14 * DAY);
    expect(again.queue.enqueue(message('c'))?.update_id).toBe(restarted);
  });

  it('with few ids so far, restarts in Telegram’s range instead; never with idRestartAfterMs false', () => {
    const { queue, advance } = clocked();
    queue.enqueue(message('a'));
    advance(8 * DAY);
    expect(queue.enqueue(message('b'))?.update_id).toBeGreaterThan(1_000_000);
    const steady = clocked({ idRestartAfterMs: false });
    steady.queue.enqueue(message('a'));
    steady.advance(30 * DAY);
    expect(steady.queue.enqueue(message('b'))?.update_id).toBe(2);
  });

  it('ignores an offset from before the restart, as TDLib does, so the new updates still arrive', async () => {
    const { queue } = clocked({}, 1000);
    queue.enqueue(message('before'));
    await queue.poll({ offset: 1001 });
    expect(queue.restartIds(7)).toBe(7);
    queue.enqueue(message('after 1'));
    queue.enqueue(message('after 2'));
    // The bot still confirms with the offset it had: far ahead of the new ids, so ignored.
    expect((await queue.poll({ offset: 1001 })).map((u) => [u.update_id, u.message?.text])).toEqual([
      [7, 'after 1'],
      [8, 'after 2'],
    ]);
    expect((await queue.poll({ offset: 9 })).map((u) => u.update_id)).toEqual([]);
  });

  it('restarts ids on demand only when nothing is pending', async () => {
    const { queue } = clocked({}, 100);
    queue.enqueue(message('x'));
    expect(() => queue.restartIds()).toThrow('still pending');
    await queue.poll({ offset: 101 });
    const next = queue.restartIds();
    expect(next).toBeLessThan(100);
    expect(queue.upcomingUpdateId).toBe(next);
    expect(() => queue.restartIds(0)).toThrow('positive 32-bit');
  });
});
