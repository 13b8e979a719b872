/**
 * Summaries, yearly records and weekly summaries over several plans sharing units (issue 12):
 * the small office of summary-fixture.ts, plus a second live plan B naming 一处 and 三处, whose
 * one requirement (also numbered 1①) 一处 reported on time for March and 三处 did not.
 * A unit's line in a plan counts that plan's requirements only.
 */
import { describe, expect, it } from 'vitest';
import type { DB } from '../../db';
import { DateTime } from 'luxon';
import { assignments, deadlineRules, people, planUnits, plans, reports, requirements, roles, tasks } from '../../db/schema';
import type { Identity } from '../../db/identity';
import { createI18n } from '../../bot/i18n';
import { PLAN_ZONE } from '../../plans/due-dates';
import { createCalendar } from '../../schedules/calendar';
import { planScope, scopeOf, unitScope } from '../../schedules/scope';
import { buildSummary, buildYearRecords } from '../../digests/summary';
import { renderSummary, renderYearRecords } from '../../digests/summary-text';
import { summaryCharts } from '../../digests/summary-charts';
import { weeklySummaryMessage, weeklySummaryScope } from '../../digests/notices/weekly-summary';
import { freshDatabase } from '../support/db';
import { NOW, seedSummaryFixture, sh } from './summary-fixture';

function setUp() {
  const { db } = freshDatabase();
  const fixture = seedSummaryFixture(db);
  const january = sh('2026-01-01T08:00');
  const planB = db
    .insert(plans)
    .values({ key: 'B|2026', title: '信用监管工作要点', year: 2026, sourceName: 'b.txt' })
    .returning({ id: plans.id })
    .get().id;
  for (const unitId of [fixture.unit.一处, fixture.unit.三处]) db.insert(planUnits).values({ planId: planB, unitId }).run();
  // The archived plan names 一处 too: it is in nobody's scope.
  db.insert(planUnits).values({ planId: fixture.archivedPlanId, unitId: fixture.unit.一处 }).run();
  const taskId = db
    .insert(tasks)
    .values({ planId: planB, number: '1', title: '监管任务', position: 1 })
    .returning({ id: tasks.id })
    .get().id;
  const requirementB = db
    .insert(requirements)
    .values({ taskId, index: 1, text: '报送监管进展' })
    .returning({ id: requirements.id })
    .get().id;
  db.insert(deadlineRules)
    .values({ requirementId: requirementB, text: '每月10日前', recognized: true, rule: { kind: 'monthly', day: 10, months: null } })
    .run();
  for (const unitId of [fixture.unit.一处, fixture.unit.三处]) {
    db.insert(assignments).values({ requirementId: requirementB, unitId, role: 'lead', createdAt: january, updatedAt: january }).run();
  }
  db.insert(reports)
    .values({
      requirementId: requirementB,
      unitId: fixture.unit.一处,
      period: '2026-03',
      status: 'done',
      reportedAt: sh('2026-03-08T10:00'),
      late: false,
    })
    .run();
  return { db, fixture, planB };
}

function identity(over: Partial<Identity>): Identity {
  return { telegramId: 1, person: null, admin: false, liaisonUnits: [], leadPlans: [], leadUnits: [], ...over };
}

const rows = (summary: ReturnType<typeof buildSummary>) =>
  summary.plans.map((p) => ({
    plan: p.title,
    units: p.units.map((u) => `${u.unit} ${u.onTime}/${u.late}/${u.missing}`),
    overdue: p.overdue.map((o) => `${o.unit} ${o.item}`),
  }));

