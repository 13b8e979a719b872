/**
 * Real child processes for the crash drills: start a TypeScript entry point the way
 * `npm start` does (node --import tsx), kill it with SIGKILL, and wait for things with a
 * deadline. Waiting here is for a process or an emulator to get somewhere, never business
 * time: the drills' business time is on injected clocks or the real clock of the process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { seededRandom } from '../../../sandbox/emulator/random';

export const ROOT = new URL('../../..', import.meta.url).pathname;

/** A seeded generator (mulberry32, the emulator's), so a failing run can be repeated: numbers in [0, 1). */
export const random = seededRandom;

export interface Child {
  process: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal) once the process has ended. */
  exited: Promise<number | null>;
  /** SIGKILL, then waits until the process is gone. */
  kill(): Promise<void>;
  /** Resolves when the process's output contains `text` (or rejects when it exits first or the deadline passes). */
  waitForOutput(text: string, timeoutMs?: number): Promise<void>;
}

/** Starts `node --import tsx ENTRY ARGS…` in the repository with the given environment. */
export function startTsx(entry: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', append);
  child.stderr!.on('data', append);
  let ended = false;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      ended = true;
      for (const listener of listeners) listener();
      resolve(code);
    }),
  );
  return {
    process: child,
    output: () => output,
    exited,
    async kill() {
      if (!ended) child.kill('SIGKILL');
      await exited;
    },
    waitForOutput(text, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (output.includes(text)) done(() => resolve());
          else if (ended) done(() => reject(new Error(`${entry} exited before printing "${text}"; it printed:\n${output.slice(-2000)}`)));
        };
        const timer = setTimeout(
          () =>
            done(() => reject(new Error(`${entry} did not print "${text}" within ${timeoutMs} ms; it printed:\n${output.slice(-2000)}`))),
          timeoutMs,
        );
        const done = (finish: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          finish();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Polls `condition` every few milliseconds until it holds; fails with `what` after the deadline. */
export async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Real milliseconds, for the random kill moments of the drills (never business time). */
export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
