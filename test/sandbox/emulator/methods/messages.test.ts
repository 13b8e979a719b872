import { InlineKeyboard } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { LEAD, LIAISON, NEWCOMER, OFFICE_GROUP, openHarness, START_MS, telegramError, type Harness } from '../harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.close();
  harness = undefined;
});

async function open(options = {}) {
  harness = await openHarness({ floodLimits: false, ...options });
  return harness;
}

describe('sendMessage', () => {
  it('numbers messages per chat from 1 and dates them by the emulator clock', async () => {
    const { api, clock } = await open();
    const first = await api.sendMessage(LIAISON.id, 'a');
    const second = await api.sendMessage(LIAISON.id, 'b');
    const elsewhere = await api.sendMessage(OFFICE_GROUP.id, 'c');
    clock.advance(61_000);
    const later = await api.sendMessage(LIAISON.id, 'd');
    expect([first.message_id, second.message_id, elsewhere.message_id, later.message_id]).toEqual([1, 2, 1, 3]);
    expect(first.date).toBe(START_MS / 1000);
    expect(later.date).toBe(START_MS / 1000 + 61);
    expect(first.chat).toEqual({ id: LIAISON.id, type: 'private', first_name: '丽', last_name: '王', username: 'wangli' });
    expect(first.from).toEqual({ id: 1000001, is_bot: true, first_name: 'Duban', username: 'duban_test_bot' });
    expect(elsewhere.chat).toEqual({ id: OFFICE_GROUP.id, type: 'group', title: '办公室' });
  });

  it('keeps the plain text and entities of HTML, trimmed as Telegram trims', async () => {
    const { api, emulator } = await open();
    const sent = await api.sendMessage(LIAISON.id, '\n<b>任务</b> 第 <i>3</i> 项 &lt;急&gt;\n', { parse_mode: 'HTML' });
    expect(sent.text).toBe('任务 第 3 项 <急>');
    expect(sent.entities).toEqual([
      { type: 'bold', offset: 0, length: 2 },
      { type: 'italic', offset: 5, length: 1 },
    ]);
    expect(emulator.transcript(LIAISON.id)[0]?.html).toBe('<b>任务</b> 第 <i>3</i> 项 &lt;急&gt;');
  });

  it('refuses HTML that Telegram cannot parse, with its reason', async () => {
    const { api, emulator } = await open();
    const error = await telegramError(api.sendMessage(LIAISON.id, '请提交 <报告>', { parse_mode: 'HTML' }));
    expect(error.error_code).toBe(400);
    expect(error.description).toBe('Bad Request: can\'t parse entities: Unsupported start tag "报告" at byte offset 10');
    expect((await telegramError(api.sendMessage(LIAISON.id, '<b>x', { parse_mode: 'HTML' }))).description).toBe(
      'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"',
    );
    expect(emulator.transcript(LIAISON.id)).toEqual([]);
  });

  it('counts the 4096 limit on the plain text in UTF-16 units', async () => {
    const { api } = await open();
    await expect(api.sendMessage(LIAISON.id, '任'.repeat(4096))).resolves.toBeDefined();
    await expect(api.sendMessage(LIAISON.id, `<b>${'x'.repeat(4096)}</b>`, { parse_mode: 'HTML' })).resolves.toBeDefined();
    expect((await telegramError(api.sendMessage(LIAISON.id, '任'.repeat(4097)))).description).toBe('Bad Request: message is too long');
    // 2049 emoji are 4098 UTF-16 units.
    expect((await telegramError(api.sendMessage(LIAISON.id, '😀'.repeat(2049)))).description).toBe('Bad Request: message is too long');
  });

  it('refuses empty text, also when only markup or white space was given', async () => {
    const { api } = await open();
    for (const text of ['', '  \n ', '<b></b>']) {
      const error = await telegramError(api.sendMessage(LIAISON.id, text, { parse_mode: 'HTML' }));
      expect(error.description).toBe('Bad Request: message text is empty');
    }
  });

  it('refuses Markdown, which the emulator does not implement, saying so', async () => {
    const { api } = await open();
    const error = await telegramError(api.sendMessage(LIAISON.id, '*x*', { parse_mode: 'MarkdownV2' }));
    expect(error.description).toBe('Bad Request: the emulator supports parse_mode "HTML" only, not "MarkdownV2"');
  });

  it('stores an inline keyboard and refuses callback data over 64 bytes', async () => {
    const { api, emulator } = await open();
    await api.sendMessage(LIAISON.id, '选择', { reply_markup: new InlineKeyboard().text('是', 'yes').text('否', 'no') });
    expect(emulator.transcript(LIAISON.id)[0]?.inline_keyboard).toEqual([
      [
        { text: '是', callback_data: 'yes' },
        { text: '否', callback_data: 'no' },
      ],
    ]);
    const error = await telegramError(api.sendMessage(LIAISON.id, 'x', { reply_markup: new InlineKeyboard().text('x', 'd'.repeat(65)) }));
    expect(error.description).toBe('Bad Request: BUTTON_DATA_INVALID');
  });

  it('shows a reply keyboard in the transcript, though not in the Bot API message', async () => {
    const { api, emulator } = await open();
    const sent = await api.sendMessage(LIAISON.id, '本月完成了吗?', {
      reply_markup: { keyboard: [[{ text: '完成' }, { text: '未完成' }]] },
    });
    expect(sent.reply_markup).toBeUndefined();
    expect(emulator.transcript(LIAISON.id)[0]?.reply_keyboard).toEqual([[{ text: '完成' }, { text: '未完成' }]]);
  });

  it('replies to a message, and refuses a reply to a message that does not exist unless allowed', async () => {
    const { api, emulator } = await open();
    const question = emulator.sendText(LIAISON.id, '截止日期是?');
    const answer = await api.sendMessage(LIAISON.id, '10日', { reply_parameters: { message_id: question.message_id } });
    expect(answer.reply_to_message).toMatchObject({ message_id: question.message_id, text: '截止日期是?' });
    expect(emulator.transcript(LIAISON.id)[1]?.reply_to_message_id).toBe(question.message_id);
    const error = await telegramError(api.sendMessage(LIAISON.id, 'x', { reply_parameters: { message_id: 99 } }));
    expect(error.description).toBe('Bad Request: message to be replied not found');
    const loose = await api.sendMessage(LIAISON.id, 'x', { reply_parameters: { message_id: 99, allow_sending_without_reply: true } });
    expect(loose.reply_to_message).toBeUndefined();
  });

  it('refuses chats the bot may not write to, with Telegram’s answers', async () => {
    const { api, emulator } = await open();
    expect((await telegramError(api.sendMessage(999, 'x'))).description).toBe('Bad Request: chat not found');
    expect((await telegramError(api.sendMessage(-999, 'x'))).description).toBe('Bad Request: chat not found');
    expect((await telegramError(api.sendMessage('@someone', 'x'))).description).toBe('Bad Request: chat not found');
    // Someone the bot never met does not exist as far as it can tell …
    const stranger = await telegramError(api.sendMessage(NEWCOMER.id, 'x'));
    expect([stranger.error_code, stranger.description]).toEqual([400, 'Bad Request: chat not found']);
    // … once they share a group, the bot knows them but still may not write first.
    emulator.addGroupMembers(OFFICE_GROUP.id, [NEWCOMER.id]);
    const newcomer = await telegramError(api.sendMessage(NEWCOMER.id, 'x'));
    expect([newcomer.error_code, newcomer.description]).toEqual([403, "Forbidden: bot can't initiate conversation with a user"]);
    // Once the person writes to the bot, it may answer.
    emulator.sendText(NEWCOMER.id, '/start');
    await expect(api.sendMessage(NEWCOMER.id, '欢迎')).resolves.toBeDefined();
    expect((await telegramError(api.sendMessage(1000001, 'x'))).description).toBe("Forbidden: bot can't send messages to bots");
    expect((await telegramError(api.raw.sendMessage({ text: 'x' } as never))).description).toBe('Bad Request: chat_id is empty');
  });

  it('refuses a group the bot is not in', async () => {
    const { api, emulator } = await open();
    emulator.createGroup({ id: -6001, title: '别处', members: [LEAD.id], bots: [] });
    const error = await telegramError(api.sendMessage(-6001, 'x'));
    expect([error.error_code, error.description]).toEqual([403, 'Forbidden: bot is not a member of the group chat']);
  });
});

