/** /score in chat: an assessment plan's points, the proof in and the points at risk, for admins and leads only. */
import { describe, expect, it } from 'vitest';
import { ADMIN, LEAD, startE2E } from '../../support/e2e';
import { commitPlan } from '../../../plans/commit';
import { readPlan } from '../../../plans/import';
import { eq } from 'drizzle-orm';
import { deadlineRules, people, requirements, tasks } from '../../../db/schema';
import { chartHeight } from '../../../digests/charts/chart-style';
import { SCORE_ROW_HEIGHT } from '../../../digests/charts/score-chart';
import { UNITS_PER_LINE, UNITS_PER_SECTION } from '../../../bot/features/score';

const OFFICE = 2003;
const PLAN = [
  '2026年信用建设评估指标任务分解表',
  '序号,重点任务,具体要求,完成时限,牵头单位,分值,考核要求',
  '1,信用信息归集,按月报送归集数据,每月10日前,区发改局<一>,10,报送清单',
  '2,信用承诺,推行信用承诺制,12月底前,区行政审批局,7.5,承诺书',
].join('\n');

/** A district plan: indicator 1 is every street's (42 of them), indicator 2 one office's. */
const STREETS = Array.from({ length: 42 }, (_, i) => `第${i + 1}街道`);
const DISTRICT_PLAN = [
  '2026年朝阳区信用建设评估指标任务分解表',
  '序号,重点任务,具体要求,完成时限,牵头单位,分值,考核要求',
  `1,信用信息归集,按月报送归集数据,每月10日前,${STREETS.join('、')},10,报送清单`,
  '2,信用承诺,推行信用承诺制,12月底前,区行政审批局,7.5,承诺书',
].join('\n');

type E2E = Awaited<ReturnType<typeof startE2E>>;

