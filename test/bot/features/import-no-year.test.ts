/**
 * A plan that names no year (the district plan: xx年6月30日前, no date anywhere): in chat the
 * admin is asked which year it is for, and the plan is read again in that year before the
 * preview, so its dates fall on real days.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { ADMIN, buttons, startE2E } from '../../support/e2e';
import { deadlineRules, plans, requirements, tasks } from '../../../db/schema';

const district = readFileSync(new URL('../../fixtures/district-plan-no-line-breaks.txt', import.meta.url));

describe('importing a plan that names no year', () => {
  it('asks the admin for the year, then previews and imports the plan in it', async () => {
    const e2e = await startE2E({ now: new Date('2026-12-07T02:00:00Z') });
    const admin = e2e.as(ADMIN);
    const sent = await admin.sendDocument('区实施方案.txt', district, 'text/plain');
    const question = await e2e.emulator.waitForBotMessage(ADMIN, (m) => m.text?.startsWith('计划中没有写年度') ?? false, {
      since: sent.message_id,
    });
    expect(buttons(question)).toEqual([['2025年'], ['2026年'], ['2027年'], ['取消']]);

    const preview = await admin.pressForReply(question, '2027年');
    expect(preview.text).toMatch(/^社会信用体系建设实施方案（2027）/);
    expect(preview.text).toContain('8 项任务，14 条要求');
    expect(preview.text).not.toContain('没有找到计划的年度');
    await admin.pressForReply(preview, '✅ 确认导入');

    const [plan] = e2e.db.select().from(plans).where(eq(plans.sourceName, '区实施方案.txt')).all();
    expect(plan!.year).toBe(2027);
    const rules = e2e.db
      .select({ text: deadlineRules.text, rule: deadlineRules.rule })
      .from(deadlineRules)
      .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .where(eq(tasks.planId, plan!.id))
      .all();
    // xx年6月30日前 is 30 June of the year the admin chose.
    expect(rules.find((r) => r.text === 'xx年6月30日前')?.rule).toMatchObject({ kind: 'once', year: 2027, month: 6, day: 30 });
    expect(e2e.errors).toEqual([]);
  });

  it('takes a year typed instead of pressed, and asks again for anything else', async () => {
    const e2e = await startE2E({ now: new Date('2026-12-07T02:00:00Z') });
    const admin = e2e.as(ADMIN);
    const sent = await admin.sendDocument('区实施方案.txt', district, 'text/plain');
    await e2e.emulator.waitForBotMessage(ADMIN, (m) => m.text?.startsWith('计划中没有写年度') ?? false, { since: sent.message_id });
    const wrong = await admin.send('明年');
    expect(wrong.text).toBe('请点选年份，或输入 2000 到 2100 之间的年份，如 2021。');
    const preview = await admin.send('2021年');
    expect(preview.text).toMatch(/^社会信用体系建设实施方案（2021）/);
    expect(preview.text).toContain('8 项任务，14 条要求');
    expect(e2e.errors).toEqual([]);
  });
});
