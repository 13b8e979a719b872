import { afterEach, describe, expect, it } from 'vitest';
import { LEAD, LIAISON, OFFICE_GROUP, openHarness, telegramError, type Harness } from '../harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
});

const ZH = [{ command: 'report', description: '报送进度' }];
const EN = [{ command: 'report', description: 'Report progress' }];
const GROUP = [{ command: 'status', description: '本组进度' }];

describe('setMyCommands, getMyCommands, deleteMyCommands', () => {
  it('keeps one list per scope and language, and getMyCommands reads exactly that list', async () => {
    harness = await openHarness();
    const { api } = harness;
    expect(await api.setMyCommands(EN)).toBe(true);
    expect(await api.setMyCommands(ZH, { language_code: 'zh' })).toBe(true);
    expect(await api.setMyCommands(GROUP, { scope: { type: 'chat', chat_id: OFFICE_GROUP.id } })).toBe(true);
    expect(await api.getMyCommands()).toEqual(EN);
    expect(await api.getMyCommands({ language_code: 'zh' })).toEqual(ZH);
    expect(await api.getMyCommands({ scope: { type: 'all_private_chats' } })).toEqual([]);
    expect(await api.getMyCommands({ scope: { type: 'chat', chat_id: OFFICE_GROUP.id } })).toEqual(GROUP);
    expect(await api.deleteMyCommands({ language_code: 'zh' })).toBe(true);
    expect(await api.getMyCommands({ language_code: 'zh' })).toEqual([]);
  });

  it('shows each person the list Telegram would: chat, then private or group scopes, then default; own language first', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    await api.setMyCommands(EN);
    await api.setMyCommands(ZH, { language_code: 'zh' });
    await api.setMyCommands(GROUP, { scope: { type: 'all_group_chats' } });
    // "zh-hans" sees the list set for "zh"; "en" falls back to the list without a language.
    expect(emulator.commandsShown({ chatId: LIAISON.id })).toEqual(ZH);
    expect(emulator.commandsShown({ chatId: LEAD.id })).toEqual(EN);
    expect(emulator.commandsShown({ chatId: OFFICE_GROUP.id, userId: LIAISON.id })).toEqual(GROUP);
    const personal = [{ command: 'mine', description: '我的任务' }];
    await api.setMyCommands(personal, { scope: { type: 'chat_member', chat_id: OFFICE_GROUP.id, user_id: LEAD.id } });
    expect(emulator.commandsShown({ chatId: OFFICE_GROUP.id, userId: LEAD.id })).toEqual(personal);
    expect(emulator.commandsShown({ chatId: OFFICE_GROUP.id, userId: LIAISON.id })).toEqual(GROUP);
  });

  it('refuses invalid commands, scopes and language codes', async () => {
    harness = await openHarness();
    const { api } = harness;
    expect((await telegramError(api.setMyCommands([{ command: 'Report', description: 'x' }]))).description).toBe(
      'Bad Request: BOT_COMMAND_INVALID',
    );
    expect((await telegramError(api.setMyCommands([{ command: 'x'.repeat(33), description: 'x' }]))).description).toBe(
      'Bad Request: BOT_COMMAND_INVALID',
    );
    expect((await telegramError(api.setMyCommands([{ command: 'ok', description: '' }]))).description).toBe(
      'Bad Request: BOT_COMMAND_DESCRIPTION_INVALID',
    );
    expect((await telegramError(api.setMyCommands(EN, { scope: { type: 'chat', chat_id: -404 } }))).description).toBe(
      'Bad Request: chat not found',
    );
    expect((await telegramError(api.setMyCommands(EN, { language_code: 'zh-hans' as never }))).description).toBe(
      'Bad Request: invalid language code specified',
    );
  });
});

describe('chat menu buttons', () => {
  it('stores a button per chat and answers the bot-wide one otherwise', async () => {
    harness = await openHarness();
    const { api } = harness;
    expect(await api.getChatMenuButton({ chat_id: LIAISON.id })).toEqual({ type: 'commands' });
    expect(await api.setChatMenuButton({ chat_id: LIAISON.id, menu_button: { type: 'default' } })).toBe(true);
    expect(await api.getChatMenuButton({ chat_id: LIAISON.id })).toEqual({ type: 'default' });
    expect(await api.getChatMenuButton({ chat_id: LEAD.id })).toEqual({ type: 'commands' });
  });
});
