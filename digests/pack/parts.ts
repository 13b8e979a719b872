/**
 * A pack cut into volumes (分卷) for Telegram, which takes files of at most 50 MB from a bot:
 * /pack in chat sends a plan's pack as several zips when it is larger. Pure: entry sizes in,
 * the volume of each entry out.
 *
 * Each volume is a whole zip that opens on its own: the files of a run of entries, in pack
 * order (so an indicator's folder is split over two volumes only when it does not fit in one),
 * and the whole 索引.xlsx, whose 所在分卷 column says which volume holds each file. A file is at
 * most 20 MB (the Bot API's download limit, refused at input), so every file fits in a volume.
 */

/** What one entry of the zip costs beyond its bytes: local header, data descriptor, central record, extra fields, its name twice. */
export function entryOverhead(path: string): number {
  return 128 + 2 * Buffer.byteLength(path, 'utf8');
}

/** Room kept in each volume for 索引.xlsx: its fixed part, and a generous bound per index row (xlsx is deflated inside). */
export function indexAllowance(indexRows: number): number {
  return 64 * 1024 + 600 * indexRows;
}

export interface PartEntry {
  path: string;
  /** Its bytes (a stored file's size, a note's text). */
  bytes: number;
}

export interface PackParts {
  /** 1, 2 …: the volume of each entry, in the order given. */
  partOf: number[];
  /** How many volumes (at least 1). */
  count: number;
  /** The estimated zip size of each volume. */
  estimates: number[];
  /** The estimated size of the pack as one zip. */
  total: number;
}

/**
 * Cuts entries, in order, into volumes of at most `budget` bytes each (estimated: each entry's
 * bytes and overhead, and the index's allowance in every volume). An entry larger than a volume
 * on its own gets a volume of its own (the caller refuses such a pack: see fitsBudget).
 */
export function splitIntoParts(entries: readonly PartEntry[], indexRows: number, budget: number): PackParts {
  const base = indexAllowance(indexRows) + 22 + 98; // the zip's end records, with zip64's
  const partOf: number[] = [];
  const estimates: number[] = [base];
  let total = base;
  for (const entry of entries) {
    const cost = entry.bytes + entryOverhead(entry.path);
    total += cost;
    const current = estimates.length - 1;
    if (estimates[current]! > base && estimates[current]! + cost > budget) estimates.push(base);
    estimates[estimates.length - 1]! += cost;
    partOf.push(estimates.length);
  }
  return { partOf, count: estimates.length, estimates, total };
}

/** Whether every volume's estimate is within the budget (an entry larger than a volume makes it not). */
export function fitsBudget(parts: PackParts, budget: number): boolean {
  return parts.estimates.every((size) => size <= budget);
}
