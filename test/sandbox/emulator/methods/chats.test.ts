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
    expect(await api.getChat(LIAISON.id)).toMatchObject({
      id: LIAISON.id,
      type: 'private',
      first_name: '丽',
      last_name: '王',
      username: 'wangli',
    });
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

describe('answerCallbackQuery after the button press', () => {
  const TOO_OLD = 'Bad Request: query is too old and response timeout expired or query ID is invalid';

  async function pressed(options = {}) {
    harness = await openHarness(options);
    const { api, emulator } = harness;
    const sent = await api.sendMessage(LIAISON.id, '确认?', { reply_markup: { inline_keyboard: [[{ text: '是', callback_data: 'y' }]] } });
    return { ...harness, query: emulator.pressButton(LIAISON.id, { messageId: sent.message_id, data: 'y' }) };
  }

  it('accepts an answer up to 15 seconds after the press on the emulator clock', async () => {
    const { api, clock, query } = await pressed();
    clock.advance(15_000);
    expect(await api.answerCallbackQuery(query.id)).toBe(true);
  });

  it('refuses it later with Telegram’s 400, and for good', async () => {
    const { api, clock, emulator, query } = await pressed();
    clock.advance(15_001);
    const late = await telegramError(api.answerCallbackQuery(query.id, { text: '太迟了' }));
    expect([late.error_code, late.description]).toEqual([400, TOO_OLD]);
    clock.advance(-10_000);
    expect((await telegramError(api.answerCallbackQuery(query.id))).description).toBe(TOO_OLD);
    expect(emulator.botCalls({ method: 'answerCallbackQuery' }).every((call) => call.response?.ok === false)).toBe(true);
  });

  it('takes another window when asked, or none', async () => {
    const custom = await pressed({ callbackAnswerWindowMs: 5_000 });
    custom.clock.advance(5_001);
    expect((await telegramError(custom.api.answerCallbackQuery(custom.query.id))).description).toBe(TOO_OLD);
    await custom.emulator.close();
    const never = await pressed({ callbackAnswerWindowMs: false });
    never.clock.advance(24 * 3600_000);
    expect(await never.api.answerCallbackQuery(never.query.id)).toBe(true);
  });
});
