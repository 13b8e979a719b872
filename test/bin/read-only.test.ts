/**
 * The command line never harms a live database: `duban export` and `duban backup` open it
 * read-only (no migration, no journal-mode switch, nothing created), refuse a schema of another
 * version, and a backup never lands on the database or the files SQLite keeps beside it.
 */
import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  chmodSync,
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import { runCli } from '../support/cli';
import { openDatabase, openDatabaseReadOnly } from '../../db';
import { tempDir } from '../support/db';

const root = new URL('../..', import.meta.url).pathname;
const MIGRATIONS = (JSON.parse(readFileSync(join(root, 'db/migrations/meta/_journal.json'), 'utf8')) as { entries: { when: number }[] })
  .entries;

const cli = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, env, new Date('2026-11-22T04:00:00Z'));

/** A database with one small plan in it (closed: its WAL checkpointed into the file). */
async function plannedDatabase(dir: string): Promise<string> {
  const plan = join(dir, 'plan.txt');
  writeFileSync(plan, '某局2026年信用工作要点\n(一)建立制度。(责任单位:局办公室,办公室)\n');
  const file = join(dir, 'db.sqlite');
  expect((await cli(['import', plan], { DUBAN_DB: file })).code).toBe(0);
  return file;
}

/**
 * What a harmful open would change: the bytes, the modification time, the files beside it. A
 * reader of a WAL database leaves an empty -wal and a -shm file behind (only the last read-write
 * connection may checkpoint and delete them); both are harmless, so they are not counted.
 */
function fingerprint(file: string) {
  const folder = join(file, '..');
  const files = readdirSync(folder).filter(
    (name) => !name.endsWith('-shm') && !(name.endsWith('-wal') && statSync(join(folder, name)).size === 0),
  );
  return { sha256: createHash('sha256').update(readFileSync(file)).digest('hex'), mtime: statSync(file).mtimeMs, files: files.sort() };
}

function journalMode(file: string): string {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return sqlite.pragma('journal_mode', { simple: true }) as string;
  } finally {
    sqlite.close();
  }
}

function appliedMigrations(file: string): number {
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return (sqlite.prepare('select count(*) as n from __drizzle_migrations').get() as { n: number }).n;
  } finally {
    sqlite.close();
  }
}