async function importPlan(e2e: E2E, csv: string) {
  const preview = await readPlan('评估.csv', new TextEncoder().encode(csv));
  commitPlan(e2e.db, preview, { actor: { personId: null, label: 'test' }, now: e2e.clock.now() });
}

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
    expect(text).toContain(
      '1 信用信息归集（10 分）\n责任单位：区发改局<一>\n要求佐证：报送清单\n已有佐证：0/1 · 失分风险 10 分\n缺少佐证：区发改局<一>（1①）',
    );
    expect(text).toContain('按单位：仍缺佐证材料的指标\n区发改局<一>：1 · 失分风险 10 分\n区行政审批局：2 · 失分风险 7.5 分');
    expect((await e2e.as(OFFICE).send('/score')).text).not.toContain('评估分值');
    // The summary of an assessment plan carries its points at risk; the Fuzhou plan's part does not.
    const admin = e2e.as(ADMIN);
    const before = admin.transcript().length;
    await admin.send('/summary');
    await e2e.settled();
    const summary = admin
      .transcript()
      .slice(before)
      .map((m) => m.text ?? '')
      .join('\n');
    expect(summary.match(/评估分值：共 17\.5 分，缺少佐证材料的约 17\.5 分（\/score 查看各指标）。/g)).toHaveLength(1);
    expect(e2e.errors).toEqual([]);
  });

  it('/deadline 评估 gives every item that names no deadline the assessment date, kept by a re-import; a non-date is refused', async () => {
    const e2e = await startE2E();
    const noDeadlines = PLAN.split('\n')
      .map((line, i) => (i < 2 ? line : line.replace(/,(每月10日前|12月底前),/, ',,')))
      .join('\n');
    const preview = await readPlan('评估.csv', new TextEncoder().encode(noDeadlines));
    const { planId } = commitPlan(e2e.db, preview, { actor: { personId: null, label: 'test' }, now: e2e.clock.now() });
    const admin = e2e.as(ADMIN);
    expect((await admin.send(`/deadline #${planId} 评估 每月10日前`)).text).toBe(
      '评估日期须是一个具体日期，例如 /deadline 评估 11月30日前；“每月10日前”不是。',
    );
    expect((await admin.send(`/deadline #${planId} 评估 11月30日前`)).text).toBe(
      '已将“2026年信用建设评估指标任务分解表”中 2 项未写截止时间的要求的截止时间定为评估日期“11月30日前”（2026年11月30日），到期前照常提醒。以后重新导入也会保留。',
    );
    const rules = e2e.db
      .select({ text: deadlineRules.text, recognized: deadlineRules.recognized, origin: deadlineRules.origin })
      .from(deadlineRules)
      .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .where(eq(tasks.planId, planId))
      .all();
    expect(rules).toEqual([
      { text: '11月30日前', recognized: true, origin: 'admin' },
      { text: '11月30日前', recognized: true, origin: 'admin' },
    ]);
    expect((await admin.send(`/deadline #${planId} 评估 11月30日前`)).text).toBe(
      '“2026年信用建设评估指标任务分解表”中没有未写截止时间的要求。',
    );
    // The plan imported again, still without deadlines: the admin's date stays.
    commitPlan(e2e.db, preview, { actor: { personId: null, label: 'test' }, now: e2e.clock.now() });
    expect(
      e2e.db
        .select({ text: deadlineRules.text })
        .from(deadlineRules)
        .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
        .innerJoin(tasks, eq(tasks.id, requirements.taskId))
        .where(eq(tasks.planId, planId))
        .all(),
    ).toEqual([{ text: '11月30日前' }, { text: '11月30日前' }]);
  });

  it('sends the plan’s chart after its text: one row per indicator, a PNG Telegram takes', async () => {
    const e2e = await startE2E();
    await importPlan(e2e, PLAN);
    const admin = e2e.as(ADMIN);
    const text = await admin.send('/score');
    await e2e.settled();
    const after = admin.transcript().filter((m) => m.message_id >= text.message_id);
    expect(after.map((m) => (m.photo ? 'photo' : m.text!.split('\n')[0]))).toEqual([
      '《2026年信用建设评估指标任务分解表》评估分值',
      'photo',
    ]);
    const png = Buffer.from(e2e.emulator.file(after[1]!.photo!.at(-1)!.file_id)!.data);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // 1600 wide (zoom 2), as high as two indicator rows make it.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1600, 2 * chartHeight(2, SCORE_ROW_HEIGHT, 0)]);
  });

  it('caps the lines that list units: ten names then how many, thirty units in the per-unit section', async () => {
    const e2e = await startE2E();
    await importPlan(e2e, DISTRICT_PLAN);
    const admin = e2e.as(ADMIN);
    const text = (await admin.send('/score')).text!;
    const firstTen = STREETS.slice(0, UNITS_PER_LINE);
    expect(text).toContain(`责任单位：${firstTen.join('、')}等 42 个单位\n`);
    expect(text).toContain(`缺少佐证：${firstTen.map((s) => `${s}（1①）`).join('；')}等 42 个单位`);
    expect(text).not.toContain(`${STREETS[UNITS_PER_LINE]}（`);
    // Per unit, worst first: 区行政审批局 (7.5), then the streets (10 points over 42 each); the 13
    // left out carry 13 × 10 / 42 ≈ 3.1 points, not 13 × 0.2 as their rounded figures would add up.
    const byUnit = text.slice(text.indexOf('按单位：仍缺佐证材料的指标')).split('\n');
    expect(byUnit).toHaveLength(1 + UNITS_PER_SECTION + 1);
    expect(byUnit[1]).toBe('区行政审批局：2 · 失分风险 7.5 分');
    expect(byUnit[UNITS_PER_SECTION]).toBe(`${STREETS[UNITS_PER_SECTION - 2]}：1 · 失分风险 0.2 分`);
    expect(byUnit.at(-1)).toBe('…另有 13 个单位，失分风险合计约 3.1 分');
    await e2e.settled();

    // In English the names are the same and the count is of those left out.
    e2e.db.update(people).set({ language: 'en' }).where(eq(people.telegramId, ADMIN)).run();
    const english = (await admin.send('/score')).text!;
    expect(english).toContain(`Units: ${firstTen.join('、')} and 32 more units\n`);
    expect(english).toContain(`Still lacking: ${firstTen.map((s) => `${s}（1①）`).join('；')} and 32 more units`);
    expect(english).toContain('…and 13 more units, about 3.1 points at risk in all');
    await e2e.settled();
    expect(e2e.errors).toEqual([]);
  });
});
