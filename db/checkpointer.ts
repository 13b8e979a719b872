/**
 * The WAL's checkpoints, on a thread of their own.
 *
 * By default SQLite checkpoints inside the commit that brings the WAL to 1,000 pages: copying
 * those pages into the database file and two fsyncs, 20-50 ms on the bench machine, paid by
 * whatever update or planner tick happens to commit then. The bot's connection turns that off
 * (wal_autocheckpoint = 0) and this worker, with a connection of its own, checkpoints every
 * CHECKPOINT_EVERY_MS instead. A PASSIVE checkpoint never blocks the bot: it copies what is
 * committed while the bot goes on reading and appending to the WAL. So the planner's busy minute
 * (800,000 reminders at 10,000 units, issue 17) no longer stops every tick to checkpoint the one
 * before; the checkpoints run beside it on the other core.
 *
 * Should the worker die (it cannot open the file, a bug), the bot's connection is given SQLite's
 * own checkpoints back: nothing is lost, the ticks are only slower again.
 *
 * Workers need JavaScript the running Node can load whether the bot runs from its TypeScript
 * sources (tsx) or the compiled build, so the worker's code is the small CommonJS text below,
 * given better-sqlite3's resolved path.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database_ } from './index';

/** How often the worker checkpoints. A checkpoint with nothing to copy reads one header. */
export const CHECKPOINT_EVERY_MS = 1_000;
/**
 * After a busy minute the WAL file holds hundreds of MB; SQLite reuses it from the start once a
 * checkpoint caught up, and truncates it to this on the way.
 */
const JOURNAL_SIZE_LIMIT = 64 * 1024 * 1024;
/** SQLite's own default, given back when the worker is gone. */
const SQLITE_AUTOCHECKPOINT = 1_000;

export interface CheckpointOutcome {
  /** Frames in the WAL, and of them those now in the database file (SQLite's log and checkpointed). */
  walFrames: number;
  checkpointed: number;
  ms: number;
}

export interface Checkpointer {
  /** A checkpoint now (beside the worker's own every CHECKPOINT_EVERY_MS); resolves when it is done. */
  checkpoint(): Promise<CheckpointOutcome>;
  /** Stops the worker and gives the connection SQLite's own checkpoints back. */
  stop(): Promise<void>;
}

/** Connections whose WAL a worker checkpoints: the planner does not checkpoint them itself. */
const checkpointedBeside = new WeakSet<Database_['sqlite']>();

export function checkpointsBeside(sqlite: Database_['sqlite']): boolean {
  return checkpointedBeside.has(sqlite);
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const Database = require(workerData.betterSqlite3);
const db = new Database(workerData.file, { fileMustExist: true });
function checkpoint() {
  const started = performance.now();
  const [result] = db.pragma('wal_checkpoint(PASSIVE)');
  return { walFrames: result.log, checkpointed: result.checkpointed, ms: performance.now() - started };
}
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message.type === 'checkpoint') parentPort.postMessage({ id: message.id, outcome: checkpoint() });
  if (message.type === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ ready: true });
`;

/**
 * Starts the worker for `database` (a file in WAL mode; openDatabase sets it). Resolves once the
 * worker has its connection and the bot's has stopped checkpointing.
 */
export async function startCheckpointer(
  database: Database_,
  file: string,
  options: { everyMs?: number; onError?: (error: unknown) => void } = {},
): Promise<Checkpointer> {
  const sqlite = database.sqlite;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file,
      everyMs: options.everyMs ?? CHECKPOINT_EVERY_MS,
      betterSqlite3: createRequire(import.meta.url).resolve('better-sqlite3'),
    },
  });
  const waiting = new Map<number, { resolve: (outcome: CheckpointOutcome) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let stopping = false;
  const fallBack = (error: unknown) => {
    if (!checkpointedBeside.has(sqlite)) return;
    checkpointedBeside.delete(sqlite);
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT}`);
    for (const { reject } of waiting.values()) reject(error instanceof Error ? error : new Error(String(error)));
    waiting.clear();
    if (!stopping) options.onError?.(error);
  };
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the checkpoint worker stopped (exit code ${code}) before it opened ${file}`)));
    worker.once('message', () => resolve());
  });
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');
  const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('message', (message: { id: number; outcome: CheckpointOutcome }) => {
    waiting.get(message.id)?.resolve(message.outcome);
    waiting.delete(message.id);
    if (waiting.size === 0) worker.unref();
  });
  worker.on('error', fallBack);
  worker.on('exit', (code) => fallBack(new Error(`the checkpoint worker stopped (exit code ${code})`)));
  // Not a reason for the process to stay alive: the bot's own work is.
  worker.unref();
  sqlite.pragma(`journal_size_limit = ${JOURNAL_SIZE_LIMIT}`);
  sqlite.pragma('wal_autocheckpoint = 0');
  checkpointedBeside.add(sqlite);
  return {
    checkpoint() {
      if (!checkpointedBeside.has(sqlite)) return Promise.reject(new Error('the checkpoint worker is not running'));
      const id = nextId++;
      // Awaited, the answer keeps the process alive (an idle worker does not).
      worker.ref();
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ type: 'checkpoint', id });
      });
    },
    async stop() {
      stopping = true;
      fallBack(new Error('the checkpoint worker was stopped'));
      worker.ref();
      worker.postMessage({ type: 'stop' });
      await gone;
    },
  };
}
