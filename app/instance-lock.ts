/**
 * One bot per database: a second process started on the same file would plan and send every
 * reminder twice. Two parts, neither trusting a process id (a reused one, or pid 1 in every
 * container, can neither block nor admit a second bot):
 *
 * - The lock: an exclusive SQLite lock on `<database>.lock` (an empty file), taken with
 *   `BEGIN EXCLUSIVE` and held by a transaction left open for the life of the process. SQLite's
 *   locks are the kernel's record locks (fcntl), which the kernel drops when the process ends
 *   however it ends, kill -9 included: there is no stale lock to take over, so a bot restarted
 *   right after a crash starts at once. They hold across processes and containers sharing the
 *   volume; the database being in WAL mode, every process using it must run on one machine
 *   anyway (SQLite's rule for WAL), which is where these locks are reliable. The lock file is
 *   never deleted (deleting a lock file others may have open is how two processes end up
 *   holding "the" lock).
 * - The lease row: one row in `duban_instance_lease` in the database (created here, outside
 *   the migrations, before them: the lock is taken before the database is migrated), saying
 *   who holds the lock (a random owner id per process, its pid and host for people to read,
 *   its role) with a heartbeat written every HEARTBEAT_MS. It names the holder in messages and
 *   in `duban status`, whose health check wants a heartbeat younger than HEARTBEAT_STALE_MS: a
 *   hung process keeps its lock, only the heartbeat shows it stopped. A holder that finds its
 *   row taken by another owner (possible only if the lock file was deleted under it) has lost
 *   the lock and is told (`onLost`; the bot exits).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';

export const LEASE_TABLE = 'duban_instance_lease';
/** How often the holder writes its heartbeat. */
export const HEARTBEAT_MS = 5_000;
/** A heartbeat older than this means the holder is hung (or gone: its row stays after kill -9). */
export const HEARTBEAT_STALE_MS = 30_000;
/** How long taking the lock waits for a moment's holder (a `duban status` probe) before refusing. */
export const LOCK_WAIT_MS = 2_000;

export class InstanceLockError extends Error {
  override name = 'InstanceLockError';
  constructor(
    message: string,
    /** The lease row of the process holding the lock, when it wrote one. */
    readonly holder: Lease | null = null,
  ) {
    super(message);
  }
}

export type LeaseRole = 'bot' | 'sandbox' | 'restore';

export interface Lease {
  owner: string;
  role: LeaseRole;
  pid: number;
  host: string;
  startedAt: Date;
  heartbeatAt: Date;
}

export interface InstanceLock {
  /** The lock file. */
  path: string;
  owner: string;
  /** Writes the heartbeat now (the timer calls it every HEARTBEAT_MS). */
  beat(): void;
  /**
   * Stops the heartbeat, deletes the lease row and closes this connection to the database, but
   * keeps the lock: for `duban restore`, which replaces the database file while no bot may start.
   */
  detachDatabase(): void;
  /** Gives the lock up and deletes the lease row; safe to call twice. */
  release(): void;
}

export interface InstanceLockOptions {
  role?: LeaseRole;
  now?: () => Date;
  owner?: string;
  pid?: number;
  host?: string;
  /** Runs `beat` every `ms`; returns a cancel. Default: an unref'd setInterval. */
  every?: (ms: number, beat: () => void) => () => void;
  /** Told when another owner took the lease row: this process must stop. Default: exit 1. */
  onLost?: (message: string) => void;
  waitMs?: number;
}

const defaultEvery = (ms: number, beat: () => void) => {
  const timer = setInterval(beat, ms);
  timer.unref();
  return () => clearInterval(timer);
};

const defaultOnLost = (message: string) => {
  console.error(message);
  process.exit(1);
};

export function lockPath(databaseFile: string): string {
  return `${resolve(databaseFile)}.lock`;
}

export function acquireInstanceLock(databaseFile: string, options: InstanceLockOptions = {}): InstanceLock {
  const file = resolve(databaseFile);
  const path = lockPath(file);
  const now = options.now ?? (() => new Date());
  const owner = options.owner ?? randomUUID();
  const role = options.role ?? 'bot';
  // Taken before the database is opened (which would create the folder): on a fresh clone data/ is not there yet.
  mkdirSync(dirname(path), { recursive: true });
  const lock = takeLock(path, options.waitMs ?? LOCK_WAIT_MS);
  if (lock === null) {
    const holder = readLeaseOf(file);
    throw new InstanceLockError(refusal(file, holder, now()), holder);
  }
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(file, { timeout: 5000 });
    sqlite.pragma('journal_mode = WAL');
    ensureLeaseTable(sqlite);
    const at = now().getTime();
    sqlite
      .prepare(
        `insert or replace into ${LEASE_TABLE} (slot, owner, role, pid, host, started_at, heartbeat_at) values (1, ?, ?, ?, ?, ?, ?)`,
      )
      .run(owner, role, options.pid ?? process.pid, options.host ?? hostname(), at, at);
  } catch (error) {
    sqlite?.close();
    lock.close();
    throw error;
  }
  const database = sqlite;
  const heartbeat = database.prepare(`update ${LEASE_TABLE} set heartbeat_at = ? where slot = 1 and owner = ?`);
  let released = false;
  let detached = false;
  let cancel: () => void = () => undefined;
  const beat = () => {
    if (released || detached) return;
    let changes: number;
    try {
      changes = heartbeat.run(now().getTime(), owner).changes;
    } catch {
      return; // the database busy past its timeout: the next beat tries again
    }
    if (changes === 0) {
      const holder = readLease(database);
      release();
      (options.onLost ?? defaultOnLost)(
        `Duban: this process lost the lock on ${file}: ${holder ? `${describeHolder(holder, now())} took it over` : 'its lease row is gone'}. Stopping, so that two bots never send reminders twice.`,
      );
    }
  };
  const detachDatabase = () => {
    if (detached) return;
    detached = true;
    cancel();
    try {
      database.prepare(`delete from ${LEASE_TABLE} where slot = 1 and owner = ?`).run(owner);
    } catch {
      // The row stays; its heartbeat stops, and the next holder replaces it.
    }
    database.close();
  };
  const release = () => {
    if (released) return;
    released = true;
    detachDatabase();
    lock.close(); // ends the transaction: the lock is free
  };
  cancel = (options.every ?? defaultEvery)(HEARTBEAT_MS, beat);
  return { path, owner, beat, detachDatabase, release };
}

