/**
 * A plan's end and the next year's plan, end to end (issue 12): an end set by an admin bounds
 * /tasks and /report as it bounds the planner; `/plans end` sets and clears it; a plan rolled
 * over in December keeps its December overdue notices and circular, and the scheduler archives
 * it once its circular is published and nothing of it waits to be sent.
 */
import { describe, expect, it } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, LIAISON, startE2E } from '../../support/e2e';
import { auditLog, people, plans, reports, roles } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import { readPlan } from '../../../plans/import';
import { commitPlan } from '../../../plans/commit';
import { DEMO_GROUP } from '../../../sandbox/demo/seed';
import { fuzhouWorkbook } from '../../../sandbox/demo/fuzhou-workbook';
import { rollOverPlan, setPlanEnd } from '../../../schedules/plan-lifecycle';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
const FUZHOU = '福州市不动产登记和交易中心2026年社会信用体系建设任务分解表';
const actor = { personId: null, label: 'test' };

type E2E = Awaited<ReturnType<typeof startE2E>>;
const planRow = (e2e: E2E, id: number) => e2e.db.select().from(plans).where(eq(plans.id, id)).get()!;

describe('an end set by an admin', () => {
  it('bounds /tasks and /report: after it, an item’s period is its last one, overdue, not next month’s', async () => {
    const e2e = await startE2E({ now: sh('2026-06-20T10:00'), seededAt: sh('2026-01-01T08:00') });
    // Before: 2① (每月10日前) is next due on 10 July.
    expect((await e2e.as(LIAISON).send('/tasks')).text).toContain('截止：7月10日（周五） · 未报送，还有 20 天');

    setPlanEnd(e2e.db, 1, '2026-06-15', { actor, now: e2e.clock.now() });
    const tasks = (await e2e.as(LIAISON).send('/tasks')).text!;
    expect(tasks).not.toContain('7月10日');
    expect(tasks).toContain(
      '落实组织机构\n明确本单位社会信用体系建设工作分管领导、责任处室及联络员。\n截止：6月10日（周三） · 已逾期，未报送',
    );

    const me = e2e.as(LIAISON);
    const picker = await me.send('/report');
    expect(picker.inline_keyboard!.flat().map((b) => b.text)).toContain('2① 落实组织机构 · 6月10日（周三）');
    const ask = await me.pressForReply(picker, '2① 落实组织机构 · 6月10日（周三）');
    expect(ask.text).toContain('期次：2026年6月，截止 6月10日（周三）');
    const note = await me.pressForReply(ask, '已完成');
    const evidence = await me.pressForReply(note, '跳过');
    const confirm = await me.pressForReply(evidence, '跳过');
    await me.pressForReply(confirm, '✅ 提交');
    // June's report, late: the plan has no July.
    expect(e2e.db.select({ period: reports.period, late: reports.late }).from(reports).all()).toEqual([{ period: '2026-06', late: true }]);
  });
});

