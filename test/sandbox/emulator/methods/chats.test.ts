import { afterEach, describe, expect, it } from 'vitest';
import { LIAISON, NEWCOMER, OFFICE_GROUP, openHarness, telegramError, type Harness } from '../harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
});

describe('getMe', () => {
  it("describes the bot with getMe's fields", async () => {
    harness = await openHarness();
    expect(await harness.api.getMe()).toMatchObject({
      id: 1000001,
      is_bot: true,
      first_name: 'Duban',
      username: 'duban_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    });
  });
});

describe('getChat', () => {
  it('describes known private chats and groups, and not chats the bot never saw', async () => {
    harness = await openHarness();
    const { api } = harness;
    expect(await api.getChat(LIAISON.id)).toMatchObject({ id: LIAISON.id, type: 'private', first_name: '丽', last_name: '王', username: 'wangli' });
    expect(await api.getChat(OFFICE_GROUP.id)).toMatchObject({ id: OFFICE_GROUP.id, type: 'group', title: '办公室' });
    expect((await telegramError(api.getChat(NEWCOMER.id))).description).toBe('Bad Request: chat not found');
    expect((await telegramError(api.getChat(-1))).description).toBe('Bad Request: chat not found');
  });
});

describe('answerCallbackQuery', () => {
  it('accepts one answer per pressed button and refuses unknown or repeated ones', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    const sent = await api.sendMessage(LIAISON.id, '确认?', { reply_markup: { inline_keyboard: [[{ text: '是', callback_data: 'y' }]] } });
    const query = emulator.pressButton(LIAISON.id, { messageId: sent.message_id, text: '是' });
    expect(await api.answerCallbackQuery(query.id, { text: '好', show_alert: true })).toBe(true);
    expect(await emulator.waitForCallbackAnswer(query.id)).toMatchObject({ queryId: query.id, text: '好', showAlert: true });
    const again = await telegramError(api.answerCallbackQuery(query.id));
    expect(again.description).toBe('Bad Request: query is too old and response timeout expired or query ID is invalid');
    expect((await telegramError(api.answerCallbackQuery('12345'))).error_code).toBe(400);
  });
});
