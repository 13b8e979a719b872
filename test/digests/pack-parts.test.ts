/** Cutting a pack into volumes under Telegram's upload limit (digests/pack/parts.ts). Pure. */
import { describe, expect, it } from 'vitest';
import { entryOverhead, fitsBudget, indexAllowance, splitIntoParts } from '../../digests/pack/parts';

const entry = (path: string, bytes: number) => ({ path, bytes });
const BASE = indexAllowance(10) + 120;

describe('splitIntoParts', () => {
  it('keeps a pack that fits in one volume, with its estimate', () => {
    const parts = splitIntoParts([entry('1/甲/1① a.pdf', 1000), entry('1/甲/1① b.pdf', 2000)], 10, 1_000_000);
    expect(parts.count).toBe(1);
    expect(parts.partOf).toEqual([1, 1]);
    expect(parts.estimates).toEqual([BASE + 3000 + entryOverhead('1/甲/1① a.pdf') + entryOverhead('1/甲/1① b.pdf')]);
    expect(parts.total).toBe(parts.estimates[0]);
  });

  it('starts a new volume when the next file would pass the budget, in pack order, each volume within it', () => {
    const files = [entry('a', 400), entry('b', 400), entry('c', 400), entry('d', 100)];
    const budget = BASE + 2 * (400 + entryOverhead('a')) + 10;
    const parts = splitIntoParts(files, 10, budget);
    expect(parts.partOf).toEqual([1, 1, 2, 2]);
    expect(parts.count).toBe(2);
    expect(fitsBudget(parts, budget)).toBe(true);
    // Each volume carries the index, the whole pack only once.
    expect(parts.total).toBe(parts.estimates[0]! + parts.estimates[1]! - BASE);
  });

  it('gives a file larger than a volume a volume of its own, and says the pack does not fit', () => {
    const budget = BASE + 1000;
    const parts = splitIntoParts([entry('a', 10), entry('big', 5000), entry('c', 10)], 10, budget);
    expect(parts.partOf).toEqual([1, 2, 3]);
    expect(fitsBudget(parts, budget)).toBe(false);
  });

  it('counts names in bytes, and makes one volume of a pack without files', () => {
    expect(entryOverhead('照片')).toBe(128 + 12);
    expect(splitIntoParts([], 0, 1_000_000)).toMatchObject({ count: 1, partOf: [] });
  });
});
