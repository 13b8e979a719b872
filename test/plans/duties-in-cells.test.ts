/**
 * A deadline cell or clause naming several duties ("每季度末报送进展,11月底前完成") makes one
 * requirement per duty, each with its own deadline: a quarterly report and a one-off
 * completion are reminded and reported apart.
 */
import { describe, expect, it } from 'vitest';
import { readPlan } from '../../plans/import';
import { parseProse } from '../../plans/prose';

const encode = (text: string) => new TextEncoder().encode(text);

describe('several duties in one deadline', () => {
  it('in a table cell: a periodic report plus a one-off completion', async () => {
    const csv = [
      '2026年任务分解表',
      '序号,重点任务,具体要求,完成时限,牵头单位',
      '1,建设信用平台,建成全市信用信息平台,"每季度末报送进展，11月底前完成",市信用办',
      '2,开展宣传,开展诚信宣传月活动,6月底前,市文明办',
    ].join('\n');
    const plan = await readPlan('plan.csv', encode(csv));
    const [first, second] = plan.tasks;
    expect(first!.requirements.map((r) => [r.text, r.deadline.text, r.deadline.rule?.kind, r.lead])).toEqual([
      ['建成全市信用信息平台(每季度末报送进展)', '每季度末', 'quarterly', ['市信用办']],
      ['建成全市信用信息平台(11月底前完成)', '11月底前', 'once', ['市信用办']],
    ]);
    expect(second!.requirements).toHaveLength(1);
  });

  it('in a prose clause', () => {
    const plan = parseProse(
      'p.txt',
      '2026年工作要点\n一、任务\n(一)建设平台。建成信用平台。(责任单位:市信用办;完成时限:每月10日前报送进度,12月底前建成)',
    );
    expect(plan.tasks[0]!.requirements.map((r) => r.deadline.rule?.kind)).toEqual(['monthly', 'once']);
  });

  it('keeps one requirement when the deadline is one duty, said once or twice, or partly unreadable', async () => {
    const rows = ['"每月10日前报送,每月10日前汇总"', '"12月底前完成"', '"每季度末报送,视情况而定"'];
    const csv = [
      '2026年任务分解表',
      '序号,重点任务,具体要求,完成时限,牵头单位',
      ...rows.map((cell, i) => `${i + 1},任务${i + 1},要求${i + 1},${cell},市信用办`),
    ].join('\n');
    const plan = await readPlan('plan.csv', encode(csv));
    expect(plan.tasks.map((task) => task.requirements.length)).toEqual([1, 1, 1]);
  });
});
