import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { ADMIN, LIAISON, LIAISON_EN, buttons, startE2E } from '../../support/e2e';
import { reports, requirements, tasks, units } from '../../../db/schema';

describe('/tasks, through the emulator', () => {
  it("lists my unit's requirements, nearest deadline first, with their status", async () => {
    // Monday 9 March 2026, 10:00 in Shanghai: the 10th is tomorrow.
    const e2e = await startE2E({ now: new Date('2026-03-09T02:00:00Z') });
    const reply = await e2e.as(LIAISON).send('/tasks');
    const blocks = reply.text!.split('\n\n');
    expect(blocks[0]).toBe('政策法规处 的任务（共 20 项，第 1/4 页），最近截止的在前：');
    expect(blocks[1]).toBe(
      '2① 落实组织机构\n明确本单位社会信用体系建设工作分管领导、责任处室及联络员。\n截止：3月10日（周二） · 未报送，还有 1 天',
    );
    expect(buttons(reply)).toEqual([['下一页 ▶']]);
  });

  it("pages with buttons, and shows a report's status and a late one as not done", async () => {
    const e2e = await startE2E({ now: new Date('2026-03-09T02:00:00Z') });
    const office = e2e.db.select().from(units).where(eq(units.name, '政策法规处')).get()!;
    const task2 = e2e.db
      .select({ id: requirements.id })
      .from(requirements)
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .where(and(eq(tasks.number, '2'), eq(requirements.index, 1)))
      .get()!;
    e2e.db
      .insert(reports)
      .values({ requirementId: task2.id, unitId: office.id, period: '2026-03', status: 'done', reportedAt: new Date(), late: false })
      .run();
    const first = await e2e.as(LIAISON).send('/tasks');
    expect(first.text).toContain('截止：3月10日（周二） · 已报送：已完成');

    const { answer, message } = await e2e.as(LIAISON).press(first, '下一页 ▶');
    expect(answer.text).toBeUndefined();
    expect(message.message_id).toBe(first.message_id);
    expect(message.text).toMatch(/^政策法规处 的任务（共 20 项，第 2\/4 页）/);
    expect(buttons(message)).toEqual([['◀ 上一页', '下一页 ▶']]);
    const back = await e2e.as(LIAISON).press(message, '◀ 上一页');
    expect(back.message.text).toMatch(/第 1\/4 页/);
  });

  it('answers in English for an English-speaking liaison, quotas included', async () => {
    const e2e = await startE2E({ now: new Date('2026-03-09T02:00:00Z') });
    const reply = await e2e.as(LIAISON_EN).send('/tasks');
    expect(reply.text).toMatch(/^Tasks of 信息管理处 \(\d+ in all, page 1 of \d+\), nearest deadline first:/);
    expect(reply.text).toContain('Due: Tue 10 Mar · not reported, 1 day left');
  });

  it('refuses an old button once the presser no longer serves the unit, and /tasks to a non-liaison', async () => {
    const e2e = await startE2E();
    const reply = await e2e.as(LIAISON).send('/tasks');
    e2e.sqlite.prepare(`update roles set revoked_at = 1 where person_id = (select id from people where telegram_id = ?)`).run(LIAISON);
    const answer = await e2e.as(LIAISON).pressForAnswer(reply, { text: '下一页 ▶' });
    expect(answer).toMatchObject({ text: '您没有使用这个命令的权限。', showAlert: true });
    expect(e2e.as(LIAISON).transcript().at(-1)!.text).toBe(reply.text);
    expect((await e2e.as(ADMIN).send('/tasks')).text).toBe('只有单位联络员可以查看本单位任务。');
  });
});
