import { afterEach, describe, expect, it } from 'vitest';
import { LIAISON, OFFICE_GROUP, openHarness, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
});

async function control(h: Harness, path: string, init?: RequestInit) {
  const response = await fetch(`${h.emulator.apiRoot}/sandbox/api${path}`, init);
  return { status: response.status, body: (await response.json()) as unknown };
}

const postJson = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('the control API', () => {
  it('lists bots, users and chats', async () => {
    const h = (harness = await openHarness());
    expect((await control(h, '/bots')).body).toEqual([expect.objectContaining({ username: 'duban_test_bot', token: h.emulator.token })]);
    expect((await control(h, '/users')).body).toEqual(expect.arrayContaining([expect.objectContaining({ id: LIAISON.id, first_name: '丽' })]));
    expect((await control(h, '/chats')).body).toEqual(
      expect.arrayContaining([
        { id: LIAISON.id, type: 'private', title: '丽 王' },
        { id: OFFICE_GROUP.id, type: 'group', title: '办公室' },
      ]),
    );
  });

  it('posts a user message, presses a button, uploads a document and reads the transcript', async () => {
    const h = (harness = await openHarness());
    const posted = await control(h, `/chats/${LIAISON.id}/messages`, postJson({ text: '/start' }));
    expect(posted).toMatchObject({ status: 200, body: { message_id: 1, text: '/start', from: { id: LIAISON.id } } });

    const sent = await h.api.sendMessage(LIAISON.id, '确认?', { reply_markup: { inline_keyboard: [[{ text: '是', callback_data: 'y' }]] } });
    const pressed = await control(h, `/chats/${LIAISON.id}/button`, postJson({ message_id: sent.message_id, data: 'y' }));
    expect(pressed.status).toBe(200);
    const queryId = (pressed.body as { callback_query_id: string }).callback_query_id;

    const form = new FormData();
    form.set('caption', '进度表');
    form.set('document', new Blob([Buffer.from('a,b\n1,2\n')], { type: 'text/csv' }), '进度.csv');
    const uploaded = await control(h, `/chats/${LIAISON.id}/documents`, { method: 'POST', body: form });
    expect(uploaded).toMatchObject({ status: 200, body: { caption: '进度表', document: { file_name: '进度.csv', mime_type: 'text/csv' } } });

    const updates = await h.api.getUpdates();
    expect(updates.map((u) => u.message?.text ?? u.callback_query?.id ?? u.message?.document?.file_name)).toEqual(['/start', queryId, '进度.csv']);
    const transcript = (await control(h, `/chats/${LIAISON.id}/transcript`)).body as Array<{ text?: string }>;
    expect(transcript.map((entry) => entry.text)).toEqual(['/start', '确认?', '进度表']);
  });

  it('needs a sender in a group and explains mistakes with 400 or 404', async () => {
    const h = (harness = await openHarness());
    expect(await control(h, `/chats/${OFFICE_GROUP.id}/messages`, postJson({ text: 'x' }))).toEqual({
      status: 400,
      body: { error: '"from" is required in a group' },
    });
    expect((await control(h, `/chats/${OFFICE_GROUP.id}/messages`, postJson({ from: LIAISON.id, text: 'x' }))).status).toBe(200);
    expect(await control(h, `/chats/${LIAISON.id}/messages`, postJson({}))).toEqual({ status: 400, body: { error: '"text" is required' } });
    expect((await control(h, `/chats/${LIAISON.id}/button`, postJson({ message_id: 5, data: 'x' }))).body).toEqual({
      error: `no message 5 in chat ${LIAISON.id}`,
    });
    expect((await control(h, '/nowhere')).status).toBe(404);
    expect((await control(h, `/chats/${LIAISON.id}/messages`, { method: 'POST', body: 'not json' })).status).toBe(400);
  });

  it('lists recorded calls after a sequence number', async () => {
    const h = (harness = await openHarness());
    await h.api.getMe();
    await h.api.getMe();
    const calls = (await control(h, '/calls?after=1')).body as Array<{ seq: number; method: string }>;
    expect(calls.map((call) => [call.seq, call.method])).toEqual([[2, 'getMe']]);
  });

  it('streams new, edited and deleted messages as Server-Sent Events', async () => {
    const h = (harness = await openHarness());
    const aborted = new AbortController();
    const response = await fetch(`${h.emulator.apiRoot}/sandbox/api/events`, { signal: aborted.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();

    const sent = await h.api.sendMessage(LIAISON.id, '初稿');
    await h.api.editMessageText(LIAISON.id, sent.message_id, '定稿');
    await h.api.deleteMessage(LIAISON.id, sent.message_id);

    const kinds: string[] = [];
    let buffer = '';
    while (kinds.length < 3) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      const events = buffer.split('\n\n');
      buffer = events.pop() ?? '';
      for (const event of events) {
        if (!event.startsWith('event: message')) continue;
        const data = JSON.parse(event.split('\ndata: ')[1] ?? '{}') as { kind: string; entry: { text: string } };
        kinds.push(`${data.kind}:${data.entry.text}`);
      }
    }
    aborted.abort();
    expect(kinds).toEqual(['new:初稿', 'edited:定稿', 'deleted:定稿']);
  });
});
