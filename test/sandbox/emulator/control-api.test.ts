import { afterEach, describe, expect, it } from 'vitest';
import { LIAISON, OFFICE_GROUP, openHarness, telegramError, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
});

async function control(h: Harness, path: string, init?: RequestInit) {
  const response = await fetch(`${h.emulator.apiRoot}/sandbox/api${path}`, init);
  return { status: response.status, body: (await response.json()) as unknown };
}

const postJson = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

describe('the control API', () => {
  it('lists bots, users and chats', async () => {
    const h = (harness = await openHarness());
    expect((await control(h, '/bots')).body).toEqual([expect.objectContaining({ username: 'duban_test_bot', token: h.emulator.token })]);
    expect((await control(h, '/users')).body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: LIAISON.id, first_name: '丽' })]),
    );
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

    const sent = await h.api.sendMessage(LIAISON.id, '确认?', {
      reply_markup: { inline_keyboard: [[{ text: '是', callback_data: 'y' }]] },
    });
    const pressed = await control(h, `/chats/${LIAISON.id}/button`, postJson({ message_id: sent.message_id, data: 'y' }));
    expect(pressed.status).toBe(200);
    const queryId = (pressed.body as { callback_query_id: string }).callback_query_id;

    const form = new FormData();
    form.set('caption', '进度表');
    form.set('document', new Blob([Buffer.from('a,b\n1,2\n')], { type: 'text/csv' }), '进度.csv');
    const uploaded = await control(h, `/chats/${LIAISON.id}/documents`, { method: 'POST', body: form });
    expect(uploaded).toMatchObject({
      status: 200,
      body: { caption: '进度表', document: { file_name: '进度.csv', mime_type: 'text/csv' } },
    });

    const updates = await h.api.getUpdates();
    expect(updates.map((u) => u.message?.text ?? u.callback_query?.id ?? u.message?.document?.file_name)).toEqual([
      '/start',
      queryId,
      '进度.csv',
    ]);
    const transcript = (await control(h, `/chats/${LIAISON.id}/transcript`)).body as Array<{ text?: string }>;
    expect(transcript.map((entry) => entry.text)).toEqual(['/start', '确认?', '进度表']);
  });

  it('sends a photo as a user (evidence from a phone); bytes that are no image are refused', async () => {
    const h = (harness = await openHarness());
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    const form = new FormData();
    form.set('caption', '活动照片');
    form.set('photo', new Blob([png], { type: 'image/png' }), 'p.png');
    const sent = await control(h, `/chats/${LIAISON.id}/photos`, { method: 'POST', body: form });
    expect(sent).toMatchObject({ status: 200, body: { caption: '活动照片', photo: [{ width: 1, height: 1 }] } });
    const updates = await h.api.getUpdates();
    expect(updates.at(-1)?.message?.photo?.at(-1)?.file_size).toBe(png.length);

    const text = new FormData();
    text.set('photo', new Blob([Buffer.from('not an image')]), 'x.png');
    expect(await control(h, `/chats/${LIAISON.id}/photos`, { method: 'POST', body: text })).toEqual({
      status: 400,
      body: { error: 'the photo bytes are not a PNG, JPEG, GIF or WebP image' },
    });
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

  it('switches faults on and off: lost replies counted, forced 429s, server errors', async () => {
    const h = (harness = await openHarness());
    const lost = await control(h, '/faults/lost-replies', postJson({ method: 'sendMessage', count: 1 }));
    expect(lost).toEqual({ status: 200, body: { id: 1 } });
    await expect(h.api.sendMessage(LIAISON.id, '一次')).rejects.toThrow();
    expect((await control(h, '/calls/counts')).body).toEqual({ calls: 1, dropped: 0, repliesLost: 1, deliveriesWithReplyLost: 1 });
    expect(h.emulator.transcript(LIAISON.id).map((entry) => entry.text)).toEqual(['一次']);

    const flood = await control(h, '/faults/flood-wait', postJson({ method: 'setMyCommands', retry_after: 40 }));
    const error = await telegramError(h.api.setMyCommands([{ command: 'start', description: '开始' }]));
    expect([error.error_code, error.parameters.retry_after]).toEqual([429, 40]);
    expect((await control(h, `/faults/${(flood.body as { id: number }).id}`, { method: 'DELETE' })).body).toEqual({ cleared: true });
    await expect(h.api.setMyCommands([{ command: 'start', description: '开始' }])).resolves.toBe(true);

    await control(h, '/faults/server-errors', postJson({ status: 502, count: 3 }));
    await control(h, '/faults/lost-replies', postJson({ probability: 1 }));
    expect((await telegramError(h.api.getMe())).error_code).toBe(502);
    expect((await control(h, '/faults', { method: 'DELETE' })).status).toBe(200);
    await expect(h.api.getMe()).resolves.toBeDefined();

    expect(await control(h, '/faults/flood-wait', postJson({}))).toEqual({ status: 400, body: { error: '"retry_after" is required' } });
    expect((await control(h, '/faults/meteor-strike', postJson({}))).status).toBe(404);
    expect((await control(h, '/faults/99', { method: 'DELETE' })).status).toBe(404);
    expect((await control(h, '/faults/server-errors', postJson({ status: 404 }))).status).toBe(400);
  });

  it('deactivates users, kicks and re-adds the bot, restarts update ids, posts as an anonymous admin', async () => {
    const h = (harness = await openHarness());
    expect((await control(h, `/users/${LIAISON.id}/deactivate`, { method: 'POST' })).status).toBe(200);
    expect((await telegramError(h.api.sendMessage(LIAISON.id, 'x'))).description).toBe('Forbidden: user is deactivated');
    await control(h, `/users/${LIAISON.id}/reactivate`, { method: 'POST' });
    await expect(h.api.sendMessage(LIAISON.id, 'x')).resolves.toBeDefined();

    const posted = await control(
      h,
      `/chats/${OFFICE_GROUP.id}/messages`,
      postJson({ from: LIAISON.id, text: '/status', anonymous_admin: true }),
    );
    expect(posted.body).toMatchObject({ from: { id: 1087968824, username: 'GroupAnonymousBot' }, sender_chat: { id: OFFICE_GROUP.id } });

    expect((await control(h, `/chats/${OFFICE_GROUP.id}/kick-bot`, postJson({ from: LIAISON.id }))).status).toBe(200);
    expect((await telegramError(h.api.sendMessage(OFFICE_GROUP.id, 'x'))).description).toBe(
      'Forbidden: bot was kicked from the group chat',
    );
    expect((await control(h, `/chats/${OFFICE_GROUP.id}/kick-bot`, postJson({}))).body).toEqual({
      error: `bot duban_test_bot is not in group ${OFFICE_GROUP.id}`,
    });
    await control(h, `/chats/${OFFICE_GROUP.id}/add-bot`, postJson({}));
    await expect(h.api.sendMessage(OFFICE_GROUP.id, 'x')).resolves.toBeDefined();

    const pending = await h.api.getUpdates();
    await h.api.getUpdates({ offset: pending.at(-1)!.update_id + 1 });
    const restarted = await control(h, `/bots/1000001/restart-update-ids`, postJson({ next_update_id: 77 }));
    expect(restarted).toEqual({ status: 200, body: { next_update_id: 77 } });
    await control(h, `/chats/${LIAISON.id}/messages`, postJson({ text: 'hi' }));
    expect((await h.api.getUpdates()).map((u) => u.update_id)).toEqual([77]);
  });
});
