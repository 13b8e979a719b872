/**
 * `duban restore FILE` on real database files, and the upgrade rule behind it: a database a
 * newer duban migrated is refused by the bot's opener, with a message.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { count } from 'drizzle-orm';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { DatabaseOpenError, openDatabase } from '../../db';
import { tasks } from '../../db/schema';
import { acquireInstanceLock, InstanceLockError, isLockHeld, LEASE_TABLE } from '../../app/instance-lock';
import { tempDir } from '../support/db';

const root = new URL('../..', import.meta.url).pathname;
const JOURNAL = JSON.parse(readFileSync(join(root, 'db/migrations/meta/_journal.json'), 'utf8')) as {
  entries: { tag: string; when: number }[];
};
const NOW = new Date('2026-03-02T02:00:00Z');

const cli = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, env, NOW);

const PLAN_A = '某局2026年信用工作要点\n(一)建立制度。(责任单位:办公室)\n(二)报送信息。(责任单位:办公室)\n';
const PLAN_B = '某局2027年信用工作要点\n(一)开展检查。(责任单位:法规处)\n';

async function importPlan(dir: string, file: string, text: string) {
  const plan = join(dir, `plan-${createHash('md5').update(text).digest('hex').slice(0, 6)}.txt`);
  writeFileSync(plan, text);
  expect((await cli(['import', plan], { DUBAN_DB: file })).code).toBe(0);
}

function taskCount(file: string): number {
  const database = openDatabase(file);
  try {
    return database.db.select({ n: count() }).from(tasks).get()!.n;
  } finally {
    database.close();
  }
}

function sha(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

function appliedMigrations(file: string): number {
  const sqlite = new Database(file, { readonly: true });
  try {
    return (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

/** A database at the schema of the duban before the last migration: the real migrations, less the newest. */
function olderDatabase(file: string): void {
  const folder = join(tempDir(), 'migrations');
  cpSync(join(root, 'db/migrations'), folder, { recursive: true });
  const last = JOURNAL.entries.at(-1)!;
  rmSync(join(folder, `${last.tag}.sql`));
  writeFileSync(join(folder, 'meta/_journal.json'), JSON.stringify({ ...JOURNAL, entries: JOURNAL.entries.slice(0, -1) }));
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: folder });
  sqlite.close();
}

/** A database a newer duban migrated: one more migration recorded than this code has. */
function newerDatabase(file: string): void {
  openDatabase(file).close();
  const sqlite = new Database(file);
  sqlite
    .prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)')
    .run('from-the-future', JOURNAL.entries.at(-1)!.when + 1);
  sqlite.close();
}

