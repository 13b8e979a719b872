/**
 * "(各责任单位)" closing a duty means the units the indicator names for its other duties (the
 * Chaoyang table's 红黑名单 duties): read so, and listed for the admin to check. A task that
 * names no unit otherwise keeps the group, which the admin must resolve.
 */
import { describe, expect, it } from 'vitest';
import { readPlan } from '../../plans/import';
import { chinese } from './wording';

const table = (breakdown: string) =>
  ['2026年信用建设评估指标', '项目,分值,任务分解,责任单位', `三、政务诚信建设,6,"${breakdown}",各有关单位`].join('\n');

describe('各责任单位 in a task', () => {
  it('is the units the task names in its other requirements, each change listed', async () => {
    const plan = await readPlan(
      '评估.csv',
      new TextEncoder().encode(table('(1)建立机制(市信用办、市文明办)\n(2)报送名单(市营商局)\n(3)红黑名单:提供认定标准(各责任单位)')),
    );
    const requirements = plan.tasks[0]!.requirements;
    expect(requirements.map((r) => r.lead)).toEqual([['市信用办', '市文明办'], ['市营商局'], ['市信用办', '市文明办', '市营商局']]);
    expect(requirements[2]!.problems).toContain('units-from-task');
    const listed = plan.problems.filter((p) => p.code === 'units-from-task');
    expect(listed).toHaveLength(1);
    expect(listed[0]!.where.requirement).toBe(3);
    expect(chinese(`problem-${listed[0]!.code}`, listed[0]!.args as Record<string, string | number>)).toBe(
      '“各责任单位”按本项任务其他要求写明的 3 个单位读取；如有误，请在预览表格（📄）或原文件中改正',
    );
    expect(plan.problems.some((p) => p.code === 'group-unassigned' && (p.args as { name: string }).name === '各责任单位')).toBe(false);
  });

  it('stays a group the admin must resolve when the task names no unit otherwise', async () => {
    const plan = await readPlan('评估.csv', new TextEncoder().encode(table('(1)红黑名单:提供认定标准(各责任单位)')));
    expect(plan.tasks[0]!.requirements[0]!.lead).toEqual(['各责任单位']);
    expect(plan.problems.some((p) => p.code === 'units-from-task')).toBe(false);
    expect(plan.problems.some((p) => p.code === 'group-unassigned')).toBe(true);
  });
});
