/** The messages between the watchdog (test thread) and its worker thread. */
import type { TargetName } from './targets';

/** Sent by the worker once the targets are loaded, so a first call's time limit does not count the start-up. */
export const READY = 'ready';

export interface CallRequest {
  id: number;
  target: TargetName;
  input: unknown;
}

export type Outcome =
  { kind: 'returned'; value: unknown } | { kind: 'threw'; name: string; message: string; planInputError: boolean; stack: string };

export interface CallReply {
  id: number;
  /** Wall time of the call, measured in the worker. */
  elapsedMs: number;
  outcome: Outcome;
}
