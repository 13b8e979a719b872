import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/db';
import {
  assignmentsInPlans,
  assignmentsOfUnits,
  countedSoFarOfUnits,
  eventsOfUnits,
  placesOf,
  reportAt,
  reportedByPlace,
  reportedPeriods,
  requirementsAssignedInPlan,
  requirementsAssignedTo,
  requirementsOfPlans,
  requirementsOfUnit,
  type UnitAssignment,
} from '../../schedules/unit-requirements';
import { countedSoFar } from '../../schedules/unit-requirements';
import { NOW, seedSummaryFixture, sh } from '../digests/summary-fixture';
import { quotaWindow } from '../../schedules/quota-window';
import { planUnitList } from '../../schedules/circular';
import { assignments, requirements, tasks, units } from '../../db/schema';

function setUp() {
  const { db } = freshDatabase();
  return { db, fixture: seedSummaryFixture(db) };
}

/** Far more ids than SQLite takes as separate parameters (32,766). */
const MANY = Array.from({ length: 40_000 }, (_, i) => 1_000_000 + i);

describe('assignmentsOfUnits', () => {
  it('gives each unit its live requirements in plan, task and item order, with when it was given each', () => {
    const { db, fixture } = setUp();
    const { unit, requirement } = fixture;
    const byUnit = assignmentsOfUnits(db, Object.values(unit));
    const view = (id: number) => byUnit.get(id)!.map((a) => [a.requirement.requirementId, new Date(a.assignedAtMs).toISOString()]);
    expect(view(unit.一处)).toEqual(
      [requirement.monthly, requirement.quarterly, requirement.events, requirement.ongoing].map((id) => [
        id,
        sh('2026-01-01T08:00').toISOString(),
      ]),
    );
    expect(view(unit.二处)).toEqual([
      [requirement.monthly, sh('2026-03-11T09:00').toISOString()],
      [requirement.quarterly, sh('2026-01-01T08:00').toISOString()],
    ]);
    // Units given the same requirement share its details.
    expect(byUnit.get(unit.二处)![0]!.requirement).toBe(byUnit.get(unit.三处)![0]!.requirement);
    expect(byUnit.get(unit.一处)![0]!.requirement).toMatchObject({
      taskNumber: '1',
      index: 1,
      planTitle: '2026年工作要点',
      deadlineText: '每月10日前',
      quota: { target: 12, unitLabel: '例', period: 'year', kind: 'count' },
      facts: { year: 2026, monthlyReportDay: 10 },
    });
  });

  it('agrees with requirementsOfUnit, unit by unit', () => {
    const { db, fixture } = setUp();
    const byUnit = assignmentsOfUnits(db, Object.values(fixture.unit));
    for (const id of Object.values(fixture.unit)) {
      expect(requirementsOfUnit(db, id)).toEqual(
        byUnit.get(id)!.map((a) => ({ ...a.requirement, role: a.role, assignedAt: new Date(a.assignedAtMs) })),
      );
    }
  });

  it('keeps to one plan when asked, answers every unit asked about, and takes any number of them', () => {
    const { db, fixture } = setUp();
    const { unit } = fixture;
    expect(assignmentsOfUnits(db, [unit.一处], fixture.archivedPlanId).get(unit.一处)).toEqual([]);
    expect(assignmentsOfUnits(db, [unit.一处], fixture.planId).get(unit.一处)!.length).toBe(4);
    const many = assignmentsOfUnits(db, [...MANY, unit.四处]);
    expect(many.size).toBe(MANY.length + 1);
    expect(many.get(MANY[0]!)).toEqual([]);
    expect(many.get(unit.四处)!.map((a) => a.requirement.taskNumber)).toEqual(['4']);
    expect(requirementsAssignedTo(db, [])).toEqual([]);
  });
});

