/**
 * The summary, the circular and the yearly record read a plan's assignments for every unit at
 * once, grouped by requirement, role and when given (schedules/unit-requirements.ts,
 * assignmentsInPlans): migration 0017's index answers that from the index alone, in its order.
 */
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/db';

describe('assignments_requirement_role_idx', () => {
  it('covers the grouped read of the requirements’ assignments, with no sorting', () => {
    const { sqlite } = freshDatabase();
    const plan = sqlite
      .prepare(
        `explain query plan select requirement_id, role, created_at, json_group_array(unit_id) from assignments
         where requirement_id in (select value from json_each(?)) group by requirement_id, role, created_at`,
      )
      .all('[1,2,3]') as { detail: string }[];
    const steps = plan.map((step) => step.detail).join('\n');
    expect(steps).toMatch(/USING COVERING INDEX assignments_requirement_role_idx/);
    expect(steps).not.toMatch(/TEMP B-TREE/);
  });
});
