/**
 * Which rows a chart shows. Rows are ordered worst first (the chart's own measure of "worse"),
 * ties keeping the caller's order, and only the first `maxRows` are drawn; the rest are handed
 * back so the chart can summarise them in a footnote. Worst first at every size means a lead
 * reads the same picture for 5 units or 1,000: the top rows are the ones to chase.
 */

export interface RowSelection<T> {
  shown: T[];
  hidden: T[];
}

/** `compareWorse(a, b)` < 0 when `a` is worse than `b` (so `a` goes first). */
export function selectWorstRows<T>(items: readonly T[], maxRows: number, compareWorse: (a: T, b: T) => number): RowSelection<T> {
  // Array.prototype.sort is stable, so equal rows keep the caller's order.
  const ordered = [...items].sort(compareWorse);
  return { shown: ordered.slice(0, maxRows), hidden: ordered.slice(maxRows) };
}
