/**
 * Telegram's inline keyboard limits (at most 100 buttons, 8 a row, every button with text: the
 * emulator refuses the first two with "reply markup is too long" and drops empty buttons without
 * a word, as Telegram does) at a province-sized plan: a liaison of 120 units with 600 items due
 * the same day, and task titles that are empty or run to hundreds of characters. Every keyboard
 * the bot sends in these tests is checked as sent, beside the emulator accepting it.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { buttons, startE2E } from '../../support/e2e';
import { seedBigPlan, seedPerson } from '../../support/big-plan';
import { PLAN_ZONE } from '../../../plans/due-dates';
import type { Emulator } from '../../../sandbox/emulator';
import { ITEMS_PER_MESSAGE } from '../../../schedules/notices/liaison-reminder';
import { CHOICES_PER_PAGE } from '../../../bot/features/report';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const MANY = 700_001;
const UNITS_SERVED = 120;

/** Every inline keyboard the bot sent or edited in: within the limits, no empty text, none refused. */
function expectKeyboardsWithinLimits(emulator: Emulator): number {
  let checked = 0;
  for (const call of emulator.botCalls()) {
    const markup = call.params.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined;
    if (!markup?.inline_keyboard) continue;
    const rows = markup.inline_keyboard;
    const where = `${call.method} to ${String(call.params.chat_id)}`;
    expect(rows.flat().length, where).toBeLessThanOrEqual(100);
    expect(Math.max(...rows.map((row) => row.length)), where).toBeLessThanOrEqual(8);
    expect(
      rows.flat().filter((button) => button.text.trim() === ''),
      where,
    ).toEqual([]);
    expect(call.response?.ok === false ? call.response.description : 'ok', where).not.toMatch(/reply markup/i);
    checked++;
  }
  return checked;
}

async function province() {
  const e2e = await startE2E({
    now: sh('2026-03-05T08:00'),
    seededAt: sh('2026-01-01T08:00'),
    shareClock: true,
    floodLimits: {
      perPrivateChat: { burst: 500, perSecond: 500 },
      perBot: { burst: 500, perSecond: 500 },
      methods: { editMessageText: false, answerCallbackQuery: false },
    },
  });
  // Titles empty, or far longer than a button: neither may make a button empty or a keyboard refused.
  const plan = seedBigPlan(e2e.sqlite, {
    units: 1000,
    requirements: 5000,
    taskTitle: (n) => (n % 3 === 0 ? '' : `推进第${n}项信用工作`.repeat(n % 3 === 1 ? 1 : 40)),
  });
  e2e.emulator.createUser({ id: MANY, firstName: '多单位联络员', languageCode: 'zh-hans', hasStartedBots: true });
  seedPerson(
    e2e.sqlite,
    { telegramId: MANY, name: '多单位联络员' },
    plan.units.slice(0, UNITS_SERVED).map((u) => ({ role: 'liaison' as const, unitId: u.id })),
  );
  return { e2e, plan };
}

describe('inline keyboards at 1,000 units', () => {
  it("reminders: 600 items due the same day come ten a message, each keyboard within Telegram's limits", async () => {
    const { e2e } = await province();
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    e2e.clock.set(sh('2026-03-05T09:00'));
    await scheduler.tick();
    const reminders = e2e.emulator.transcript(MANY).filter((m) => m.from.kind === 'bot' && m.text?.startsWith('⏰'));
    // Ten items a message (a message may hold fewer where the dispatcher's page of rows ended).
    expect(reminders.length).toBeGreaterThanOrEqual((UNITS_SERVED * 5) / ITEMS_PER_MESSAGE);
    let items = 0;
    for (const reminder of reminders) {
      const rows = buttons(reminder);
      // Two buttons an item, then "remind me next working day".
      expect(rows.at(-1)).toEqual(['⏰ 下个工作日再提醒']);
      expect(rows.slice(0, -1).every((row) => row.length === 2)).toBe(true);
      expect(rows.length - 1).toBeLessThanOrEqual(ITEMS_PER_MESSAGE);
      items += rows.length - 1;
    }
    expect(items).toBe(UNITS_SERVED * 5);
    expect(e2e.emulator.botCalls({ method: 'sendMessage' }).filter((c) => Number(c.params.chat_id) === MANY && !c.response?.ok)).toEqual(
      [],
    );
    expect(expectKeyboardsWithinLimits(e2e.emulator)).toBeGreaterThanOrEqual(reminders.length);
    expect(e2e.errors).toEqual([]);
  }, 60_000);

  it('the /report picker: 600 choices in pages of six, page buttons and cancel, on every page turned to', async () => {
    const { e2e } = await province();
    let page = await e2e.as(MANY).send('/report');
    const pages = Math.ceil((UNITS_SERVED * 5) / CHOICES_PER_PAGE);
    expect(page.text).toBe(`请选择要报送的任务（最紧急的在前，第 1/${pages} 页）：`);
    expect(buttons(page).map((row) => row.length)).toEqual([...Array(CHOICES_PER_PAGE).fill(1), 1, 1]);
    for (let n = 2; n <= 4; n++) {
      page = (await e2e.as(MANY).press(page, '下一页 ▶')).message;
      expect(page.text).toBe(`请选择要报送的任务（最紧急的在前，第 ${n}/${pages} 页）：`);
      expect(buttons(page).at(-2)).toEqual(['◀ 上一页', '下一页 ▶']);
    }
    // Each choice names its unit (the liaison serves many) and its item, even when its title is empty.
    for (const label of buttons(page).slice(0, CHOICES_PER_PAGE).flat()) expect(label).toMatch(/^第\d{4}业务处 · \d+① .* · /);
    await e2e.settled();
    expect(expectKeyboardsWithinLimits(e2e.emulator)).toBeGreaterThanOrEqual(4);
    expect(e2e.errors).toEqual([]);
  }, 60_000);

  it('/tasks: a liaison of 120 units chooses the unit from pages of 20, and sees its tasks', async () => {
    const { e2e, plan } = await province();
    const me = e2e.as(MANY);
    const chooser = await me.send('/tasks');
    expect(chooser.text).toBe('您是多个单位的联络员，请选择要查看的单位：');
    expect(buttons(chooser).flat()).toEqual([...plan.units.slice(0, 20).map((u) => u.name), '下一页 ▶']);
    let page = chooser;
    for (let i = 1; i < 6; i++) page = (await me.press(page, '下一页 ▶')).message;
    expect(buttons(page).flat()).toEqual([...plan.units.slice(100, 120).map((u) => u.name), '◀ 上一页']);
    const unit = plan.units[119]!;
    const { message } = await me.press(page, unit.name);
    expect(message.text).toContain(unit.name);
    expect(expectKeyboardsWithinLimits(e2e.emulator)).toBeGreaterThanOrEqual(6);
  });
});
