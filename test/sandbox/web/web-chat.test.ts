/**
 * The sandbox's web chat in a real browser (Debian's chromium, driven by playwright-core)
 * against a real sandbox: the bot, the emulator, the demo plan. Everything is checked on what
 * the page shows. CI installs chromium; the test is never skipped without it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../../app/config';
import { startSandbox, type RunningSandbox } from '../../../sandbox/run';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-gpu',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
/** How long the page may take to show the bot's answer. */
const REPLY_MS = 5000;
/** A jump waits for the reminders it makes due; Telegram's pacing makes a burst take seconds. */
const JUMP_MS = 12_000;
/** The next reminder may concern other offices only; a few jumps always reach one of 李娜's. */
const MAX_JUMPS = 4;

const LIAISON_LABEL = '联络员 李娜（政策法规处）';
const ADMIN_LABEL = '管理员 王敏（信用办）';

let directory: string;
let sandbox: RunningSandbox | undefined;
let browser: Browser | undefined;
let page: Page;
/** Script errors and failed loads in the page: there should be none. */
const pageProblems: string[] = [];

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'duban-web-chat-'));
  sandbox = await startSandbox({ config: readConfig({ SANDBOX_DB: join(directory, 'sandbox.sqlite'), SANDBOX_PORT: '0' }) });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
  page.on('pageerror', (error) => pageProblems.push(String(error)));
  page.on('console', (message) => message.type() === 'error' && pageProblems.push(message.text()));
  await page.goto(sandbox.url);
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await sandbox?.stop();
    rmSync(directory, { recursive: true, force: true });
  }
});

async function pickPersona(label: string) {
  await page.getByRole('button', { name: label }).click();
  await page.getByText(`您是：${label}`).waitFor();
}

async function send(text: string) {
  const box = page.getByRole('textbox', { name: '消息' });
  await box.fill(text);
  await box.press('Enter');
}

/** The latest bot message whose text matches, once the page shows one. */
async function botMessage(pattern: RegExp, timeout = REPLY_MS) {
  const message = page.locator('#messages .msg--bot .msg__text').filter({ hasText: pattern }).last();
  await message.waitFor({ timeout });
  return message;
}

/** How the clock shows an instant: Beijing time with the Chinese weekday, whatever TZ says. */
function clockText(instant: Date): string {
  const time = DateTime.fromJSDate(instant, { zone: 'Asia/Shanghai' });
  return `${time.year}年${time.month}月${time.day}日星期${'一二三四五六日'[time.weekday - 1]} ${time.toFormat('HH:mm')}`;
}

describe('the sandbox web chat', () => {
  it('lets a liaison chat with the bot: /start, /tasks and a page turned with a button', async () => {
    await expect(page.title()).resolves.toBe('督办 · 离线沙盒');
    await pickPersona(LIAISON_LABEL);
    await send('/start');
    expect(await (await botMessage(/您好，李娜/)).innerText()).toMatch(/^您好，李娜！您是 政策法规处 的联络员。/);
    // The bot's HTML keeps its bold; nothing else is markup.
    await expect(page.locator('#messages .msg--bot b', { hasText: '政策法规处' }).count()).resolves.toBeGreaterThan(0);

    await send('/tasks');
    const tasks = await botMessage(/政策法规处 的任务/);
    expect(await tasks.innerText()).toMatch(/第 1\/\d+ 页/);
    await page.getByRole('button', { name: '下一页 ▶' }).last().click();
    // The bot edits the same message in place; the page follows through the live events.
    expect(await (await botMessage(/第 2\/\d+ 页/)).innerText()).toMatch(/^政策法规处 的任务（共 \d+ 项，第 2\/\d+ 页）/);
    await page.getByRole('button', { name: '◀ 上一页' }).waitFor({ timeout: REPLY_MS });
  });

  it('shows what a person types as text, never as markup', async () => {
    const typed = '<b>加粗?</b> <img src=x onerror="document.title=1"> & 其他';
    await send(typed);
    const mine = page.locator('#messages .msg--mine .msg__text').last();
    await mine.filter({ hasText: '<b>加粗?</b>' }).waitFor({ timeout: REPLY_MS });
    expect(await mine.innerText()).toBe(typed);
    expect(await mine.locator('b, img').count()).toBe(0);
    await botMessage(/没有这个命令/);
    await expect(page.title()).resolves.toBe('督办 · 离线沙盒');
  });

  it('gives the admin a command menu with /plans, and a click on it sends the command', async () => {
    await pickPersona(ADMIN_LABEL);
    await page.getByRole('button', { name: '命令' }).click();
    const items = page.getByRole('menuitem');
    await items.first().waitFor();
    const commands = await items.locator('.command-menu__command').allInnerTexts();
    // /plans is in the admin's own menu only, not in the default one everybody gets.
    expect(commands).toContain('/plans');
    await page.getByRole('menuitem', { name: /\/plans/ }).click();
    expect(await (await botMessage(/已导入的计划/)).innerText()).toMatch(/18 项任务/);
    await expect(page.locator('#messages .msg--mine').last().innerText()).resolves.toMatch(/^\/plans/);
  });

  it('shows the sandbox clock in Beijing time and jumps to the next reminder, which reaches 李娜', async () => {
    const now = page.locator('#clock-now');
    await expect(now.innerText()).resolves.toMatch(/^\d{4}年\d{1,2}月\d{1,2}日星期[一二三四五六日] \d\d:\d\d$/);
    await pickPersona(LIAISON_LABEL);
    const reminders = page.locator('#messages .msg--bot .msg__text').filter({ hasText: /^⏰/ });
    expect(await reminders.count()).toBe(0);

    const jumpButton = page.getByRole('button', { name: '下一个提醒' });
    const jumpDone = page.locator('#clock-status', { hasText: '已跳到' });
    let target: Date | null = null;
    for (let jumps = 0; jumps < MAX_JUMPS && (await reminders.count()) === 0; jumps++) {
      target = sandbox!.upcoming().nextReminder;
      expect(target, 'the demo plan has a reminder ahead').not.toBeNull();
      await jumpButton.click();
      // A reminder shows as soon as it is sent, possibly before the jump has sent all the others.
      await reminders.or(jumpDone).first().waitFor({ timeout: JUMP_MS });
    }
    expect(await reminders.first().innerText()).toMatch(/^⏰ (提醒|今天截止|明天截止|后天截止|\d+天后截止|按您的要求再次提醒)/);
    await now.filter({ hasText: clockText(target!) }).waitFor({ timeout: JUMP_MS });
    if (process.env.WEB_CHAT_SCREENSHOT) await page.screenshot({ path: process.env.WEB_CHAT_SCREENSHOT });
  });

  it('shows a button answer sent with show_alert in a modal', async () => {
    // 李娜 stops being a liaison: her old /tasks buttons are refused with an alert.
    sandbox!.database.sqlite
      .prepare('update roles set revoked_at = ? where person_id = (select id from people where telegram_id = 2001)')
      .run(Date.now());
    await page.getByRole('button', { name: '◀ 上一页' }).last().click();
    const alert = page.getByRole('dialog');
    await alert.waitFor({ timeout: REPLY_MS });
    expect(await alert.innerText()).toContain('您没有使用这个命令的权限。');
    await alert.getByRole('button', { name: '确定' }).click();
    await alert.waitFor({ state: 'hidden' });
    expect(pageProblems).toEqual([]);
  });
});
