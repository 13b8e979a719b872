/**
 * /tasks of a unit named in two plans: both plans number their tasks from 1, so each entry
 * names its plan; a requirement whose plan gives no deadline says so (not "could not be read ()").
 */
import { describe, expect, it } from 'vitest';
import { buttons, startE2E } from '../../support/e2e';
import { readPlan } from '../../../plans/import';
import { commitPlan } from '../../../plans/commit';

const OFFICE = 2003; // the demo's liaison of 办公室 (Fuzhou plan)

describe('/tasks across plans', () => {
  it('names the plan of each entry, and says when a plan gives no deadline', async () => {
    const e2e = await startE2E();
    const csv = [
      '2026年机关事务工作任务分解表',
      '序号,重点任务,具体要求,完成时限,牵头单位',
      '1,召开部署会,召开信用建设部署会,,办公室',
    ].join('\n');
    const preview = await readPlan('机关.csv', new TextEncoder().encode(csv));
    commitPlan(e2e.db, preview, { actor: { personId: null, label: 'test' }, now: e2e.clock.now() });

    const reply = await e2e.as(OFFICE).send('/tasks');
    const pages = [reply.text ?? ''];
    for (let message = reply; buttons(message).flat().includes('下一页 ▶');) {
      message = (await e2e.as(OFFICE).press(message, '下一页 ▶')).message;
      pages.push(message.text ?? '');
    }
    const text = pages.join('\n');
    expect(text).toContain(
      '1① 召开部署会\n所属计划：《2026年机关事务工作任务分解表》\n召开信用建设部署会\n计划未写截止时间，管理员会处理；可随时报送进展',
    );
    expect(text).toMatch(/1① 部署社会信用体系建设工作（配合）\n所属计划：《福州市不动产登记和交易中心2026年社会信用体系建设任务分解…》/);
    expect(text).not.toContain('（）');
    expect(e2e.errors).toEqual([]);
  });

  it('names no plan for a unit in one plan', async () => {
    const e2e = await startE2E();
    const reply = await e2e.as(OFFICE).send('/tasks');
    expect(reply.text).not.toContain('所属计划');
  });
});
