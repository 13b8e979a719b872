/**
 * /report's reads of one unit (schedules/report-list-reads.ts) answer what the summaries' readers
 * in schedules/unit-requirements.ts answer for that unit: the list must not change with the speed-up.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase } from '../support/db';
import { seedSummaryFixture } from '../digests/summary-fixture';
import { deadlineRules, plans, quotas } from '../../db/schema';
import { eventsOfUnits, planFacts, reportsOfUnit, requirementsOfUnit } from '../../schedules/unit-requirements';
import { eventsOfUnitRequirement, liveRequirementsOfUnit, reportedPeriodKeys } from '../../schedules/report-list-reads';

function setUp() {
  const { db } = freshDatabase();
  return { db, fixture: seedSummaryFixture(db) };
}

describe('liveRequirementsOfUnit', () => {
  it('gives each unit what requirementsOfUnit gives, in the same order (archived tasks, requirements and plans left out)', () => {
    const { db, fixture } = setUp();
    for (const unitId of Object.values(fixture.unit)) {
      const expected = requirementsOfUnit(db, unitId);
      expect(expected.length).toBeGreaterThan(0);
      expect(liveRequirementsOfUnit(db, unitId)).toEqual(expected);
    }
    expect(liveRequirementsOfUnit(db, 999_999)).toEqual([]);
  });

  it('agrees too with an admin’s report day and last day, an unread deadline, a requirement without a deadline row, a ratio quota', () => {
    const { db, fixture } = setUp();
    const { requirement } = fixture;
    db.update(plans).set({ monthlyReportDay: 15, endsOn: '2026-10-31' }).where(eq(plans.id, fixture.planId)).run();
    db.update(deadlineRules).set({ rule: null, recognized: false }).where(eq(deadlineRules.requirementId, requirement.quarterly)).run();
    db.delete(deadlineRules).where(eq(deadlineRules.requirementId, requirement.ongoing)).run();
    db.insert(quotas)
      .values({ requirementId: requirement.events, target: 100, unitLabel: '%', period: 'once', kind: 'ratio', source: '公示率达到100%' })
      .run();
    for (const unitId of Object.values(fixture.unit)) expect(liveRequirementsOfUnit(db, unitId)).toEqual(requirementsOfUnit(db, unitId));
  });
});

describe('planFacts', () => {
  it('gives the plan’s year and the most common day of its live monthly rules, or the day and last day an admin set', () => {
    const { db, fixture } = setUp();
    expect(planFacts(db, fixture.planId)).toEqual({ year: 2026, endsOn: null, monthlyReportDay: 10 });
    expect(planFacts(db, fixture.archivedPlanId)).toEqual({ year: 2025, endsOn: null, monthlyReportDay: 10 });
    db.update(plans).set({ monthlyReportDay: 20, endsOn: '2026-06-30' }).where(eq(plans.id, fixture.planId)).run();
    expect(planFacts(db, fixture.planId)).toEqual({ year: 2026, endsOn: '2026-06-30', monthlyReportDay: 20 });
    expect(() => planFacts(db, 999_999)).toThrow(/does not exist/);
  });
});

describe('reportedPeriodKeys', () => {
  it('holds the keys of reportsOfUnit, for the requirements asked about only', () => {
    const { db, fixture } = setUp();
    for (const unitId of Object.values(fixture.unit)) {
      const ids = requirementsOfUnit(db, unitId).map((r) => r.requirementId);
      const expected = [...reportsOfUnit(db, unitId, ids).keys()].sort();
      expect([...reportedPeriodKeys(db, unitId, ids)].sort()).toEqual(expected);
      // One requirement: only its keys.
      const [first] = ids;
      expect([...reportedPeriodKeys(db, unitId, [first!])].sort()).toEqual([...reportsOfUnit(db, unitId, [first!]).keys()].sort());
    }
    expect(reportedPeriodKeys(db, fixture.unit.一处, []).size).toBe(0);
  });
});

describe('eventsOfUnitRequirement', () => {
  it('gives the events eventsOfUnits gives, oldest first', () => {
    const { db, fixture } = setUp();
    const { unit, requirement } = fixture;
    for (const unitId of Object.values(unit)) {
      const expected = (eventsOfUnits(db, [unitId], [requirement.events]).get(requirement.events)?.get(unitId) ?? []).map((e) => ({
        id: e.id,
        occurredOn: e.occurredOn,
      }));
      expect(eventsOfUnitRequirement(db, unitId, requirement.events)).toEqual(expected);
    }
    expect(eventsOfUnitRequirement(db, unit.一处, requirement.events).length).toBe(Object.keys(fixture.event).length);
  });
});
