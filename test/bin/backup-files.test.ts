/**
 * The evidence archive in backups (issue 15; bin/backup-files.ts): `duban backup FILE` copies
 * the files the backup refers to into FILE-files, `duban restore FILE` brings them back. Real
 * databases (real migrations), real files in temp folders, the store's own FileStore.
 */
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { openDatabase } from '../../db';
import { evidence, reports, requirements, storedFiles, units } from '../../db/schema';
import { FileStore, fileStoreRoot } from '../../db/file-store';
import { tempDir } from '../support/db';

const NOW = new Date('2026-03-02T02:00:00Z');
const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const shaOfFile = (path: string) => sha256(readFileSync(path));

const cli = (args: string[], env: NodeJS.ProcessEnv) => runCli(args, env, NOW);

const PLAN = '某局2026年信用工作要点\n(一)建立制度。(责任单位:办公室)\n(二)报送信息。(责任单位:办公室)\n';

/** A bot's database at `dir`/duban.sqlite with one report carrying `contents` as evidence files, stored in its archive. */
async function botWithEvidence(dir: string, contents: string[]) {
  const file = join(dir, 'duban.sqlite');
  const plan = join(dir, 'plan.txt');
  writeFileSync(plan, PLAN);
  expect((await cli(['import', plan], { DUBAN_DB: file })).code).toBe(0);
  const store = new FileStore(fileStoreRoot(file));
  const database = openDatabase(file);
  try {
    const requirementId = database.db.select({ id: requirements.id }).from(requirements).get()!.id;
    const unitId = database.db.select({ id: units.id }).from(units).get()!.id;
    const report = database.db
      .insert(reports)
      .values({ requirementId, unitId, period: '2026-03', status: 'done', reportedAt: NOW, late: false })
      .returning({ id: reports.id })
      .get();
    await addEvidence(file, store, contents, report.id);
  } finally {
    database.close();
  }
  return { file, store, env: { DUBAN_DB: file } as NodeJS.ProcessEnv };
}

/** Stores each content in the archive and records it as evidence of the report (as bot/report/save.ts does). */
async function addEvidence(file: string, store: FileStore, contents: string[], reportId?: number): Promise<string[]> {
  const database = openDatabase(file);
  try {
    const id = reportId ?? database.db.select({ id: reports.id }).from(reports).get()!.id;
    const hashes: string[] = [];
    for (const content of contents) {
      const stored = await store.put([new TextEncoder().encode(content)]);
      database.db.insert(storedFiles).values({ sha256: stored.sha256, size: stored.size, createdAt: NOW }).onConflictDoNothing().run();
      database.db
        .insert(evidence)
        .values({
          reportId: id,
          kind: 'document',
          fileId: `file-${stored.sha256.slice(0, 8)}`,
          fileUniqueId: `u-${stored.sha256.slice(0, 8)}`,
          fileName: `${content.slice(0, 4)}.pdf`,
          size: stored.size,
          sha256: stored.sha256,
        })
        .run();
      hashes.push(stored.sha256);
    }
    return hashes;
  } finally {
    database.close();
  }
}

/** The hashes of the files under a store root, each checked against its name. */
function filesUnder(root: string): string[] {
  const found: string[] = [];
  for (const folder of readdirSync(root)) {
    if (folder === 'tmp') continue;
    for (const name of readdirSync(join(root, folder))) {
      expect(shaOfFile(join(root, folder, name))).toBe(name);
      expect(name.slice(0, 2)).toBe(folder);
      found.push(name);
    }
  }
  return found.sort();
}

/** Every evidence file the database at `file` refers to. */
function evidenceHashes(file: string): string[] {
  const database = openDatabase(file);
  try {
    return database.db
      .select({ sha256: evidence.sha256 })
      .from(evidence)
      .all()
      .map((r) => r.sha256!)
      .sort();
  } finally {
    database.close();
  }
}

const CONTENTS = ['会议纪要 2026-03 第一次', '工作方案（定稿）', '活动照片 bytes'];

