import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, buttons, startE2E } from '../../support/e2e';
import { circulars, people, quotas, reports, requirements, tasks, units } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const OFFICE = 2003;
type E2E = Awaited<ReturnType<typeof startE2E>>;

/** Reports every item of a unit due in March 2026, on time or late. */
function reportAll(e2e: E2E, unit: string, late: boolean) {
  const unitId = e2e.db.select().from(units).where(eq(units.name, unit)).get()!.id;
  const person = e2e.db.select().from(people).where(eq(people.telegramId, OFFICE)).get()!;
  for (const row of e2e.sqlite
    .prepare(
      `select a.requirement_id as id, d.rule as rule from assignments a join deadline_rules d on d.requirement_id = a.requirement_id where a.unit_id = ?`,
    )
    .all(unitId) as { id: number; rule: string | null }[]) {
    const rule = row.rule ? JSON.parse(row.rule) : null;
    const period = rule?.kind === 'once' ? 'once' : '2026-03';
    e2e.db
      .insert(reports)
      .values({
        requirementId: row.id,
        unitId,
        period,
        status: 'done',
        reportedBy: person.id,
        reportedAt: sh(late ? '2026-03-31T20:00' : '2026-03-09T10:00'),
        late,
      })
      .onConflictDoNothing()
      .run();
  }
}

/** Reports some items ("task-index": "1-2" is 1②) of a unit due in `month`, on time or late. */
function reportItems(e2e: E2E, unit: string, items: string[], month: string, late: boolean, count?: number) {
  const unitId = e2e.db.select().from(units).where(eq(units.name, unit)).get()!.id;
  const person = e2e.db.select().from(people).where(eq(people.telegramId, OFFICE)).get()!;
  for (const item of items) {
    const [number, index] = item.split('-');
    const row = e2e.sqlite
      .prepare(
        `select r.id as id, d.rule as rule from requirements r join tasks t on t.id = r.task_id left join deadline_rules d on d.requirement_id = r.id where t.number = ? and r."index" = ?`,
      )
      .get(number, Number(index)) as { id: number; rule: string | null };
    const rule = row.rule ? JSON.parse(row.rule) : null;
    const period = rule?.kind === 'once' ? 'once' : month;
    e2e.db
      .insert(reports)
      .values({
        requirementId: row.id,
        unitId,
        period,
        status: 'done',
        count,
        reportedBy: person.id,
        reportedAt: sh(late ? `${month}-28T20:00` : `${month}-05T10:00`),
        late,
      })
      .run();
  }
}

