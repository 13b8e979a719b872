/**
 * The planner at a plan's end: a plan of year Y plans nothing due after Y-12-31 (or after the
 * end an admin set); after its last day only the overdue notices of its last periods remain.
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { freshDatabase } from '../support/db';
import { seedDemo } from '../../sandbox/demo/seed';
import { outbox } from '../../db/schema';
import { setPlanEnd } from '../../schedules/plan-lifecycle';
import { loadCalendar, runPlanningTick } from '../../schedules/planner-store';
import { planReminders, type OutboxDraft, type PlannerRequirement, type PlannerState } from '../../schedules/planner';
import { createCalendar } from '../../schedules/calendar';
import { DEFAULT_POLICY } from '../../schedules/policy';
import { formatDue, PLAN_ZONE } from '../../plans/due-dates';
import type { DeadlineRule } from '../../core/plan-types';
import type { PlanFacts } from '../../schedules/periods';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE });
const show = (d: Date) => formatDue(DateTime.fromJSDate(d));
const OVERDUE_KINDS = ['overdue', 'overdue-lead', 'no-liaison'];

/** Every day at 09:30 from `from` to `to`: the instants a tick runs at. */
function days(from: string, to: string): DateTime[] {
  const out: DateTime[] = [];
  for (let d = sh(`${from}T09:30`); d <= sh(`${to}T09:30`); d = d.plus({ days: 1 })) out.push(d);
  return out;
}

describe('the planner (pure) at the end of a plan’s year', () => {
  const calendar = createCalendar();
  const rules: DeadlineRule[] = [
    { kind: 'monthly', day: 10, months: null },
    { kind: 'monthly', day: 'last', months: null },
    { kind: 'quarterly', day: 'last' },
    { kind: 'weekly', weekday: 5, endOfWorkday: true },
    { kind: 'ongoing' },
  ];

  function plan(facts: PlanFacts, from: string, to: string): OutboxDraft[] {
    const requirements: PlannerRequirement[] = rules.map((rule, i) => ({
      requirementId: i + 1,
      planId: 1,
      rule,
      facts,
      policy: DEFAULT_POLICY,
    }));
    const state: PlannerState = {
      requirements,
      assignmentsOf: () => [{ unitId: 7, since: new Date(0) }],
      liaisonsOf: () => [{ personId: 70, chatId: 700 }],
      leadsOf: () => [{ personId: 80, chatId: 800 }],
      isReported: () => false,
      eventsOf: () => [],
      calendar,
    };
    const drafts: OutboxDraft[] = [];
    let last = sh(`${from}T00:00`);
    for (const now of days(from, to)) {
      drafts.push(...planReminders(state, { from: last.toJSDate(), to: now.toJSDate() }));
      last = now;
    }
    return drafts;
  }

  it('plans nothing due after 2020-12-31 for a 2020 plan, only the overdue notices of its last periods in January', () => {
    const drafts = plan({ year: 2020, monthlyReportDay: 10 }, '2020-12-01', '2021-02-28');
    const endOfYear = sh('2020-12-31T23:59:59').toMillis();
    expect(drafts.filter((d) => d.dueAt.getTime() > endOfYear).map((d) => `${d.kind} ${d.period}`)).toEqual([]);
    const inJanuary = drafts.filter((d) => d.sendAfter.getTime() >= sh('2021-01-01T00:00').toMillis());
    expect(inJanuary.every((d) => OVERDUE_KINDS.includes(d.kind))).toBe(true);
    // 2020-12-31 (the month's end, Q4) is overdue on Monday 4 January, after New Year and the weekend.
    expect(new Set(inJanuary.map((d) => `${d.kind} r${d.requirementId ?? '-'} ${d.period} ${show(d.sendAfter).slice(0, 10)}`))).toEqual(
      new Set(['overdue r2 2020-12 2021-01-04', 'overdue r3 2020-Q4 2021-01-04', 'overdue-lead r- 2020-12 2021-01-04']),
    );
    // December itself is planned as before: its before, due and overdue reminders.
    expect(drafts.filter((d) => d.requirementId === 1 && d.period === '2020-12').map((d) => d.kind)).toEqual([
      'before-3',
      'before-1',
      'due',
      'overdue',
    ]);
  });

  it('an end set earlier (2020-06-15) stops the periods there', () => {
    const drafts = plan({ year: 2020, monthlyReportDay: 10, endsOn: '2020-06-15' }, '2020-06-01', '2020-08-31');
    const end = sh('2020-06-15T23:59:59').toMillis();
    expect(drafts.filter((d) => d.dueAt.getTime() > end)).toEqual([]);
    expect(drafts.some((d) => d.requirementId === 1 && d.period === '2020-06' && d.kind === 'overdue')).toBe(true);
  });
});

describe('the planner on the database: the demo plan for 2020', () => {
  async function seeded() {
    const { db } = freshDatabase();
    const { planId } = await seedDemo(db, { year: 2020, now: sh('2020-01-01T08:00').toJSDate() });
    const calendar = loadCalendar(db);
    const ticks = (from: string, to: string) => {
      runPlanningTick(db, calendar, sh(`${from}T08:00`).toJSDate());
      for (const now of days(from, to)) runPlanningTick(db, calendar, now.toJSDate());
    };
    const rows = () =>
      db.select({ kind: outbox.kind, period: outbox.period, sendAfter: outbox.sendAfter, dueAt: outbox.dueAt }).from(outbox).all();
    return { db, planId, ticks, rows };
  }

  it('runs into 2021 with the overdue notices of 2020’s last periods only', async () => {
    const { ticks, rows } = await seeded();
    ticks('2020-12-01', '2021-02-28');
    const all = rows();
    expect(all.length).toBeGreaterThan(0);
    const endOfYear = sh('2020-12-31T23:59:59').toMillis();
    expect(all.filter((r) => r.dueAt!.getTime() > endOfYear).map((r) => `${r.kind} ${r.period} ${show(r.dueAt!)}`)).toEqual([]);
    const inJanuary = all.filter((r) => r.sendAfter.getTime() >= sh('2021-01-01T00:00').toMillis());
    expect(inJanuary.length).toBeGreaterThan(0);
    expect(inJanuary.filter((r) => !OVERDUE_KINDS.includes(r.kind))).toEqual([]);
    expect(inJanuary.some((r) => r.kind === 'overdue' && show(r.dueAt!) === '2020-12-31T23:59:59+08:00')).toBe(true);
  }, 60_000);

  it('with plans.ends_on set to 2020-06-15, plans nothing due after it', async () => {
    const { db, planId, ticks, rows } = await seeded();
    setPlanEnd(db, planId, '2020-06-15', { actor: { personId: null, label: 'test' }, now: sh('2020-05-01T08:00').toJSDate() });
    ticks('2020-06-01', '2020-08-31');
    const end = sh('2020-06-15T23:59:59').toMillis();
    expect(
      rows()
        .filter((r) => r.dueAt!.getTime() > end)
        .map((r) => `${r.kind} ${r.period} ${show(r.dueAt!)}`),
    ).toEqual([]);
    expect(rows().some((r) => r.kind === 'overdue' && r.period === '2020-06')).toBe(true);
    expect(db.select().from(outbox).where(eq(outbox.status, 'skipped')).all()).toEqual([]);
  }, 60_000);
});
