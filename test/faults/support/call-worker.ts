/**
 * The worker thread side of the watchdog: calls a target on each input it is sent and
 * answers with what happened and how long the call took. Runs under tsx, outside vitest.
 */
import { parentPort } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { PlanInputError } from '../../../plans/errors';
import { targets } from './targets';
import { READY, type CallReply, type CallRequest, type Outcome } from './protocol';

const port = parentPort!;

port.on('message', async ({ id, target, input }: CallRequest) => {
  const call = targets[target] as (input: unknown) => unknown;
  const start = performance.now();
  let outcome: Outcome;
  try {
    outcome = { kind: 'returned', value: await call(input) };
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    outcome = { kind: 'threw', name: e.name, message: e.message, planInputError: error instanceof PlanInputError, stack: e.stack ?? '' };
  }
  const reply: CallReply = { id, elapsedMs: performance.now() - start, outcome };
  port.postMessage(reply);
});

port.postMessage(READY);
