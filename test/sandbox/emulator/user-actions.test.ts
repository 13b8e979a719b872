import { afterEach, describe, expect, it } from 'vitest';
import { pngBytes } from './images';
import { LEAD, LIAISON, NEWCOMER, OFFICE_GROUP, openHarness, type Harness } from './harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
});

const SECOND_BOT = { token: '2000002:EMULATOR-second-bot-token-000000', username: 'other_office_bot', firstName: '其他' };

describe('people writing', () => {
  it('a private message reaches the bot as Telegram sends it', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    const sent = emulator.sendText(LIAISON.id, '  /report 3 本月已完成  ');
    expect(sent).toMatchObject({ message_id: 1, text: '/report 3 本月已完成', entities: [{ type: 'bot_command', offset: 0, length: 7 }] });
    const [update] = await api.getUpdates();
    expect(update?.message).toEqual(sent);
    expect(update?.message?.from).toEqual({
      id: LIAISON.id,
      is_bot: false,
      first_name: '丽',
      last_name: '王',
      username: 'wangli',
      language_code: 'zh-hans',
    });
  });

  it('replies carry the replied message without its own reply', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    const question = await api.sendMessage(LIAISON.id, '完成了吗?');
    const answer = emulator.sendText(LIAISON.id, '完成', { replyToMessageId: question.message_id });
    const again = emulator.sendText(LIAISON.id, '补充', { replyToMessageId: answer.message_id });
    expect(answer.reply_to_message).toMatchObject({ message_id: question.message_id, text: '完成了吗?' });
    expect(again.reply_to_message?.reply_to_message).toBeUndefined();
    expect(() => emulator.sendText(LIAISON.id, 'x', { replyToMessageId: 99 })).toThrow('no message 99');
  });

  it('in a group with privacy mode, the bot gets commands, replies to it and mentions only', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    const group = { chatId: OFFICE_GROUP.id };
    emulator.sendText(LEAD.id, '大家好', group);
    emulator.sendText(LEAD.id, '/status', group);
    emulator.sendText(LEAD.id, '/status@other_office_bot', group);
    emulator.sendText(LEAD.id, '请 @duban_test_bot 汇总', group);
    const botMessage = await api.sendMessage(OFFICE_GROUP.id, '请回复进度');
    emulator.sendText(LIAISON.id, '已完成', { ...group, replyToMessageId: botMessage.message_id });
    const texts = (await api.getUpdates()).map((u) => u.message?.text);
    expect(texts).toEqual(['/status', '请 @duban_test_bot 汇总', '已完成']);
    // People in the group see every message.
    expect(emulator.transcript(OFFICE_GROUP.id)).toHaveLength(6);
  });

  it('without privacy mode, the bot gets every group message', async () => {
    harness = await openHarness({
      bots: [{ token: '3000003:EMULATOR-open-bot-token-00000000', username: 'open_bot', privacyMode: false }],
    });
    const { emulator } = harness;
    emulator.sendText(LEAD.id, '大家好', { chatId: OFFICE_GROUP.id });
    expect(emulator.pendingUpdateCount()).toBe(1);
  });

  it('a user sends a photo with several sizes, and a document', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    const photo = emulator.sendPhoto(LIAISON.id, { data: pngBytes(2000, 1000), caption: '现场照片' });
    expect(photo.photo?.map((size) => size.width)).toEqual([90, 320, 800, 1280, 2000]);
    expect(photo.caption).toBe('现场照片');
    const document = emulator.sendDocument(LIAISON.id, { fileName: '报告.pdf', data: Buffer.from('%PDF-1.4') });
    expect(document.document).toMatchObject({ file_name: '报告.pdf', mime_type: 'application/pdf', file_size: 8 });
    expect(emulator.file(document.document!.file_id)?.data.toString()).toBe('%PDF-1.4');
    expect((await api.getUpdates()).map((u) => Object.keys(u.message ?? {}).filter((k) => k === 'photo' || k === 'document'))).toEqual([
      ['photo'],
      ['document'],
    ]);
    expect(() => emulator.sendPhoto(LIAISON.id, { data: Buffer.from('text') })).toThrow(/not a PNG, JPEG/);
  });

  it('refuses what a person could not do', async () => {
    harness = await openHarness();
    const { emulator } = harness;
    expect(() => emulator.sendText(NEWCOMER.id, 'x', { chatId: OFFICE_GROUP.id })).toThrow(`user ${NEWCOMER.id} is not a member`);
    expect(() => emulator.sendText(LIAISON.id, 'x', { chatId: LEAD.id })).toThrow('cannot write in the private chat');
    expect(() => emulator.sendText(999, 'x')).toThrow('no user 999');
    expect(() => emulator.sendText(LIAISON.id, '   ')).toThrow('needs some text');
    emulator.blockBot(LIAISON.id);
    expect(() => emulator.sendText(LIAISON.id, 'x')).toThrow('has blocked bot duban_test_bot');
    emulator.addGroupMembers(OFFICE_GROUP.id, [NEWCOMER.id]);
    expect(emulator.sendText(NEWCOMER.id, '/start', { chatId: OFFICE_GROUP.id }).chat.id).toBe(OFFICE_GROUP.id);
  });
});