describe('scopeOf, plan by plan', () => {
  it('a lead of a plan: that plan whole; of a unit: the unit in each live plan it is in; an admin: every live plan', () => {
    const { db, fixture, planB } = setUp();
    const names = (scope: ReturnType<typeof scopeOf>) => scope.plans.map((p) => [p.title, p.whole, p.units.map((u) => u.name).join(' ')]);
    const leadA = scopeOf(db, identity({ leadPlans: [{ id: fixture.planId, title: '2026年工作要点' }] }));
    expect(names(leadA)).toEqual([['2026年工作要点', true, '一处 二处 三处 四处']]);
    expect(leadA.label).toEqual(['2026年工作要点']);
    const leadOfOne = scopeOf(db, identity({ leadUnits: [{ id: fixture.unit.一处, name: '一处' }] }));
    expect(names(leadOfOne)).toEqual([
      ['2026年工作要点', false, '一处'],
      ['信用监管工作要点', false, '一处'],
    ]);
    expect(names(scopeOf(db, identity({ admin: true })))).toEqual([
      ['2026年工作要点', true, '一处 二处 三处 四处'],
      ['信用监管工作要点', true, '一处 三处'],
    ]);
    // A lead of plan B and of 四处: B whole, 四处 in plan A alone.
    const mixed = scopeOf(
      db,
      identity({ leadPlans: [{ id: planB, title: '信用监管工作要点' }], leadUnits: [{ id: fixture.unit.四处, name: '四处' }] }),
    );
    expect(names(mixed)).toEqual([
      ['2026年工作要点', false, '四处'],
      ['信用监管工作要点', true, '一处 三处'],
    ]);
    expect(unitScope(mixed, fixture.unit.一处).map((p) => [p.title, p.units.map((u) => u.name)])).toEqual([['信用监管工作要点', ['一处']]]);
  });

  it("an archived plan is in nobody's scope, nor in its label", () => {
    const { db, fixture } = setUp();
    const leadOfArchived = scopeOf(db, identity({ leadPlans: [{ id: fixture.archivedPlanId, title: '2025年工作要点' }] }));
    expect(leadOfArchived).toEqual({ plans: [], units: [], label: [] });
    expect(planScope(db, fixture.archivedPlanId)).toEqual([]);
    expect(scopeOf(db, identity({ leadUnits: [{ id: fixture.unit.一处, name: '一处' }] })).plans.map((p) => p.planId)).not.toContain(
      fixture.archivedPlanId,
    );
  });
});

describe('buildSummary over several plans', () => {
  it('a lead of plan A sees nothing of plan B, though B shares 一处 and 三处', () => {
    const { db, fixture } = setUp();
    const scope = scopeOf(db, identity({ leadPlans: [{ id: fixture.planId, title: '2026年工作要点' }] }));
    expect(rows(buildSummary(db, scope.plans, NOW, createCalendar()))).toEqual([
      {
        plan: '2026年工作要点',
        // As without plan B (summary.test.ts): B's on-time 一处 and missing 三处 count nowhere here.
        units: ['一处 2/1/1', '二处 0/0/0', '三处 0/0/1', '四处 1/0/0'],
        overdue: ['一处 3①', '三处 1①'],
      },
    ]);
  });

  it("an admin: a part per plan, each plan's items under it", () => {
    const { db } = setUp();
    const summary = buildSummary(db, scopeOf(db, identity({ admin: true })).plans, NOW, createCalendar());
    expect(rows(summary)).toEqual([
      { plan: '2026年工作要点', units: ['一处 2/1/1', '二处 0/0/0', '三处 0/0/1', '四处 1/0/0'], overdue: ['一处 3①', '三处 1①'] },
      { plan: '信用监管工作要点', units: ['一处 1/0/0', '三处 0/0/1'], overdue: ['三处 1①'] },
    ]);
    // Units alone: each in every live plan it is in.
    expect(rows(buildSummary(db, [{ id: 1, name: '一处' }], NOW, createCalendar())).map((p) => [p.plan, p.units])).toEqual([
      ['2026年工作要点', ['一处 2/1/1']],
      ['信用监管工作要点', ['一处 1/0/0']],
    ]);
  });

  it('renders a heading per plan when there are several, none for one', async () => {
    const { db, fixture } = setUp();
    const i18n = createI18n();
    const both = buildSummary(db, scopeOf(db, identity({ admin: true })).plans, NOW, createCalendar());
    const text = renderSummary(i18n, 'zh-CN', both, '全部单位');
    expect(text.split('\n').filter((line) => line.startsWith('📁') || line.includes('：按时'))).toEqual([
      '📁 <b>2026年工作要点</b>',
      '一处：按时 2，逾期 1，未报 1',
      '二处：按时 0，逾期 0，未报 0',
      '三处：按时 0，逾期 0，未报 1',
      '四处：按时 1，逾期 0，未报 0',
      '📁 <b>信用监管工作要点</b>（2026 年）',
      '一处：按时 1，逾期 0，未报 0',
      '三处：按时 0，逾期 0，未报 1',
    ]);
    expect(renderSummary(i18n, 'en', both, 'all units')).toContain('📁 <b>信用监管工作要点</b> (2026)');
    const one = buildSummary(db, planScope(db, fixture.planId), NOW, createCalendar());
    expect(renderSummary(i18n, 'zh-CN', one, '2026年工作要点')).not.toContain('📁');
    // Charts: per plan when there are several.
    expect(await summaryCharts(both, 'zh-CN')).toHaveLength(3);
    expect(await summaryCharts(one, 'zh-CN')).toHaveLength(2);
  }, 30_000);
});

