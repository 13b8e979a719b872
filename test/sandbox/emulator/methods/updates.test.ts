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

  it("words the answers as Telegram does and refuses plain HTTP", async () => {
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
