/**
 * Several plans at once (issue 12): the admin commands that concern a plan act on the one
 * chosen — `#N`, the only live plan, or a picker — and say which; /plans archives and restores.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { and, eq, like } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, LIAISON, buttons, startE2E } from '../../support/e2e';
import { auditLog, invites, outbox, people, planUnits, plans, requirements, roles, tasks } from '../../../db/schema';
import { readPlan } from '../../../plans/import';
import { commitPlan } from '../../../plans/commit';
import { DEMO_GROUP } from '../../../sandbox/demo/seed';
import { PLAN_ZONE } from '../../../plans/due-dates';
import type { TranscriptEntry } from '../../../sandbox/emulator';

const FUZHOU = '福州市不动产登记和交易中心2026年社会信用体系建设任务分解表';
const XIAMEN = '厦门市社会信用体系建设2022年工作要点';
const FUZHOU_UNITS = ['政策法规处', '信息管理处', '新建商品房登记处', '办公室', '测绘技术处', '抵押登记处', '人力资源处'];

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

type E2E = Awaited<ReturnType<typeof startE2E>>;

/** Imports the Xiamen work points beside the demo's Fuzhou plan (as /import's confirm does). */
async function importXiamen(e2e: E2E): Promise<number> {
  const text = readFileSync(new URL('../../fixtures/xiamen-2022-work-points.txt', import.meta.url));
  const preview = await readPlan('xiamen-2022-work-points.txt', new Uint8Array(text));
  return commitPlan(e2e.db, preview, { actor: { personId: null, label: 'test' }, now: e2e.clock.now() }).planId;
}

/** The picker's button for a plan, by the start of its title. */
function button(picker: TranscriptEntry, start: string): string {
  const found = buttons(picker)
    .flat()
    .find((label) => label.startsWith(start));
  if (!found) throw new Error(`no button starting ${start} in ${JSON.stringify(buttons(picker))}`);
  return found;
}

const planRow = (e2e: E2E, id: number) => e2e.db.select().from(plans).where(eq(plans.id, id)).get()!;

