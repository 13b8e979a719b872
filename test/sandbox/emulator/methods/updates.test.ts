import { afterEach, describe, expect, it } from 'vitest';
import { LIAISON, openHarness, telegramError, type Harness } from '../harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
});

describe('getUpdates over HTTP', () => {
  it('holds a long poll open and answers it when a user writes', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    const waiting = emulator.waitForEvent('polling', (event) => event.waiting);
    const polling = api.getUpdates({ timeout: 30 });
    await waiting;
    expect(emulator.isPolling()).toBe(true);
    expect(emulator.botCalls({ method: 'getUpdates' })).toHaveLength(0);
    emulator.sendText(LIAISON.id, '你好');
    const updates = await polling;
    expect(emulator.isPolling()).toBe(false);
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ update_id: 1, message: { text: '你好', from: { id: LIAISON.id, language_code: 'zh-hans' } } });
  });

  it('delivers unconfirmed updates again and forgets them once an offset confirms them', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    emulator.sendText(LIAISON.id, 'a');
    emulator.sendText(LIAISON.id, 'b');
    expect((await api.getUpdates()).map((u) => u.update_id)).toEqual([1, 2]);
    expect((await api.getUpdates({ limit: 1 })).map((u) => u.update_id)).toEqual([1]);
    expect((await api.getUpdates({ offset: 2 })).map((u) => u.update_id)).toEqual([2]);
    expect(emulator.pendingUpdateCount()).toBe(1);
    expect(await api.getUpdates({ offset: 3 })).toEqual([]);
    expect(emulator.pendingUpdateCount()).toBe(0);
  });

  it('ends the older of two overlapping long polls with 409 Conflict', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    const waiting = emulator.waitForEvent('polling', (event) => event.waiting);
    const first = telegramError(api.getUpdates({ timeout: 30 }));
    await waiting;
    const firstAnswered = emulator.waitForBotCall('getUpdates');
    const second = api.getUpdates({ timeout: 30 });
    const conflict = await first;
    expect([conflict.error_code, conflict.description]).toEqual([
      409,
      'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running',
    ]);
    expect((await firstAnswered).response).toMatchObject({ ok: false, error_code: 409 });
    emulator.sendText(LIAISON.id, 'x');
    expect(await second).toHaveLength(1);
  });

  it('remembers allowed_updates from one call to the next', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    await api.getUpdates({ allowed_updates: ['callback_query'] });
    emulator.sendText(LIAISON.id, 'not wanted');
    await api.getUpdates();
    emulator.sendText(LIAISON.id, 'still not wanted');
    expect(await api.getUpdates()).toEqual([]);
    await api.getUpdates({ allowed_updates: [] });
    emulator.sendText(LIAISON.id, 'wanted');
    expect((await api.getUpdates()).map((u) => u.message?.text)).toEqual(['wanted']);
  });
});

describe('how long Telegram keeps updates', () => {
  const DAY = 24 * 3600_000;

  it('drops updates the bot did not fetch within 24 hours, and button presses after 150 seconds', async () => {
    harness = await openHarness();
    const { api, emulator, clock } = harness;
    emulator.sendText(LIAISON.id, '周一的消息');
    clock.advance(DAY - 1000);
    const sent = await api.sendMessage(LIAISON.id, '选择', { reply_markup: { inline_keyboard: [[{ text: '是', callback_data: 'y' }]] } });
    emulator.pressButton(LIAISON.id, { messageId: sent.message_id, data: 'y' });
    emulator.sendText(LIAISON.id, '周二的消息');
    clock.advance(150_000);
    expect((await api.getUpdates()).map((u) => u.message?.text)).toEqual(['周二的消息']);
    expect(emulator.expiredUpdateCount()).toBe(2);
    expect(await api.getWebhookInfo()).toMatchObject({ pending_update_count: 1 });
  });

  it('keeps them with updateRetention false', async () => {
    harness = await openHarness({ updateRetention: false });
    harness.emulator.sendText(LIAISON.id, '很久以前');
    harness.clock.advance(30 * DAY);
    expect(await harness.api.getUpdates()).toHaveLength(1);
  });

  it('restarts update ids after a week without updates; a bot confirming with its old offset still gets them', async () => {
    harness = await openHarness({ firstUpdateId: 5000 });
    const { api, emulator, clock } = harness;
    emulator.sendText(LIAISON.id, '上周');
    const [last] = await api.getUpdates({ offset: 0 });
    expect(last?.update_id).toBe(5000);
    await api.getUpdates({ offset: 5001 });
    clock.advance(7 * DAY);
    emulator.sendText(LIAISON.id, '本周');
    const updates = await api.getUpdates({ offset: 5001 });
    expect(updates.map((u) => u.message?.text)).toEqual(['本周']);
    expect(updates[0]!.update_id).toBeLessThan(5000);
  });

  it('restarts update ids on demand, to a given value', async () => {
    harness = await openHarness({ firstUpdateId: 300 });
    const { api, emulator } = harness;
    emulator.sendText(LIAISON.id, 'a');
    expect(() => emulator.restartUpdateIds()).toThrow('still pending');
    await api.getUpdates({ offset: 301 });
    expect(emulator.restartUpdateIds({ nextUpdateId: 12 })).toBe(12);
    emulator.sendText(LIAISON.id, 'b');
    expect((await api.getUpdates({ offset: 301 })).map((u) => u.update_id)).toEqual([12]);
  });
});

describe('webhooks', () => {
  it('refuses getUpdates while a webhook is set, and drops pending updates when asked', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    emulator.sendText(LIAISON.id, 'pending');
    expect(await api.setWebhook('https://duban.example.gov.cn/hook')).toBe(true);
    expect(await api.getWebhookInfo()).toMatchObject({ url: 'https://duban.example.gov.cn/hook', pending_update_count: 1 });
    const error = await telegramError(api.getUpdates());
    expect([error.error_code, error.description]).toEqual([
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    ]);
    expect(await api.deleteWebhook({ drop_pending_updates: true })).toBe(true);
    expect(await api.getWebhookInfo()).toMatchObject({ url: '', pending_update_count: 0 });
    expect(await api.getUpdates()).toEqual([]);
  });

  it('words the answers as Telegram does and refuses plain HTTP', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    await api.setWebhook('https://duban.example.gov.cn/hook');
    await api.setWebhook('https://duban.example.gov.cn/hook');
    await api.deleteWebhook();
    await api.deleteWebhook();
    expect(emulator.botCalls().map((call) => call.response && 'description' in call.response && call.response.description)).toEqual([
      'Webhook was set',
      'Webhook is already set',
      'Webhook was deleted',
      'Webhook is already deleted',
    ]);
    expect((await telegramError(api.setWebhook('http://duban.example.gov.cn/hook'))).description).toBe(
      'Bad Request: bad webhook: An HTTPS URL must be provided for webhook',
    );
    expect((await telegramError(api.setWebhook('https://duban.example.gov.cn:8080/hook'))).description).toBe(
      'Bad Request: bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443',
    );
  });

  it('ends a waiting long poll when a webhook is set', async () => {
    harness = await openHarness();
    const { api } = harness;
    const waiting = harness.emulator.waitForEvent('polling', (event) => event.waiting);
    const polling = telegramError(api.getUpdates({ timeout: 30 }));
    await waiting;
    await api.setWebhook('https://duban.example.gov.cn/hook');
    expect((await polling).description).toBe('Conflict: terminated by setWebhook request');
  });
});