describe('flood control over HTTP', () => {
  it('answers 429 with retry_after when 40 messages go out at once, and lets them through later', async () => {
    const { api, clock } = await open({ floodLimits: undefined });
    const users = Array.from({ length: 40 }, (_, i) => 7000 + i);
    for (const id of users) harness?.emulator.createUser({ id, firstName: `U${id}`, hasStartedBots: true });
    const results = await Promise.allSettled(users.map((id) => api.sendMessage(id, '提醒')));
    const refused = results.filter((result) => result.status === 'rejected');
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(30);
    expect(refused).toHaveLength(10);
    const reason = (refused[0] as PromiseRejectedResult).reason as { error_code: number; description: string; parameters: unknown };
    expect(reason.error_code).toBe(429);
    expect(reason.description).toBe('Too Many Requests: retry after 1');
    expect(reason.parameters).toEqual({ retry_after: 1 });
    clock.advance(1000);
    await expect(api.sendMessage(users[39] as number, '提醒')).resolves.toBeDefined();
  });

  it('limits one private chat to a burst of 3 and does not count edits', async () => {
    const { api } = await open({ floodLimits: undefined });
    const sent = [];
    for (let i = 0; i < 3; i++) sent.push(await api.sendMessage(LIAISON.id, `#${i}`));
    const error = await telegramError(api.sendMessage(LIAISON.id, 'one too many'));
    expect([error.error_code, error.parameters.retry_after]).toEqual([429, 1]);
    await expect(api.editMessageText(LIAISON.id, sent[0]!.message_id, 'edited')).resolves.toBeDefined();
  });

  it('limits edits per chat too, with a long retry_after, and keeps refusing until it has passed', async () => {
    const { api, clock } = await open({ floodLimits: undefined });
    const sent = await api.sendMessage(LIAISON.id, '进度 0');
    for (let i = 1; i <= 20; i++) await api.editMessageText(LIAISON.id, sent.message_id, `进度 ${i}`);
    const error = await telegramError(api.editMessageText(LIAISON.id, sent.message_id, '进度 21'));
    const wait = error.parameters.retry_after as number;
    expect(error.error_code).toBe(429);
    expect(error.description).toBe(`Too Many Requests: retry after ${wait}`);
    expect(wait).toBeGreaterThanOrEqual(5);
    expect(wait).toBeLessThanOrEqual(30);
    clock.advance((wait - 1) * 1000);
    expect((await telegramError(api.editMessageText(LIAISON.id, sent.message_id, '进度 21'))).parameters.retry_after).toBe(1);
    clock.advance(1000);
    await expect(api.editMessageText(LIAISON.id, sent.message_id, '进度 21')).resolves.toMatchObject({ text: '进度 21' });
  });

  it('limits setMyCommands per bot, and any method as configured', async () => {
    const { api } = await open({ floodLimits: { methods: { sendChatAction: { per: 'chat', burst: 2, perSecond: 0.2 } } } });
    for (let i = 0; i < 20; i++) await api.setMyCommands([{ command: 'start', description: `开始 ${i}` }]);
    const error = await telegramError(api.deleteMyCommands());
    expect(error.error_code).toBe(429);
    expect(error.parameters.retry_after).toBeGreaterThanOrEqual(5);
    await api.sendChatAction(LIAISON.id, 'typing');
    await api.sendChatAction(LIAISON.id, 'typing');
    expect((await telegramError(api.sendChatAction(LIAISON.id, 'typing'))).parameters).toEqual({ retry_after: 5 });
    await expect(api.sendChatAction(LEAD.id, 'typing')).resolves.toBe(true);
  });

  it('limits a group to 20 messages a minute', async () => {
    const { api } = await open({ floodLimits: undefined });
    for (let i = 0; i < 20; i++) await api.sendMessage(OFFICE_GROUP.id, `#${i}`);
    const error = await telegramError(api.sendMessage(OFFICE_GROUP.id, 'x'));
    expect(error.description).toBe('Too Many Requests: retry after 3');
  });
});

