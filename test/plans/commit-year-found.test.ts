/**
 * A plan imported before its year could be read (the key was "title|") and imported again
 * once the reader finds the year in the notice's date: the same plan is updated, not joined
 * by a second live copy sending every reminder twice.
 */
import { describe, expect, it } from 'vitest';
import { commitPlan } from '../../plans/commit';
import { readPlan } from '../../plans/import';
import { plans, tasks } from '../../db/schema';
import { freshDatabase } from '../support/db';

const NOTICE = [
  '关于印发信用工作实施方案的通知',
  '信用工作实施方案',
  '一、工作任务',
  '(一)建立制度。(责任单位:市信用办;完成时限:6月底前)',
  '(二)开展宣传。(责任单位:市文明办;完成时限:9月底前)',
  '(三)报送进展。(责任单位:市发改委;完成时限:每月10日前)',
];
const actor = { personId: null, label: 'test' };

describe('a plan committed without a year, imported again with one', () => {
  it('updates the plan it was, with the year now read', async () => {
    const { db } = freshDatabase();
    // As the reader before issue 13 read it: no year (the notice's date was not looked at).
    const before = await readPlan('方案.txt', new TextEncoder().encode(NOTICE.join('\n')), { year: null });
    const yearless = { ...before, year: null, problems: [] };
    commitPlan(db, yearless, { actor, now: new Date('2026-03-01T00:00:00Z') });

    const after = await readPlan('方案.txt', new TextEncoder().encode([...NOTICE, '市信用办', '2026年3月1日'].join('\n')));
    expect(after.year).toBe(2026);
    const result = commitPlan(db, after, { actor, now: new Date('2026-03-02T00:00:00Z') });
    expect(result.created).toBe(false);
    expect(
      db
        .select()
        .from(plans)
        .all()
        .map((p) => [p.key, p.year]),
    ).toEqual([['信用工作实施方案|2026', 2026]]);
    expect(db.select().from(tasks).all()).toHaveLength(3);
  });
});
