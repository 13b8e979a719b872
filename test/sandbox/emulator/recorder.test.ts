import { describe, expect, it } from 'vitest';
import { CallRecorder } from '../../../sandbox/emulator/recorder';

const call = (method: string, botId = 1) => ({
  at: 0,
  method,
  params: {},
  dropped: false,
  botId,
  response: { ok: true as const, result: true },
});

describe('CallRecorder', () => {
  it('numbers calls and filters by method (any case), bot and sequence', () => {
    const recorder = new CallRecorder();
    recorder.add(call('getMe'));
    recorder.add(call('sendMessage', 2));
    recorder.add(call('sendMessage'));
    expect(recorder.list().map((c) => c.seq)).toEqual([1, 2, 3]);
    expect(recorder.list({ method: 'SENDMESSAGE' }).map((c) => c.seq)).toEqual([2, 3]);
    expect(recorder.list({ botId: 2 }).map((c) => c.seq)).toEqual([2]);
    expect(recorder.list({ afterSeq: 2 }).map((c) => c.seq)).toEqual([3]);
  });

  it('keeps only the latest calls beyond its capacity, and numbering goes on after clear', () => {
    const recorder = new CallRecorder(2);
    for (const method of ['a', 'b', 'c']) recorder.add(call(method));
    expect(recorder.list().map((c) => c.method)).toEqual(['b', 'c']);
    recorder.clear();
    expect(recorder.add(call('d')).seq).toBe(4);
  });
});
