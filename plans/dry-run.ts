/**
 * What committing a plan would change, without changing anything: the commit runs inside a
 * transaction that is then rolled back. The admin sees "3 tasks added, 1 archived" before
 * confirming a re-import.
 */
import type { DB } from '../db';
import { commitPlan, type Actor, type CommitResult } from './commit';
import type { PlanPreview } from './import';

class RollBack extends Error {
  constructor(readonly result: CommitResult) {
    super('dry run');
  }
}

export function dryRunCommit(db: DB, preview: PlanPreview, options: { actor: Actor; now: Date }): CommitResult {
  try {
    db.transaction(() => {
      throw new RollBack(commitPlan(db, preview, options));
    });
  } catch (error) {
    if (error instanceof RollBack) return error.result;
    throw error;
  }
  throw new Error('unreachable: the dry run always rolls back');
}
