import { Api, Bot, InlineKeyboard, InputFile } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../../sandbox/emulator/index';

const LIAISON = { id: 4201, firstName: '丽', lastName: '王', username: 'wangli', languageCode: 'zh-hans' };

let emulator: Emulator | undefined;
let bot: Bot | undefined;

afterEach(async () => {
  await bot?.stop();
  bot = undefined;
  await emulator?.close();
  emulator = undefined;
});

/** A small bot with the shape of Duban's: greets on /start with buttons, edits on a press. */
function startBot(running: Emulator): Bot {
  const created = new Bot(running.token, { client: { apiRoot: running.apiRoot } });
  created.command('start', async (ctx) => {
    const keyboard = new InlineKeyboard().text('确认收到', 'ack:7');
    await ctx.reply(`<b>您好</b>，${ctx.match === '' ? '欢迎' : `邀请码 <code>${ctx.match}</code>`}`, {
      parse_mode: 'HTML',
      reply_markup: keyboard,
    });
  });
  created.callbackQuery(/^ack:(\d+)$/, async (ctx) => {
    await ctx.editMessageText(`已确认任务 <b>${ctx.match[1]}</b>`, { parse_mode: 'HTML' });
    await ctx.answerCallbackQuery({ text: '已记录' });
  });
  created.catch((error) => {
    throw error.error;
  });
  void created.start({ timeout: 30 });
  return created;
}

describe('a grammY bot against the emulator', () => {
  it('runs /start with a deep link, a button press, an edit and a callback answer', async () => {
    emulator = await startEmulator({ users: [LIAISON] });
    bot = startBot(emulator);

    const sent = emulator.sendText(LIAISON.id, '/start INVITE42');
    expect(sent.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    const greeting = await emulator.waitForBotMessage(LIAISON.id, undefined, { since: sent.message_id });
    expect(greeting.text).toBe('您好，邀请码 INVITE42');
    expect(greeting.html).toBe('<b>您好</b>，邀请码 <code>INVITE42</code>');
    expect(greeting.inline_keyboard).toEqual([[{ text: '确认收到', callback_data: 'ack:7' }]]);
    expect(greeting.from).toMatchObject({ kind: 'bot', username: 'duban_test_bot' });

    const query = emulator.pressButton(LIAISON.id, { messageId: greeting.message_id, data: 'ack:7' });
    const answer = await emulator.waitForCallbackAnswer(query.id);
    expect(answer).toMatchObject({ text: '已记录', showAlert: false });

    const transcript = emulator.transcript(LIAISON.id);
    expect(transcript.map((entry) => [entry.message_id, entry.from.kind, entry.text])).toEqual([
      [1, 'user', '/start INVITE42'],
      [2, 'bot', '已确认任务 7'],
    ]);
    // Editing the text without reply_markup removed the keyboard, as on Telegram.
    expect(transcript[1]?.inline_keyboard).toBeUndefined();
    expect(transcript[1]?.edit_date).toBeTypeOf('number');
    expect(transcript[1]?.html).toBe('已确认任务 <b>7</b>');

    const methods = emulator.botCalls().map((call) => call.method);
    expect(methods).toEqual(
      expect.arrayContaining(['getMe', 'deleteWebhook', 'getUpdates', 'sendMessage', 'editMessageText', 'answerCallbackQuery']),
    );
    const sendCall = emulator.botCalls({ method: 'sendMessage' })[0];
    expect(sendCall?.params).toMatchObject({ chat_id: LIAISON.id, parse_mode: 'HTML' });
    expect(sendCall?.response).toMatchObject({ ok: true, result: { message_id: 2, chat: { id: LIAISON.id, type: 'private' } } });
  });

  it('lets the bot download what a user sent and send a file back', async () => {
    emulator = await startEmulator({ users: [LIAISON] });
    const running = emulator;
    bot = new Bot(running.token, { client: { apiRoot: running.apiRoot } });
    bot.on('message:document', async (ctx) => {
      const file = await ctx.getFile();
      const response = await fetch(`${running.apiRoot}/file/bot${running.token}/${file.file_path}`);
      const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
      await ctx.replyWithDocument(new InputFile(Buffer.from(text.toUpperCase()), 'checked.csv'), { caption: `${text.length} 字节` });
    });
    void bot.start();

    const sent = running.sendDocument(LIAISON.id, { fileName: 'plan.csv', data: Buffer.from('task,due\n') });
    const reply = await running.waitForBotMessage(LIAISON.id, (entry) => entry.document !== undefined, { since: sent.message_id });
    expect(reply.text).toBe('9 字节');
    expect(running.file(reply.document!.file_id)?.data.toString()).toBe('TASK,DUE\n');
  });
});

describe('waiting for the bot', () => {
  it('resolves at once for a bot message already sent after `since`, and waits otherwise', async () => {
    emulator = await startEmulator({ users: [{ ...LIAISON, hasStartedBots: true }] });
    const api = new Api(emulator.token, { apiRoot: emulator.apiRoot });
    const asked = emulator.sendText(LIAISON.id, '在吗');
    await api.sendMessage(LIAISON.id, '在');
    expect((await emulator.waitForBotMessage(LIAISON.id, undefined, { since: asked.message_id })).text).toBe('在');
    const next = emulator.waitForBotMessage(LIAISON.id, (entry) => entry.text === '第二条');
    await api.sendMessage(LIAISON.id, '第一条');
    await api.sendMessage(LIAISON.id, '第二条');
    expect((await next).message_id).toBe(4);
  });

  it('fails after its timeout, saying what it waited for and how the chat ends', async () => {
    emulator = await startEmulator({ users: [LIAISON] });
    emulator.sendText(LIAISON.id, '有人吗');
    await expect(emulator.waitForBotMessage(LIAISON.id, undefined, { timeoutMs: 20 })).rejects.toThrow(
      `timed out after 20 ms for a bot message in chat ${LIAISON.id} after message 1; the chat ends with: #1 user "有人吗"`,
    );
    await expect(emulator.waitForCallbackAnswer('nope', { timeoutMs: 20 })).rejects.toThrow('for the answer to callback query nope');
  });

  it('dates messages by the injected clock, whatever the time zone', async () => {
    const instant = Date.UTC(2026, 0, 31, 16, 30, 0); // 2026-02-01 00:30 in Shanghai
    emulator = await startEmulator({ users: [LIAISON], now: () => instant });
    expect(emulator.sendText(LIAISON.id, 'x').date).toBe(instant / 1000);
  });
});

describe('closing', () => {
  it('ends a waiting long poll and closes promptly', async () => {
    emulator = await startEmulator();
    const api = new Api(emulator.token, { apiRoot: emulator.apiRoot });
    const waiting = emulator.waitForEvent('polling', (event) => event.waiting);
    const polling = api.getUpdates({ timeout: 30 }).then(
      (updates) => updates,
      () => 'connection closed',
    );
    await waiting;
    const started = performance.now();
    await emulator.close();
    emulator = undefined;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await polling).toEqual(expect.anything());
  });
});
