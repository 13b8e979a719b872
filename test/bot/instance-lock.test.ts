/**
 * One bot per database (app/instance-lock.ts): the lock is the kernel's, so it goes with its
 * process however that ends; the lease row names the holder and carries its heartbeat. No
 * process id is trusted: a holder with our own pid and host still blocks, a dead one's row
 * with a live pid does not.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  acquireInstanceLock,
  HEARTBEAT_MS,
  InstanceLockError,
  isLockHeld,
  LEASE_TABLE,
  readLeaseOf,
  type InstanceLockOptions,
} from '../../app/instance-lock';
import { openDatabase } from '../../db';
import { tempDir } from '../support/db';

const root = new URL('../..', import.meta.url).pathname;

/** A clock the test moves, and the heartbeat the lock would run every HEARTBEAT_MS. */
function harness(start = new Date('2026-03-02T01:00:00Z')) {
  let now = start.getTime();
  const beats: { ms: number; beat: () => void; cancelled: boolean }[] = [];
  const options = (extra: InstanceLockOptions = {}): InstanceLockOptions => ({
    now: () => new Date(now),
    waitMs: 50,
    every: (ms, beat) => {
      const entry = { ms, beat, cancelled: false };
      beats.push(entry);
      return () => (entry.cancelled = true);
    },
    ...extra,
  });
  return { options, beats, advance: (ms: number) => (now += ms), now: () => now };
}

function leaseRow(file: string) {
  const sqlite = new Database(file, { readonly: true });
  try {
    return sqlite.prepare(`select * from ${LEASE_TABLE}`).all();
  } finally {
    sqlite.close();
  }
}

describe('the instance lock', () => {
  it('is taken in a folder that does not exist yet, and its lease row names the holder with a heartbeat', () => {
    const h = harness();
    const file = join(tempDir(), 'not', 'yet', 'duban.sqlite');
    const lock = acquireInstanceLock(file, h.options({ owner: 'first', pid: 111, host: 'web1' }));
    onTestFinished(() => lock.release());
    expect(lock.path).toBe(`${file}.lock`);
    expect(isLockHeld(file)).toBe(true);
    const started = h.now();
    expect(leaseRow(file)).toEqual([
      { slot: 1, owner: 'first', role: 'bot', pid: 111, host: 'web1', started_at: started, heartbeat_at: started },
    ]);
    // The heartbeat: every HEARTBEAT_MS, written with the clock's time.
    expect(h.beats).toHaveLength(1);
    expect(h.beats[0]!.ms).toBe(HEARTBEAT_MS);
    h.advance(HEARTBEAT_MS);
    h.beats[0]!.beat();
    expect(readLeaseOf(file)).toMatchObject({
      owner: 'first',
      startedAt: new Date(started),
      heartbeatAt: new Date(started + HEARTBEAT_MS),
    });
  });

  it('refuses a second holder, naming the first, however old its heartbeat and whatever its pid', () => {
    const h = harness();
    const file = join(tempDir(), 'duban.sqlite');
    // The first holder has this very process's pid and host, as pid 1 in two containers would.
    const first = acquireInstanceLock(file, h.options({ owner: 'first', pid: process.pid, host: hostname() }));
    onTestFinished(() => first.release());
    const second = () => acquireInstanceLock(file, h.options({ owner: 'second', pid: process.pid, host: hostname() }));
    expect(second).toThrow(InstanceLockError);
    expect(second).toThrow(
      `Another Duban bot (process ${process.pid} on host ${hostname()}, last heartbeat 0 s ago) is already running on ${file}. Stop it first`,
    );
    // A hung holder (no heartbeat for ten minutes) keeps its lock: time alone admits nobody.
    h.advance(10 * 60_000);
    expect(second).toThrow(/last heartbeat 600 s ago\) is already running/);
    try {
      second();
    } catch (error) {
      expect((error as InstanceLockError).holder).toMatchObject({ owner: 'first', role: 'bot', pid: process.pid });
    }
    // Its row is untouched by the refused one.
    expect(readLeaseOf(file)).toMatchObject({ owner: 'first' });
  });

  it('after its holder is gone, the row it left (with a pid that is alive) admits the next one at once', () => {
    const h = harness();
    const file = join(tempDir(), 'duban.sqlite');
    openDatabase(file).close();
    // What kill -9 leaves: a lease row with a fresh heartbeat, whose pid now runs something else.
    const sqlite = new Database(file);
    sqlite.exec(
      `create table ${LEASE_TABLE} (slot integer primary key check (slot = 1), owner text not null, role text not null, pid integer not null, host text not null, started_at integer not null, heartbeat_at integer not null)`,
    );
    sqlite.prepare(`insert into ${LEASE_TABLE} values (1, 'dead', 'bot', ?, ?, ?, ?)`).run(process.pid, hostname(), h.now(), h.now());
    sqlite.close();
    expect(isLockHeld(file)).toBe(false);
    const lock = acquireInstanceLock(file, h.options({ owner: 'next', pid: 4242, host: 'web2' }));
    expect(readLeaseOf(file)).toMatchObject({ owner: 'next', pid: 4242, host: 'web2' });
    lock.release();
    lock.release(); // twice is harmless
    expect(leaseRow(file)).toEqual([]);
    expect(isLockHeld(file)).toBe(false);
    // The lock file stays (deleting a lock file others may hold open is how two holders happen).
    expect(existsSync(`${file}.lock`)).toBe(true);
    acquireInstanceLock(file, h.options()).release();
  });

  it('a holder whose row another owner took has lost the lock: it is told, stops beating and lets go', () => {
    const h = harness();
    const file = join(tempDir(), 'duban.sqlite');
    const lost: string[] = [];
    const lock = acquireInstanceLock(file, h.options({ owner: 'first', onLost: (message) => lost.push(message) }));
    // Only possible when the lock file was deleted under it and a second process took a new one.
    const sqlite = new Database(file);
    sqlite.prepare(`update ${LEASE_TABLE} set owner = 'intruder', pid = 999, host = 'web9', heartbeat_at = ?`).run(h.now());
    sqlite.close();
    h.advance(HEARTBEAT_MS);
    h.beats[0]!.beat();
    expect(lost).toEqual([
      `Duban: this process lost the lock on ${file}: Duban bot (process 999 on host web9, last heartbeat 5 s ago) took it over. Stopping, so that two bots never send reminders twice.`,
    ]);
    expect(h.beats[0]!.cancelled).toBe(true);
    expect(isLockHeld(file)).toBe(false);
    expect(readLeaseOf(file)).toMatchObject({ owner: 'intruder' }); // not its row to delete
    lock.release();
  });

  it("replaces an older duban's pid-file lock", () => {
    const h = harness();
    const file = join(tempDir(), 'duban.sqlite');
    writeFileSync(`${file}.lock`, '12345');
    expect(isLockHeld(file)).toBe(false);
    const lock = acquireInstanceLock(file, h.options());
    expect(isLockHeld(file)).toBe(true);
    expect(readFileSync(`${file}.lock`, 'utf8')).toBe('');
    lock.release();
  });
});

