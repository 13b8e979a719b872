/**
 * How long a call may take, and the timed call itself. A bound exists to catch work that
 * grows faster than the input (catastrophic backtracking, a list searched once per item,
 * an object per cell of a huge range): at the drills' sizes that takes minutes, while
 * linear work stays well inside the bound.
 */
import type { TargetInput, TargetName } from './targets';
import type { Timed, Watchdog } from './watchdog';

/**
 * The time a plan file may take to read: 2 s, and 2 s more per megabyte. The importer's
 * work is linear in the input at best (csv-parse alone takes about 1 s for a million
 * cells; a 5,000-row table, about 1 s), so a large file cannot be held to 2 s, least of
 * all on a busy machine.
 */
export function fileBoundMs(bytes: number): number {
  return 2000 + (2000 * bytes) / 1_000_000;
}

/** The time a reader call may take: 50 ms for a cell's text, 5 ms more per 1,000 characters past 10,000. */
export function readerBoundMs(characters: number): number {
  return 50 + 5 * Math.max(0, characters / 1000 - 10);
}

/** When the watchdog gives up on a call: well past the bound, so that only a real hang reaches it. */
export const hardLimitMs = (boundMs: number) => 5 * boundMs + 2000;

/**
 * Calls `target` and, when the call was slower than `boundMs`, twice more, keeping the
 * fastest: a garbage collection or a busy machine slows one call, backtracking every call.
 */
export async function timedCall<T extends TargetName>(
  watchdog: Watchdog,
  target: T,
  input: TargetInput<T>,
  boundMs: number,
): Promise<Timed> {
  const limit = hardLimitMs(boundMs);
  let best = await watchdog.call(target, input, limit);
  for (let retry = 0; retry < 2 && best.outcome.kind !== 'hung' && best.outcome.kind !== 'died' && best.elapsedMs > boundMs; retry++) {
    const again = await watchdog.call(target, input, limit);
    if (again.elapsedMs < best.elapsedMs) best = again;
  }
  return best;
}
