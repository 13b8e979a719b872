/**
 * Runs target calls in a worker thread and ends the thread when a call hangs.
 *
 * A catastrophic regular expression blocks its thread: called in the test's own thread it
 * would freeze the drill (and CI) instead of failing it. Here the test thread stays free,
 * a call that outlives the hard limit is reported as hung with its input, and the next call
 * starts a fresh worker.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { READY, type CallReply, type CallRequest, type Outcome } from './protocol';
import type { TargetInput, TargetName } from './targets';

export type { Outcome } from './protocol';

export interface Timed {
  /** Wall time of the call itself, measured in the worker (the limit when it hung). */
  elapsedMs: number;
  outcome: Outcome | { kind: 'hung' } | { kind: 'died'; message: string };
}

const WORKER_FILE = new URL('./call-worker.ts', import.meta.url).href;
/** tsx's ESM register API (its CommonJS build cannot load its ESM half from a worker). */
const TSX_API = new URL('dist/esm/api/index.mjs', pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'))).href;
/** The worker's first script: registers tsx, which compiles the TypeScript (the worker runs outside vitest). */
const BOOT = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_FILE)}); });`;

export class Watchdog {
  private worker: Promise<Worker> | null = null;
  private nextId = 1;

  /** Calls `target` on `input`; after `hardLimitMs` the worker is ended and the call reported hung. */
  async call<T extends TargetName>(target: T, input: TargetInput<T>, hardLimitMs: number): Promise<Timed> {
    const worker = await this.start();
    const request: CallRequest = { id: this.nextId++, target, input };
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        cleanup();
        this.stop();
        resolve({ elapsedMs: hardLimitMs, outcome: { kind: 'hung' } });
      }, hardLimitMs);
      const onMessage = (reply: CallReply) => {
        if (reply.id !== request.id) return;
        cleanup();
        resolve({ elapsedMs: reply.elapsedMs, outcome: reply.outcome });
      };
      // A worker that dies (out of memory, an uncaught error) is a crash of the target.
      const died = (message: string) => {
        cleanup();
        this.stop();
        resolve({ elapsedMs: 0, outcome: { kind: 'died', message } });
      };
      const onExit = (code: number) => died(`the worker exited with code ${code}`);
      const onError = (error: Error) => died(`${error.name}: ${error.message}`);
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('exit', onExit);
      worker.on('error', onError);
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await (await worker)?.terminate();
  }

  private start(): Promise<Worker> {
    this.worker ??= new Promise((resolve, reject) => {
      // The heap limit makes a memory blow-up fail one call instead of the machine.
      const worker = new Worker(BOOT, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 1024 } });
      worker.once('message', (message) =>
        message === READY ? resolve(worker) : reject(new Error(`unexpected first message ${String(message)}`)),
      );
      worker.once('error', reject);
    });
    return this.worker;
  }

  private stop(): void {
    void this.worker?.then((worker) => worker.terminate());
    this.worker = null;
  }
}