describe('buildYearRecords', () => {
  it('per plan, each plan counting its own requirements', () => {
    const { db } = setUp();
    const records = buildYearRecords(db, scopeOf(db, identity({ admin: true })).plans, NOW);
    expect(records.map((p) => [p.title, p.units.map((u) => `${u.unit} ${u.onTime}/${u.late}/${u.missing}`)])).toEqual([
      // As in summary.test.ts.
      ['2026年工作要点', ['一处 1/1/4', '二处 0/0/0', '三处 0/0/3', '四处 1/0/2']],
      // B's monthly 1①: January and February missing for both, March on time for 一处.
      ['信用监管工作要点', ['一处 1/0/2', '三处 0/0/3']],
    ]);
    const text = renderYearRecords(createI18n(), 'zh-CN', DateTime.fromJSDate(NOW, { zone: PLAN_ZONE }), records);
    expect(text.split('\n')).toEqual([
      '📅 <b>2026 年报送统计</b>（截至 2026年3月12日（周四））',
      '',
      '📁 <b>2026年工作要点</b>',
      '一处：按时 1 期，逾期 1 期，未报 4 期',
      '二处：按时 0 期，逾期 0 期，未报 0 期',
      '三处：按时 0 期，逾期 0 期，未报 3 期',
      '四处：按时 1 期，逾期 0 期，未报 2 期',
      '',
      '📁 <b>信用监管工作要点</b>（2026 年）',
      '一处：按时 1 期，逾期 0 期，未报 2 期',
      '三处：按时 0 期，逾期 0 期，未报 3 期',
    ]);
  });
});

describe('the weekly summary, plan by plan', () => {
  function leadOfPlan(db: DB, telegramId: number, planId: number): number {
    const person = db
      .insert(people)
      .values({ telegramId, chatId: telegramId, name: `领导${telegramId}` })
      .returning({ id: people.id })
      .get().id;
    db.insert(roles).values({ personId: person, role: 'lead', planId }).run();
    return person;
  }

  it("a leading group's covers its plan alone; a lead's their own plans; an archived plan's nothing", () => {
    const { db, fixture, planB } = setUp();
    const i18n = createI18n();
    const calendar = createCalendar();
    const group = weeklySummaryScope(db, { personId: null, payload: { planId: fixture.planId } })!;
    expect(group.plans.map((p) => p.title)).toEqual(['2026年工作要点']);
    expect(group.label).toEqual(['2026年工作要点']);
    const groupText = weeklySummaryMessage(db, i18n, calendar, { personId: null, payload: { planId: fixture.planId } }, 'zh-CN', NOW)!.text;
    expect(groupText).toContain('一处：按时 2，逾期 1，未报 1');
    expect(groupText).not.toContain('监管');

    const leadB = leadOfPlan(db, 5001, planB);
    const leadText = weeklySummaryMessage(db, i18n, calendar, { personId: leadB, payload: {} }, 'zh-CN', NOW)!.text;
    expect(leadText.split('\n').slice(1, 6)).toEqual([
      '范围：信用监管工作要点',
      '',
      '各单位最近一期报送（按时 / 逾期 / 未报）：',
      '一处：按时 1，逾期 0，未报 0',
      '三处：按时 0，逾期 0，未报 1',
    ]);
    expect(leadText).not.toContain('二处');

    expect(
      weeklySummaryMessage(db, i18n, calendar, { personId: null, payload: { planId: fixture.archivedPlanId } }, 'zh-CN', NOW),
    ).toBeNull();
    const leadOfArchived = leadOfPlan(db, 5002, fixture.archivedPlanId);
    expect(weeklySummaryMessage(db, i18n, calendar, { personId: leadOfArchived, payload: {} }, 'zh-CN', NOW)).toBeNull();
    expect(weeklySummaryScope(db, { personId: 999_999, payload: {} })).toBeNull();
  });
});