describe('one bot per database, as processes', () => {
  const start = (env: NodeJS.ProcessEnv) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'app/main.ts'], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout!.on('data', (d) => (text += d));
    child.stderr!.on('data', (d) => (text += d));
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    });
    return { child, output: () => text };
  };
  const exited = (child: ChildProcess) =>
    new Promise<number | null>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve(child.exitCode) : child.on('exit', resolve),
    );
  const until = (read: () => string, pattern: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => {
        const done = pattern.test(read());
        const late = Date.now() - started > 20_000;
        if (done || late) clearInterval(timer);
        if (done) resolve();
        else if (late) reject(new Error(`waited for ${pattern}: ${read()}`));
      }, 50);
    });

  it('a second `npm start` exits naming the first; a frozen first still blocks; after kill -9 a new one starts at once', async () => {
    const dir = tempDir();
    // In a folder that does not exist yet, as data/ on a fresh clone.
    const file = join(dir, 'data', 's.sqlite');
    const env = { BOT_TOKEN: '', SANDBOX_DB: file, SANDBOX_PORT: '0' };
    const first = start(env);
    await until(first.output, /Open the web chat/);
    const pid = first.child.pid!;
    expect(readLeaseOf(file)).toMatchObject({ role: 'bot', pid, host: hostname() });

    const second = start(env);
    expect(await exited(second.child)).toBe(1);
    expect(second.output()).toMatch(
      new RegExp(
        `Another Duban bot \\(process ${pid} on host ${hostname()}, last heartbeat \\d+ s ago\\) is already running on ${file.replace(/[.]/g, '\\.')}`,
      ),
    );

    // Frozen (SIGSTOP): its heartbeat stops. Ten minutes without one, written into its row rather than waited for.
    first.child.kill('SIGSTOP');
    const sqlite = new Database(file);
    sqlite.prepare(`update ${LEASE_TABLE} set heartbeat_at = heartbeat_at - 600000`).run();
    sqlite.close();
    const third = start(env);
    expect(await exited(third.child)).toBe(1);
    expect(third.output()).toMatch(
      new RegExp(`Another Duban bot \\(process ${pid} on host [^,]+, last heartbeat 6\\d\\d s ago\\) is already running`),
    );

    // kill -9: the kernel drops its lock with it; the row it leaves names a pid that no longer matters.
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(readLeaseOf(file)).toMatchObject({ pid });
    const fourth = start(env);
    await until(fourth.output, /Open the web chat/);
    expect(readLeaseOf(file)).toMatchObject({ pid: fourth.child.pid });
    fourth.child.kill('SIGTERM');
    expect(await exited(fourth.child)).toBe(0);
    // A stop releases: no row, no lock.
    expect(readLeaseOf(file)).toBeNull();
    expect(isLockHeld(file)).toBe(false);
  }, 90_000);
});
