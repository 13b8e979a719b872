import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireInstanceLock, InstanceLockError } from '../../bot/instance-lock';
import { tempDir } from '../support/db';

const root = new URL('../..', import.meta.url).pathname;

describe('one bot per database', () => {
  it('refuses a second live owner, takes over a dead one\'s lock, and releases only its own', () => {
    const file = join(tempDir(), 'duban.sqlite');
    const first = acquireInstanceLock(file, { pid: 111, isAlive: () => true });
    expect(acquireInstanceLock(join(tempDir(), 'not', 'yet', 'there.sqlite'), { pid: 1 }).path).toMatch(/there\.sqlite\.lock$/);
    expect(readFileSync(first.path, 'utf8')).toBe('111');
    expect(() => acquireInstanceLock(file, { pid: 222, isAlive: (pid) => pid === 111 })).toThrow(InstanceLockError);
    expect(() => acquireInstanceLock(file, { pid: 222, isAlive: (pid) => pid === 111 })).toThrow(/Another Duban bot \(process 111\) is already running/);
    // 111 was killed (kill -9 leaves its lock behind): 222 takes over.
    const second = acquireInstanceLock(file, { pid: 222, isAlive: () => false });
    expect(readFileSync(second.path, 'utf8')).toBe('222');
    first.release(); // no longer its lock: left alone
    expect(existsSync(second.path)).toBe(true);
    second.release();
    expect(existsSync(second.path)).toBe(false);
  });

  it('a second `npm start` on the same database exits with a clear message; after kill -9 a new one starts', async () => {
    const dir = tempDir();
    // In a folder that does not exist yet, as data/ on a fresh clone.
    const env = { ...process.env, BOT_TOKEN: '', SANDBOX_DB: join(dir, 'data', 's.sqlite'), SANDBOX_PORT: '0' };
    const start = () => spawn(process.execPath, ['--import', 'tsx', 'bot/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = (child: ChildProcess) => {
      let text = '';
      child.stdout!.on('data', (d) => (text += d));
      child.stderr!.on('data', (d) => (text += d));
      return () => text;
    };
    const until = (read: () => string, pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const timer = setInterval(() => {
          const done = pattern.test(read());
          const late = Date.now() - started > 15_000;
          if (done || late) clearInterval(timer);
          if (done) resolve();
          else if (late) reject(new Error(`waited for ${pattern}: ${read()}`));
        }, 50);
      });

    const first = start();
    const firstOut = output(first);
    try {
      await until(firstOut, /Open the web chat/);
      const second = start();
      const secondOut = output(second);
      const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
      expect(code).toBe(1);
      expect(secondOut()).toMatch(/Another Duban bot \(process \d+\) is already running on .*s\.sqlite/);

      first.kill('SIGKILL');
      await new Promise((resolve) => first.on('exit', resolve));
      const third = start();
      const thirdOut = output(third);
      await until(thirdOut, /Open the web chat/);
      third.kill('SIGTERM');
      await new Promise((resolve) => third.on('exit', resolve));
    } finally {
      if (first.exitCode === null) first.kill('SIGKILL');
    }
  }, 60_000);
});
