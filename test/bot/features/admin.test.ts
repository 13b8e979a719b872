import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ADMIN, LIAISON, LIAISON_EN, startE2E } from '../../support/e2e';
import { markUnreachable } from '../../../schedules/reachability';

const OFFICE = 2003; // 张伟, liaison of 办公室
const FUZHOU = '福州市不动产登记和交易中心2026年社会信用体系建设任务分解表';
import { auditLog, calendarOverrides, deadlineRules, people, plans, requirements, tasks } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';

describe('admin commands', () => {
  it('/units shows who has joined and who has not, and of which plan', async () => {
    const e2e = await startE2E();
    expect((await e2e.as(ADMIN).send('/units')).text).toBe(
      '单位与联络员（共 7 个单位）：\n• 政策法规处：李娜\n• 信息管理处：Gang Chen\n• 新建商品房登记处：⚠️ 尚无联络员\n• 办公室：张伟\n• 测绘技术处：⚠️ 尚无联络员\n• 抵押登记处：⚠️ 尚无联络员\n• 人力资源处：⚠️ 尚无联络员\n计划：' +
        FUZHOU,
    );
    expect((await e2e.as(ADMIN).send('/leads')).text).toBe(
      '分管领导：\n• 刘洋：福州市不动产登记和交易中心2026年社会信用体系建设任务分解表',
    );
  });

  it('/units says why a liaison cannot be reached: a block, a deleted account, a chat Telegram does not find', async () => {
    const e2e = await startE2E();
    const mark = (telegramId: number, detail: string) => {
      const person = e2e.db.select({ id: people.id }).from(people).where(eq(people.telegramId, telegramId)).get()!;
      markUnreachable(e2e.db, person.id, e2e.clock.now(), { via: '403', detail });
    };
    mark(LIAISON, 'Forbidden: bot was blocked by the user');
    mark(LIAISON_EN, 'Forbidden: user is deactivated');
    mark(OFFICE, 'Bad Request: chat not found');
    expect((await e2e.as(ADMIN).send('/units')).text).toBe(
      '单位与联络员（共 7 个单位）：\n• 政策法规处：李娜（已屏蔽督办）\n• 信息管理处：Gang Chen（Telegram 账号已注销）\n• 新建商品房登记处：⚠️ 尚无联络员\n• 办公室：张伟（Telegram 找不到与其的对话，请其发送 /start）\n• 测绘技术处：⚠️ 尚无联络员\n• 抵押登记处：⚠️ 尚无联络员\n• 人力资源处：⚠️ 尚无联络员\n计划：' +
        FUZHOU,
    );
  });

  it('/deadline lists what could not be read and fixes it; a re-import keeps the fix', async () => {
    const e2e = await startE2E();
    expect((await e2e.as(ADMIN).send('/deadline')).text).toBe(
      `“${FUZHOU}”中以下要求的截止时间未能识别：\n• 18② 诚信宣传活动（18-2）“10日片子”\n用法：/deadline 任务号-要求号 截止时间，例如 /deadline 18-2 12月底前。`,
    );
    expect((await e2e.as(ADMIN).send('/deadline 18-2 十日片子')).text).toBe(
      '仍然无法识别“十日片子”，请换一种写法，例如 每月10日前、12月底前、七个工作日内。',
    );
    expect((await e2e.as(ADMIN).send('/deadline 99-1 12月底前')).text).toBe(`“${FUZHOU}”中没有找到要求 99-1。`);
    expect((await e2e.as(ADMIN).send('/deadline 18-2 12月底前')).text).toBe(
      `已将“${FUZHOU}”中 18② 的截止时间改为“12月底前”（2026年12月最后一天）。以后重新导入也会保留这一修改。`,
    );
    const rule = e2e.db
      .select({ text: deadlineRules.text, origin: deadlineRules.origin, problems: requirements.problems })
      .from(deadlineRules)
      .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .where(and(eq(tasks.number, '18'), eq(requirements.index, 2)))
      .get();
    expect(rule).toEqual({ text: '12月底前', origin: 'admin', problems: [] });
    expect((await e2e.as(ADMIN).send('/deadline')).text).toBe(`“${FUZHOU}”所有要求的截止时间都已识别。`);
    expect(e2e.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.action, 'deadline.set')).all()).toHaveLength(1);
  });

  it('/policy shows and changes the reminder rules and the monthly report day', async () => {
    const e2e = await startE2E();
    const shown = await e2e.as(ADMIN).send('/policy');
    expect(shown.text).toContain(
      '截止前 3、1 个工作日提醒；截止当天提醒；逾期次日提醒；\n工作时间 09:00–18:00；持续性任务每月 10 日前报送。',
    );
    const changed = await e2e.as(ADMIN).send('/policy before 5,2');
    expect(changed.text).toMatch(/^已更新提醒规则。\n提醒规则（.*）：\n截止前 5、2 个工作日提醒/);
    expect((await e2e.as(ADMIN).send('/policy hours 18:00-09:00')).text).toBe(
      '无法理解“hours 18:00-09:00”。工作时间的开始（18:00）须早于结束（09:00）。',
    );
    await e2e.as(ADMIN).send('/policy day 15');
    expect(e2e.db.select({ day: plans.monthlyReportDay, policy: plans.reminderPolicy }).from(plans).get()).toMatchObject({
      day: 15,
      policy: { beforeWorkingDays: [5, 2] },
    });
  });

  it('/calendar checks a year and loads an official notice for one', async () => {
    const e2e = await startE2E();
    expect((await e2e.as(ADMIN).send('/calendar 2026')).text).toBe('2026 年节假日数据：来自 chinese-days 数据包。');
    expect((await e2e.as(ADMIN).send('/calendar 2027')).text).toBe(
      '2027 年节假日数据：⚠️ 没有数据，按普通周末安排（不含法定节假日和调休）。',
    );
    const loaded = await e2e
      .as(ADMIN)
      .send('/calendar 2027\n元旦：1月1日至3日放假调休，共3天。\n春节：2月6日至12日放假，共7天。2月14日（星期日）上班。');
    expect(loaded.text).toBe('已加载 2027 年节假日安排：放假 10 天，调休上班 1 天。');
    expect((await e2e.as(ADMIN).send('/calendar 2027')).text).toBe('2027 年节假日数据：管理员加载的国务院通知。');
    expect(e2e.db.select({ year: calendarOverrides.year }).from(calendarOverrides).all()).toEqual([{ year: 2027 }]);
    const refused = await e2e.as(ADMIN).send('/calendar 2027\n春节：2月30日至2月31日放假');
    expect(refused.text).toMatch(/^无法加载 2027 年的安排：\n• 第 1 行：/);
    expect(DateTime.fromJSDate(e2e.clock.now(), { zone: PLAN_ZONE }).year).toBe(2026);
  });
});
