/**
 * quotasDone (schedules/quota-reads.ts), /report's read of where a liaison stands on every
 * quota of the list, answers what countedSoFar and latestRatio answer asked one by one.
 */
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/db';
import { NOW, seedSummaryFixture, sh } from '../digests/summary-fixture';
import { reports } from '../../db/schema';
import { countedSoFar } from '../../schedules/unit-requirements';
import { latestRatio } from '../../schedules/ratio-targets';
import { quotaWindow } from '../../schedules/quota-window';
import { quotasDone, type QuotaQuestion } from '../../schedules/quota-reads';

function setUp() {
  const { db } = freshDatabase();
  const fixture = seedSummaryFixture(db);
  const { unit, requirement } = fixture;
  const report = (requirementId: number, unitId: number, period: string, at: string, count: number | null, updated = at) =>
    db
      .insert(reports)
      .values({ requirementId, unitId, period, status: 'done', count, reportedAt: sh(at), late: false, updatedAt: sh(updated) })
      .run();
  // Counts and ratios over several months, one without a count, two updated at the same instant (the later row is the latest).
  report(requirement.monthly, unit.一处, '2026-01', '2026-01-08T10:00', 4);
  report(requirement.monthly, unit.一处, '2026-02', '2026-02-09T10:00', null);
  report(requirement.quarterly, unit.二处, '2025-Q4', '2025-12-30T10:00', 60);
  report(requirement.quarterly, unit.二处, '2026-Q1', '2026-03-01T10:00', 80, '2026-03-05T10:00');
  report(requirement.ongoing, unit.四处, '2026-02', '2026-02-01T10:00', 30, '2026-03-05T10:00');
  report(requirement.ongoing, unit.四处, '2026-01', '2026-01-01T10:00', 20, '2026-03-05T10:00');
  return { db, ...fixture };
}

describe('quotasDone', () => {
  it('answers each question as countedSoFar (counts) and latestRatio (ratios) do, in the order asked', () => {
    const { db, unit, requirement } = setUp();
    const facts = { year: 2026, endsOn: null };
    const windows = [
      quotaWindow('year', NOW, facts),
      quotaWindow('month', NOW, facts),
      quotaWindow('year', NOW, null),
      quotaWindow('month', sh('2026-01-20T10:00'), null),
      quotaWindow('once', NOW, null),
      { from: sh('2026-03-01T10:00'), to: sh('2026-03-09T10:00') },
    ];
    const questions: QuotaQuestion[] = [];
    for (const requirementId of Object.values(requirement))
      for (const unitId of Object.values(unit))
        for (const window of windows)
          for (const kind of ['count', 'ratio'] as const) questions.push({ requirementId, unitId, kind, window });
    const expected = questions.map((q) =>
      q.kind === 'count' ? countedSoFar(db, q.requirementId, q.unitId, q.window) : latestRatio(db, q.requirementId, q.unitId, q.window),
    );
    // The fixture gives each kind of answer: a sum, a zero, a ratio, none.
    expect(expected.some((n) => n !== null && n > 0)).toBe(true);
    expect(expected).toContain(0);
    expect(expected).toContain(null);
    expect(quotasDone(db, questions)).toEqual(expected);
    // Asked alone or in another order, the same answers.
    const reversed = [...questions].reverse();
    expect(quotasDone(db, reversed)).toEqual([...expected].reverse());
    expect(quotasDone(db, [questions[7]!])).toEqual([expected[7]]);
  });

  it('asks nothing of the database for no questions', () => {
    const { db } = setUp();
    expect(quotasDone(db, [])).toEqual([]);
  });
});