describe('keyboard limits over HTTP', () => {
  const buttons = (count: number, prefix = 'b') =>
    Array.from({ length: count }, (_, i) => ({ text: `${i}`, callback_data: `${prefix}${i}` }));

  it('refuses more than 100 inline buttons, or more than 8 in a row, as a markup that is too long', async () => {
    const { api, emulator } = await open();
    const many = Array.from({ length: 13 }, (_, row) => buttons(8, `r${row}-`));
    const tooMany = await telegramError(api.sendMessage(LIAISON.id, '选择', { reply_markup: { inline_keyboard: many } }));
    expect([tooMany.error_code, tooMany.description]).toEqual([400, 'Bad Request: reply markup is too long']);
    const wide = await telegramError(api.sendMessage(LIAISON.id, '选择', { reply_markup: { inline_keyboard: [buttons(9)] } }));
    expect(wide.description).toBe('Bad Request: reply markup is too long');
    const sent = await api.sendMessage(LIAISON.id, '选择', {
      reply_markup: { inline_keyboard: [...many.slice(0, 12), buttons(4, 'last')] },
    });
    expect(sent.reply_markup?.inline_keyboard.flat()).toHaveLength(100);
    const edit = await telegramError(
      api.editMessageReplyMarkup(LIAISON.id, sent.message_id, { reply_markup: { inline_keyboard: [buttons(9)] } }),
    );
    expect(edit.description).toBe('Bad Request: reply markup is too long');
    expect(emulator.transcript(LIAISON.id)).toHaveLength(1);
  });

  it('drops buttons with empty text without a word, as Telegram does', async () => {
    const { api } = await open();
    const sent = await api.sendMessage(LIAISON.id, '选择', {
      reply_markup: {
        inline_keyboard: [
          [
            { text: '', callback_data: 'ghost' },
            { text: '是', callback_data: 'y' },
          ],
          [{ text: '', callback_data: 'gone' }],
        ],
      },
    });
    expect(sent.reply_markup).toEqual({ inline_keyboard: [[{ text: '是', callback_data: 'y' }]] });
  });

  it('lets everything through with keyboardLimits false', async () => {
    const { api } = await open({ keyboardLimits: false });
    const sent = await api.sendMessage(LIAISON.id, '选择', {
      reply_markup: { inline_keyboard: [buttons(9), [{ text: '', callback_data: 'e' }]] },
    });
    expect(sent.reply_markup?.inline_keyboard.flat()).toHaveLength(10);
  });
});

