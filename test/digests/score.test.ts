/**
 * Points at risk (digests/score.ts): an indicator's points in the share of its item × unit
 * pairs whose latest report carries no evidence.
 */
import { describe, expect, it } from 'vitest';
import { commitPlan } from '../../plans/commit';
import { readPlan } from '../../plans/import';
import { evidence, reports } from '../../db/schema';
import { planScores } from '../../digests/score';
import { planScope } from '../../schedules/scope';
import { freshDatabase, requirementId, unitId } from '../support/db';
import type { DB } from '../../db';

const PLAN = [
  '2026年信用建设评估指标任务分解表',
  '序号,重点任务,具体要求,完成时限,牵头单位,配合单位,分值,考核要求',
  '1,信用信息归集,按月报送归集数据,每月10日前,区发改局,区税务局,10,报送清单',
  '1,信用信息归集,召开推进会,6月底前,区政府办,,10,会议纪要',
  '2,信用承诺,推行信用承诺制,12月底前,区行政审批局,,7.5,承诺书',
  '3,诚信宣传,开展诚信宣传,11月底前,区委宣传部,,,',
].join('\n');

async function plan() {
  const database = freshDatabase();
  const preview = await readPlan('评估.csv', new TextEncoder().encode(PLAN));
  const { planId } = commitPlan(database.db, preview, { actor: { personId: null, label: 'test' }, now: new Date('2026-01-05T00:00:00Z') });
  return { db: database.db, planId };
}

let next = 1;
/** A report by `unit` on task `task`'s item `index`, with `files` pieces of evidence. */
function report(db: DB, task: string, index: number, unit: string, files: number, at = new Date('2026-03-01T00:00:00Z')) {
  const id = db
    .insert(reports)
    .values({
      requirementId: requirementId(db, task, index),
      unitId: unitId(db, unit),
      period: `p${next++}`,
      status: 'done',
      reportedAt: at,
      late: false,
      createdAt: at,
      updatedAt: at,
    })
    .returning({ id: reports.id })
    .get().id;
  for (let i = 0; i < files; i++)
    db.insert(evidence)
      .values({ reportId: id, kind: 'note', fileUniqueId: `note:${id}:${i}`, text: '情况说明', createdAt: at, updatedAt: at })
      .run();
}

describe('points at risk', () => {
  it("are each indicator's points in the share of its item × unit pairs without evidence", async () => {
    const { db, planId } = await plan();
    // Indicator 1 has three pairs (1①×区发改局, 1①×区税务局, 1②×区政府办): one with proof.
    report(db, '1', 1, '区发改局', 2);
    report(db, '1', 1, '区税务局', 0); // reported, but no evidence
    const [score] = planScores(db, planScope(db, planId));
    expect(score!.total).toBe(17.5);
    expect(score!.indicators.map((i) => [i.taskNumber, i.points, i.withEvidence, i.pairs, i.atRisk])).toEqual([
      ['1', 10, 1, 3, 6.7],
      ['2', 7.5, 0, 1, 7.5],
    ]);
    expect(score!.atRisk).toBe(14.2);
    expect(score!.indicators[0]!.wanted).toEqual(['报送清单', '会议纪要']);
    expect(score!.indicators[0]!.lacking).toEqual([
      { unit: '区税务局', items: ['1①'] },
      { unit: '区政府办', items: ['1②'] },
    ]);
    expect(score!.units).toEqual([
      { unit: '区行政审批局', indicators: ['2'], atRisk: 7.5 },
      { unit: '区税务局', indicators: ['1'], atRisk: 3.3 },
      { unit: '区政府办', indicators: ['1'], atRisk: 3.3 },
    ]);
  });

  it('look at the latest report only: evidence on an older one does not count', async () => {
    const { db, planId } = await plan();
    report(db, '2', 1, '区行政审批局', 1, new Date('2026-03-01T00:00:00Z'));
    report(db, '2', 1, '区行政审批局', 0, new Date('2026-04-01T00:00:00Z'));
    expect(planScores(db, planScope(db, planId))[0]!.indicators[1]!.atRisk).toBe(7.5);
    report(db, '2', 1, '区行政审批局', 1, new Date('2026-05-01T00:00:00Z'));
    expect(planScores(db, planScope(db, planId))[0]!.indicators[1]!.atRisk).toBe(0);
  });

  it("leave out plans without points, and units outside a lead's scope", async () => {
    const { db, planId } = await plan();
    const [whole] = planScope(db, planId);
    const oneUnit = { ...whole!, whole: false, units: whole!.units.filter((u) => u.name === '区政府办') };
    const [score] = planScores(db, [oneUnit]);
    expect(score!.indicators.map((i) => [i.taskNumber, i.units, i.pairs])).toEqual([['1', ['区政府办'], 1]]);
    const plain = freshDatabase();
    const preview = await readPlan(
      'plain.csv',
      new TextEncoder().encode(
        PLAN.split('\n')
          .map((l) => l.split(',').slice(0, 6).join(','))
          .join('\n'),
      ),
    );
    const committed = commitPlan(plain.db, preview, { actor: { personId: null, label: 'test' }, now: new Date('2026-01-05T00:00:00Z') });
    expect(planScores(plain.db, planScope(plain.db, committed.planId))).toEqual([]);
  });
});
