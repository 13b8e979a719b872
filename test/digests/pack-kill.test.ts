/**
 * kill -9 during `duban pack` (issue 15: "kill -9 during a pack leaves no half-written zip under
 * the final name"): the real command line runs as a child process on a plan with 100 files of
 * 1 MB and is killed with SIGKILL once the zip is half written. No FILE.zip exists afterwards
 * (at most FILE.zip.tmp); the next pack overwrites the leftover and renames a whole zip.
 */
import { expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../bin/cli';
import { FileStore, fileStoreRoot } from '../../db/file-store';
import { assignments, evidence, reports, requirements, storedFiles, tasks, units } from '../../db/schema';
import { freshDatabase } from '../support/db';
import { spawnNode } from '../support/processes';
import { addPlan } from './pack-fixture';

const FILES = 100;
const MB = 1024 * 1024;
const ROOT = new URL('../..', import.meta.url).pathname;

/** The number of entries in a zip, from its end of central directory record. */
function zipEntries(file: string): number {
  const bytes = readFileSync(file);
  return bytes.readUInt16LE(bytes.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1')) + 10);
}

it(
  `kill -9 while ${FILES} files of 1 MB are packed: no zip under the final name; the next pack writes it whole`,
  { timeout: 60_000 },
  async () => {
    const database = freshDatabase();
    const { db } = database;
    const store = new FileStore(fileStoreRoot(database.file));
    const planId = addPlan(db, '2026年考核');
    const taskId = db
      .insert(tasks)
      .values({ planId, number: '1', title: '佐证材料', position: 1, points: 10 })
      .returning({ id: tasks.id })
      .get().id;
    const requirementId = db
      .insert(requirements)
      .values({ taskId, index: 1, text: '上传活动照片', evidence: '活动照片' })
      .returning({ id: requirements.id })
      .get().id;
    const unitId = db.insert(units).values({ name: '政策法规处', kind: 'division' }).returning({ id: units.id }).get().id;
    db.insert(assignments).values({ requirementId, unitId, role: 'lead' }).run();
    const reportId = db
      .insert(reports)
      .values({ requirementId, unitId, period: '2026-03', status: 'done', reportedAt: new Date('2026-03-05T02:00:00Z'), late: false })
      .returning({ id: reports.id })
      .get().id;
    const block = randomBytes(MB);
    for (let i = 0; i < FILES; i++) {
      block.writeUInt32LE(i, 0); // each file its own content
      const { sha256, size } = await store.put([block]);
      db.insert(storedFiles).values({ sha256, size, createdAt: new Date() }).run();
      db.insert(evidence)
        .values({
          reportId,
          kind: 'photo',
          fileId: `f${i}`,
          fileUniqueId: `u${i}`,
          sha256,
          size,
          createdAt: new Date('2026-03-05T02:00:00Z'),
        })
        .run();
    }

    const out = join(database.dir, '迎检材料.zip');
    const temporary = `${out}.tmp`;
    const child = spawnNode(['bin/duban.js', 'pack', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, DUBAN_DB: database.file, DUBAN_FILES: store.root },
    });
    // Killed once a fifth of the files are in the zip.
    const started = Date.now();
    while (!(existsSync(temporary) && statSync(temporary).size > (FILES / 5) * MB)) {
      if (child.process.exitCode !== null) throw new Error(`the pack ended before it could be killed:\n${child.output()}`);
      if (Date.now() - started > 30_000) throw new Error(`the pack did not start writing within 30 s:\n${child.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.process.kill('SIGKILL');
    await child.exited;
    expect(child.process.signalCode).toBe('SIGKILL');
    expect(existsSync(out)).toBe(false);
    expect(statSync(temporary).size).toBeLessThan(FILES * MB); // a half-written leftover

    // The next pack overwrites the leftover and renames a whole zip.
    const lines: string[] = [];
    const code = await main(['pack', '--out', out], {
      out: (t) => lines.push(t),
      err: (t) => lines.push(t),
      env: { DUBAN_DB: database.file, DUBAN_FILES: store.root },
      now: () => new Date(),
    });
    expect(code, lines.join('\n')).toBe(0);
    expect(existsSync(temporary)).toBe(false);
    expect(zipEntries(out)).toBe(FILES + 1); // and 索引.xlsx
    expect(statSync(out).size).toBeGreaterThan(FILES * MB);
  },
);