describe('admin commands with several plans', () => {
  it("/units asks which plan, lists that plan's units, and names it; #N chooses directly", async () => {
    const e2e = await startE2E();
    const xiamen = await importXiamen(e2e);
    const picker = await e2e.as(ADMIN).send('/units');
    expect(picker.text).toBe('现有 2 个进行中的计划，请选择要操作的计划：\n/units');
    expect(picker.reply_to_message_id).toBeDefined();
    const rows = buttons(picker);
    expect(rows).toHaveLength(3);
    expect(rows[0]![0]).toMatch(/^福州市不动产登记和交易中心2026年社会信用体系…（2026）$/);
    expect(rows[1]![0]).toBe(`${XIAMEN}（2022）`);
    expect(rows[2]).toEqual(['取消']);

    const listed = await e2e.as(ADMIN).pressForReply(picker, button(picker, '福州'));
    expect(listed.text).toMatch(/^单位与联络员（共 7 个单位）：\n• 政策法规处：李娜\n/);
    for (const unit of FUZHOU_UNITS) expect(listed.text).toContain(`• ${unit}：`);
    expect(listed.text!.split('\n').at(-1)).toBe(`计划：${FUZHOU}`);
    // The picker now says what was chosen, without buttons.
    const chosen = e2e
      .as(ADMIN)
      .transcript()
      .find((m) => m.message_id === picker.message_id)!;
    expect(chosen.text).toBe(`计划：${FUZHOU}\n/units`);
    expect(buttons(chosen)).toEqual([]);

    const direct = await e2e.as(ADMIN).send(`/units #${xiamen}`);
    expect(direct.text!.split('\n').at(-1)).toBe(`计划：${XIAMEN}`);
    const xiamenUnits = e2e.db.select().from(planUnits).where(eq(planUnits.planId, xiamen)).all().length;
    expect(direct.text).toMatch(new RegExp(`^单位与联络员（共 ${xiamenUnits} 个单位）`));
    expect(direct.text).not.toContain('政策法规处');
    expect((await e2e.as(ADMIN).send('/units 1')).text).toContain('• 抵押登记处：');
    expect((await e2e.as(ADMIN).send('/units #99')).text).toBe('没有编号为 #99 的计划。发送 /plans 查看全部计划及其编号。');

    // Cancel leaves everything as it was.
    const again = await e2e.as(ADMIN).send('/units');
    const { message } = await e2e.as(ADMIN).press(again, '取消');
    expect(message.text).toBe('已取消，未作任何更改。');
  });

  it('/deadline finds Fuzhou 18② unread when Fuzhou is chosen, and fixes it there', async () => {
    const e2e = await startE2E();
    const xiamen = await importXiamen(e2e);
    const picker = await e2e.as(ADMIN).send('/deadline');
    const listed = await e2e.as(ADMIN).pressForReply(picker, button(picker, '福州'));
    expect(listed.text).toMatch(new RegExp(`^“${FUZHOU}”中以下要求的截止时间未能识别：\n• 18② 诚信宣传活动（18-2）“10日片子”`));
    // The fix names the plan too; the picker carries the command's words.
    const fix = await e2e.as(ADMIN).send('/deadline 18-2 12月底前');
    expect(fix.text).toBe('现有 2 个进行中的计划，请选择要操作的计划：\n/deadline 18-2 12月底前');
    expect((await e2e.as(ADMIN).pressForReply(fix, button(fix, '福州'))).text).toBe(
      `已将“${FUZHOU}”中 18② 的截止时间改为“12月底前”（2026年12月最后一天）。以后重新导入也会保留这一修改。`,
    );
    expect((await e2e.as(ADMIN).send('/deadline #1')).text).toBe(`“${FUZHOU}”所有要求的截止时间都已识别。`);
    expect((await e2e.as(ADMIN).send(`/deadline #${xiamen} 18-2 12月底前`)).text).toBe(`“${XIAMEN}”中没有找到要求 18-2。`);
  });

  it('/policy changes only the chosen plan', async () => {
    const e2e = await startE2E();
    const xiamen = await importXiamen(e2e);
    const picker = await e2e.as(ADMIN).send('/policy before 5,1');
    const changed = await e2e.as(ADMIN).pressForReply(picker, button(picker, '福州'));
    expect(changed.text).toMatch(new RegExp(`^已更新提醒规则。\n提醒规则（${FUZHOU}）：\n截止前 5、1 个工作日提醒`));
    expect(planRow(e2e, 1).reminderPolicy).toMatchObject({ beforeWorkingDays: [5, 1] });
    expect(planRow(e2e, xiamen).reminderPolicy).toBeNull();

    expect((await e2e.as(ADMIN).send(`/policy #${xiamen} day 15`)).text).toMatch(new RegExp(`^已更新提醒规则。\n提醒规则（${XIAMEN}）：`));
    expect(planRow(e2e, xiamen).monthlyReportDay).toBe(15);
    expect(planRow(e2e, 1).monthlyReportDay).toBeNull();
    const audits = e2e.db.select({ subject: auditLog.subject }).from(auditLog).where(eq(auditLog.action, 'policy.set')).all();
    expect(audits).toEqual([{ subject: 'plan:1' }, { subject: `plan:${xiamen}` }]);
  });

  it("/group in the group: the picker is the asking admin's alone, and binds the chosen plan", async () => {
    const e2e = await startE2E();
    const xiamen = await importXiamen(e2e);
    const group = (id: number) => e2e.as(id, DEMO_GROUP.id);
    const picker = await group(ADMIN).send('/group');
    expect(picker.text).toBe('现有 2 个进行中的计划，请选择要操作的计划：\n/group');
    // Someone else in the group (no admin) cannot choose for the admin.
    const refused = await group(LEAD).pressForAnswer(picker, { text: button(picker, '厦门') });
    expect(refused).toMatchObject({ text: '只有发出这个命令的管理员可以选择。如需操作，请自己发送命令。', showAlert: true });
    expect(planRow(e2e, xiamen).leadGroupChatId).toBeNull();

    const bound = await group(ADMIN).pressForReply(picker, button(picker, '厦门'));
    expect(bound.text).toBe(`已将本群设为“${XIAMEN}”的领导小组群：每周汇总和月度通报会发到这里。`);
    expect(planRow(e2e, xiamen).leadGroupChatId).toBe(DEMO_GROUP.id);
    expect(planRow(e2e, 1).leadGroupChatId).toBeNull();
    expect((await group(ADMIN).send('/group #1')).text).toBe(`已将本群设为“${FUZHOU}”的领导小组群：每周汇总和月度通报会发到这里。`);
    expect(planRow(e2e, 1).leadGroupChatId).toBe(DEMO_GROUP.id);
  });

  it('/invite 领导 asks which plan the lead leads; /leads says which', async () => {
    const e2e = await startE2E();
    const xiamen = await importXiamen(e2e);
    const picker = await e2e.as(ADMIN).send('/invite 领导');
    expect(picker.text).toBe('现有 2 个进行中的计划，请选择要操作的计划：\n/invite 领导');
    const created = await e2e.as(ADMIN).pressForReply(picker, button(picker, '厦门'));
    expect(created.text).toMatch(new RegExp(`^邀请链接（分管领导，${XIAMEN}），7 天内有效`));
    expect((await e2e.as(ADMIN).send('/invite 领导 #1')).text).toMatch(new RegExp(`^邀请链接（分管领导，${FUZHOU}），`));
    expect(e2e.db.select({ planId: invites.planId }).from(invites).all()).toEqual([{ planId: xiamen }, { planId: 1 }]);
    // A lead of a unit is still by the unit's name.
    expect((await e2e.as(ADMIN).send('/invite 领导 办公室')).text).toMatch(/^邀请链接（分管领导，办公室），/);
    expect((await e2e.as(ADMIN).send('/leads')).text).toBe(`分管领导：\n• 刘洋：${FUZHOU}`);
  });

  it('a press is checked again: after the presser lost the admin role, and for a plan archived since', async () => {
    const e2e = await startE2E();
    const xiamen = await importXiamen(e2e);
    // 刘洋 is made an admin, asks, and is no admin any more when pressing.
    const lead = e2e.db.select().from(people).where(eq(people.telegramId, LEAD)).get()!;
    const granted = e2e.db.insert(roles).values({ personId: lead.id, role: 'admin' }).returning().get();
    const picker = await e2e.as(LEAD).send('/units');
    expect(buttons(picker)).toHaveLength(3);
    e2e.db.update(roles).set({ revokedAt: e2e.clock.now() }).where(eq(roles.id, granted.id)).run();
    const refused = await e2e.as(LEAD).pressForAnswer(picker, { text: button(picker, '福州') });
    expect(refused).toMatchObject({ text: '您没有使用这个命令的权限。', showAlert: true });

    // An admin's picker, then the plan is archived: its old button says so and the picker keeps the live ones.
    const old = await e2e.as(ADMIN).send('/policy');
    const ask = await e2e.as(ADMIN).send(`/plans archive ${xiamen}`);
    await e2e.as(ADMIN).press(ask, '✅ 确认归档');
    const { answer, message } = await e2e.as(ADMIN).press(old, button(old, '厦门'));
    expect(answer).toMatchObject({ text: `“${XIAMEN}”已归档，不再进行中。请选择其他计划。`, showAlert: true });
    expect(buttons(message)).toEqual([[button(old, '福州')], ['取消']]);
    expect(planRow(e2e, xiamen).reminderPolicy).toBeNull();
    // And #N of an archived plan is refused with the way back.
    expect((await e2e.as(ADMIN).send(`/policy #${xiamen} before 2`)).text).toBe(
      `#${xiamen}“${XIAMEN}”已归档。如需操作，请先用 /plans restore ${xiamen} 恢复。`,
    );
  });

  it('pages the picker when more than 8 plans are live', async () => {
    const e2e = await startE2E();
    const now = e2e.clock.now();
    for (let i = 1; i <= 9; i++)
      e2e.db
        .insert(plans)
        .values({ key: `p${i}`, title: `计划${i}`, year: 2030 + i, sourceName: 'x', createdAt: now, updatedAt: now })
        .run();
    const picker = await e2e.as(ADMIN).send('/units');
    expect(picker.text).toBe('现有 10 个进行中的计划（第 1/2 页），请选择要操作的计划：\n/units');
    expect(buttons(picker).slice(-2)).toEqual([['下一页 ▶'], ['取消']]);
    const { message } = await e2e.as(ADMIN).press(picker, '下一页 ▶');
    expect(buttons(message)).toEqual([['计划8（2038）'], ['计划9（2039）'], ['◀ 上一页'], ['取消']]);
    const listed = await e2e.as(ADMIN).pressForReply(message, '计划9（2039）');
    expect(listed.text).toBe('单位与联络员（共 0 个单位）：\n计划：计划9（2039）');
  });
});