describe('duban backup: the evidence files', () => {
  it('copies exactly the files the backup refers to into FILE-files, as a store; again, nothing new; then only what was added', async () => {
    const dir = tempDir();
    const { file, store, env } = await botWithEvidence(dir, CONTENTS);
    const referenced = CONTENTS.map(sha256).sort();
    await store.put([new TextEncoder().encode('a file no row names')]); // in the archive, not referred to
    const target = join(dir, 'backups', 'b.sqlite');
    const folder = join(dir, 'backups', 'b-files');

    const first = await cli(['backup', target], env);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    const bytes = CONTENTS.reduce((n, c) => n + Buffer.byteLength(c), 0);
    expect(first.out.split('\n')).toEqual([
      expect.stringMatching(/^Backed up .*duban\.sqlite to .*b\.sqlite \(\d+ pages\)\.$/),
      `Evidence files into ${folder}: 3 linked, 0 copied (${bytes} B), 0 already there.`,
    ]);
    expect(filesUnder(folder)).toEqual(referenced);
    // Hard links: the same file, no bytes copied.
    for (const hash of referenced) expect(statSync(join(folder, hash.slice(0, 2), hash)).ino).toBe(statSync(store.pathOf(hash)).ino);
    // The folder is a store root: the store reads it.
    const asStore = new FileStore(folder);
    expect([...asStore.hashes()].sort()).toEqual(referenced);

    const again = await cli(['backup', target, '--json'], env);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toEqual({
      database: file,
      target,
      pages: expect.any(Number),
      files: { folder, store: store.root, referenced: 3, linked: 0, copied: 0, present: 3, bytes: 0, missing: 0, missingHashes: [] },
    });

    const [added] = await addEvidence(file, store, ['情况说明 新增']);
    const third = await cli(['backup', target, '--json'], env);
    expect(JSON.parse(third.out).files).toMatchObject({
      referenced: 4,
      linked: 1,
      copied: 0,
      present: 3,
      bytes: Buffer.byteLength('情况说明 新增'),
    });
    expect(filesUnder(folder)).toEqual([...referenced, added!].sort());
    expect(readdirSync(join(folder, 'tmp'))).toEqual([]);
    expect(readdirSync(join(dir, 'backups')).sort()).toEqual(['b-files', 'b.sqlite']); // no -wal or -shm left by reading the copy
  });

  it.skipIf(!existsSync('/dev/shm') || statSync('/dev/shm').dev === statSync(tmpdir()).dev)(
    'copies (and syncs) when the backup is on another file system',
    async () => {
      const dir = tempDir();
      const { store, env } = await botWithEvidence(dir, CONTENTS);
      const other = mkdtempSync('/dev/shm/duban-test-');
      onTestFinished(() => rmSync(other, { recursive: true, force: true }));
      const result = await cli(['backup', join(other, 'b.sqlite'), '--json'], env);
      expect(result.code).toBe(0);
      expect(JSON.parse(result.out).files).toMatchObject({ referenced: 3, linked: 0, copied: 3, present: 0 });
      const folder = join(other, 'b-files');
      expect(filesUnder(folder)).toEqual(CONTENTS.map(sha256).sort());
      for (const hash of CONTENTS.map(sha256))
        expect(statSync(join(folder, hash.slice(0, 2), hash)).ino).not.toBe(statSync(store.pathOf(hash)).ino);
    },
  );

  it('reports a referenced file missing from the archive: exit code 1, the hash named, the backup still written', async () => {
    const dir = tempDir();
    const { store, env } = await botWithEvidence(dir, CONTENTS);
    const [lost, damaged] = CONTENTS.map(sha256);
    rmSync(store.pathOf(lost!));
    writeFileSync(store.pathOf(damaged!), 'cut short'); // not at its recorded size
    const target = join(dir, 'b.sqlite');
    const result = await cli(['backup', target], env);
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `${target}: 2 evidence file(s) it refers to are not in the archive ${store.root} (or not at their recorded size), so not in the backup: ${[lost, damaged].sort().join(', ')}`,
    );
    expect(result.out).toMatch(/\nEvidence files into .*b-files: 1 linked, 0 copied \(\d+ B\), 0 already there\.$/);
    expect(filesUnder(join(dir, 'b-files'))).toEqual([sha256(CONTENTS[2]!)]);
    const json = JSON.parse((await cli(['backup', target, '--json'], env)).out);
    expect(json.files).toMatchObject({ missing: 2, missingHashes: [lost, damaged].sort(), present: 1 });
    // The database was backed up all the same.
    expect(evidenceHashes(target)).toEqual(CONTENTS.map(sha256).sort());
  });

  it('refuses a FILE whose folder would be the archive itself, before writing anything', async () => {
    const dir = tempDir();
    const { env } = await botWithEvidence(dir, CONTENTS);
    const target = join(dir, 'duban.db'); // duban-files: the archive beside duban.sqlite
    const result = await cli(['backup', target], env);
    expect(result).toMatchObject({
      code: 1,
      err: `${target}: its files would go to ${join(dir, 'duban-files')}, the evidence archive itself; back up to a file of another name`,
    });
    expect(existsSync(target)).toBe(false);
  });
});