describe('reportedPeriods', () => {
  it('answers the periods asked of each requirement, for the units asked about, with whether late', () => {
    const { db, fixture } = setUp();
    const { unit, requirement, event } = fixture;
    const found = reportedPeriods(
      db,
      [unit.一处, unit.三处, unit.四处],
      new Map<number, string[] | null>([
        [requirement.monthly, ['2026-03', '2025-12']],
        [requirement.ongoing, ['2026-03']],
        // 一处 reported 2026-Q1 of it, but that is not asked.
        [requirement.quarterly, ['2026-03']],
        [requirement.events, null],
      ]),
    );
    const flat = [...found].flatMap(([r, byPeriod]) =>
      [...byPeriod].flatMap(([period, byUnit]) => [...byUnit].map(([u, late]) => `${r} ${period} ${u} ${late}`)),
    );
    expect(flat.sort()).toEqual(
      [
        `${requirement.monthly} 2026-03 ${unit.一处} false`,
        `${requirement.monthly} 2025-12 ${unit.三处} true`,
        `${requirement.ongoing} 2026-03 ${unit.一处} true`,
        `${requirement.ongoing} 2026-03 ${unit.四处} false`,
        `${requirement.events} event-${event['0301']} ${unit.一处} false`,
      ].sort(),
    );
    expect(reportedPeriods(db, [unit.一处], new Map([[requirement.monthly, []]])).size).toBe(0);
    expect(
      reportedPeriods(db, [...MANY, unit.四处], new Map([[requirement.ongoing, ['2026-03']]]))
        .get(requirement.ongoing)
        ?.get('2026-03'),
    ).toEqual(new Map([[unit.四处, false]]));
  });
});

describe('assignmentsInPlans', () => {
  /** A unit's list as requirement id, role and when given. */
  const view = (list: UnitAssignment[] | undefined) => list?.map((a) => [a.requirement.requirementId, a.role, a.assignedAtMs]);

  it('gives each unit the same list as assignmentsOfUnits, of the plans asked about only, for few units and many', () => {
    const { db, fixture } = setUp();
    const units = Object.values(fixture.unit);
    const expected = assignmentsOfUnits(db, units, fixture.planId);
    // Few units are looked up; with MANY (more than are looked up) the plan's assignments are read whole.
    for (const asked of [units, [...MANY, ...units]]) {
      const found = assignmentsInPlans(db, [fixture.planId], asked);
      expect(found.size).toBe(asked.length);
      for (const id of units) expect(view(found.get(id))).toEqual(view(expected.get(id)));
      expect(found.get(MANY[0]!) ?? []).toEqual([]);
      // The archived plan's requirement of 一处 is not in the live plan's list, nor in its own: archived work is left out.
      expect(view(assignmentsInPlans(db, [fixture.archivedPlanId], asked).get(fixture.unit.一处))).toEqual([]);
    }
    // Details are the same as assignmentsOfUnits' (which requirementsOfUnit's list is made of).
    const detailed = assignmentsInPlans(db, [fixture.planId], [...MANY, ...units]).get(fixture.unit.一处)!;
    expect(detailed.map((a) => a.requirement)).toEqual(expected.get(fixture.unit.一处)!.map((a) => a.requirement));
    expect(assignmentsInPlans(db, [], [...MANY, ...units]).get(fixture.unit.一处)).toEqual([]);
  });

  it('reads the live requirements of the plans, assigned or not, in plan, task and item order', () => {
    const { db, fixture } = setUp();
    const { requirement } = fixture;
    expect(requirementsOfPlans(db, [fixture.planId, fixture.archivedPlanId]).map((r) => r.requirementId)).toEqual([
      requirement.monthly,
      requirement.quarterly,
      requirement.events,
      requirement.ongoing,
    ]);
    expect(requirementsOfPlans(db, [])).toEqual([]);
  });
});

describe('requirementsAssignedInPlan', () => {
  it('gives what requirementsAssignedTo gives for the plan’s units: none given to no one, or only to units outside the plan', () => {
    const { db, fixture } = setUp();
    const requirementOf = (number: string) => {
      const taskId = db
        .insert(tasks)
        .values({ planId: fixture.planId, number, title: `任务${number}`, position: Number(number) })
        .returning({ id: tasks.id })
        .get().id;
      return db.insert(requirements).values({ taskId, index: 1, text: '报送进展' }).returning({ id: requirements.id }).get().id;
    };
    requirementOf('7');
    const outside = db.insert(units).values({ name: '外单位', kind: 'division' }).returning({ id: units.id }).get().id;
    db.insert(assignments)
      .values({ requirementId: requirementOf('8'), unitId: outside, role: 'lead' })
      .run();
    const expected = requirementsAssignedTo(
      db,
      planUnitList(db, fixture.planId).map((u) => u.id),
      fixture.planId,
    );
    expect(expected.map((r) => r.taskNumber)).toEqual(['1', '2', '3', '4']);
    expect(requirementsAssignedInPlan(db, fixture.planId)).toEqual(expected);
    expect(requirementsAssignedInPlan(db, fixture.archivedPlanId)).toEqual([]);
  });
});