describe('/plans', () => {
  it('lists every plan with its number, state and size; archives and restores after a confirmation, audited', async () => {
    const e2e = await startE2E();
    const xiamen = await importXiamen(e2e);
    const list = await e2e.as(ADMIN).send('/plans');
    const lines = list.text!.split('\n');
    expect(lines.slice(0, 2)).toEqual(['已导入的计划：', `#1 ${FUZHOU}（2026）— 进行中：18 项任务，35 条要求，7 个单位，3 名联络员`]);
    // 2022's plan is live but its last day (31 December 2022) has passed.
    expect(lines[2]).toMatch(new RegExp(`^#${xiamen} ${XIAMEN}（2022）— 已结束：36 项任务，\\d+ 条要求，\\d+ 个单位，0 名联络员$`));
    expect(list.text).toContain('/plans archive 编号');

    const ask = await e2e.as(ADMIN).send('/plans archive 1');
    expect(ask.text).toMatch(new RegExp(`^归档 #1“${FUZHOU}”？\n`));
    expect(buttons(ask)).toEqual([['✅ 确认归档', '取消']]);
    expect(planRow(e2e, 1).archivedAt).toBeNull();
    const { message } = await e2e.as(ADMIN).press(ask, '✅ 确认归档');
    expect(message.text).toBe(`已归档 #1“${FUZHOU}”。不再发送它的提醒；用 /plans restore 1 可以恢复。`);
    expect(planRow(e2e, 1).archivedAt).not.toBeNull();
    expect((await e2e.as(ADMIN).send('/plans')).text).toContain(`#1 ${FUZHOU}（2026）— 已归档：`);
    // Only Xiamen is live: the commands act on it without asking.
    expect((await e2e.as(ADMIN).send('/units')).text!.split('\n').at(-1)).toBe(`计划：${XIAMEN}`);
    expect((await e2e.as(ADMIN).send('/plans archive 1')).text).toBe(`#1“${FUZHOU}”已经归档了。`);
    // Its lead is shown as the lead of an archived plan.
    expect((await e2e.as(ADMIN).send('/leads')).text).toBe(`分管领导：\n• 刘洋：${FUZHOU}（已归档）`);

    const restore = await e2e.as(ADMIN).send('/plans restore #1');
    expect(buttons(restore)).toEqual([['✅ 确认恢复', '取消']]);
    expect((await e2e.as(ADMIN).press(restore, '✅ 确认恢复')).message.text).toBe(`已恢复 #1“${FUZHOU}”，提醒照常发送。`);
    expect(planRow(e2e, 1).archivedAt).toBeNull();
    expect((await e2e.as(ADMIN).send('/units')).text).toMatch(/^现有 2 个进行中的计划/);
    expect(
      e2e.db
        .select({ action: auditLog.action, subject: auditLog.subject })
        .from(auditLog)
        .where(and(eq(auditLog.subject, 'plan:1'), like(auditLog.action, 'plan.%e')))
        .all(),
    ).toEqual([
      { action: 'plan.archive', subject: 'plan:1' },
      { action: 'plan.restore', subject: 'plan:1' },
    ]);

    // Cancel, and a non-admin's try.
    const cancelled = await e2e.as(ADMIN).send(`/plans archive ${xiamen}`);
    expect((await e2e.as(ADMIN).press(cancelled, '取消')).message.text).toBe('已取消，未作任何更改。');
    expect(planRow(e2e, xiamen).archivedAt).toBeNull();
    expect((await e2e.as(LIAISON).send('/plans archive 1')).text).toBe('您没有使用这个命令的权限。');
    expect((await e2e.as(ADMIN).send('/plans restore 1')).text).toBe(`#1“${FUZHOU}”没有归档，无需恢复。`);
    expect((await e2e.as(ADMIN).send('/plans archive 42')).text).toBe('没有编号为 #42 的计划。发送 /plans 查看全部计划及其编号。');
  });

  it("archiving skips the plan's reminders already waiting to go out; restoring puts them back", async () => {
    const e2e = await startE2E();
    const xiamen = await importXiamen(e2e);
    const liaison = e2e.db.select().from(people).where(eq(people.telegramId, LIAISON)).get()!;
    const requirementOf = (planId: number) =>
      e2e.db
        .select({ id: requirements.id })
        .from(requirements)
        .innerJoin(tasks, eq(tasks.id, requirements.taskId))
        .where(eq(tasks.planId, planId))
        .get()!.id;
    const now = e2e.clock.now();
    const waiting = (key: string, requirementId: number) =>
      e2e.db
        .insert(outbox)
        .values({
          key,
          personId: liaison.id,
          chatId: liaison.chatId,
          requirementId,
          kind: 'before-1',
          period: '2026-03',
          sendAfter: new Date(now.getTime() + 3600_000),
          payload: {},
          createdAt: now,
          updatedAt: now,
        })
        .run();
    waiting('fuzhou', requirementOf(1));
    waiting('xiamen', requirementOf(xiamen));
    const status = () =>
      e2e.db.select({ key: outbox.key, status: outbox.status, lastError: outbox.lastError }).from(outbox).orderBy(outbox.key).all();

    await e2e.as(ADMIN).press(await e2e.as(ADMIN).send('/plans archive 1'), '✅ 确认归档');
    expect(status()).toEqual([
      { key: 'fuzhou', status: 'skipped', lastError: 'plan archived' },
      { key: 'xiamen', status: 'pending', lastError: null },
    ]);
    await e2e.as(ADMIN).press(await e2e.as(ADMIN).send('/plans restore 1'), '✅ 确认恢复');
    expect(status()).toEqual([
      { key: 'fuzhou', status: 'pending', lastError: null },
      { key: 'xiamen', status: 'pending', lastError: null },
    ]);
  });

  it('an archived plan gets no reminders; restored, the still useful ones are sent', async () => {
    const e2e = await startE2E({ now: sh('2026-03-02T08:00'), shareClock: true });
    const scheduler = e2e.scheduler();
    await scheduler.tick(); // the first tick plans nothing: it marks where planning starts
    const reminders = () =>
      e2e
        .as(LIAISON)
        .transcript()
        .filter((m) => m.from.kind === 'bot' && /3月10日/.test(m.text ?? ''));

    const ask = await e2e.as(ADMIN).send('/plans archive 1');
    await e2e.as(ADMIN).press(ask, '✅ 确认归档');
    // 3 working days before 10 March: Thursday 5 March, 09:00.
    e2e.clock.set(sh('2026-03-05T10:00'));
    await scheduler.tick();
    expect(reminders()).toEqual([]);
    expect(
      e2e.db
        .select()
        .from(outbox)
        .where(eq(outbox.personId, e2e.db.select().from(people).where(eq(people.telegramId, LIAISON)).get()!.id))
        .all(),
    ).toEqual([]);

    const restore = await e2e.as(ADMIN).send('/plans restore 1');
    await e2e.as(ADMIN).press(restore, '✅ 确认恢复');
    await scheduler.tick();
    // Planned as after downtime: the latest useful reminder of the period (in two messages of up to 10 items).
    expect(reminders().length).toBeGreaterThan(0);
    expect(reminders()[0]!.text).toMatch(/^⏰ 提醒：以下任务 3月10日（周二） 截止，还有 3 个工作日：/);
    const audited = e2e.db.select({ details: auditLog.details }).from(auditLog).where(eq(auditLog.action, 'plan.restore')).get()!
      .details as { remindersPlanned: number };
    expect(audited.remindersPlanned).toBeGreaterThan(0);
  });
});

