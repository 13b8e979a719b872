/**
 * Pure readings of a text, remembered. A table repeats its deadline and unit cells row after
 * row (每月10日前, 政策法规处牵头): a 5,000-row table read the same ten deadlines some 20,000
 * times, each reading tens of regular expressions. Only for functions whose result depends on
 * the text alone and is never changed by a caller (a flag, a string, or a copy handed out).
 */

/** Entries kept at most: the bot runs for months, reading plan after plan, in one process. */
const MAX_ENTRIES = 10_000;
/**
 * Longer texts are read each time, not kept: cells and names that repeat are short, and a
 * fuzzed cell of a megabyte must not stay in memory.
 */
const MAX_TEXT = 120;

/** `read` remembered by its text; the memory is dropped whole when full (cheap, and rarely needed). */
export function rememberedByText<T>(read: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    if (text.length > MAX_TEXT) return read(text);
    const hit = known.get(text);
    if (hit !== undefined) return hit;
    const value = read(text);
    if (known.size >= MAX_ENTRIES) known.clear();
    known.set(text, value);
    return value;
  };
}

/** `read` remembered by its text and a plan's year (deadlines without a year take the plan's). */
export function rememberedByTextAndYear<T>(read: (text: string, year: number | null) => T): (text: string, year: number | null) => T {
  const known = new Map<string, T>();
  return (text, year) => {
    if (text.length > MAX_TEXT) return read(text, year);
    // A year is digits or nothing: the separator cannot be part of it.
    const key = `${year ?? ''}|${text}`;
    const hit = known.get(key);
    if (hit !== undefined) return hit;
    const value = read(text, year);
    if (known.size >= MAX_ENTRIES) known.clear();
    known.set(key, value);
    return value;
  };
}
