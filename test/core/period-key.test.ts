/** The period key's one builder and one parser (core/period-key.ts). */
import { describe, expect, it } from 'vitest';
import { formatPeriodKey, monthKey, parsePeriodKey, type PeriodKey } from '../../core/period-key';

describe('period keys', () => {
  it('writes each shape as reports and the outbox store it, and reads it back', () => {
    const cases: [PeriodKey, string][] = [
      [{ kind: 'month', year: 2026, month: 3 }, '2026-03'],
      [{ kind: 'month', year: 2026, month: 12 }, '2026-12'],
      [{ kind: 'quarter', year: 2026, quarter: 4 }, '2026-Q4'],
      [{ kind: 'week', weekYear: 2026, week: 1 }, '2026-W01'],
      [{ kind: 'week', weekYear: 2026, week: 53 }, '2026-W53'],
      [{ kind: 'once' }, 'once'],
      [{ kind: 'event', eventId: 1234 }, 'event-1234'],
    ];
    for (const [key, text] of cases) {
      expect(formatPeriodKey(key)).toBe(text);
      expect(parsePeriodKey(text)).toEqual(key);
    }
    expect(monthKey(2027, 1)).toBe('2027-01');
  });

  it('reads no shape from text that is none', () => {
    for (const text of [
      '2026-13',
      '2026-00',
      '2026-3',
      '2026-Q5',
      '2026-Q0',
      '2026-W54',
      '2026-W00',
      'Once',
      'event-',
      'event-x',
      '',
      '2026-03 ',
    ]) {
      expect(parsePeriodKey(text)).toBeNull();
    }
  });
});