describe("every message in the admin's language, what they typed escaped", () => {
  it('words /policy errors in Chinese and English, and shows the typed text as typed', async () => {
    const e2e = await startE2E();
    const admin = e2e.as(ADMIN);
    expect((await admin.send('/policy before 0')).text).toBe(
      '无法理解“before 0”。before 后面写提前提醒的工作日数（1 到 20，最多 5 个，用逗号分隔），例如 before 3,1。',
    );
    expect((await admin.send('/policy due maybe')).text).toBe('无法理解“due maybe”。due 后面写 on（开）或 off（关）。');
    expect((await admin.send('/policy hours 9-18')).text).toBe(
      '无法理解“hours 9-18”。hours 后面写工作时间 时:分-时:分，例如 hours 09:00-18:00。',
    );
    expect((await admin.send('/policy summary 8 09:00')).text).toBe(
      '无法理解“summary 8 09:00”。summary 后面写星期几（1 为周一……7 为周日）和时间 时:分，例如 summary 1 09:00。',
    );
    expect((await admin.send('/policy day 31')).text).toBe('无法理解“day 31”。day 后面写每月的第几日（1 到 28），例如 day 10。');
    expect((await admin.send('/policy <b>x</b> & y')).text).toBe(
      '无法理解“<b>x</b> & y”。可以修改的有：before、due、overdue、hours、day、summary。',
    );
    expect((await admin.send('/deadline <b>1-1</b> 12月底前')).text).toBe(`“${FUZHOU}”中没有找到要求 <b>1-1</b>。`);

    e2e.db.update(people).set({ language: 'en' }).where(eq(people.telegramId, ADMIN)).run();
    expect((await admin.send('/policy hours 18:00-09:00')).text).toBe(
      'Cannot understand "hours 18:00-09:00". the working hours must start (18:00) before they end (09:00).',
    );
    expect((await admin.send('/policy before x')).text).toMatch(/^Cannot understand "before x"\. after before, the working days/);
    expect((await admin.send('/calendar 2027\n春节：2月30日至2月31日放假')).text).toMatch(
      /^Cannot load the 2027 schedule:\n• line 1: there is no such day as "2月30日"/,
    );
    expect((await admin.send('/units')).text!.split('\n').at(-1)).toBe(`Plan: ${FUZHOU}`);
  });

  it('words /calendar errors in Chinese', async () => {
    const e2e = await startE2E();
    const refused = await e2e.as(ADMIN).send('/calendar 2027\n春节：2月30日至2月31日放假\n国庆节：10月8日至10月1日放假');
    expect(refused.text).toMatch(/^无法加载 2027 年的安排：\n• 第 1 行：没有“2月30日”这一天\n/);
    expect(refused.text).toContain('• 第 2 行：“10月8日至10月1日”的结束日期早于开始日期');
    expect(refused.text).not.toMatch(/[a-z]{4,}/);
  });
});
