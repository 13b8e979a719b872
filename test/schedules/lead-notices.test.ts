/**
 * A lead of many units hears of them in one notice per kind and due day (schedules/notices/
 * lead-notice.ts), naming the first LEAD_UNITS_LISTED that still owe something and counting the
 * rest: a province's plan lead would otherwise get a message per unit, 10,000 on a due day.
 */
import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { LEAD, startE2E } from '../support/e2e';
import { seedBigPlan } from '../support/big-plan';
import { outbox, people, reports } from '../../db/schema';
import { PLAN_ZONE } from '../../plans/due-dates';
import { LEAD_UNITS_LISTED } from '../../schedules/notices/lead-notice';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const UNITS = LEAD_UNITS_LISTED + 10;

describe("a plan lead's notices of units without a liaison", () => {
  it(`come as one message per due day naming ${LEAD_UNITS_LISTED} units that still owe something, the rest counted`, async () => {
    const e2e = await startE2E({ now: sh('2026-03-02T08:00'), shareClock: true, seededAt: sh('2026-01-01T08:00') });
    const plan = seedBigPlan(e2e.sqlite, { units: UNITS, requirements: UNITS * 2 });
    const lead = e2e.db.select({ id: people.id }).from(people).where(eq(people.telegramId, LEAD)).get()!.id;
    e2e.sqlite.prepare(`insert into roles (person_id, role, plan_id) values (?, 'lead', ?)`).run(lead, plan.planId);
    // The first unit reports all it owes on the 10th before the notices go out: it is not named.
    const [first, ...others] = plan.units;
    const owed = e2e.sqlite.prepare('select requirement_id as id from assignments where unit_id = ?').all(first!.id) as { id: number }[];
    for (const { id: requirementId } of owed)
      e2e.db
        .insert(reports)
        .values({
          requirementId,
          unitId: first!.id,
          period: '2026-03',
          status: 'done',
          reportedBy: lead,
          reportedAt: sh('2026-03-02T08:00'),
          late: false,
        })
        .run();
    const before = e2e.as(LEAD).transcript().length;
    const scheduler = e2e.scheduler();
    for (const at of ['2026-03-03T09:00', '2026-03-05T09:00', '2026-03-09T09:00', '2026-03-10T09:00']) {
      e2e.clock.set(sh(at));
      await scheduler.tick();
    }
    const rows = e2e.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'no-liaison'), eq(outbox.personId, lead)))
      .all();
    expect(rows.length).toBeGreaterThanOrEqual(UNITS);
    const notices = e2e
      .as(LEAD)
      .transcript()
      .slice(before)
      .filter((m) => m.text?.includes('还没有联络员'));
    // One message per due day the rows were planned for, not one per unit.
    const dueDays = new Set(rows.map((r) => r.dueAt!.getTime()));
    expect(notices).toHaveLength(dueDays.size);
    // The 10th's: every unit the lead leads without a liaison (the demo plan's too), but the one that reported.
    const tenth = rows.filter((r) => r.dueAt!.getTime() === sh('2026-03-10T23:59:59').getTime());
    const unitNames = new Map(
      e2e.sqlite
        .prepare('select id, name from units')
        .all()
        .map((u) => [(u as { id: number }).id, (u as { name: string }).name]),
    );
    const owing = tenth.filter((r) => r.unitId !== first!.id).map((r) => unitNames.get(r.unitId!)!);
    expect(owing.length).toBeGreaterThan(LEAD_UNITS_LISTED);
    expect(owing).toEqual(expect.arrayContaining(others.map((u) => u.name)));
    const lines = notices.find((m) => m.text!.includes('3月10日'))!.text!.split('\n');
    expect(lines[0]).toBe(
      `⚠️ 以下 ${owing.length} 个单位还没有联络员，3月10日（周二） 截止的任务无人提醒。请管理员用 /invite 邀请联络员：`,
    );
    const named = lines.slice(1, -1);
    expect(named).toHaveLength(LEAD_UNITS_LISTED);
    for (const line of named) expect(owing.map((name) => line.startsWith(`• ${name}（`)).some(Boolean), line).toBe(true);
    expect(named.some((line) => line.startsWith(`• ${first!.name}`))).toBe(false);
    expect(lines.at(-1)).toBe(`…另有 ${owing.length - LEAD_UNITS_LISTED} 个单位`);
    expect(e2e.errors).toEqual([]);
  });
});
