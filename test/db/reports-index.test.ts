/**
 * The summary, the circular and the yearly record read a plan's reports per requirement and
 * period for all its units: migration 0016's index answers that from the index alone.
 */
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/db';

describe('reports_requirement_period_idx', () => {
  it("covers the per-requirement, per-period read of every unit's report and its lateness", () => {
    const { sqlite } = freshDatabase();
    const plan = sqlite
      .prepare(`explain query plan select unit_id, late from reports where requirement_id = ? and period = ?`)
      .all(1, '2026-11') as { detail: string }[];
    expect(plan.map((step) => step.detail).join('\n')).toMatch(/USING COVERING INDEX reports_requirement_period_idx/);
  });
});
