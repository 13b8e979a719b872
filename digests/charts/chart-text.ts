/**
 * The words on the charts, per locale. Kept here rather than in locales/*.ftl because they are
 * drawn into pictures by a pure module that has no i18n context; the bot passes the reader's
 * locale in.
 */

export type ChartLocale = 'zh-CN' | 'en';

export const DEFAULT_CHART_LOCALE: ChartLocale = 'zh-CN';

export interface ChartText {
  onTime: string;
  late: string;
  missing: string;
  /** Axis name of the completion chart: what the bars count. */
  items: string;
  target: string;
  expected: string;
  actual: string;
  /** Axis name of the quota chart: bars are percentages of the year's target. */
  shareOfTarget: string;
  /** The numbers under a quota's name. */
  quotaFigures(actual: string, expected: string, target: string, unit: string): string;
  /** Footnote of the quota chart, explaining the colours. */
  quotaLegendNote: string;
  noData: string;
  /** The completion chart's hidden units when none of them has anything late or missing. */
  moreUnitsAllOnTime(count: number): string;
  moreUnitsSummary(count: number, onTime: number, late: number, missing: number): string;
  /** The quota chart's hidden items when all are on pace. */
  moreQuotasOnPace(count: number): string;
  moreQuotasSummary(count: number, behind: number): string;
}

const zhCN: ChartText = {
  onTime: '按时',
  late: '逾期',
  missing: '未报',
  items: '事项数',
  target: '目标',
  expected: '应完成',
  actual: '实际完成',
  shareOfTarget: '占全年目标',
  quotaFigures: (actual, expected, target, unit) => `实际 ${actual} / 应完成 ${expected} / 目标 ${target} ${unit}`,
  quotaLegendNote: '灰条为全年目标，竖线为按进度应完成，绿条为实际完成；红条表示落后于进度。',
  noData: '暂无数据',
  moreUnitsAllOnTime: (count) => `另有 ${count} 个单位全部按时`,
  moreUnitsSummary: (count, onTime, late, missing) => `另有 ${count} 个单位未列出：按时 ${onTime} 项，逾期 ${late} 项，未报 ${missing} 项`,
  moreQuotasOnPace: (count) => `另有 ${count} 项指标进度正常`,
  moreQuotasSummary: (count, behind) => `另有 ${count} 项指标未列出，其中 ${behind} 项落后于进度`,
};

const en: ChartText = {
  onTime: 'On time',
  late: 'Late',
  missing: 'Missing',
  items: 'Items',
  target: 'Target',
  expected: 'Expected',
  actual: 'Actual',
  shareOfTarget: 'of annual target',
  quotaFigures: (actual, expected, target, unit) => `actual ${actual} / expected ${expected} / target ${target} ${unit}`,
  quotaLegendNote: "Grey: the year's target; tick: expected by now; green: done. Red: behind pace.",
  noData: 'No data',
  moreUnitsAllOnTime: (count) => `${count} more ${count === 1 ? 'unit' : 'units'}, all on time`,
  moreUnitsSummary: (count, onTime, late, missing) =>
    `${count} more ${count === 1 ? 'unit' : 'units'} not shown: ${onTime} on time, ${late} late, ${missing} missing`,
  moreQuotasOnPace: (count) => `${count} more ${count === 1 ? 'quota' : 'quotas'}, all on pace`,
  moreQuotasSummary: (count, behind) => `${count} more ${count === 1 ? 'quota' : 'quotas'} not shown, ${behind} behind pace`,
};

export function chartText(locale: ChartLocale = DEFAULT_CHART_LOCALE): ChartText {
  return locale === 'en' ? en : zhCN;
}
