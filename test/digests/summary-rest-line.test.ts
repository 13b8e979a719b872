/**
 * The summary's line for the units it does not list one by one (a plan of more than 20 units
 * lists only those with something late or missing): "all on time" only when something fell
 * due; an assessment before its date, with nothing due yet, says so instead.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { createI18n } from '../../bot/i18n';
import { renderSummary } from '../../digests/summary-text';
import type { PlanSummary, Summary, UnitSummary } from '../../digests/summary';
import { PLAN_ZONE } from '../../plans/due-dates';

const i18n = createI18n();
const at = DateTime.fromISO('2026-12-07T09:00', { zone: PLAN_ZONE });

function summaryOf(units: UnitSummary[]): Summary {
  const plan: PlanSummary = {
    planId: 1,
    title: '评估指标',
    year: 2026,
    units,
    overdue: [],
    quotasBehind: [],
    ratiosBelow: [],
    dueSoon: [],
    evidenceMissing: [],
  };
  return { at, plans: [plan] };
}

const unit = (n: number, counts: Partial<UnitSummary> = {}): UnitSummary => ({
  unitId: n,
  unit: `单位${n}`,
  onTime: 0,
  late: 0,
  missing: 0,
  ...counts,
});

describe('the summary line for the units not listed', () => {
  it('says nothing has fallen due when none of them had anything due', () => {
    const units = [unit(1, { missing: 1 }), ...Array.from({ length: 41 }, (_, i) => unit(i + 2))];
    const zh = renderSummary(i18n, 'zh-CN', summaryOf(units), '全部单位');
    expect(zh).toContain('单位1：按时 0，逾期 0，未报 1\n其余 41 个单位最近没有到期的事项。');
    expect(zh).not.toContain('全部按时');
    expect(renderSummary(i18n, 'en', summaryOf(units), 'all')).toContain('The other 41 units have had nothing fall due lately.');
  });

  it('says they are all on time when something fell due and was reported on time', () => {
    const units = [unit(1, { late: 1 }), ...Array.from({ length: 41 }, (_, i) => unit(i + 2, { onTime: i % 2 }))];
    expect(renderSummary(i18n, 'zh-CN', summaryOf(units), '全部单位')).toContain('其余 41 个单位全部按时。');
  });
});