describe('duban restore: the evidence files', () => {
  it('brings every file back into an empty store (DUBAN_FILES), checked, and the bot on the restored database finds them', async () => {
    const dir = tempDir();
    const { env } = await botWithEvidence(join(dir), CONTENTS);
    const backup = join(dir, 'b.sqlite');
    expect((await cli(['backup', backup], env)).code).toBe(0);

    // Another machine: a new database and an empty archive elsewhere, with a file of its own.
    const there = tempDir();
    const file = join(there, 'duban.sqlite');
    const filesDir = join(there, 'archive');
    const own = await new FileStore(filesDir).put([new TextEncoder().encode('already in this store')]);
    const result = await cli(['restore', backup], { DUBAN_DB: file, DUBAN_FILES: filesDir });
    expect(result.err).toBe('');
    expect(result.code).toBe(0);
    const bytes = CONTENTS.reduce((n, c) => n + Buffer.byteLength(c), 0);
    expect(result.out.split('\n')).toEqual([
      expect.stringMatching(/^Restored .* from .*b\.sqlite \(schema version \d+\)\.$/),
      'There was no database to replace.',
      `Evidence files from ${join(dir, 'b-files')} into ${filesDir}: 3 linked, 0 copied (${bytes} B), 0 already there.`,
    ]);
    expect(filesUnder(filesDir)).toEqual([...CONTENTS.map(sha256), own.sha256].sort()); // none removed
    // As the bot starts: its store (DUBAN_FILES) has every file the database refers to.
    const bot = new FileStore(fileStoreRoot(file, filesDir));
    const hashes = evidenceHashes(file);
    expect(hashes).toEqual(CONTENTS.map(sha256).sort());
    for (const hash of hashes) {
      expect(bot.has(hash)).toBe(true);
      expect(shaOfFile(bot.pathOf(hash))).toBe(hash);
    }

    // Again: the files are there, nothing to copy.
    const again = await cli(['restore', backup, '--json'], { DUBAN_DB: file, DUBAN_FILES: filesDir });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out).files).toEqual({
      folder: join(dir, 'b-files'),
      included: true,
      store: filesDir,
      referenced: 3,
      linked: 0,
      copied: 0,
      present: 3,
      bytes: 0,
      damaged: 0,
      damagedHashes: [],
      missing: 0,
      missingHashes: [],
    });
  });

  it('catches a damaged file in the backup: reported and left out, exit code 1, the rest and the database restored', async () => {
    const dir = tempDir();
    const { env } = await botWithEvidence(dir, CONTENTS);
    const backup = join(dir, 'b.sqlite');
    await cli(['backup', backup], env);
    const bad = sha256(CONTENTS[1]!);
    const inBackup = join(dir, 'b-files', bad.slice(0, 2), bad);
    const size = statSync(inBackup).size;
    rmSync(inBackup); // a hard link to the archive's file: replaced, not written through
    writeFileSync(inBackup, Buffer.alloc(size, 0x5a)); // the same size, other bytes

    const there = tempDir();
    const file = join(there, 'duban.sqlite');
    const result = await cli(['restore', backup], { DUBAN_DB: file });
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `${join(dir, 'b-files')}: 1 evidence file(s) are damaged (their bytes do not match their sha256) and were not restored: ${bad}`,
    );
    expect(result.out).toMatch(/\nEvidence files from .*b-files into .*duban-files: 2 linked, 0 copied \(\d+ B\), 0 already there\.$/);
    const store = new FileStore(fileStoreRoot(file));
    expect(filesUnder(store.root)).toEqual(
      CONTENTS.map(sha256)
        .filter((h) => h !== bad)
        .sort(),
    );
    expect(readdirSync(join(store.root, 'tmp'))).toEqual([]);
    expect(evidenceHashes(file)).toEqual(CONTENTS.map(sha256).sort()); // the database was restored

    const json = JSON.parse((await cli(['restore', backup, '--json'], { DUBAN_DB: file })).out);
    expect(json.files).toMatchObject({ present: 2, damaged: 1, damagedHashes: [bad], missing: 0 });
  });

  it('names a file the backup refers to that is in neither its folder nor the store', async () => {
    const dir = tempDir();
    const { env } = await botWithEvidence(dir, CONTENTS);
    const backup = join(dir, 'b.sqlite');
    await cli(['backup', backup], env);
    const lost = sha256(CONTENTS[0]!);
    rmSync(join(dir, 'b-files', lost.slice(0, 2), lost));
    const there = tempDir();
    const file = join(there, 'duban.sqlite');
    const result = await cli(['restore', backup], { DUBAN_DB: file });
    expect(result.code).toBe(1);
    expect(result.err).toBe(
      `1 evidence file(s) the restored database refers to are not in ${join(there, 'duban-files')}: ${lost}. Copy them (same layout, ab/abcdef…) from another backup's -files folder.`,
    );
    expect(evidenceHashes(file)).toHaveLength(3);
  });

  it('restores a backup made before backups had files: the database as before, and says no files came with it', async () => {
    const dir = tempDir();
    const { env, store } = await botWithEvidence(dir, CONTENTS);
    const backup = join(dir, 'old.sqlite');
    await cli(['backup', backup], env);
    rmSync(join(dir, 'old-files'), { recursive: true }); // as the duban before this one left it

    // On the same machine: the files it refers to are in the store.
    const same = await cli(['restore', backup], env);
    expect(same.err).toBe('');
    expect(same.code).toBe(0);
    expect(same.out.split('\n').at(-1)).toBe(
      `No evidence files came with this backup (no folder ${join(dir, 'old-files')}); 3 of the 3 it refers to are already in ${store.root}.`,
    );

    // Elsewhere: the database is restored, the files named as missing.
    const there = tempDir();
    const file = join(there, 'duban.sqlite');
    const elsewhere = await cli(['restore', backup, '--json'], { DUBAN_DB: file });
    expect(elsewhere.code).toBe(1);
    expect(JSON.parse(elsewhere.out).files).toMatchObject({
      included: false,
      referenced: 3,
      missing: 3,
      missingHashes: CONTENTS.map(sha256).sort(),
    });
    expect(evidenceHashes(file)).toHaveLength(3);

    // A database without evidence files: its backup is the one file, as before.
    const plain = join(there, 'plain.sqlite');
    const plan = join(there, 'plan.txt');
    writeFileSync(plan, PLAN);
    await cli(['import', plan], { DUBAN_DB: plain });
    const plainBackup = join(there, 'plain-backup.sqlite');
    await cli(['backup', plainBackup], { DUBAN_DB: plain });
    expect(existsSync(join(there, 'plain-backup-files'))).toBe(false);
    const result = await cli(['restore', plainBackup], { DUBAN_DB: join(there, 'restored.sqlite') });
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out.split('\n').at(-1)).toBe(
      `No evidence files came with this backup (no folder ${join(there, 'plain-backup-files')}); it refers to none.`,
    );
  });
});
