import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { buttons, startE2E } from '../../support/e2e';
import { people, reports, requirements, tasks, units } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import { quotaPace } from '../../../schedules/quota-pace';

const OFFICE = 2003; // 张伟, 办公室
const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();

function seedReport(e2e: Awaited<ReturnType<typeof startE2E>>, task: string, period: string, count: number, at: Date) {
  const { db } = e2e;
  const requirement = db
    .select({ id: requirements.id })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.number, task), eq(requirements.index, 1)))
    .get()!;
  const unit = db.select().from(units).where(eq(units.name, '办公室')).get()!;
  const person = db.select().from(people).where(eq(people.telegramId, OFFICE)).get()!;
  db.insert(reports)
    .values({
      requirementId: requirement.id,
      unitId: unit.id,
      period,
      status: 'done',
      count,
      reportedBy: person.id,
      reportedAt: at,
      late: false,
      updatedAt: at,
    })
    .run();
}

describe('quota pace', () => {
  it('10 a year is about 5 by the end of June; 3 in mid-July is behind', () => {
    expect(quotaPace(10, 'year', 5, sh('2026-07-01T00:00'))).toMatchObject({ expected: 4, behind: false });
    expect(quotaPace(10, 'year', 3, sh('2026-07-15T12:00'))).toMatchObject({ expected: 5, behind: true });
    expect(quotaPace(1, 'month', 0, sh('2026-07-31T12:00'))).toMatchObject({ expected: 0, behind: false });
    expect(quotaPace(2, 'once', 0, sh('2026-12-30T12:00'))).toMatchObject({ expected: 0, behind: false });
  });

  it('is never below the target once the deadline has come', () => {
    // The year-end circular counts at 31 December 23:59:59.999: 1 of 2 is behind, not "约1".
    const yearEnd = DateTime.fromISO('2026-12-31T23:59:59.999', { zone: PLAN_ZONE }).toJSDate();
    expect(quotaPace(2, 'year', 1, yearEnd)).toEqual({ expected: 2, behind: true, over: true });
    expect(quotaPace(10, 'year', 9, yearEnd)).toEqual({ expected: 10, behind: true, over: true });
    expect(quotaPace(2, 'year', 2, yearEnd)).toEqual({ expected: 2, behind: false, over: true });
    const monthEnd = DateTime.fromISO('2026-07-31T23:59:59.999', { zone: PLAN_ZONE }).toJSDate();
    expect(quotaPace(1, 'month', 0, monthEnd)).toEqual({ expected: 1, behind: true, over: true });
    // A one-off target: no pace before its deadline, the whole target after it.
    const due = sh('2026-12-31T23:59:59');
    expect(quotaPace(2, 'once', 0, sh('2026-12-30T12:00'), due)).toEqual({ expected: 0, behind: false, over: false });
    expect(quotaPace(2, 'once', 0, sh('2027-01-05T10:00'), due)).toEqual({ expected: 2, behind: true, over: true });
  });
});

describe('/quota and /edit', () => {
  it('/quota shows each target with what is done and what is expected by now', async () => {
    const e2e = await startE2E({ now: sh('2026-07-15T12:00') });
    seedReport(e2e, '10', '2026-03', 2, sh('2026-03-09T10:00'));
    seedReport(e2e, '10', '2026-04', 1, sh('2026-04-09T10:00'));
    seedReport(e2e, '11', '2026-05', 4, sh('2026-05-09T10:00'));
    const reply = await e2e.as(OFFICE).send('/quota');
    expect(reply.text).toBe(
      '办公室 的量化目标：\n' +
        '1① 部署社会信用体系建设工作：目标 2次，已完成 0次 ⏳ 尚未达到目标，12月31日（周四） 截止\n' +
        '10① 查询应用信用信息：目标 10例/年，已完成 3例，按进度此时应完成约 5例 ⚠️ 落后于进度\n' +
        '11① 信用服务市场培育发展：目标 6例/年，已完成 4例，按进度此时应完成约 3例 ✓',
    );
  });

  it('/quota gives no ✓ to a target unmet at its deadline', async () => {
    // 1① 至少召开两次…会议, due 12月底前 (2026): in January 2027 it is missed, not ✓.
    const e2e = await startE2E({ now: sh('2027-01-05T10:00') });
    const reply = await e2e.as(OFFICE).send('/quota');
    expect(reply.text!.split('\n')[1]).toBe('1① 部署社会信用体系建设工作：目标 2次，已完成 0次 ❗ 截止时未达到目标');
  });

  it('/quota gives ✓ to a target met', async () => {
    const e2e = await startE2E({ now: sh('2026-07-15T12:00') });
    seedReport(e2e, '1', 'once', 2, sh('2026-05-09T10:00'));
    const reply = await e2e.as(OFFICE).send('/quota');
    expect(reply.text!.split('\n')[1]).toBe('1① 部署社会信用体系建设工作：目标 2次，已完成 2次 ✓');
  });

  it('/edit reopens my last report of the open period showing what it says, counts it once, and updates it in place, keeping its time', async () => {
    const e2e = await startE2E({ now: sh('2026-03-05T10:00') });
    seedReport(e2e, '10', '2026-03', 2, sh('2026-03-04T10:00'));
    const me = e2e.as(OFFICE);
    const ask = await me.send('/edit');
    expect(ask.text).toBe(
      '正在修改已报送的内容：\n状态：已完成\n说明：无\n数量：2例\n佐证材料：0 份（保留，可再补充）\n\n10① 查询应用信用信息（办公室）\n期次：2026年3月，截止 3月10日（周二）\n请选择进展状态：',
    );
    const noteAsk = await me.pressForReply(ask, '进行中');
    // The report being changed has no note: nothing to keep.
    expect(buttons(noteAsk).flat()).not.toContain('保留原说明');
    const countAsk = await me.send('更正数量');
    // Its own 2 are not "already reported": the new count replaces them.
    expect(countAsk.text).toContain('已报 0例');
    const evidence = await me.send('5');
    const confirm = await me.pressForReply(evidence, '跳过');
    await me.pressForReply(confirm, '✅ 提交');
    expect(e2e.db.select({ status: reports.status, count: reports.count, reportedAt: reports.reportedAt }).from(reports).all()).toEqual([
      { status: 'in_progress', count: 5, reportedAt: sh('2026-03-04T10:00') },
    ]);

    // A second edit keeps the note with one press.
    const again = await me.send('/edit');
    expect(again.text).toContain('说明：更正数量');
    const noteAgain = await me.pressForReply(again, '已完成');
    const countAgain = await me.pressForReply(noteAgain, '保留原说明');
    expect(countAgain.text).toContain('已报 0例');
    const evidenceAgain = await me.send('5');
    const confirmAgain = await me.pressForReply(evidenceAgain, '跳过');
    expect(confirmAgain.text).toContain('说明：更正数量');
    await me.pressForReply(confirmAgain, '✅ 提交');
    expect(e2e.db.select({ status: reports.status, note: reports.note, count: reports.count }).from(reports).all()).toEqual([
      { status: 'done', note: '更正数量', count: 5 },
    ]);

    // Once the period has passed and April's opened, March's report is closed for corrections.
    e2e.clock.set(sh('2026-03-12T10:00'));
    expect((await me.send('/edit')).text).toBe('这一期已经结束，报送不能再修改。');
  });
});
