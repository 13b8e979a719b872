/**
 * The worker thread PDFs and Word documents are read in (plans/document-worker.ts), from the
 * bot's side: one worker for both, one file at a time.
 *
 * Why a worker at all:
 * - pdf.js cannot be bounded from inside: damaged files make it leave rejected promises
 *   unhandled (in the bot's thread that ends the bot) and some take it minutes of synchronous
 *   work (found by fuzzing).
 * - A .docx is unzipped and its XML parsed synchronously: at the 24 MB it may unpack to
 *   (MAX_DOCX_UNPACKED_BYTES) that is seconds during which the bot's thread answered nobody.
 * In the worker both stay there: the worker ignores its unhandled rejections, and a file over
 * its time budget has the worker ended (the next file starts a new one) and is refused.
 *
 * One worker, one file at a time: each file may take the worker to a few hundred MB (a 24 MB
 * XML string, pdf.js's objects), and two workers at once would hold twice that. The answer
 * (a PDF's pages of text pieces, a document's blocks) comes back by structured clone, plain
 * objects, in parts of about 20,000 objects, each asked for after the bot's thread had a turn:
 * this thread rebuilds what it receives in one go, and a million blocks at once held it for
 * 1 to 2 s (a crafted .docx of empty paragraphs).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PlanInputError, refusal } from './errors';
import type { Location, PlanProblem } from './problems';
import type { Block } from './document';
import type { TextItem } from './pdf';

/** What the worker reads, and what each gives back. */
export interface ReaderResults {
  /** A PDF's text pieces, page by page (plans/pdf.ts extractTextItems). */
  pdf: TextItem[][];
  /** A .docx's blocks (plans/docx.ts readDocx). */
  docx: Block[];
}
export type ReaderKind = keyof ReaderResults;

/** To the worker: a file to read, or "the next part of the answer to `id`". */
export type ReaderMessage = { id: number; kind: ReaderKind; bytes: Uint8Array; file: string } | { id: number; next: true };
/** From the worker: a part of the answer (its elements, in order; `done` at the last), or the refusal. */
export type ReaderReply = { id: number; part: unknown[]; done: boolean } | { id: number; problem: PlanProblem };

/** A message the worker sends once it is ready for files (pdf.js loaded). */
export const DOCUMENT_WORKER_READY = 'document-worker-ready';

/** The refusals of a file the worker could not read: over its budget, or the worker ended under it. */
const REFUSALS = {
  pdf: { tooComplex: 'pdf-too-complex', unreadable: 'pdf-unreadable', reader: 'the PDF reader' },
  docx: { tooComplex: 'docx-too-complex', unreadable: 'docx-unreadable', reader: 'the Word reader' },
} as const satisfies Record<ReaderKind, { tooComplex: string; unreadable: string; reader: string }>;

const require = createRequire(import.meta.url);
const WORKER_TS = new URL('./document-worker.ts', import.meta.url);
const WORKER_JS = new URL('./document-worker.js', import.meta.url);

/** Starts the worker: the compiled .js in production, the .ts through tsx from the sources (tests, `npm start`). */
function startWorker(): Promise<Worker> {
  const fromSource = import.meta.url.endsWith('.ts');
  let worker: Worker;
  if (fromSource) {
    const tsx = new URL('dist/esm/api/index.mjs', pathToFileURL(require.resolve('tsx/package.json'))).href;
    worker = new Worker(
      `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_TS.href)}); });`,
      { eval: true },
    );
  } else worker = new Worker(WORKER_JS);
  worker.unref(); // an idle worker never keeps the bot, the command line or a test run alive
  worker.once('exit', () => ended.add(worker));
  return new Promise((resolve, reject) => {
    worker.once('message', (message) =>
      message === DOCUMENT_WORKER_READY ? resolve(worker) : reject(new Error(`unexpected message ${String(message)}`)),
    );
    worker.once('error', reject);
  });
}

let worker: Promise<Worker> | null = null;
/**
 * Workers that ended (killed, out of memory) while idle: the next file starts a new one
 * instead of waiting out its time budget on a dead one (found by review).
 */
const ended = new WeakSet<Worker>();
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

/** The reader's worker thread, once started (null once given up on): for tests that end it or see it replaced. */
export function documentWorkerThread(): Promise<Worker> | null {
  return worker;
}

/**
 * Reads a file of `kind` in the worker, after the files sent before it, within `budgetMs`:
 * from the file being sent to the last part of its answer (waiting for its turn and for a new
 * worker to start not counted). Its refusals come back as PlanInputErrors at `where`.
 */
export function readInWorker<K extends ReaderKind>(
  kind: K,
  bytes: Uint8Array,
  where: Location,
  budgetMs: number,
): Promise<ReaderResults[K]> {
  const run = queue.then(() => readNow(kind, bytes, where, budgetMs));
  queue = run.catch(() => undefined);
  return run;
}

async function readNow<K extends ReaderKind>(kind: K, bytes: Uint8Array, where: Location, budget: number): Promise<ReaderResults[K]> {
  const refusals = REFUSALS[kind];
  worker ??= startWorker();
  let current: Worker;
  try {
    current = await worker;
    if (ended.has(current)) {
      worker = startWorker();
      current = await worker;
    }
  } catch (error) {
    worker = null;
    throw refusal(refusals.unreadable, where, { detail: `${refusals.reader} did not start: ${(error as Error).message}`.slice(0, 200) });
  }
  const id = nextId++;
  const answer: unknown[] = [];
  return new Promise((resolve, reject) => {
    let asking: NodeJS.Immediate | undefined;
    const done = () => {
      clearTimeout(timer);
      clearImmediate(asking);
      current.off('message', onMessage);
      current.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      done();
      worker = null;
      void current.terminate();
      reject(refusal(refusals.tooComplex, where, { max: Math.ceil(budget / 1000) }));
    }, budget);
    const onMessage = (reply: ReaderReply) => {
      if (reply.id !== id) return;
      if ('part' in reply) {
        for (const element of reply.part) answer.push(element); // a part at a time: joining them all at the end held this thread 0.2 s
        // The next part after this thread's other work had a turn (setImmediate runs after I/O).
        if (!reply.done) asking = setImmediate(() => current.postMessage({ id, next: true } satisfies ReaderMessage));
        else {
          done();
          resolve(answer as ReaderResults[K]);
        }
        return;
      }
      done();
      reject(new PlanInputError({ ...reply.problem, where } as PlanProblem));
    };
    const onExit = () => {
      done();
      worker = null;
      reject(refusal(refusals.unreadable, where, { detail: `${refusals.reader} stopped (out of memory?)` }));
    };
    current.on('message', onMessage);
    current.on('exit', onExit);
    current.postMessage({ id, kind, bytes, file: where.file } satisfies ReaderMessage);
  });
}