describe('the monthly circular', () => {
  it("is drafted after the month's last due day, published by an admin to the leads, and closes the period", async () => {
    const e2e = await startE2E({ now: sh('2026-03-30T10:00'), shareClock: true, seededAt: sh('2026-01-01T08:00') });
    const scheduler = e2e.scheduler();
    reportAll(e2e, '政策法规处', false);
    reportAll(e2e, '信息管理处', true);
    await scheduler.tick();
    // The plan ran in February too: its circular is drafted at once; March's is not due yet.
    expect(e2e.db.select({ period: circulars.period }).from(circulars).all()).toEqual([{ period: '2026-02' }]);
    // March's last due day is the 31st (3月底前): the draft comes on Wednesday 1 April at 09:00.
    e2e.clock.set(sh('2026-04-01T09:00'));
    await scheduler.tick();
    const draft = e2e
      .as(ADMIN)
      .transcript()
      .find((m) => m.text?.includes('2026年3月报送情况通报'))!;
    const lines = draft.text!.split('\n');
    // 办公室 and the others owe their own items and those of 中心各处室 / 各业务处室 due in March.
    expect(lines).toEqual([
      '📢 福州市不动产登记和交易中心2026年社会信用体系建设任务分解表 2026年3月报送情况通报',
      '【草稿，尚未发布】请核对后发布或暂缓。',
      '',
      '✅ 按时报送（1）：政策法规处',
      '',
      '⚠️ 逾期报送，视为未完成（1）：',
      '• 信息管理处：1②、3①、3②、3③、3④、3⑤、4①、5①、5②、6①、6②、9①、9②、9③、9④、9⑤、14①、15①、16①、17①、17②',
      '',
      '❌ 未报送（5）：',
      '• 新建商品房登记处：1②、3①、3②、3③、3④、3⑤、4①、6①、6②、8①、9①、9②、9③、9④、9⑤、13①、14①、16①、17①、17②',
      '• 办公室：1②、3①、3②、3③、3④、3⑤、4①、10①、10②、11①、14①、16①、17①、17②',
      '• 测绘技术处：1②、3①、3②、3③、3④、3⑤、4①、13①、14①、16①、17①、17②',
      '• 抵押登记处：1②、3①、3②、3③、3④、3⑤、4①、13①、14①、16①、17①、17②',
      '• 人力资源处：1②、3①、3②、3③、3④、3⑤、4①、14①、16①、17①、17②',
      '',
      '量化目标落后于进度（2）：',
      // 10 a year: about 2 by the end of March.
      '• 办公室 10①：目标 10例，应完成约 2，实际 0',
      '• 办公室 11①：目标 6例，应完成约 1，实际 0',
    ]);
    expect(buttons(draft)).toEqual([['📢 发布', '⏸ 暂缓']]);
    expect(
      e2e
        .as(LEAD)
        .transcript()
        .some((m) => m.text?.startsWith('📢')),
    ).toBe(false);

    const held = await e2e.as(ADMIN).pressForReply(draft, '⏸ 暂缓');
    expect(held.text).toBe('⏸ 已暂缓发布。需要时可点“发布”。');
    const published = await e2e.as(ADMIN).pressForReply(draft, '📢 发布');
    expect(published.text).toBe('✅ 已发布，已发送给各分管领导；该期报送不再接受修改。');
    // The admin's own copy no longer says it is a draft, and has no buttons left.
    const copy = e2e
      .as(ADMIN)
      .transcript()
      .find((m) => m.message_id === draft.message_id)!;
    expect(copy.text).not.toContain('草稿');
    expect(copy.text).toMatch(/^📢/);
    expect(buttons(copy)).toEqual([]);
    await scheduler.tick();
    const toLead = e2e
      .as(LEAD)
      .transcript()
      .filter((m) => m.text?.startsWith('📢'));
    expect(toLead).toHaveLength(1);
    expect(toLead[0]!.text).not.toContain('草稿');
    expect(e2e.db.select({ period: circulars.period, status: circulars.status }).from(circulars).all()).toEqual([
      { period: '2026-02', status: 'draft' },
      { period: '2026-03', status: 'published' },
    ]);

    // A March report of 办公室 made before publication can no longer be corrected.
    const office = e2e.db.select().from(units).where(eq(units.name, '办公室')).get()!;
    const person = e2e.db.select().from(people).where(eq(people.telegramId, OFFICE)).get()!;
    const requirement = e2e.db
      .select({ id: requirements.id })
      .from(requirements)
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .where(and(eq(tasks.number, '10'), eq(requirements.index, 1)))
      .get()!;
    e2e.db
      .insert(reports)
      .values({
        requirementId: requirement.id,
        unitId: office.id,
        period: '2026-03',
        status: 'done',
        reportedBy: person.id,
        reportedAt: sh('2026-03-10T09:00'),
        late: false,
      })
      .run();
    expect((await e2e.as(OFFICE).send('/edit')).text).toBe('这一期的报送已经通报，不能再修改。');

    // The year so far, per unit.
    const yearly = (await e2e.as(LEAD).send('/yearly')).text!;
    expect(yearly).toMatch(/^📅 2026 年报送统计（截至 2026年4月1日（周三））\n/);
    expect(yearly).toMatch(/政策法规处：按时 \d+ 期，逾期 0 期，未报 \d+ 期/);
  });

  it("lists a unit's late items under 逾期报送 and its on-time ones apart, even when it also left items unreported", async () => {
    const e2e = await startE2E({ now: sh('2026-03-30T10:00'), shareClock: true, seededAt: sh('2026-01-01T08:00') });
    const scheduler = e2e.scheduler();
    // 办公室: four items on time, one late, the rest of March's items not reported.
    reportItems(e2e, '办公室', ['1-2', '3-1', '3-2', '3-3'], '2026-03', false);
    reportItems(e2e, '办公室', ['4-1'], '2026-03', true);
    await scheduler.tick();
    e2e.clock.set(sh('2026-04-01T09:00'));
    await scheduler.tick();
    const draft = e2e
      .as(ADMIN)
      .transcript()
      .find((m) => m.text?.includes('2026年3月报送情况通报'))!;
    const text = draft.text!;
    expect(text).toContain('✅ 按时报送（0）：无\n\n☑️ 部分按时报送（1），按时报送的项目：\n• 办公室：1②、3①、3②、3③\n');
    expect(text).toContain('⚠️ 逾期报送，视为未完成（1）：\n• 办公室：4①\n');
    expect(text).toContain('❌ 未报送（7）：\n');
    expect(text).toContain('• 办公室：3④、3⑤、10①、10②、11①、14①、16①、17①、17②\n');
  });

  it("at the year's end expects the whole target: 1 of 2 is behind", async () => {
    const e2e = await startE2E({ now: sh('2026-12-30T10:00'), shareClock: true, seededAt: sh('2026-01-01T08:00') });
    const requirement = e2e.db
      .select({ id: requirements.id })
      .from(requirements)
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .where(and(eq(tasks.number, '10'), eq(requirements.index, 1)))
      .get()!;
    e2e.db.update(quotas).set({ target: 2 }).where(eq(quotas.requirementId, requirement.id)).run();
    reportItems(e2e, '办公室', ['10-1'], '2026-12', false, 1);
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    e2e.clock.set(sh('2027-01-04T09:00'));
    await scheduler.tick();
    const draft = e2e
      .as(ADMIN)
      .transcript()
      .find((m) => m.text?.includes('2026年12月报送情况通报'))!;
    const quotaLines = draft.text!.split('\n').filter((line) => line.startsWith('• 办公室 1'));
    expect(quotaLines).toEqual(['• 办公室 10①：目标 2例，应完成约 2，实际 1', '• 办公室 11①：目标 6例，应完成约 6，实际 0']);
  });
});
