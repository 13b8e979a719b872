/** A period's outcome (core/period-outcome.ts): the one rule the summary, the circular, the yearly record and the ledger go by. */
import { describe, expect, it } from 'vitest';
import { periodAsked, periodOutcome } from '../../core/period-outcome';

const DUE = Date.parse('2026-03-10T15:59:59Z'); // 10 March 23:59:59 in Shanghai
const ASSIGNED = Date.parse('2026-01-05T02:00:00Z');
const facts = (late: boolean | undefined, assignedAtMs = ASSIGNED) => ({ dueMs: DUE, assignedAtMs, late });

describe('periodOutcome', () => {
  it('is on time or late by the report, whenever it is asked', () => {
    expect(periodOutcome(facts(false), DUE + 1)).toBe('on-time');
    expect(periodOutcome(facts(true), DUE + 1)).toBe('late');
    // Reported ahead of the due moment: on time already.
    expect(periodOutcome(facts(false), DUE - 86_400_000)).toBe('on-time');
  });

  it('is not due until the due moment passes, then missing', () => {
    expect(periodOutcome(facts(undefined), DUE - 1)).toBe('not-due');
    expect(periodOutcome(facts(undefined), DUE)).toBe('missing');
    expect(periodOutcome(facts(undefined), Number.POSITIVE_INFINITY)).toBe('missing');
  });

  it('is not asked of a unit given the requirement after the period fell due, reported or not', () => {
    const later = DUE + 3_600_000;
    expect(periodAsked(DUE, later)).toBe(false);
    expect(periodAsked(DUE, DUE)).toBe(true);
    expect(periodOutcome(facts(undefined, later), Number.POSITIVE_INFINITY)).toBe('not-asked');
    expect(periodOutcome(facts(true, later), Number.POSITIVE_INFINITY)).toBe('not-asked');
  });
});