describe('editing and deleting', () => {
  it('edits text, answers "not modified" for the same content, and keeps the keyboard only when sent again', async () => {
    const { api, emulator, clock } = await open();
    const keyboard = new InlineKeyboard().text('完成', 'done');
    const sent = await api.sendMessage(LIAISON.id, '<b>任务</b>', { parse_mode: 'HTML', reply_markup: keyboard });
    const same = await telegramError(
      api.editMessageText(LIAISON.id, sent.message_id, '<b>任务</b>', { parse_mode: 'HTML', reply_markup: keyboard }),
    );
    expect(same.description).toMatch(
      /^Bad Request: message is not modified: specified new message content and reply markup are exactly the same/,
    );

    clock.advance(5000);
    const edited = await api.editMessageText(LIAISON.id, sent.message_id, '<b>任务</b> 已完成', {
      parse_mode: 'HTML',
      reply_markup: keyboard,
    });
    expect(edited).toMatchObject({ text: '任务 已完成', edit_date: START_MS / 1000 + 5, reply_markup: keyboard });
    await api.editMessageText(LIAISON.id, sent.message_id, '已归档');
    const [entry] = emulator.transcript(LIAISON.id);
    expect(entry).toMatchObject({ text: '已归档', html: '已归档' });
    expect(entry?.inline_keyboard).toBeUndefined();
  });

  it('changes and removes an inline keyboard with editMessageReplyMarkup', async () => {
    const { api, emulator } = await open();
    const sent = await api.sendMessage(LIAISON.id, '选择', { reply_markup: new InlineKeyboard().text('A', 'a') });
    await api.editMessageReplyMarkup(LIAISON.id, sent.message_id, { reply_markup: new InlineKeyboard().text('B', 'b') });
    expect(emulator.transcript(LIAISON.id)[0]?.inline_keyboard).toEqual([[{ text: 'B', callback_data: 'b' }]]);
    expect(
      (await telegramError(api.editMessageReplyMarkup(LIAISON.id, sent.message_id, { reply_markup: new InlineKeyboard().text('B', 'b') })))
        .description,
    ).toMatch(/message is not modified/);
    await api.editMessageReplyMarkup(LIAISON.id, sent.message_id);
    expect(emulator.transcript(LIAISON.id)[0]?.inline_keyboard).toBeUndefined();
  });

  it("refuses to edit what does not exist, someone else's message, or text of a document", async () => {
    const { api, emulator } = await open();
    expect((await telegramError(api.editMessageText(LIAISON.id, 42, 'x'))).description).toBe('Bad Request: message to edit not found');
    const fromUser = emulator.sendText(LIAISON.id, 'mine');
    expect((await telegramError(api.editMessageText(LIAISON.id, fromUser.message_id, 'x'))).description).toBe(
      "Bad Request: message can't be edited",
    );
    const doc = await api.sendDocument(
      LIAISON.id,
      emulator.sendDocument(LIAISON.id, { fileName: 'a.txt', data: Buffer.from('a') }).document!.file_id,
    );
    expect((await telegramError(api.editMessageText(LIAISON.id, doc.message_id, 'x'))).description).toBe(
      'Bad Request: there is no text in the message to edit',
    );
    const captioned = await api.editMessageCaption(LIAISON.id, doc.message_id, { caption: '<i>说明</i>', parse_mode: 'HTML' });
    expect(captioned).toMatchObject({ caption: '说明', caption_entities: [{ type: 'italic', offset: 0, length: 2 }] });
  });

  it('deletes messages, the bot’s own and the user’s in a private chat, within 48 hours', async () => {
    const { api, emulator, clock } = await open();
    const own = await api.sendMessage(LIAISON.id, 'x');
    const theirs = emulator.sendText(LIAISON.id, 'y');
    const old = await api.sendMessage(LIAISON.id, 'z');
    expect(await api.deleteMessage(LIAISON.id, own.message_id)).toBe(true);
    expect(await api.deleteMessage(LIAISON.id, theirs.message_id)).toBe(true);
    expect(emulator.transcript(LIAISON.id).map((entry) => entry.text)).toEqual(['z']);
    expect((await telegramError(api.deleteMessage(LIAISON.id, own.message_id))).description).toBe(
      'Bad Request: message to delete not found',
    );
    clock.advance(48 * 3600 * 1000 + 1000);
    expect((await telegramError(api.deleteMessage(LIAISON.id, old.message_id))).description).toBe("Bad Request: message can't be deleted");
  });

  it("may not delete a person's message in a group", async () => {
    const { api, emulator } = await open();
    const said = emulator.sendText(LEAD.id, '/status', { chatId: OFFICE_GROUP.id });
    expect((await telegramError(api.deleteMessage(OFFICE_GROUP.id, said.message_id))).description).toBe(
      "Bad Request: message can't be deleted",
    );
  });
});

describe('sendChatAction', () => {
  it('announces the action and refuses unknown ones', async () => {
    const { api, emulator } = await open();
    const actions: string[] = [];
    emulator.on('chatAction', (event) => actions.push(`${event.chatId}:${event.action}`));
    expect(await api.sendChatAction(LIAISON.id, 'typing')).toBe(true);
    expect(actions).toEqual([`${LIAISON.id}:typing`]);
    expect((await telegramError(api.sendChatAction(LIAISON.id, 'dancing' as never))).description).toBe(
      'Bad Request: wrong parameter action in request',
    );
  });
});
