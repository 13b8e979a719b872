/**
 * Whether a unit was asked for a period at all: a period that fell due before the unit was
 * given the requirement (before the plan was imported, or before the unit was added to it)
 * was never asked of it. It is neither late nor missing, in /tasks, the report picker,
 * /overdue, /yearly, the circular and the ledger alike. Pure.
 */
export function periodAsked(dueMs: number, assignedAtMs: number): boolean {
  return dueMs >= assignedAtMs;
}
