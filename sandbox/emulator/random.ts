/**
 * The emulator's randomness: lost replies "with probability p", retry_after drawn from a range,
 * the update_id Telegram picks after a week without updates. Seeded, so a drill that fails can
 * be run again with the same draws (EmulatorOptions.seed).
 */
export type Random = () => number;

/** mulberry32: small, fast and good enough for picking faults; values in [0, 1). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A whole number in [min, max], both included. */
export function randomInteger(random: Random, min: number, max: number): number {
  const low = Math.ceil(Math.min(min, max));
  const high = Math.floor(Math.max(min, max));
  return low + Math.floor(random() * (high - low + 1));
}

export const DEFAULT_SEED = 20260310;
