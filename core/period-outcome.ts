/**
 * What became of one period of one item for one unit: the one rule every view words, the
 * summary and the yearly record (which count), the circular (which names units), the ledger
 * (which colours cells) and /overdue.
 *
 * - not-asked: the period fell due before the unit was given the requirement (before the plan
 *   was imported, or before the unit was added to it): never asked of it, so neither late nor
 *   missing, whatever was reported.
 * - on-time / late: reported by the due moment, or after it (逾期报送视为工作未完成: a late report
 *   counts as not done).
 * - not-due: nothing reported yet, and the due moment is still ahead.
 * - missing: nothing reported, and the due moment has passed.
 */
export type PeriodOutcome = 'not-asked' | 'on-time' | 'late' | 'not-due' | 'missing';

export interface PeriodFacts {
  /** The period's due moment (epoch ms). */
  dueMs: number;
  /** When the unit was given the requirement (epoch ms). */
  assignedAtMs: number;
  /** The unit's report for the period: whether it came late; undefined when there is none. */
  late: boolean | undefined;
}

/** Whether a unit was asked for a period at all: not for one that fell due before it was given the requirement. */
export function periodAsked(dueMs: number, assignedAtMs: number): boolean {
  return dueMs >= assignedAtMs;
}

export function periodOutcome(period: PeriodFacts, nowMs: number): PeriodOutcome {
  if (!periodAsked(period.dueMs, period.assignedAtMs)) return 'not-asked';
  if (period.late !== undefined) return period.late ? 'late' : 'on-time';
  return period.dueMs > nowMs ? 'not-due' : 'missing';
}