describe('/plans end', () => {
  it('sets the end after a confirmation, shows it and 已结束, and clears it; refusals say why', async () => {
    const e2e = await startE2E({ now: sh('2026-06-20T10:00'), seededAt: sh('2026-01-01T08:00') });
    const admin = e2e.as(ADMIN);
    expect((await admin.send('/plans end 1 2026-02-30')).text).toBe(
      '“2026-02-30”不是日期。请写成 YYYY-MM-DD，例如 2026-06-30；取消结束日期请写 none。',
    );
    expect((await admin.send('/plans end 1 2025-12-31')).text).toBe(
      '2025-12-31 早于计划所属的 2026 年，计划将没有任何期次。请写 2026 年 1 月 1 日或之后的日期。',
    );
    expect((await admin.send('/plans end 1')).text).toBe(
      '设定计划的最后一天：/plans end 编号 YYYY-MM-DD（例如 /plans end 2 2026-06-30）；取消：/plans end 编号 none。',
    );
    expect((await admin.send('/plans end 9 2026-06-15')).text).toBe('没有编号为 #9 的计划。发送 /plans 查看全部计划及其编号。');
    expect((await admin.send('/plans end 1 none')).text).toBe(`#1“${FUZHOU}”的结束日期已经是年底（未单独设定），无需更改。`);

    // Full-width digits as a Chinese keyboard types them.
    const ask = await admin.send('/plans end #1 ２０２６－０６－１５');
    expect(ask.text).toBe(
      `将 #1“${FUZHOU}”的最后一天定为 2026-06-15？\n此后到期的期次不再提醒，也不再要求报送；已排定的此后的提醒将被跳过。报送记录保留，可随时用 /plans end 1 none 取消。`,
    );
    expect(planRow(e2e, 1).endsOn).toBeNull();
    const { message } = await admin.press(ask, '✅ 确认设定');
    expect(message.text).toBe(`已将 #1“${FUZHOU}”的最后一天定为 2026-06-15。`);
    expect(planRow(e2e, 1).endsOn).toBe('2026-06-15');
    expect(
      e2e.db.select({ action: auditLog.action, details: auditLog.details }).from(auditLog).where(eq(auditLog.action, 'plan.end')).all(),
    ).toEqual([{ action: 'plan.end', details: { planId: 1, from: null, to: '2026-06-15', remindersSkipped: 0 } }]);
    expect((await admin.send('/plans')).text).toContain(`#1 ${FUZHOU}（2026）— 已结束（截止 2026-06-15）：18 项任务`);

    const clear = await admin.send('/plans end 1 none');
    expect(clear.text).toBe(`取消 #1“${FUZHOU}”的结束日期（现为 2026-06-15）？\n计划将照常运行到 2026 年 12 月 31 日。`);
    // Cancelled: nothing changes.
    expect((await admin.press(clear, '取消')).message.text).toBe('已取消，未作任何更改。');
    expect(planRow(e2e, 1).endsOn).toBe('2026-06-15');
    const again = await admin.send('/plans end 1 none');
    expect((await admin.press(again, '✅ 确认取消')).message.text).toBe(`已取消 #1“${FUZHOU}”的结束日期，计划照常运行到 2026 年年底。`);
    expect(planRow(e2e, 1).endsOn).toBeNull();
    expect((await admin.send('/plans')).text).toContain(`#1 ${FUZHOU}（2026）— 进行中：18 项任务`);
  });

  it('in English, and only for admins', async () => {
    const e2e = await startE2E({ now: sh('2026-06-20T10:00'), seededAt: sh('2026-01-01T08:00') });
    e2e.db.update(people).set({ language: 'en' }).where(eq(people.telegramId, ADMIN)).run();
    const admin = e2e.as(ADMIN);
    expect((await admin.send('/plans end 1 June')).text).toBe(
      '"June" is not a date. Write it as YYYY-MM-DD, e.g. 2026-06-30; to clear the end, write none.',
    );
    expect((await admin.send('/plans end 1 2025-06-30')).text).toBe(
      "2025-06-30 is before the plan's year 2026 begins: the plan would have no period at all. Give a day on or after 1 January 2026.",
    );
    const ask = await admin.send('/plans end 1 2026-09-30');
    expect(ask.text).toMatch(/^Make 2026-09-30 the last day of #1 "/);
    expect((await admin.press(ask, '✅ Set the end')).message.text).toBe(`#1 "${FUZHOU}" now ends on 2026-09-30.`);
    expect((await admin.send('/plans')).text).toContain(`#1 ${FUZHOU} (2026) — live (ends 2026-09-30): 18 tasks`);
    expect((await e2e.as(LIAISON).send('/plans end 1 2026-09-30')).text).not.toContain('2026-09-30');
    expect(planRow(e2e, 1).endsOn).toBe('2026-09-30');
  });
});

describe('next year’s plan imported in December', () => {
  it('the old plan keeps its December overdue notices and circular, then the tick archives it', async () => {
    const e2e = await startE2E({ now: sh('2026-12-21T10:00'), shareClock: true, seededAt: sh('2026-01-01T08:00') });
    e2e.db.update(plans).set({ leadGroupChatId: DEMO_GROUP.id }).where(eq(plans.id, 1)).run();
    const scheduler = e2e.scheduler();
    await scheduler.tick();

    // The 2027 plan is imported and replaces 2026's.
    const preview = await readPlan('福州市不动产登记和交易中心任务分解表.xlsx', await fuzhouWorkbook(), { year: 2027 });
    preview.title = FUZHOU.replace('2026', '2027');
    preview.year = 2027;
    const { planId: next } = commitPlan(e2e.db, preview, { actor, now: e2e.clock.now() });
    expect(rollOverPlan(e2e.db, { fromPlanId: 1, toPlanId: next }, { actor, now: e2e.clock.now() })).toMatchObject({
      archived: 'when-done',
      leadsCarried: 1,
      groupCarried: true,
    });
    expect((await e2e.as(ADMIN).send('/plans')).text).toContain(
      `#1 ${FUZHOU}（2026）— 进行中（已由新计划接替，将于最后的提醒和通报发出后归档）：`,
    );

    // January: the overdue notices of items due on 31 December, and December's circular drafted.
    e2e.clock.set(sh('2027-01-04T10:00'));
    await scheduler.tick();
    const overdue = e2e
      .as(LIAISON)
      .transcript()
      .filter((m) => m.text?.startsWith('❗') && m.text.includes('12月31日'));
    expect(overdue.length).toBeGreaterThan(0);
    expect(planRow(e2e, 1)).toMatchObject({ archivedAt: null });
    expect((await e2e.as(ADMIN).send('/plans')).text).toContain(
      `#1 ${FUZHOU}（2026）— 已结束（已由新计划接替，将于最后的提醒和通报发出后归档）：`,
    );
    const draft = e2e
      .as(ADMIN)
      .transcript()
      .find((m) => m.text?.includes('2026年12月报送情况通报'));
    expect(draft).toBeDefined();
    await scheduler.tick();
    expect(planRow(e2e, 1).archivedAt).toBeNull();

    // Published: it goes to the lead (still leading the old plan) and the leading group; then the plan is archived.
    expect((await e2e.as(ADMIN).pressForReply(draft!, '📢 发布')).text).toBe('✅ 已发布，已发送给各分管领导；该期报送不再接受修改。');
    e2e.clock.set(sh('2027-01-04T10:05'));
    await scheduler.tick();
    expect(
      e2e
        .as(LEAD)
        .transcript()
        .filter((m) => m.text?.startsWith('📢') && m.text.includes('2026年12月')),
    ).toHaveLength(1);
    expect(
      e2e
        .as(LEAD, DEMO_GROUP.id)
        .transcript()
        .filter((m) => m.text?.startsWith('📢') && m.text.includes('2026年12月')),
    ).toHaveLength(1);
    expect(planRow(e2e, 1)).toMatchObject({ archivedAt: sh('2027-01-04T10:05'), archiveWhenDone: null, leadGroupChatId: null });
    expect(planRow(e2e, next)).toMatchObject({ archivedAt: null, leadGroupChatId: DEMO_GROUP.id });
    const lead = e2e.db.select({ id: people.id }).from(people).where(eq(people.telegramId, LEAD)).get()!.id;
    expect(
      e2e.db
        .select({ planId: roles.planId })
        .from(roles)
        .where(and(eq(roles.personId, lead), isNull(roles.revokedAt)))
        .all(),
    ).toEqual([{ planId: next }]);
    expect(
      e2e.db
        .select({ actorLabel: auditLog.actorLabel, subject: auditLog.subject })
        .from(auditLog)
        .where(eq(auditLog.action, 'plan.archive'))
        .all(),
    ).toEqual([{ actorLabel: 'system', subject: 'plan:1' }]);
    expect((await e2e.as(ADMIN).send('/plans')).text).toContain(`#1 ${FUZHOU}（2026）— 已归档：`);
  });
});
