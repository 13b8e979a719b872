/** /score in chat: an assessment plan's points, the proof in and the points at risk, for admins and leads only. */
import { describe, expect, it } from 'vitest';
import { ADMIN, LEAD, startE2E } from '../../support/e2e';
import { commitPlan } from '../../../plans/commit';
import { readPlan } from '../../../plans/import';
import { eq } from 'drizzle-orm';
import { deadlineRules, requirements, tasks } from '../../../db/schema';

const OFFICE = 2003;
const PLAN = [
  '2026年信用建设评估指标任务分解表',
  '序号,重点任务,具体要求,完成时限,牵头单位,分值,考核要求',
  '1,信用信息归集,按月报送归集数据,每月10日前,区发改局<一>,10,报送清单',
  '2,信用承诺,推行信用承诺制,12月底前,区行政审批局,7.5,承诺书',
].join('\n');

describe('/score', () => {
  it('words each indicator and the points at risk, says the rule, and says so when no plan gives points', async () => {
    const e2e = await startE2E();
    // The demo's Fuzhou plan gives no points.
    expect((await e2e.as(LEAD).send('/score')).text).toMatch(/^您能看到的计划都没有分值/);

    const preview = await readPlan('评估.csv', new TextEncoder().encode(PLAN));
    commitPlan(e2e.db, preview, { actor: { personId: null, label: 'test' }, now: e2e.clock.now() });
    const text = (await e2e.as(ADMIN).send('/score')).text!;
    expect(text).toContain('《2026年信用建设评估指标任务分解表》评估分值\n共 17.5 分，缺少佐证材料的约 17.5 分。');
    expect(text).toContain('失分风险按各指标中“要求 × 责任单位”缺少佐证材料的比例计算');
    expect(text).toContain('1 信用信息归集（10 分）\n责任单位：区发改局<一>\n要求佐证：报送清单\n已有佐证：0/1 · 失分风险 10 分\n缺少佐证：区发改局<一>（1①）');
    expect(text).toContain('按单位：仍缺佐证材料的指标\n区发改局<一>：1 · 失分风险 10 分\n区行政审批局：2 · 失分风险 7.5 分');
    expect((await e2e.as(OFFICE).send('/score')).text).not.toContain('评估分值');
    // The summary of an assessment plan carries its points at risk; the Fuzhou plan's part does not.
    const admin = e2e.as(ADMIN);
    const before = admin.transcript().length;
    await admin.send('/summary');
    await e2e.settled();
    const summary = admin.transcript().slice(before).map((m) => m.text ?? '').join('\n');
    expect(summary.match(/评估分值：共 17\.5 分，缺少佐证材料的约 17\.5 分（\/score 查看各指标）。/g)).toHaveLength(1);
    expect(e2e.errors).toEqual([]);
  });

  it('/deadline 评估 gives every item that names no deadline the assessment date, kept by a re-import; a non-date is refused', async () => {
    const e2e = await startE2E();
    const noDeadlines = PLAN.split('\n').map((line, i) => (i < 2 ? line : line.replace(/,(每月10日前|12月底前),/, ',,'))).join('\n');
    const preview = await readPlan('评估.csv', new TextEncoder().encode(noDeadlines));
    const { planId } = commitPlan(e2e.db, preview, { actor: { personId: null, label: 'test' }, now: e2e.clock.now() });
    const admin = e2e.as(ADMIN);
    expect((await admin.send(`/deadline #${planId} 评估 每月10日前`)).text).toBe('评估日期须是一个具体日期，例如 /deadline 评估 11月30日前；“每月10日前”不是。');
    expect((await admin.send(`/deadline #${planId} 评估 11月30日前`)).text).toBe(
      '已将“2026年信用建设评估指标任务分解表”中 2 项未写截止时间的要求的截止时间定为评估日期“11月30日前”（2026年11月30日），到期前照常提醒。以后重新导入也会保留。',
    );
    const rules = e2e.db.select({ text: deadlineRules.text, recognized: deadlineRules.recognized, origin: deadlineRules.origin }).from(deadlineRules).innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId)).innerJoin(tasks, eq(tasks.id, requirements.taskId)).where(eq(tasks.planId, planId)).all();
    expect(rules).toEqual([
      { text: '11月30日前', recognized: true, origin: 'admin' },
      { text: '11月30日前', recognized: true, origin: 'admin' },
    ]);
    expect((await admin.send(`/deadline #${planId} 评估 11月30日前`)).text).toBe('“2026年信用建设评估指标任务分解表”中没有未写截止时间的要求。');
    // The plan imported again, still without deadlines: the admin's date stays.
    commitPlan(e2e.db, preview, { actor: { personId: null, label: 'test' }, now: e2e.clock.now() });
    expect(e2e.db.select({ text: deadlineRules.text }).from(deadlineRules).innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId)).innerJoin(tasks, eq(tasks.id, requirements.taskId)).where(eq(tasks.planId, planId)).all()).toEqual([
      { text: '11月30日前' },
      { text: '11月30日前' },
    ]);
  });
});
