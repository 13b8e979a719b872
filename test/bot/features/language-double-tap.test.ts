/**
 * /language under Telegram's rules as the emulator applies them: a press may be answered once,
 * an edit that changes nothing is refused as "not modified", and command menus (setMyCommands)
 * are flood-limited with waits of up to a minute and more. Neither a double tap nor a flooded
 * menu may end in the generic apology.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { LIAISON, buttons, startE2E } from '../../support/e2e';
import { people } from '../../../db/schema';

/** Longer than any flood wait the bot's answers ride out (bot/interactive-retry.ts). */
const LONG_WAIT_S = 300;

describe('/language', () => {
  it('a double tap: the second press changes nothing and is no error, even when Telegram refuses menus after the first', async () => {
    const e2e = await startE2E();
    const { emulator } = e2e;
    const ask = await e2e.as(LIAISON).send('/language');
    expect(buttons(ask)).toEqual([['中文', 'English']]);
    // After the first press's menu, Telegram's flood control on command menus sets in (a long wait).
    const off = emulator.on('botCall', (call) => {
      if (call.method === 'setMyCommands' && call.response?.ok) {
        off();
        emulator.faults.floodWait({ method: 'setMyCommands', retryAfter: LONG_WAIT_S });
      }
    });
    const menusBefore = emulator.botCalls({ method: 'setMyCommands' }).length;
    // Two presses before the bot has answered either: both reach it.
    const first = emulator.pressButton(LIAISON, { messageId: ask.message_id, text: 'English' });
    const second = emulator.pressButton(LIAISON, { messageId: ask.message_id, text: 'English' });
    await emulator.waitForCallbackAnswer(first.id);
    await e2e.settled();

    const chat = e2e
      .as(LIAISON)
      .transcript()
      .filter((m) => m.from.kind === 'bot' && m.message_id >= ask.message_id);
    expect(chat.map((m) => m.text)).toEqual(['Language set to English.']);
    expect(buttons(chat[0]!)).toEqual([]);
    // The second press was answered (or found answered), and it did not set the menu again.
    expect(emulator.botCalls({ method: 'answerCallbackQuery' }).filter((c) => c.params.callback_query_id === second.id)).not.toEqual([]);
    expect(
      emulator
        .botCalls({ method: 'setMyCommands' })
        .slice(menusBefore)
        .map((c) => c.response?.ok),
    ).toEqual([true]);
    expect(e2e.db.select({ language: people.language }).from(people).where(eq(people.telegramId, LIAISON)).get()).toEqual({
      language: 'en',
    });
    expect(emulator.commandsShown({ userId: LIAISON, chatId: LIAISON }).map((c) => c.description)).toContain(
      "Your unit's tasks and deadlines",
    );
    expect(e2e.errors).toEqual([]);
  });

  it('a press while Telegram refuses command menus for minutes: the language is set and said; the menu waits', async () => {
    const e2e = await startE2E();
    const { emulator } = e2e;
    const ask = await e2e.as(LIAISON).send('/language');
    emulator.faults.floodWait({ method: 'setMyCommands', retryAfter: LONG_WAIT_S });
    const { message } = await e2e.as(LIAISON).press(ask, 'English');
    await e2e.settled();
    expect(message.text).toBe('Language set to English.');
    expect(
      e2e
        .as(LIAISON)
        .transcript()
        .filter((m) => m.from.kind === 'bot' && m.message_id > ask.message_id),
    ).toEqual([]);
    expect(e2e.db.select({ language: people.language }).from(people).where(eq(people.telegramId, LIAISON)).get()).toEqual({
      language: 'en',
    });
    // Later answers are in English; the menu is still the Chinese one Telegram last took.
    expect((await e2e.as(LIAISON).send('/help')).text).toMatch(/^Commands you can use:/);
    expect(emulator.commandsShown({ userId: LIAISON, chatId: LIAISON }).map((c) => c.description)).toContain('本单位的任务和截止日期');
    expect(e2e.errors).toEqual([]);
  });

  it('choosing the language already shown stores the choice without touching the menu', async () => {
    const e2e = await startE2E();
    const ask = await e2e.as(LIAISON).send('/language');
    const menus = e2e.emulator.botCalls({ method: 'setMyCommands' }).length;
    const { message } = await e2e.as(LIAISON).press(ask, '中文');
    await e2e.settled();
    expect(message.text).toBe('语言已设为中文。');
    expect(e2e.db.select({ language: people.language }).from(people).where(eq(people.telegramId, LIAISON)).get()).toEqual({
      language: 'zh-CN',
    });
    expect(e2e.emulator.botCalls({ method: 'setMyCommands' })).toHaveLength(menus);
  });
});
