/**
 * `npm start` with BOT_TOKEN, as a process: what an operator sees when Telegram cannot be
 * reached, when the token is wrong, and how fast SIGTERM ends it. The waits here are for the
 * child's output and exit, not sleeps: the bot's own waits are tested on an injected clock in
 * startup.test.ts.
 */
import { isLockHeld, readLeaseOf } from '../../app/instance-lock';
import { describe, expect, it, onTestFinished } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startEmulator, DEFAULT_BOT } from '../../sandbox/emulator';
import { tempDir } from '../support/db';
import { closedPort, spawnNode, type Child } from '../support/processes';

const root = new URL('../..', import.meta.url).pathname;
const WRONG_TOKEN = '1000001:WRONG-token-that-telegram-refuses-00';

function start(env: NodeJS.ProcessEnv): Child {
  return spawnNode(['--import', 'tsx', 'app/main.ts'], { cwd: root, env: { ...process.env, ...env } });
}

function until(read: () => string, pattern: RegExp, timeoutMs = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const timer = setInterval(() => {
      const done = pattern.test(read());
      const late = Date.now() - started > timeoutMs;
      if (done || late) clearInterval(timer);
      if (done) resolve();
      else if (late) reject(new Error(`waited for ${pattern}: ${read()}`));
    }, 50);
  });
}

function botEnv(dir: string, token: string, apiRoot: string): NodeJS.ProcessEnv {
  return { BOT_TOKEN: token, TELEGRAM_API_ROOT: apiRoot, DUBAN_DB: join(dir, 'duban.sqlite'), DUBAN_ADMINS: '' };
}

describe('npm start with BOT_TOKEN', () => {
  it('Telegram unreachable: says so in its log, keeps retrying, runs the scheduler anyway, and SIGTERM ends it within seconds, lock released', async () => {
    const dir = tempDir();
    const apiRoot = `http://127.0.0.1:${await closedPort()}`;
    const bot = start(botEnv(dir, DEFAULT_BOT.token, apiRoot));
    const escaped = apiRoot.replace(/[.:/]/g, '\\$&');
    await until(
      bot.output,
      new RegExp(`cannot reach Telegram at ${escaped}: connect ECONNREFUSED [^;]+; retrying in 1s\\b[^]*retrying in 2s`),
    );
    // The scheduler planned already: its first tick records where planning starts.
    const db = new Database(join(dir, 'duban.sqlite'), { readonly: true });
    expect(db.prepare("select key from scheduler_state where key = 'planner.lastPlannedAt'").all()).toHaveLength(1);
    db.close();
    expect(isLockHeld(join(dir, 'duban.sqlite'))).toBe(true);
    const sent = Date.now();
    bot.process.kill('SIGTERM');
    const { code, at } = await bot.exited;
    expect(code).toBe(0);
    expect(at - sent).toBeLessThan(10_000);
    expect(isLockHeld(join(dir, 'duban.sqlite'))).toBe(false);
    expect(readLeaseOf(join(dir, 'duban.sqlite'))).toBeNull();
    expect(bot.output()).not.toContain(DEFAULT_BOT.token.split(':')[1]);
  }, 60_000);

  it('a token Telegram refuses (401): exit code 1 and a message naming BOT_TOKEN, without the token', async () => {
    const emulator = await startEmulator();
    onTestFinished(() => emulator.close());
    const bot = start(botEnv(tempDir(), WRONG_TOKEN, emulator.apiRoot));
    const { code } = await bot.exited;
    expect(code).toBe(1);
    expect(bot.output()).toContain(
      `Telegram refused to start the bot: 401 Unauthorized. BOT_TOKEN is not a valid token for ${emulator.apiRoot}`,
    );
    expect(bot.output()).not.toContain('WRONG-token');
  }, 60_000);

  it('polling: the menus are set in the background, and SIGTERM stops it within seconds', async () => {
    const emulator = await startEmulator();
    onTestFinished(() => emulator.close());
    const dir = tempDir();
    const bot = start(botEnv(dir, emulator.token, emulator.apiRoot));
    await until(bot.output, /is polling Telegram/);
    await until(() => String(emulator.botCalls({ method: 'setMyCommands' }).length), /^2$/);
    const sent = Date.now();
    bot.process.kill('SIGTERM');
    const { code, at } = await bot.exited;
    expect(code).toBe(0);
    expect(at - sent).toBeLessThan(10_000);
    expect(isLockHeld(join(dir, 'duban.sqlite'))).toBe(false);
    expect(readLeaseOf(join(dir, 'duban.sqlite'))).toBeNull();
  }, 60_000);
});