describe('placesOf', () => {
  it('finds each unit’s first place by id, and -1 for others, whether ids are close together or far apart', () => {
    for (const ids of [
      [5, 3, 9, 3],
      [5, 3, 9, 3, ...MANY],
    ]) {
      const placeOf = placesOf(ids);
      expect([5, 3, 9].map(placeOf)).toEqual([0, 1, 2]);
      expect([4, 10, 0, 2_000_000].map(placeOf)).toEqual([-1, -1, -1, -1]);
      if (ids.length > 4) expect(placeOf(MANY.at(-1)!)).toBe(ids.length - 1);
    }
  });
});

describe('reportedByPlace', () => {
  it('says what reportedPeriods says, as a byte per unit by its place, for few units and many', () => {
    const { db, fixture } = setUp();
    const { unit, requirement } = fixture;
    const periodsOf = new Map<number, string[] | null>([
      [requirement.monthly, ['2026-03', '2025-12', '2026-02']],
      [requirement.ongoing, ['2026-03']],
      [requirement.quarterly, ['2026-03']],
      [requirement.events, null],
    ]);
    for (const asked of [
      [unit.一处, unit.三处, unit.四处],
      [unit.一处, ...MANY, unit.三处, unit.四处],
    ]) {
      const expected = reportedPeriods(db, asked, periodsOf);
      const found = reportedByPlace(db, asked, periodsOf);
      const flat = [...found].flatMap(([r, byPeriod]) =>
        [...byPeriod].flatMap(([period, bytes]) =>
          asked.flatMap((u, place) => (reportAt(bytes, place) === undefined ? [] : [`${r} ${period} ${u} ${reportAt(bytes, place)}`])),
        ),
      );
      const flatExpected = [...expected].flatMap(([r, byPeriod]) =>
        [...byPeriod].flatMap(([period, byUnit]) => [...byUnit].map(([u, late]) => `${r} ${period} ${u} ${late}`)),
      );
      expect(flat.sort()).toEqual(flatExpected.sort());
      expect(flat.length).toBe(5);
    }
    // 二处 reported nothing it is asked about; 四处 reported 4① on time.
    const bytes = reportedByPlace(db, [unit.二处, unit.四处], periodsOf).get(requirement.ongoing)!.get('2026-03');
    expect([reportAt(bytes, 0), reportAt(bytes, 1), reportAt(undefined, 0)]).toEqual([undefined, false, undefined]);
    expect(reportedByPlace(db, [], periodsOf).size).toBe(0);
  });
});

describe('eventsOfUnits', () => {
  it('gives each unit’s events of each requirement, oldest first', () => {
    const { db, fixture } = setUp();
    const { unit, requirement, event } = fixture;
    const found = eventsOfUnits(db, [unit.一处, unit.二处], [requirement.events, requirement.monthly]);
    expect([...found.keys()]).toEqual([requirement.events]);
    expect([...found.get(requirement.events)!.keys()]).toEqual([unit.一处]);
    expect(
      found
        .get(requirement.events)!
        .get(unit.一处)!
        .map((e) => [e.id, e.occurredOn]),
    ).toEqual([
      [event['0301'], '2026-03-01'],
      [event['0302'], '2026-03-02'],
      [event['0310'], '2026-03-10'],
    ]);
  });
});

describe('countedSoFarOfUnits', () => {
  it('agrees with countedSoFar for every unit and requirement, at the edges of years and months in Shanghai', () => {
    const { db, fixture } = setUp();
    const unitIds = Object.values(fixture.unit);
    const requirementIds = Object.values(fixture.requirement);
    const instants = [
      NOW,
      sh('2026-01-01T06:59'),
      sh('2026-01-01T07:00'),
      sh('2025-12-31T23:59:59'),
      sh('2026-03-31T23:59:59'),
      sh('2026-04-01T00:00'),
    ];
    let nonZero = 0;
    for (const now of instants) {
      for (const period of ['year', 'month', 'once'] as const) {
        // A plan without a year keeps the calendar's windows (schedules/quota-window.ts).
        const window = quotaWindow(period, now, null);
        const counted = countedSoFarOfUnits(db, unitIds, requirementIds, window);
        for (const r of requirementIds) {
          for (const u of unitIds) {
            const expected = countedSoFar(db, r, u, window);
            expect(counted.get(r)?.get(u) ?? 0, `${period} ${now.toISOString()} r${r} u${u}`).toBe(expected);
            if (expected > 0) nonZero++;
          }
        }
      }
    }
    expect(nonZero).toBeGreaterThan(5);
    // 三处's count was reported at 07:00 on 1 January in Shanghai: this year's, not last.
    expect(
      countedSoFarOfUnits(db, [fixture.unit.三处], [fixture.requirement.monthly], quotaWindow('year', NOW, null))
        .get(fixture.requirement.monthly)
        ?.get(fixture.unit.三处),
    ).toBe(1);
  });
});