describe('duban restore', () => {
  it('replaces the database with a backup, keeps the one it replaced, and leaves one file the bot opens', async () => {
    const dir = tempDir();
    const file = join(dir, 'duban.sqlite');
    await importPlan(dir, file, PLAN_A);
    const backup = join(dir, 'backup.sqlite');
    expect((await cli(['backup', backup], { DUBAN_DB: file })).code).toBe(0);
    // Work after the backup, which the restore undoes; and a bot that ran and stopped (its lease row went with it).
    await importPlan(dir, file, PLAN_B);
    acquireInstanceLock(file).release();
    expect(taskCount(file)).toBe(3);
    const backupBytes = sha(backup);

    const result = await cli(['restore', backup], { DUBAN_DB: file });
    expect(result).toMatchObject({ code: 0, err: '' });
    const keptAs = `${file}.before-restore-20260302T020000Z`;
    expect(result.out).toBe(
      `Restored ${file} from ${backup} (schema version ${JOURNAL.entries.length}).\nThe database it replaced is kept as ${keptAs}.\n` +
        `No evidence files came with this backup (no folder ${join(dir, 'backup-files')}); it refers to none.`, // test/bin/backup-files.test.ts: with files
    );
    expect(taskCount(file)).toBe(2);
    expect(taskCount(keptAs)).toBe(3);
    expect(sha(backup)).toBe(backupBytes); // the backup is only read
    // One file: no -wal or -shm of the old database, no staging copy, the lock free.
    expect(
      readdirSync(dir)
        .filter((name) => name.startsWith('duban.sqlite'))
        .sort(),
    ).toEqual(['duban.sqlite', 'duban.sqlite.before-restore-20260302T020000Z', 'duban.sqlite.lock']);
    expect(isLockHeld(file)).toBe(false);
    // The bot starts on it.
    const lock = acquireInstanceLock(file);
    const database = openDatabase(file);
    expect(appliedMigrations(file)).toBe(JOURNAL.entries.length);
    database.close();
    lock.release();
  });

  it("restores an older version's backup, which the bot then migrates; prints --json", async () => {
    const dir = tempDir();
    const file = join(dir, 'duban.sqlite');
    const backup = join(dir, 'old.sqlite');
    olderDatabase(backup);
    expect(appliedMigrations(backup)).toBe(JOURNAL.entries.length - 1);
    const result = await cli(['restore', backup, '--json'], { DUBAN_DB: file });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toEqual({
      database: file,
      source: backup,
      schema: { applied: JOURNAL.entries.length - 1, expected: JOURNAL.entries.length, relation: 'older' },
      keptAs: null, // there was no database
      files: expect.objectContaining({ included: false, referenced: 0, missing: 0 }), // from before the archive
    });
    expect(appliedMigrations(file)).toBe(JOURNAL.entries.length - 1);
    openDatabase(file).close(); // as the bot at start
    expect(appliedMigrations(file)).toBe(JOURNAL.entries.length);
  });

  it('going back after an upgrade: replaces a database a newer duban migrated, keeping it', async () => {
    const dir = tempDir();
    const file = join(dir, 'duban.sqlite');
    await importPlan(dir, file, PLAN_A);
    const backup = join(dir, 'before-upgrade.sqlite');
    await cli(['backup', backup], { DUBAN_DB: file });
    const sqlite = new Database(file);
    sqlite
      .prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)')
      .run('from-the-future', JOURNAL.entries.at(-1)!.when + 1);
    sqlite.close();
    expect(() => openDatabase(file)).toThrow(/newer than this duban's version/);
    const result = await cli(['restore', backup], { DUBAN_DB: file });
    expect(result.code).toBe(0);
    expect(appliedMigrations(file)).toBe(JOURNAL.entries.length);
    expect(taskCount(file)).toBe(2);
    expect(appliedMigrations(`${file}.before-restore-20260302T020000Z`)).toBe(JOURNAL.entries.length + 1);
  });

  it('refuses while a bot holds the lock, and changes nothing', async () => {
    const dir = tempDir();
    const file = join(dir, 'duban.sqlite');
    await importPlan(dir, file, PLAN_A);
    const backup = join(dir, 'backup.sqlite');
    await cli(['backup', backup], { DUBAN_DB: file });
    await importPlan(dir, file, PLAN_B);
    const bot = acquireInstanceLock(file, { pid: 4321, host: 'web1', now: () => new Date(), every: () => () => undefined });
    onTestFinished(() => bot.release());
    const result = await cli(['restore', backup], { DUBAN_DB: file });
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      new RegExp(
        `^A Duban bot \\(process 4321 on host web1, last heartbeat \\d+ s ago\\) holds ${file.replace(/[.]/g, '\\.')}: stop the bot before restoring`,
      ),
    );
    expect(taskCount(file)).toBe(3);
    expect(readdirSync(dir).filter((name) => name.includes('restor'))).toEqual([]);
  });

  it('while it runs, a bot that starts is told a restore is under way', () => {
    const file = join(tempDir(), 'duban.sqlite');
    const restore = acquireInstanceLock(file, { role: 'restore', pid: 77, host: 'web1' });
    onTestFinished(() => restore.release());
    expect(() => acquireInstanceLock(file, { waitMs: 50 })).toThrow(InstanceLockError);
    expect(() => acquireInstanceLock(file, { waitMs: 50 })).toThrow(
      /^Another `duban restore` \(process 77 on host web1, last heartbeat \d+ s ago\) is restoring .*duban\.sqlite\. Start the bot when it has finished\.$/,
    );
  });

  it('refuses a backup that is not a sound duban database of this version or older, and the database itself', async () => {
    const dir = tempDir();
    const file = join(dir, 'duban.sqlite');
    await importPlan(dir, file, PLAN_A);
    const before = sha(file);
    const env = { DUBAN_DB: file };

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all, but long enough to have a header'.repeat(20));
    expect(await cli(['restore', text], env)).toMatchObject({
      code: 1,
      err: `${text}: not a database duban can restore (file is not a database)`,
    });

    const other = join(dir, 'other.sqlite');
    const sqlite = new Database(other);
    sqlite.exec('create table t (x)');
    sqlite.close();
    expect(await cli(['restore', other], env)).toMatchObject({
      code: 1,
      err: `${other}: not a duban database (it records none of duban's migrations)`,
    });

    const newer = join(dir, 'newer.sqlite');
    newerDatabase(newer);
    expect(await cli(['restore', newer], env)).toMatchObject({
      code: 1,
      err: `${newer}: the backup's schema is version ${JOURNAL.entries.length + 1}, newer than this duban's version ${JOURNAL.entries.length}; restore it with the duban that made it`,
    });

    // A page of the backup overwritten: SQLite's check finds it.
    const damaged = join(dir, 'damaged.sqlite');
    await cli(['backup', damaged], env);
    const bytes = readFileSync(damaged);
    const pageSize = bytes.readUInt16BE(16);
    bytes.fill(0x5a, pageSize * 2 + 8, pageSize * 3);
    writeFileSync(damaged, bytes);
    const result = await cli(['restore', damaged], env);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(new RegExp(`^${damaged.replace(/[.]/g, '\\.')}: (the backup is damaged|not a database duban can restore)`));

    expect(await cli(['restore', file], env)).toMatchObject({
      code: 1,
      err: `${file}: this is the database itself (${file}); restore from a backup`,
    });
    expect(await cli(['restore', join(dir, 'missing.sqlite')], env)).toMatchObject({
      code: 1,
      err: expect.stringContaining('no such database'),
    });
    expect(await cli(['restore'], env)).toMatchObject({ code: 2 });
    expect(sha(file)).toBe(before);
    expect(existsSync(`${file}.restoring`)).toBe(false);
  });
});

describe('upgrade: a database migrated by a newer duban', () => {
  it('is refused by the opener the bot uses, with a message, and left as it was', () => {
    const file = join(tempDir(), 'duban.sqlite');
    newerDatabase(file);
    const before = sha(file);
    expect(() => openDatabase(file)).toThrow(DatabaseOpenError);
    expect(() => openDatabase(file)).toThrow(
      `${file}: the database's schema is version ${JOURNAL.entries.length + 1}, newer than this duban's version ${JOURNAL.entries.length}: a newer duban migrated it. Run that version (or restore a backup taken before the upgrade: README, "Backup, restore, upgrade").`,
    );
    expect(sha(file)).toBe(before);
  });

  it('an older one is migrated as before; the lease table beside the migrations is no obstacle', () => {
    const file = join(tempDir(), 'duban.sqlite');
    olderDatabase(file);
    acquireInstanceLock(file).release(); // creates the lease table in it
    openDatabase(file).close();
    expect(appliedMigrations(file)).toBe(JOURNAL.entries.length);
    const sqlite = new Database(file, { readonly: true });
    expect(sqlite.prepare('select name from sqlite_master where name = ?').get(LEASE_TABLE)).toEqual({ name: LEASE_TABLE });
    sqlite.close();
  });
});
