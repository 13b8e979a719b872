import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { ADMIN, LEAD, LIAISON, startE2E } from '../../support/e2e';
import { outbox, people, reports, requirements, roles, tasks, units } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import { weeklySummaryMoment } from '../../../schedules/weekly';
import { createCalendar } from '../../../schedules/calendar';

const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
type E2E = Awaited<ReturnType<typeof startE2E>>;

function report(
  e2e: E2E,
  unit: string,
  task: string,
  index: number,
  period: string,
  at: string,
  late: boolean,
  count: number | null = null,
) {
  const requirement = e2e.db
    .select({ id: requirements.id })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.number, task), eq(requirements.index, index)))
    .get()!;
  const unitId = e2e.db.select().from(units).where(eq(units.name, unit)).get()!.id;
  e2e.db
    .insert(reports)
    .values({ requirementId: requirement.id, unitId, period, status: 'done', count, reportedAt: sh(at), late })
    .run();
}

describe('summaries for leads', () => {
  it('one unit in detail: on time, late (not done), missing, overdue since when, quotas behind pace', async () => {
    // Thursday 12 March 2026: the 10 March period has closed.
    const e2e = await startE2E({ now: sh('2026-03-12T10:00'), seededAt: sh('2026-01-01T08:00') });
    report(e2e, '办公室', '10', 1, '2026-03', '2026-03-09T15:00', false, 3);
    report(e2e, '办公室', '11', 1, '2026-03', '2026-03-11T09:00', true, null);
    const text = (await e2e.as(ADMIN).send('/unit 办公室')).text!;
    expect(text.split('\n')).toEqual([
      '📊 督办进度汇总（2026年3月12日（周四））',
      '范围：办公室',
      '',
      '各单位最近一期报送（按时 / 逾期 / 未报）：',
      // 办公室 is also one of 各业务处室 (tasks 14, 16) and 中心各处室 (3, 4, 17).
      '办公室：按时 1，逾期 1，未报 11',
      '',
      '❗ 逾期未报（11）：',
      '• 办公室 14① 容缺受理类承诺公示，2月20日（周五） 截止，已逾期 20 天',
      '• 办公室 3① 完成日常工作，3月10日（周二） 截止，已逾期 2 天',
      '• 办公室 3② 完成日常工作，3月10日（周二） 截止，已逾期 2 天',
      '• 办公室 3③ 完成日常工作，3月10日（周二） 截止，已逾期 2 天',
      '• 办公室 3④ 完成日常工作，3月10日（周二） 截止，已逾期 2 天',
      '• 办公室 3⑤ 完成日常工作，3月10日（周二） 截止，已逾期 2 天',
      '• 办公室 4① 落实月报制度，3月10日（周二） 截止，已逾期 2 天',
      '• 办公室 10② 查询应用信用信息，3月10日（周二） 截止，已逾期 2 天',
      '• 办公室 16① 实施联合奖惩措施，3月10日（周二） 截止，已逾期 2 天',
      '• 办公室 17① 实施"茉莉分"应用的相关执行措施，3月10日（周二） 截止，已逾期 2 天',
      '• 办公室 17② 实施"茉莉分"应用的相关执行措施，3月10日（周二） 截止，已逾期 2 天',
      '',
      '⚠️ 量化目标落后于进度（1）：',
      '• 办公室 11① 信用服务市场培育发展：目标 6例，此时应完成约 1，实际 0',
    ]);
  });

  it('does not count as missing what fell due before the plan was imported', async () => {
    // Imported on 12 March at 10:00: the 10 March period was never asked of anyone.
    const e2e = await startE2E({ now: sh('2026-03-12T10:00') });
    const text = (await e2e.as(ADMIN).send('/unit 办公室')).text!;
    expect(text).toContain('办公室：按时 0，逾期 0，未报 0');
    expect(text).toContain('没有逾期未报的任务。');
    expect((await e2e.as(LEAD).send('/yearly')).text).toContain('办公室：按时 0 期，逾期 0 期，未报 0 期');
  });

  it('a lead of one unit sees only that unit; a liaison sees no summary', async () => {
    const e2e = await startE2E({ now: sh('2026-03-12T10:00'), seededAt: sh('2026-01-01T08:00') });
    // 刘洋 leads the whole plan; make a second lead for 办公室 alone.
    const office = e2e.db.select().from(units).where(eq(units.name, '办公室')).get()!;
    const chen = e2e.db.select().from(people).where(eq(people.telegramId, 2002)).get()!;
    e2e.db.insert(roles).values({ personId: chen.id, role: 'lead', unitId: office.id }).run();
    const summary = (await e2e.as(2002).send('/summary')).text!;
    await e2e.settled(); // its charts follow the text
    expect(summary).toContain('Scope: 办公室\n');
    expect(summary).toContain('办公室: on time 0, late 0, missing 13');
    expect(summary).toContain('…and 1 more');
    expect(summary).not.toContain('政策法规处');
    expect((await e2e.as(2002).send('/unit 政策法规处')).text).toBe('There is no unit "政策法规处" in your scope.');
    expect((await e2e.as(LIAISON).send('/summary')).text).toBe('只有分管领导和管理员可以查看汇总。');
    // /summary comes with the completion chart, and the quota chart when a quota is behind.
    const text = await e2e.as(LEAD).send('/summary');
    const chart = await e2e.emulator.waitForBotMessage(LEAD, (m) => m.photo !== undefined, { since: text.message_id, timeoutMs: 15_000 });
    const png = Buffer.from(e2e.emulator.file(chart.photo!.at(-1)!.file_id)!.data);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1600);
    await e2e.settled();
    const all = (await e2e.as(LEAD).send('/overdue')).text!;
    expect(all).toMatch(
      /^📊 督办进度汇总（2026年3月12日（周四））\n范围：福州市不动产登记和交易中心2026年社会信用体系建设任务分解表\n\n❗ 逾期未报（\d+）：/,
    );
    expect(all).not.toContain('各单位最近一期报送');
  });

  it('goes to each lead weekly: Monday 09:00, or the next working day in a holiday week, once', async () => {
    const calendar = createCalendar();
    const at = (iso: string) =>
      weeklySummaryMoment(DateTime.fromISO(iso, { zone: PLAN_ZONE }), calendar)?.toISO({ suppressMilliseconds: true });
    expect(at('2026-03-12T10:00')).toBe('2026-03-09T09:00:00+08:00');
    // National Day week: 1–7 October off; the first working day of the week of 5 October is Thursday the 8th.
    expect(at('2026-10-06T10:00')).toBe('2026-10-08T09:00:00+08:00');
    // Spring Festival: 15–23 February; the week of 16 February has no working day at all.
    expect(at('2026-02-18T10:00')).toBeUndefined();

    const e2e = await startE2E({ now: sh('2026-10-05T08:00'), shareClock: true });
    const scheduler = e2e.scheduler();
    await scheduler.tick();
    e2e.clock.set(sh('2026-10-05T09:30'));
    await scheduler.tick();
    expect(e2e.db.select().from(outbox).where(eq(outbox.kind, 'weekly-summary')).all()).toEqual([]);
    e2e.clock.set(sh('2026-10-08T09:00'));
    await scheduler.tick();
    e2e.clock.set(sh('2026-10-09T09:00'));
    await scheduler.tick();
    const sent = e2e
      .as(LEAD)
      .transcript()
      .filter((m) => m.text?.startsWith('📊'));
    expect(sent.map((m) => m.text!.split('\n')[0])).toEqual(['📊 督办进度汇总（2026年10月8日（周四））']);
  });
});