describe('duban export reads the database without changing it', () => {
  it('leaves a rollback-journal (DELETE mode) database as it was: bytes, time, mode, no files beside it', async () => {
    const dir = tempDir();
    const file = await plannedDatabase(dir);
    const plain = new Database(file);
    plain.pragma('journal_mode = DELETE');
    plain.close();
    const before = fingerprint(file);
    const out = join(dir, 'ledger.xlsx');
    const result = await cli(['export', '--out', out], { DUBAN_DB: file });
    expect(result).toMatchObject({ code: 0, out: expect.stringMatching(/^Wrote .*ledger\.xlsx: 2 ledger row\(s\)/) });
    expect(fingerprint(file)).toEqual({ ...before, files: [...before.files, 'ledger.xlsx'].sort() });
    expect(journalMode(file)).toBe('delete');
  });

  it('refuses a database one migration behind, naming the file and both versions, and applies nothing', async () => {
    const dir = tempDir();
    const file = await plannedDatabase(dir);
    const plain = new Database(file);
    plain.exec('delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)');
    plain.close();
    const before = fingerprint(file);
    const out = join(dir, 'ledger.xlsx');
    const result = await cli(['export', '--out', out], { DUBAN_DB: file });
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `${file}: the database's schema is version ${MIGRATIONS.length - 1}, older than this duban's version ${MIGRATIONS.length}; start the bot of this version to migrate it first`,
    );
    expect(fingerprint(file)).toEqual(before);
    expect(appliedMigrations(file)).toBe(MIGRATIONS.length - 1);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a database migrated by a newer duban', async () => {
    const dir = tempDir();
    const file = await plannedDatabase(dir);
    const plain = new Database(file);
    plain.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('from-the-future', MIGRATIONS.at(-1)!.when + 1);
    plain.close();
    const before = fingerprint(file);
    const result = await cli(['export', '--out', join(dir, 'ledger.xlsx')], { DUBAN_DB: file });
    expect(result).toMatchObject({
      code: 1,
      err: expect.stringContaining(
        `${file}: the database's schema is version ${MIGRATIONS.length + 1}, newer than this duban's version ${MIGRATIONS.length}`,
      ),
    });
    expect(fingerprint(file)).toEqual(before);
  });

  it('fails clearly on a missing database and creates nothing: no database, no folder, no ledger', async () => {
    const dir = tempDir();
    const file = join(dir, 'data', 'db.sqlite');
    const out = join(dir, 'ledger.xlsx');
    const result = await cli(['export', '--out', out], { DUBAN_DB: file });
    expect(result).toEqual({ code: 1, out: '', err: `${file}: no such database` });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('a read-only connection cannot write, even by mistake', async () => {
    const file = await plannedDatabase(tempDir());
    const database = openDatabaseReadOnly(file);
    try {
      expect(() => database.sqlite.exec("insert into audit_log (at, actor_label, action) values (1, 'cli', 'x')")).toThrow(/readonly/);
    } finally {
      database.close();
    }
  });
});

describe('duban backup never overwrites the database', () => {
  it('refuses the database itself (any spelling, a symlink, a hard link) and its -wal, -shm and -journal files, changing nothing', async () => {
    const dir = tempDir();
    const file = await plannedDatabase(dir);
    mkdirSync(join(dir, 'sub'));
    symlinkSync(file, join(dir, 'link.sqlite'));
    linkSync(file, join(dir, 'hard.sqlite'));
    symlinkSync(`${file}-shm`, join(dir, 'dangling-to-shm')); // the -shm does not exist now
    const before = fingerprint(file);
    const itself = [
      file,
      join(dir, 'sub', '..', '.', 'db.sqlite'),
      relative(process.cwd(), file),
      join(dir, 'link.sqlite'),
      join(dir, 'hard.sqlite'),
    ];
    for (const target of itself) {
      expect(await cli(['backup', target], { DUBAN_DB: file }), target).toEqual({
        code: 1,
        out: '',
        err: `${target}: this is the database itself (${file}); back up to another file`,
      });
    }
    for (const [target, which] of [
      [`${file}-wal`, '-wal'],
      [join(dir, 'dangling-to-shm'), '-shm'],
      [`${file}-journal`, '-journal'],
    ] as const) {
      expect((await cli(['backup', target], { DUBAN_DB: file })).err).toBe(
        `${target}: this is the database's ${which} file (${file}); back up to another file`,
      );
    }
    // Spelling DUBAN_DB differently (through the symlink) changes nothing either.
    expect((await cli(['backup', file], { DUBAN_DB: join(dir, 'link.sqlite') })).code).toBe(1);
    expect(fingerprint(file)).toEqual(before);
  });

  it('copies a database at an older schema as it is, without migrating the live file', async () => {
    const dir = tempDir();
    const file = await plannedDatabase(dir);
    const plain = new Database(file);
    plain.exec('delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)');
    plain.close();
    const before = fingerprint(file);
    const target = join(dir, 'backup.sqlite');
    expect((await cli(['backup', target], { DUBAN_DB: file })).code).toBe(0);
    expect(fingerprint(file)).toEqual({ ...before, files: [...before.files, 'backup.sqlite'].sort() });
    expect(appliedMigrations(file)).toBe(MIGRATIONS.length - 1);
    expect(appliedMigrations(target)).toBe(MIGRATIONS.length - 1);
  });

  it('copies a rollback-journal database while another connection holds a write transaction, leaving its mode alone', async () => {
    const dir = tempDir();
    const file = await plannedDatabase(dir);
    const writer = new Database(file);
    writer.pragma('journal_mode = DELETE');
    writer.exec('begin immediate');
    writer.prepare("insert into audit_log (at, actor_label, action) values (1, 'bot', 'in.flight')").run();
    const target = join(dir, 'backup.sqlite');
    let result;
    try {
      result = await cli(['backup', target], { DUBAN_DB: file });
    } finally {
      writer.exec('commit');
      writer.close();
    }
    expect(result).toMatchObject({ code: 0, out: expect.stringMatching(/^Backed up .* \(\d+ pages\)\.$/) });
    expect(journalMode(file)).toBe('delete');
    const copy = openDatabase(target);
    expect(copy.sqlite.prepare("select count(*) as n from audit_log where action = 'in.flight'").get()).toEqual({ n: 0 });
    expect(copy.sqlite.prepare('select count(*) as n from tasks').get()).toEqual({ n: 1 });
    copy.close();
  });
});

/**
 * A folder the operator may read but not write (a copy on a read-only share, the bot's folder
 * seen by another user). Run through the real `duban` command, as the user "nobody" when the
 * tests run as root (for whom a folder's permissions restrict nothing).
 */
describe('a WAL database in a folder the command line may not write', () => {
  const asRoot = process.getuid?.() === 0;

  async function duban(args: string[], file: string) {
    try {
      const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(root, 'bin/duban.js'), ...args], {
        cwd: root,
        env: { ...process.env, DUBAN_DB: file },
        ...(asRoot ? { uid: 65534, gid: 65534 } : {}),
      });
      return { code: 0, out: stdout.trim(), err: stderr.trim() };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: failed.code, out: failed.stdout.trim(), err: failed.stderr.trim() };
    }
  }

  /** The database in `dir/data` (read-only) and a writable `dir/out`, all readable by "nobody". */
  async function readOnlySetup(withWal: boolean) {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const source = await plannedDatabase(dir);
    expect(journalMode(source)).toBe('wal');
    const data = join(dir, 'data');
    mkdirSync(data);
    const file = join(data, 'db.sqlite');
    if (withWal) {
      // What a crashed bot leaves: transactions in the -wal file only (and here no -shm).
      const bot = new Database(source);
      bot.pragma('wal_autocheckpoint = 0');
      bot.prepare("insert into audit_log (at, actor_label, action) values (1, 'bot', 'after.crash')").run();
      cpSync(source, file);
      cpSync(`${source}-wal`, `${file}-wal`);
      bot.close();
    } else {
      cpSync(source, file);
    }
    const out = join(dir, 'out');
    mkdirSync(out);
    chmodSync(out, 0o777);
    chmodSync(data, 0o555);
    return { file, out, restore: () => chmodSync(data, 0o755) };
  }

  it('exports and backs up a cleanly closed one, creating nothing beside it', async () => {
    const { file, out, restore } = await readOnlySetup(false);
    try {
      const before = fingerprint(file);
      const exported = await duban(['export', '--out', join(out, 'ledger.xlsx')], file);
      expect(exported).toMatchObject({ code: 0, out: expect.stringMatching(/: 2 ledger row\(s\), 0 report\(s\)\.$/) });
      const backup = await duban(['backup', join(out, 'backup.sqlite')], file);
      expect(backup).toMatchObject({ code: 0, out: expect.stringMatching(/^Backed up /) });
      expect(fingerprint(file)).toEqual(before);
      expect(appliedMigrations(join(out, 'backup.sqlite'))).toBe(MIGRATIONS.length);
    } finally {
      restore();
    }
  }, 30_000);

  it('refuses, clearly, one whose -wal file holds transactions when SQLite cannot create the -shm', async () => {
    const { file, out, restore } = await readOnlySetup(true);
    try {
      const before = fingerprint(file);
      const exported = await duban(['export', '--out', join(out, 'ledger.xlsx')], file);
      expect(exported).toMatchObject({ code: 1, err: expect.stringContaining(`${file}: its -wal file may hold transactions`) });
      expect(fingerprint(file)).toEqual(before);
      expect(readdirSync(out)).toEqual([]);
    } finally {
      restore();
    }
  }, 30_000);
});