/**
 * The lock, or null when another process holds it. The file is an empty SQLite database; a
 * file that is not one is a pid-file lock of an older duban, replaced.
 */
function takeLock(path: string, waitMs: number): Database.Database | null {
  for (let attempt = 0; ; attempt++) {
    const lock = new Database(path, { timeout: waitMs });
    try {
      lock.pragma('journal_mode = MEMORY'); // no journal file beside the lock
      lock.exec('BEGIN EXCLUSIVE');
      return lock;
    } catch (error) {
      lock.close();
      const code = (error as { code?: string }).code;
      if (code === 'SQLITE_BUSY') return null;
      if (code === 'SQLITE_NOTADB' && attempt === 0) {
        writeFileSync(path, '');
        continue;
      }
      throw error;
    }
  }
}

/** Whether a process holds the lock on `databaseFile`, without taking it (a moment's shared lock). */
export function isLockHeld(databaseFile: string): boolean {
  const path = lockPath(databaseFile);
  if (!existsSync(path)) return false;
  let probe: Database.Database | undefined;
  try {
    probe = new Database(path, { readonly: true, fileMustExist: true, timeout: 0 });
    probe.prepare('select count(*) from sqlite_master').get();
    return false;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'SQLITE_BUSY') return true;
    if (code === 'SQLITE_NOTADB') return false; // an older duban's pid file: nobody holds this kind of lock
    throw error;
  } finally {
    probe?.close();
  }
}

function ensureLeaseTable(sqlite: Database.Database): void {
  sqlite.exec(`create table if not exists ${LEASE_TABLE} (
    slot integer primary key check (slot = 1),
    owner text not null,
    role text not null,
    pid integer not null,
    host text not null,
    started_at integer not null,
    heartbeat_at integer not null
  )`);
}

/** The lease row in an open database (any connection, read-only too), or null. */
export function readLease(sqlite: Database.Database): Lease | null {
  const table = sqlite.prepare("select 1 from sqlite_master where type = 'table' and name = ?").get(LEASE_TABLE);
  if (!table) return null;
  const row = sqlite.prepare(`select owner, role, pid, host, started_at, heartbeat_at from ${LEASE_TABLE} where slot = 1`).get() as
    { owner: string; role: LeaseRole; pid: number; host: string; started_at: number; heartbeat_at: number } | undefined;
  if (!row) return null;
  return {
    owner: row.owner,
    role: row.role,
    pid: row.pid,
    host: row.host,
    startedAt: new Date(row.started_at),
    heartbeatAt: new Date(row.heartbeat_at),
  };
}

/** The lease row of a database file, read-only; null when there is none or it cannot be read. */
export function readLeaseOf(databaseFile: string): Lease | null {
  if (!existsSync(databaseFile)) return null;
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(databaseFile, { readonly: true, fileMustExist: true, timeout: 1000 });
    return readLease(sqlite);
  } catch {
    return null;
  } finally {
    sqlite?.close();
  }
}

const ROLE_NAMES: Record<LeaseRole, string> = { bot: 'Duban bot', sandbox: 'Duban sandbox', restore: '`duban restore`' };

/** "Duban bot (process 42 on host web1, last heartbeat 3 s ago)". */
export function describeHolder(holder: Lease, now: Date): string {
  const age = Math.max(0, Math.round((now.getTime() - holder.heartbeatAt.getTime()) / 1000));
  return `${ROLE_NAMES[holder.role] ?? holder.role} (process ${holder.pid} on host ${holder.host}, last heartbeat ${age} s ago)`;
}

function refusal(file: string, holder: Lease | null, now: Date): string {
  const who = holder ? `Another ${describeHolder(holder, now)}` : 'Another Duban process';
  if (holder?.role === 'restore') return `${who} is restoring ${file}. Start the bot when it has finished.`;
  return `${who} is already running on ${file}. Stop it first: two bots on one database would send every reminder twice.`;
}
