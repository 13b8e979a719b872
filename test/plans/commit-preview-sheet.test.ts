/**
 * A preview sheet sent back unchanged over the plan it was made from updates nothing: the
 * sheet carries everything the commit writes (task content included, an appendix as its own
 * section), so the admin's "N 项任务已更新" means something was changed in Excel.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { commitPlan } from '../../plans/commit';
import { readPlan } from '../../plans/import';
import { previewSheet, previewSheetName } from '../../plans/preview-sheet';
import { createI18n } from '../../bot/i18n';
import { freshDatabase } from '../support/db';

const i18n = createI18n();
const zh = (key: string, args?: Record<string, string | number>) => i18n.t('zh-CN', key, args);
const actor = { personId: null, label: 'test' };
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

describe('the preview sheet sent back over its committed plan', () => {
  it.each([
    ['huaihua-2020-housing-plan.txt', {}],
    ['chaoyang-2019-assessment-indicators.txt', {}],
    ['district-plan-no-line-breaks.txt', { year: 2021 }],
    ['xiamen-2022-work-points.txt', {}],
  ] as const)('%s: every task unchanged, no requirement added, updated or archived', async (name, options) => {
    const { db } = freshDatabase();
    const preview = await readPlan(name, fixture(name), options);
    const first = commitPlan(db, preview, { actor, now: new Date('2026-03-01T00:00:00Z') });
    expect(first.tasks.added.length).toBe(preview.tasks.length);

    const sheet = await previewSheet(preview, zh);
    const back = await readPlan(previewSheetName(preview.title ?? 'plan'), sheet);
    const second = commitPlan(db, back, { actor, now: new Date('2026-03-02T00:00:00Z') });
    expect(second.created).toBe(false);
    expect(second.tasks).toEqual({ added: [], updated: [], archived: [], unchanged: preview.tasks.length });
    expect(second.requirements).toEqual({ added: 0, updated: 0, archived: 0 });
  });
});
