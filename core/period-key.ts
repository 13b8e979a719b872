/**
 * A report period's key, as reports, the outbox and the ledger store it: one builder and one
 * parser for its five shapes.
 *   2026-03    a month (monthly rules, and ongoing work reported with the monthly report)
 *   2026-Q1    a quarter
 *   2026-W11   an ISO week (its week-year: 2026-W01 may begin in December 2025)
 *   once       the only period of a one-off requirement
 *   event-42   the period an event opened (七个工作日内 after event 42)
 */
export type PeriodKey =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'week'; weekYear: number; week: number }
  | { kind: 'once' }
  | { kind: 'event'; eventId: number };

const two = (n: number) => String(n).padStart(2, '0');

/** "2026-03" for March 2026. */
export function monthKey(year: number, month: number): string {
  return `${year}-${two(month)}`;
}

export function formatPeriodKey(key: PeriodKey): string {
  switch (key.kind) {
    case 'month':
      return monthKey(key.year, key.month);
    case 'quarter':
      return `${key.year}-Q${key.quarter}`;
    case 'week':
      return `${key.weekYear}-W${two(key.week)}`;
    case 'once':
      return 'once';
    case 'event':
      return `event-${key.eventId}`;
  }
}

/** The key's shape and numbers; null for text of no shape above. */
export function parsePeriodKey(key: string): PeriodKey | null {
  let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (m) return { kind: 'month', year: Number(m[1]), month: Number(m[2]) };
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return { kind: 'quarter', year: Number(m[1]), quarter: Number(m[2]) };
  m = /^(\d{4})-W(0[1-9]|[1-4]\d|5[0-3])$/.exec(key);
  if (m) return { kind: 'week', weekYear: Number(m[1]), week: Number(m[2]) };
  if (key === 'once') return { kind: 'once' };
  m = /^event-(\d+)$/.exec(key);
  if (m) return { kind: 'event', eventId: Number(m[1]) };
  return null;
}
