import { Api, HttpError } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { LIAISON, OFFICE_GROUP, openHarness, telegramError, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
});

async function open() {
  harness = await openHarness({ floodLimits: false });
  return harness;
}

const botUrl = (h: Harness, method: string) => `${h.emulator.apiRoot}/bot${h.emulator.token}/${method}`;

describe('the Bot API over HTTP', () => {
  it('accepts a GET query, a urlencoded body and a standard multipart body', async () => {
    const h = await open();
    const viaQuery = await fetch(`${botUrl(h, 'sendMessage')}?chat_id=${LIAISON.id}&text=${encodeURIComponent('查询')}`);
    expect(await viaQuery.json()).toMatchObject({ ok: true, result: { message_id: 1, text: '查询' } });

    const viaForm = await fetch(botUrl(h, 'sendMessage'), {
      method: 'POST',
      body: new URLSearchParams({ chat_id: String(LIAISON.id), text: '<b>表单</b>', parse_mode: 'HTML' }),
    });
    expect(await viaForm.json()).toMatchObject({ ok: true, result: { text: '表单', entities: [{ type: 'bold' }] } });

    const form = new FormData();
    form.set('chat_id', String(LIAISON.id));
    form.set('document', new Blob([Buffer.from('abc')]), 'from-curl.txt');
    const viaMultipart = await fetch(botUrl(h, 'sendDocument'), { method: 'POST', body: form });
    expect(await viaMultipart.json()).toMatchObject({ ok: true, result: { document: { file_name: 'from-curl.txt', file_size: 3 } } });
  });

  it('answers 401 for an unknown token and 404 for an unknown method, in Telegram’s shape', async () => {
    const h = await open();
    const unauthorized = await fetch(`${h.emulator.apiRoot}/bot123:nope/getMe`);
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    const unknown = await fetch(botUrl(h, 'sendSticker'));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    expect((await fetch(`${h.emulator.apiRoot}/elsewhere`)).status).toBe(404);
  });

  it('hands other paths to a fallback handler when one is given', async () => {
    harness = await openHarness({
      fallback: (_request, response, url) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end(`<p>${url.pathname}</p>`);
      },
    });
    const page = await fetch(`${harness.emulator.apiRoot}/chat`);
    expect([page.status, await page.text()]).toEqual([200, '<p>/chat</p>']);
    expect((await fetch(`${harness.emulator.apiRoot}/bot${harness.emulator.token}/getMe`)).status).toBe(200);
  });

  it('matches method names regardless of case, as Telegram does', async () => {
    const h = await open();
    const response = await fetch(botUrl(h, 'GETME'));
    expect(await response.json()).toMatchObject({ ok: true, result: { username: 'duban_test_bot' } });
  });

  it('answers errors with the HTTP status equal to error_code', async () => {
    const h = await open();
    const response = await fetch(botUrl(h, 'sendMessage'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: LIAISON.id, text: '' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ ok: false, error_code: 400, description: 'Bad Request: message text is empty' });
    const broken = await fetch(botUrl(h, 'sendMessage'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(broken.status).toBe(400);
  });

  it('records calls from any Api instance, with the answer each got', async () => {
    const h = await open();
    const other = new Api(h.emulator.token, { apiRoot: h.emulator.apiRoot });
    await h.api.sendMessage(LIAISON.id, 'one');
    await telegramError(other.sendMessage(LIAISON.id, ''));
    const calls = h.emulator.botCalls({ method: 'sendMessage' });
    expect(calls.map((call) => [call.botId, call.params.text, call.response?.ok])).toEqual([
      [1000001, 'one', true],
      [1000001, '', false],
    ]);
    expect(calls[1]?.at).toBe(h.clock.now());
    h.emulator.clearBotCalls();
    expect(h.emulator.botCalls()).toEqual([]);
  });
});

describe('faults as the bot sees them', () => {
  it('a user who blocked the bot: 403 until unblocked, with my_chat_member updates both ways', async () => {
    const h = await open();
    h.emulator.blockBot(LIAISON.id);
    const error = await telegramError(h.api.sendMessage(LIAISON.id, '提醒'));
    expect([error.error_code, error.description]).toEqual([403, 'Forbidden: bot was blocked by the user']);
    h.emulator.unblockBot(LIAISON.id);
    await expect(h.api.sendMessage(LIAISON.id, '提醒')).resolves.toBeDefined();
    const updates = await h.api.getUpdates();
    expect(updates.map((u) => [u.my_chat_member?.old_chat_member.status, u.my_chat_member?.new_chat_member.status])).toEqual([
      ['member', 'kicked'],
      ['kicked', 'member'],
    ]);
  });

  it('chat not found on demand, for an existing chat, until cleared', async () => {
    const h = await open();
    const fault = h.emulator.faults.chatNotFound(OFFICE_GROUP.id);
    expect((await telegramError(h.api.sendMessage(OFFICE_GROUP.id, 'x'))).description).toBe('Bad Request: chat not found');
    fault.clear();
    await expect(h.api.sendMessage(OFFICE_GROUP.id, 'x')).resolves.toBeDefined();
  });

  it('the next N calls of a method answer 500 or 502 without taking effect', async () => {
    const h = await open();
    h.emulator.faults.serverErrors({ count: 1, method: 'sendMessage', status: 502 });
    h.emulator.faults.serverErrors({ count: 1, method: 'sendMessage' });
    const first = await telegramError(h.api.sendMessage(LIAISON.id, 'a'));
    const second = await telegramError(h.api.sendMessage(LIAISON.id, 'b'));
    expect([first.error_code, first.description, second.error_code, second.description]).toEqual([
      502,
      'Bad Gateway',
      500,
      'Internal Server Error',
    ]);
    await expect(h.api.getMe()).resolves.toBeDefined();
    await h.api.sendMessage(LIAISON.id, 'c');
    expect(h.emulator.transcript(LIAISON.id).map((entry) => entry.text)).toEqual(['c']);
  });

  it('a group upgraded to a supergroup: the old id answers with migrate_to_chat_id, the new id works', async () => {
    const h = await open();
    const supergroupId = h.emulator.upgradeGroup(OFFICE_GROUP.id);
    expect(supergroupId).toBe(-1005001);
    const error = await telegramError(h.api.sendMessage(OFFICE_GROUP.id, 'x'));
    expect([error.error_code, error.description, error.parameters]).toEqual([
      400,
      'Bad Request: group chat was upgraded to a supergroup chat',
      { migrate_to_chat_id: supergroupId },
    ]);
    const sent = await h.api.sendMessage(supergroupId, '迁移后');
    expect(sent.chat).toEqual({ id: supergroupId, type: 'supergroup', title: '办公室' });
    const updates = await h.api.getUpdates();
    expect(updates.map((u) => [u.message?.migrate_to_chat_id, u.message?.migrate_from_chat_id])).toEqual([
      [supergroupId, undefined],
      [undefined, OFFICE_GROUP.id],
    ]);
  });

  it('dropped connections: N requests get no answer at all, then calls work again', async () => {
    const h = await open();
    h.emulator.faults.dropConnections({ count: 2 });
    await expect(h.api.getMe()).rejects.toBeInstanceOf(HttpError);
    await expect(h.api.sendMessage(LIAISON.id, 'lost')).rejects.toBeInstanceOf(HttpError);
    await expect(h.api.getMe()).resolves.toBeDefined();
    expect(h.emulator.botCalls().map((call) => [call.method, call.dropped])).toEqual([
      ['getMe', true],
      ['sendMessage', true],
      ['getMe', false],
    ]);
    expect(h.emulator.transcript(LIAISON.id)).toEqual([]);
  });

  it('lost replies: the message is delivered, the bot hears nothing, and its retry sends it twice', async () => {
    const h = await open();
    h.emulator.faults.loseReplies({ method: 'sendMessage' });
    const send = () => h.api.sendMessage(LIAISON.id, '本周任务提醒');
    await expect(send()).rejects.toBeInstanceOf(HttpError);
    // The person already has it …
    expect(h.emulator.transcript(LIAISON.id).map((entry) => entry.text)).toEqual(['本周任务提醒']);
    // … so a bot that retries on a network error sends it again.
    const retried = await send();
    expect(retried.message_id).toBe(2);
    expect(h.emulator.transcript(LIAISON.id).map((entry) => entry.text)).toEqual(['本周任务提醒', '本周任务提醒']);
    const [lost, delivered] = h.emulator.botCalls({ method: 'sendMessage' });
    expect(lost).toMatchObject({ dropped: true, replyLost: true, response: { ok: true, result: { message_id: 1 } } });
    expect(delivered).toMatchObject({ dropped: false, response: { ok: true } });
    expect(delivered?.replyLost).toBeUndefined();
    expect(h.emulator.callCounts()).toEqual({ calls: 2, dropped: 0, repliesLost: 1, deliveriesWithReplyLost: 1 });
  });

  it('lost replies are counted apart from plain drops, and survive clearing the record', async () => {
    const h = await open();
    h.emulator.faults.dropConnections({ count: 1 });
    await expect(h.api.getMe()).rejects.toBeInstanceOf(HttpError);
    h.emulator.faults.loseReplies({ count: 2 });
    const sent = await h.api.sendMessage(LIAISON.id, 'x').catch(() => undefined);
    expect(sent).toBeUndefined();
    // A lost reply to an edit is no delivery: repeating it duplicates nothing.
    await expect(h.api.editMessageText(LIAISON.id, 1, 'y')).rejects.toBeInstanceOf(HttpError);
    expect(h.emulator.transcript(LIAISON.id).map((entry) => entry.text)).toEqual(['y']);
    h.emulator.clearBotCalls();
    expect(h.emulator.callCounts()).toEqual({ calls: 3, dropped: 1, repliesLost: 2, deliveriesWithReplyLost: 1 });
  });

  it('a forced 429 on one method, with retry_after in Telegram’s shape, until the time has passed', async () => {
    const h = await open();
    h.emulator.faults.floodWait({ method: 'answerCallbackQuery', retryAfter: 35 });
    const sent = await h.api.sendMessage(LIAISON.id, '确认?', {
      reply_markup: { inline_keyboard: [[{ text: '是', callback_data: 'y' }]] },
    });
    const query = h.emulator.pressButton(LIAISON.id, { messageId: sent.message_id, data: 'y' });
    const error = await telegramError(h.api.answerCallbackQuery(query.id));
    expect([error.error_code, error.description, error.parameters]).toEqual([
      429,
      'Too Many Requests: retry after 35',
      { retry_after: 35 },
    ]);
    h.clock.advance(10_000);
    expect((await telegramError(h.api.answerCallbackQuery(query.id))).parameters.retry_after).toBe(25);
    h.clock.advance(25_000);
    // By then the button press itself is too old: the two faults compound, as they do on Telegram.
    expect((await telegramError(h.api.answerCallbackQuery(query.id))).description).toMatch(/query is too old/);
  });

  it('dropped connections for a span of emulator time', async () => {
    const h = await open();
    h.emulator.faults.dropConnections({ forMs: 60_000 });
    await expect(h.api.getMe()).rejects.toBeInstanceOf(HttpError);
    h.clock.advance(60_000);
    await expect(h.api.getMe()).resolves.toBeDefined();
  });

  it('slow responses: each answer waits the given time, until cleared', async () => {
    const h = await open();
    const slow = h.emulator.faults.slowResponses(150);
    const started = performance.now();
    await h.api.getMe();
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    slow.clear();
    const fast = performance.now();
    await h.api.getMe();
    expect(performance.now() - fast).toBeLessThan(140);
  });
});