describe('pressing buttons', () => {
  it('produces a callback_query with a fresh id, the message as it is now, the data and a stable chat_instance', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    const sent = await api.sendMessage(LIAISON.id, '选择', {
      reply_markup: {
        inline_keyboard: [
          [
            { text: '是', callback_data: 'y' },
            { text: '否', callback_data: 'n' },
          ],
        ],
      },
    });
    const yes = emulator.pressButton(LIAISON.id, { messageId: sent.message_id, data: 'y' });
    const no = emulator.pressButton(LIAISON.id, { messageId: sent.message_id, text: '否' });
    expect(yes.id).not.toBe(no.id);
    expect(yes.chat_instance).toBe(no.chat_instance);
    expect([yes.data, no.data]).toEqual(['y', 'n']);
    const updates = await api.getUpdates();
    expect(updates.map((u) => u.callback_query?.id)).toEqual([yes.id, no.id]);
    expect(updates[0]?.callback_query?.message).toMatchObject({ message_id: sent.message_id, text: '选择' });
    expect(updates[0]?.callback_query?.from.id).toBe(LIAISON.id);
  });

  it('refuses buttons that are not there, URL buttons, and messages that are not the bot’s', async () => {
    harness = await openHarness();
    const { api, emulator } = harness;
    const sent = await api.sendMessage(LIAISON.id, '链接', {
      reply_markup: {
        inline_keyboard: [
          [
            { text: '打开', url: 'https://example.com' },
            { text: '是', callback_data: 'y' },
          ],
        ],
      },
    });
    expect(() => emulator.pressButton(LIAISON.id, { messageId: sent.message_id, data: 'zzz' })).toThrow(
      'has no button "zzz" (buttons: "打开", "是")',
    );
    expect(() => emulator.pressButton(LIAISON.id, { messageId: sent.message_id, text: '打开' })).toThrow('is not a callback button');
    const own = emulator.sendText(LIAISON.id, 'mine');
    expect(() => emulator.pressButton(LIAISON.id, { messageId: own.message_id, text: 'x' })).toThrow('was not sent by a bot');
    expect(() => emulator.pressButton(LIAISON.id, { messageId: 77, text: 'x' })).toThrow('no message 77');
  });
});

describe('several bots', () => {
  it('each bot has its own private chat with a user, under the same chat id', async () => {
    harness = await openHarness({ bots: [{ token: '1000001:EMULATOR-duban-test-token-0000000', username: 'duban_test_bot' }, SECOND_BOT] });
    const { api, emulator } = harness;
    emulator.sendText(LIAISON.id, 'to duban');
    emulator.sendText(LIAISON.id, 'to other', { bot: 2000002 });
    await api.sendMessage(LIAISON.id, 'from duban');
    expect(emulator.transcript(LIAISON.id).map((entry) => entry.text)).toEqual(['to duban', 'from duban']);
    expect(emulator.transcript(LIAISON.id, { bot: 2000002 }).map((entry) => [entry.message_id, entry.text])).toEqual([[1, 'to other']]);
    expect(emulator.pendingUpdateCount({ bot: 2000002 })).toBe(1);
    expect(emulator.bots().map((bot) => bot.username)).toEqual(['duban_test_bot', 'other_office_bot']);
  });

  it('refuses duplicate bots and ids', async () => {
    harness = await openHarness();
    expect(() => harness!.emulator.createBot({ token: '1000001:again', username: 'x' })).toThrow('already exists');
    expect(() => harness!.emulator.createBot({ token: 'no-id', username: 'x' })).toThrow('has no numeric id');
    expect(() => harness!.emulator.createUser({ id: LIAISON.id, firstName: 'dup' })).toThrow('already exists');
    expect(() => harness!.emulator.createGroup({ id: 5, title: 'positive' })).toThrow('must be negative');
  });
});
