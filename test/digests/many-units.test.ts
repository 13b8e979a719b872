/**
 * The summary, the yearly record and the circular read a province's units another way than a
 * few units' (schedules/unit-requirements.ts: above UNITS_LOOKED_UP units a plan's assignments
 * and reports are read whole and the units picked out). The small office of summary-fixture.ts,
 * with its edge cases (a unit given a requirement after a period fell due, events, archived work,
 * another plan), grown by enough other units to take that way, must come out as it does alone.
 */
import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/db';
import { createCalendar } from '../../schedules/calendar';
import { buildSummary, buildYearRecords, DUE_SOON_KEPT, type PlanSummary } from '../../digests/summary';
import { buildCircular, type CircularContent } from '../../digests/circular-content';
import { planScope } from '../../schedules/scope';
import type { DB } from '../../db';
import { assignments, planUnits, reports, units } from '../../db/schema';
import { NOW, seedSummaryFixture, sh, type SummaryFixture } from './summary-fixture';

/** More than UNITS_LOOKED_UP (200), the most units looked up one by one. */
const OTHER_UNITS = 240;

/**
 * Other units of the fixture's plan, named 外单位NNN, with a mix of what the fixture's units do:
 * given 1① in January or after the 10 March period fell due, 2① and 4① to some; 1① of March,
 * 4① of March and 2① of the first quarter reported on time, late or not at all.
 */
function addOtherUnits(db: DB, fixture: SummaryFixture): void {
  const january = sh('2026-01-01T08:00');
  const march = sh('2026-03-11T09:00');
  const { monthly, quarterly, ongoing } = fixture.requirement;
  db.transaction((tx) => {
    for (let i = 0; i < OTHER_UNITS; i++) {
      const unitId = tx
        .insert(units)
        .values({ name: `外单位${String(i).padStart(3, '0')}`, kind: 'division' })
        .returning({ id: units.id })
        .get().id;
      tx.insert(planUnits).values({ planId: fixture.planId, unitId }).run();
      const given = i % 7 === 0 ? march : january;
      tx.insert(assignments).values({ requirementId: monthly, unitId, role: 'lead', createdAt: given, updatedAt: given }).run();
      if (i % 2 === 0)
        tx.insert(assignments)
          .values({ requirementId: quarterly, unitId, role: 'cooperating', createdAt: january, updatedAt: january })
          .run();
      if (i % 3 !== 2)
        tx.insert(assignments).values({ requirementId: ongoing, unitId, role: 'lead', createdAt: january, updatedAt: january }).run();
      const report = (requirementId: number, period: string, late: boolean) =>
        tx
          .insert(reports)
          .values({ requirementId, unitId, period, status: 'done', reportedAt: sh('2026-03-09T10:00'), late })
          .run();
      if (i % 3 === 0) report(monthly, '2026-03', false);
      if (i % 3 === 1) report(monthly, '2026-03', true);
      if (i % 5 === 0) report(monthly, '2026-02', i % 10 === 0);
      if (i % 4 === 0) report(ongoing, '2026-03', i % 8 === 0);
      if (i % 6 === 0) report(quarterly, '2026-Q1', false);
    }
  });
}

function setUp(withOthers: boolean) {
  const { db } = freshDatabase();
  const fixture = seedSummaryFixture(db);
  if (withOthers) addOtherUnits(db, fixture);
  const fixtureUnits = Object.entries(fixture.unit).map(([name, id]) => ({ id, name }));
  return { db, fixture, fixtureUnits };
}

/** The fixture's units' part of a plan's summary: their lines and their items, in the order listed. */
function fixturePart(part: PlanSummary, names: readonly string[]) {
  const ours = <T extends { unit: string }>(items: T[]) => items.filter((i) => names.includes(i.unit));
  return {
    units: ours(part.units),
    overdue: ours(part.overdue).map((o) => ({ ...o, due: o.due.toISO() })),
    dueSoon: ours(part.dueSoon).map((d) => ({ ...d, due: d.due.toISO() })),
    quotasBehind: ours(part.quotasBehind),
    ratiosBelow: ours(part.ratiosBelow),
    evidenceMissing: ours(part.evidenceMissing),
  };
}

/** The fixture's units' entries in a circular. */
function fixtureCircular(content: CircularContent, names: readonly string[]) {
  const ours = <T extends { unit: string }>(items: T[] | undefined) => (items ?? []).filter((i) => names.includes(i.unit));
  return {
    onTime: content.onTime.filter((unit) => names.includes(unit)),
    partlyOnTime: ours(content.partlyOnTime),
    late: ours(content.late),
    missing: ours(content.missing),
    quotasBehind: ours(content.quotasBehind),
    ratiosBelow: ours(content.ratiosBelow),
  };
}

