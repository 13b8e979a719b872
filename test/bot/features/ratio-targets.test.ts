/**
 * Ratio targets (公示率达到100%) are shown and asked as ratios: the latest ratio reported is where
 * a unit stands, never a sum of reports and never a pace (issue 12: "目标 100%，应完成约1").
 */
import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { LEAD, buttons, startE2E } from '../../support/e2e';
import { people, plans, quotas, reports } from '../../../db/schema';
import { PLAN_ZONE } from '../../../plans/due-dates';
import { buildCircular } from '../../../digests/circular-content';
import { requirementId as requirementOf, unitId } from '../../support/db';
import { renderCircular } from '../../../digests/circular-text';

const OFFICE = 2003; // 张伟, liaison of 办公室: 10① 查询应用信用信息 (全年不少于10例)
const sh = (iso: string) => DateTime.fromISO(iso, { zone: PLAN_ZONE }).toJSDate();
type E2E = Awaited<ReturnType<typeof startE2E>>;

/** 10① becomes a ratio target: 查询率达到100%. */
function makeRatio(e2e: E2E): number {
  const id = requirementOf(e2e.db, '10', 1);
  e2e.db.update(quotas).set({ kind: 'ratio', target: 100, unitLabel: '%', period: 'year' }).where(eq(quotas.requirementId, id)).run();
  return id;
}

function report(e2e: E2E, requirementId: number, period: string, ratio: number, at: Date) {
  const unit = unitId(e2e.db, '办公室');
  const person = e2e.db.select({ id: people.id }).from(people).where(eq(people.telegramId, OFFICE)).get()!;
  e2e.db
    .insert(reports)
    .values({
      requirementId,
      unitId: unit,
      period,
      status: 'done',
      count: ratio,
      reportedBy: person.id,
      reportedAt: at,
      late: false,
      createdAt: at,
      updatedAt: at,
    })
    .run();
}

describe('ratio targets', () => {
  it('/report asks for the ratio reached, refuses over 100%, and saves the ratio', async () => {
    const e2e = await startE2E({ now: sh('2026-03-02T10:00') });
    makeRatio(e2e);
    const me = e2e.as(OFFICE);
    let page = await me.send('/report');
    for (
      let turns = 0;
      !buttons(page)
        .flat()
        .some((b) => b.startsWith('10①'));
      turns++
    ) {
      if (turns > 10) throw new Error('10① is on no page');
      page = (await me.press(page, '下一页 ▶')).message;
    }
    const ask = await me.pressForReply(
      page,
      buttons(page)
        .flat()
        .find((b) => b.startsWith('10①'))!,
    );
    const note = await me.pressForReply(ask, '进行中');
    const ratioAsk = await me.pressForReply(note, '跳过');
    expect(ratioAsk.text).toBe('目前达到的比例是多少？目标 100%。请输入百分数，如 95%。');
    expect((await me.send('120%')).text).toBe('比例不能超过 100%，请重新输入。');
    const evidence = await me.send('95%');
    const confirm = await me.pressForReply(evidence, '跳过');
    expect(confirm.text).toContain('数量：95%');
    await me.pressForReply(confirm, '✅ 提交');
    expect(e2e.db.select({ count: reports.count }).from(reports).all()).toEqual([{ count: 95 }]);
  });

  it('/quota and the circular show the latest ratio, not a sum and not a pace', async () => {
    const e2e = await startE2E({ now: sh('2026-05-02T10:00'), seededAt: sh('2026-01-02T10:00') });
    const requirementId = makeRatio(e2e);
    report(e2e, requirementId, '2026-03', 60, sh('2026-03-05T10:00'));
    report(e2e, requirementId, '2026-04', 95, sh('2026-04-05T10:00'));
    const quota = await e2e.as(OFFICE).send('/quota');
    expect(quota.text).toContain('10① 查询应用信用信息：目标 100%，最近报送 95% ⚠️ 未达到目标');
    // No pace for a ratio (the counted target beside it, 11①, keeps its pace).
    expect(quota.text!.split('\n').find((line) => line.startsWith('10①'))).not.toContain('应完成约');

    const plan = e2e.db.select({ id: plans.id }).from(plans).get()!;
    const content = buildCircular(e2e.db, plan.id, '2026-04');
    expect(content.ratiosBelow).toEqual([{ unit: '办公室', item: '10①', target: 100, latest: 95 }]);
    expect(content.quotasBehind.map((q) => q.item)).not.toContain('10①');
    const text = renderCircular(e2e.services.i18n, 'zh-CN', content, false);
    expect(text).toContain('比例目标未达到（1）：\n• 办公室 10①：目标 100%，最近报送 95%');

    // The leads' summary: below target by the latest ratio, not behind a pace.
    const summary = (await e2e.as(LEAD).send('/summary')).text!;
    expect(summary).toContain('比例目标未达到（1）：\n• 办公室 10① 查询应用信用信息：目标 100%，最近报送 95%');
    expect(summary).not.toMatch(/10① [^\n]*应完成约/);

    report(e2e, requirementId, '2026-05', 100, sh('2026-05-02T09:00'));
    expect((await e2e.as(OFFICE).send('/quota')).text).toContain('10① 查询应用信用信息：目标 100%，最近报送 100% ✓');
  });
});
