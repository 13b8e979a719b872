import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database_ } from '../../db';
import { checkpointsBeside, startCheckpointer, type Checkpointer } from '../../db/checkpointer';

/** Writes `rows` rows of ~1 KB, one transaction each, as the bot's small commits do. */
function write(database: Database_, rows: number): void {
  const insert = database.sqlite.prepare('INSERT INTO scheduler_state (key, value, updated_at) VALUES (?, ?, ?)');
  for (let i = 0; i < rows; i++) insert.run(`k${Math.random()}`, JSON.stringify('x'.repeat(1000)), Date.now());
}

/** The frames in the WAL now (by a checkpoint of the test's own, after the worker's). */
function walFrames(database: Database_): number {
  const [result] = database.sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
  return result!.log;
}

describe('the WAL checkpointed by a worker beside the bot', () => {
  const dirs: string[] = [];
  const open: { database: Database_; checkpointer?: Checkpointer }[] = [];
  afterEach(async () => {
    for (const { database, checkpointer } of open.splice(0)) {
      await checkpointer?.stop();
      database.close();
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  function fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'duban-checkpointer-'));
    dirs.push(dir);
    const file = join(dir, 'duban.sqlite');
    const database = openDatabase(file);
    const entry: { database: Database_; checkpointer?: Checkpointer } = { database };
    open.push(entry);
    return { file, database, entry };
  }

  it("turns off SQLite's checkpoints in the bot's commits, and its own copy the whole WAL into the file", async () => {
    const { file, database, entry } = fresh();
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    // Hourly: the test asks for its checkpoints itself.
    const checkpointer = (entry.checkpointer = await startCheckpointer(database, file, { everyMs: 3_600_000 }));
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    expect(checkpointsBeside(database.sqlite)).toBe(true);
    // 3,000 commits of 1 KB: past SQLite's 1,000 pages, the WAL keeps growing, nobody checkpoints it.
    write(database, 3_000);
    const outcome = await checkpointer.checkpoint();
    expect(outcome.walFrames).toBeGreaterThan(1_000);
    expect(outcome.checkpointed).toBe(outcome.walFrames);
    // Everything in the file: the next commit starts the WAL over.
    write(database, 1);
    expect(walFrames(database)).toBeLessThan(10);
  });

  it('stopped, it gives the connection SQLite’s own checkpoints back', async () => {
    const { file, database } = fresh();
    const checkpointer = await startCheckpointer(database, file, { everyMs: 3_600_000 });
    await checkpointer.stop();
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(checkpointsBeside(database.sqlite)).toBe(false);
    await expect(checkpointer.checkpoint()).rejects.toThrow(/not running/);
  });

  it('a worker that cannot open the file is an error at start, and the connection keeps SQLite’s checkpoints', async () => {
    const { database } = fresh();
    await expect(startCheckpointer(database, join(tmpdir(), 'no-such-dir-duban', 'x.sqlite'), { everyMs: 3_600_000 })).rejects.toThrow();
    expect(database.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    expect(checkpointsBeside(database.sqlite)).toBe(false);
  });
});
