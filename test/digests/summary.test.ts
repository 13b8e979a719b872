import { describe, expect, it } from 'vitest';
import { freshDatabase } from '../support/db';
import { createCalendar } from '../../schedules/calendar';
import { buildSummary, buildYearRecord } from '../../digests/summary';
import { circularDraftMoment } from '../../schedules/circular';
import { buildCircular } from '../../digests/circular-content';
import { formatDue, PLAN_ZONE } from '../../plans/due-dates';
import { DateTime } from 'luxon';
import { NOW, seedSummaryFixture, sh } from './summary-fixture';

function setUp() {
  const { db } = freshDatabase();
  const fixture = seedSummaryFixture(db);
  const units = Object.entries(fixture.unit).map(([name, id]) => ({ id, name }));
  return { db, fixture, units };
}

describe('buildSummary over several units read at once', () => {
  it('counts each unit’s latest closed period and events, lists what is overdue, due soon and behind pace', () => {
    const { db, units } = setUp();
    const whole = buildSummary(db, units, NOW, createCalendar());
    expect(formatDue(whole.at)).toBe('2026-03-12T10:00:00+08:00');
    // The archived 2025 plan, in which 一处 has work too, has no part.
    expect(whole.plans.map((p) => p.title)).toEqual(['2026年工作要点']);
    const summary = whole.plans[0]!;
    expect(summary.units.map(({ unit, onTime, late, missing }) => ({ unit, onTime, late, missing }))).toEqual([
      // 1① on time, 4① late; events: 1 March reported, 2 March not. Archived plan, task and requirement left out.
      { unit: '一处', onTime: 2, late: 1, missing: 1 },
      // Given 1① after its 10 March period fell due: not asked of it.
      { unit: '二处', onTime: 0, late: 0, missing: 0 },
      { unit: '三处', onTime: 0, late: 0, missing: 1 },
      { unit: '四处', onTime: 1, late: 0, missing: 0 },
    ]);
    expect(summary.overdue.map((o) => ({ ...o, due: formatDue(o.due) }))).toEqual([
      { unit: '一处', item: '3①', title: '任务3', due: '2026-03-07T23:59:59+08:00', days: 5 },
      { unit: '三处', item: '1①', title: '任务1', due: '2026-03-10T23:59:59+08:00', days: 2 },
    ]);
    expect(summary.dueSoon.map((d) => ({ ...d, due: formatDue(d.due) }))).toEqual([
      { unit: '一处', item: '3①', title: '任务3', due: '2026-03-15T23:59:59+08:00' },
    ]);
    // 12 a year: about 2 by 12 March. 三处's count reported at 07:00 on 1 January, Shanghai time, is this year's.
    expect(summary.quotasBehind).toEqual([
      { unit: '二处', item: '1①', title: '任务1', target: 12, expected: 2, actual: 0, label: '例' },
      { unit: '三处', item: '1①', title: '任务1', target: 12, expected: 2, actual: 1, label: '例' },
    ]);
  });

  it('covers only the units asked about', () => {
    const { db, units } = setUp();
    const summary = buildSummary(
      db,
      units.filter((u) => u.name === '三处'),
      NOW,
      createCalendar(),
    ).plans[0]!;
    expect(summary.units).toEqual([{ unitId: units[2]!.id, unit: '三处', onTime: 0, late: 0, missing: 1 }]);
    expect(summary.overdue.map((o) => o.unit)).toEqual(['三处']);
    expect(summary.dueSoon).toEqual([]);
    expect(summary.quotasBehind.map((q) => [q.unit, q.actual])).toEqual([['三处', 1]]);
    expect(buildSummary(db, [], NOW, createCalendar()).plans).toEqual([]);
  });

  it('counts a period falling due exactly now as closed and as due', () => {
    const { db, units } = setUp();
    const summary = buildSummary(db, units, sh('2026-03-10T23:59:59'), createCalendar()).plans[0]!;
    expect(summary.units.find((u) => u.unit === '三处')).toMatchObject({ missing: 1 });
    expect(summary.dueSoon.map((d) => `${d.unit} ${d.item} ${formatDue(d.due)}`)).toContain('三处 1① 2026-03-10T23:59:59+08:00');
  });
});

describe('buildYearRecord', () => {
  it('counts every period closed this year since the unit was given the requirement', () => {
    const { db, units } = setUp();
    expect(buildYearRecord(db, units, NOW)).toEqual([
      // 1①: January and February missing, March on time; 4①: January and February missing, March late.
      { unit: '一处', onTime: 1, late: 1, missing: 4 },
      { unit: '二处', onTime: 0, late: 0, missing: 0 },
      // The 2025-12 report is no period of this year.
      { unit: '三处', onTime: 0, late: 0, missing: 3 },
      { unit: '四处', onTime: 1, late: 0, missing: 2 },
    ]);
  });

  it('counts nothing before the first period of the year falls due', () => {
    const { db, units } = setUp();
    expect(buildYearRecord(db, units, sh('2026-01-10T23:59:58')).map((r) => r.missing)).toEqual([0, 0, 0, 0]);
    expect(buildYearRecord(db, units, sh('2026-01-10T23:59:59')).map((r) => r.missing)).toEqual([2, 0, 1, 1]);
  });
});

describe('the circular over all the plan’s units', () => {
  it('sorts units by what they reported of the month, and lists quotas behind at its end', () => {
    const { db, fixture } = setUp();
    expect(buildCircular(db, fixture.planId, '2026-03')).toEqual({
      planTitle: '2026年工作要点',
      month: '2026-03',
      onTime: ['四处'],
      // 一处 reported 1① and 2① on time and 4① late: partly on time, and late (issue 12).
      partlyOnTime: [{ unit: '一处', items: ['1①', '2①'] }],
      late: [{ unit: '一处', items: ['4①'] }],
      // 二处 owes 2① (due 31 March) but not 1①, given to it after 10 March.
      missing: [
        { unit: '二处', items: ['2①'] },
        { unit: '三处', items: ['1①'] },
      ],
      quotasBehind: [
        { unit: '二处', item: '1①', target: 12, expected: 2, actual: 0, label: '例' },
        { unit: '三处', item: '1①', target: 12, expected: 2, actual: 1, label: '例' },
      ],
      // The fixture has no ratio target (公示率达到100%).
      ratiosBelow: [],
    });
  });

  it('leaves out units with nothing due in the month', () => {
    const { db, fixture } = setUp();
    const february = buildCircular(db, fixture.planId, '2026-02');
    expect(february.missing).toEqual([
      { unit: '一处', items: ['1①', '4①'] },
      { unit: '三处', items: ['1①'] },
      { unit: '四处', items: ['4①'] },
    ]);
    expect([...february.onTime, ...february.late.map((l) => l.unit)]).toEqual([]);
  });

  it('is drafted on the working day after the month’s last due day, and never for an archived plan', () => {
    const { db, fixture } = setUp();
    const calendar = createCalendar();
    const month = (iso: string) => DateTime.fromISO(`${iso}-01`, { zone: PLAN_ZONE });
    expect(formatDue(circularDraftMoment(db, fixture.planId, month('2026-03'), calendar)!)).toBe('2026-04-01T09:00:00+08:00');
    expect(formatDue(circularDraftMoment(db, fixture.planId, month('2026-02'), calendar)!)).toBe('2026-02-11T09:00:00+08:00');
    expect(circularDraftMoment(db, fixture.archivedPlanId, month('2026-03'), calendar)).toBeNull();
  });
});