describe('a plan of more units than are looked up one by one', () => {
  it('gives the fixture’s units the same summary as when they are alone', () => {
    const alone = setUp(false);
    const grown = setUp(true);
    const names = alone.fixtureUnits.map((u) => u.name);
    const expected = buildSummary(alone.db, planScope(alone.db, alone.fixture.planId), NOW, createCalendar()).plans[0]!;
    const scope = planScope(grown.db, grown.fixture.planId);
    expect(scope[0]!.units.length).toBe(OTHER_UNITS + 4);
    const found = buildSummary(grown.db, scope, NOW, createCalendar()).plans[0]!;
    expect(fixturePart(found, names)).toEqual(fixturePart(expected, names));
    expect(fixturePart(expected, names).units.length).toBe(4);
  });

  it('counts the other units as a few of them alone are counted', () => {
    const { db, fixture } = setUp(true);
    const scope = planScope(db, fixture.planId);
    const whole = buildSummary(db, scope, NOW, createCalendar()).plans[0]!;
    const wholeYear = buildYearRecords(db, scope, NOW)[0]!;
    // Units 外单位000 … 外单位006: every kind of assignment and report above, one by one.
    for (const unit of scope[0]!.units.filter((u) => /外单位00[0-6]/.test(u.name))) {
      const one = [{ ...scope[0]!, units: [unit] }];
      const alone = buildSummary(db, one, NOW, createCalendar()).plans[0]!;
      expect(fixturePart(whole, [unit.name])).toEqual(fixturePart(alone, [unit.name]));
      expect(wholeYear.units.find((r) => r.unit === unit.name)).toEqual(buildYearRecords(db, one, NOW)[0]!.units[0]);
    }
  });

  it('keeps the soonest DUE_SOON_KEPT items due and counts them all', () => {
    const { db, fixture } = setUp(true);
    // Five days before 1① and 4① of March fall due: most units still owe one or both.
    const at = sh('2026-03-05T10:00');
    const scope = planScope(db, fixture.planId);
    const whole = buildSummary(db, scope, at, createCalendar()).plans[0]!;
    // Each unit alone, its items in the order of units: soonest first, ties in that order.
    const each = scope[0]!.units.flatMap(
      (unit) => buildSummary(db, [{ ...scope[0]!, units: [unit] }], at, createCalendar()).plans[0]!.dueSoon,
    );
    const expected = each.map((d, order) => ({ d, order })).sort((a, b) => a.d.due.toMillis() - b.d.due.toMillis() || a.order - b.order);
    expect(each.length).toBeGreaterThan(DUE_SOON_KEPT);
    expect(whole.dueSoonCount).toBe(each.length);
    expect(whole.dueSoon.map((d) => ({ ...d, due: d.due.toISO() }))).toEqual(
      expected.slice(0, DUE_SOON_KEPT).map(({ d }) => ({ ...d, due: d.due.toISO() })),
    );
  });

  it('gives the fixture’s units the same yearly record as when they are alone', () => {
    const alone = setUp(false);
    const grown = setUp(true);
    const names = new Set(alone.fixtureUnits.map((u) => u.name));
    const expected = buildYearRecords(alone.db, planScope(alone.db, alone.fixture.planId), NOW)[0]!;
    const found = buildYearRecords(grown.db, planScope(grown.db, grown.fixture.planId), NOW)[0]!;
    expect(found.units.length).toBe(OTHER_UNITS + 4);
    expect(found.units.filter((r) => names.has(r.unit))).toEqual(expected.units);
    // Some of the other units reported, some late, some not: all three counts are exercised.
    const sum = (field: 'onTime' | 'late' | 'missing') => found.units.reduce((n, r) => n + r[field], 0);
    expect([sum('onTime'), sum('late'), sum('missing')].every((n) => n > 0)).toBe(true);
  });

  it('names the fixture’s units in the circular as when they are alone', () => {
    const alone = setUp(false);
    const grown = setUp(true);
    const names = alone.fixtureUnits.map((u) => u.name);
    for (const month of ['2026-02', '2026-03']) {
      const expected = buildCircular(alone.db, alone.fixture.planId, month);
      const found = buildCircular(grown.db, grown.fixture.planId, month);
      expect(fixtureCircular(found, names)).toEqual(fixtureCircular(expected, names));
      expect(found.late.length + found.missing.length).toBeGreaterThan(OTHER_UNITS / 2);
    }
  });
});
