import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, CHART_ZOOM, chartHeight } from '../../../digests/charts/chart-style';
import {
  QUOTA_MAX_ROWS,
  QUOTA_ROW_HEIGHT,
  quotaPaceChartSvg,
  quotaRows,
  renderQuotaPaceChart,
  type QuotaPace,
} from '../../../digests/charts/quota-pace-chart';
import { pngSize, svgSize, svgTexts } from './picture';

const items: QuotaPace[] = [
  { label: '开展执法检查', target: 10, expected: 5, actual: 4, unit: '次' },
  { label: '办理行政复议案件', target: 200, expected: 100, actual: 130, unit: '件' },
  { label: '典型案例报送', target: 3, expected: 1.5, actual: 0, unit: '例' },
];

describe('renderQuotaPaceChart', () => {
  it('gives a PNG 1600 px wide whose height fits the rows and the colour note', async () => {
    const png = await renderQuotaPaceChart({ title: '指标进度', items, locale: 'zh-CN' });
    expect(pngSize(png)).toEqual({
      width: CHART_WIDTH * CHART_ZOOM,
      height: CHART_ZOOM * chartHeight(items.length, QUOTA_ROW_HEIGHT, 1),
    });
  });
});

describe('quotaPaceChartSvg', () => {
  it('keeps many quotas to a bounded page', () => {
    const many = Array.from({ length: 300 }, (_, i) => ({ ...items[0]!, label: `指标${i}`, actual: i % 9 }));
    const { width, height } = svgSize(quotaPaceChartSvg({ title: '全部指标', items: many }));
    expect(width).toBe(CHART_WIDTH);
    expect(height).toBe(chartHeight(QUOTA_MAX_ROWS, QUOTA_ROW_HEIGHT, 2));
    expect(CHART_ZOOM * (width + height)).toBeLessThan(10_000);
  });

  it('draws a chart with no quotas, saying there is no data', () => {
    expect(svgTexts(quotaPaceChartSvg({ title: '无', items: [], locale: 'en' }))).toContain('No data');
  });

  it('writes the legend in Chinese by default, figures under each name', () => {
    const texts = svgTexts(quotaPaceChartSvg({ title: '指标进度', items }));
    expect(texts).toEqual(expect.arrayContaining(['目标', '应完成', '实际完成', '占全年目标', '开展执法检查']));
    expect(texts).toContain('实际 4 / 应完成 5 / 目标 10 次');
    expect(texts).toContain('实际 0 / 应完成 1.5 / 目标 3 例');
    expect(texts).not.toContain('Target');
  });

  it('writes the legend in English for en', () => {
    const texts = svgTexts(quotaPaceChartSvg({ title: 'Quotas', items, locale: 'en' }));
    expect(texts).toEqual(expect.arrayContaining(['Target', 'Expected', 'Actual', 'of annual target']));
    expect(texts).toContain('actual 130 / expected 100 / target 200 件');
    expect(texts).not.toContain('目标');
  });

  it('shows the axis as shares of the target, past 100 % when a quota is ahead of it', () => {
    const ahead = [{ label: '宣传', target: 4, expected: 2, actual: 6, unit: '次' }];
    expect(svgTexts(quotaPaceChartSvg({ title: 't', items })).filter((t) => t.endsWith('%'))).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(svgTexts(quotaPaceChartSvg({ title: 't', items: ahead }))).toContain('150%');
  });

  it('keeps braces in labels as text, not rich-text markup', () => {
    const braces = [{ label: '专项{行动}', target: 2, expected: 1, actual: 1, unit: '次' }];
    expect(svgTexts(quotaPaceChartSvg({ title: 't', items: braces }))).toContain('专项｛行动｝');
  });

  it('notes hidden quotas, and how many of them are behind', () => {
    const onPace = Array.from({ length: QUOTA_MAX_ROWS + 5 }, (_, i) => ({ ...items[0]!, label: `q${i}`, actual: 5 }));
    expect(svgTexts(quotaPaceChartSvg({ title: 't', items: onPace }))).toContain('另有 5 项指标进度正常');
    const behind = onPace.map((item, i) => ({ ...item, actual: i < QUOTA_MAX_ROWS + 2 ? 1 : 5 }));
    expect(svgTexts(quotaPaceChartSvg({ title: 't', items: behind, locale: 'en' }))).toContain('5 more quotas not shown, 2 behind pace');
  });

  it('refuses figures that are negative or not numbers', () => {
    expect(() => quotaPaceChartSvg({ title: 't', items: [{ ...items[0]!, actual: Number.NaN }] })).toThrow(RangeError);
    expect(() => quotaPaceChartSvg({ title: 't', items: [{ ...items[0]!, target: -1 }] })).toThrow(/target of 开展执法检查/);
  });
});

describe('quotaRows', () => {
  it('puts the largest shortfall against the expected share first, ties in the given order', () => {
    const { shown } = quotaRows([
      { label: 'ahead', target: 10, expected: 5, actual: 8, unit: '例' },
      { label: 'short-10pts', target: 10, expected: 5, actual: 4, unit: '例' },
      { label: 'short-50pts', target: 2, expected: 1, actual: 0, unit: '例' },
      { label: 'on-pace', target: 10, expected: 5, actual: 5, unit: '例' },
      { label: 'short-10pts-too', target: 100, expected: 50, actual: 40, unit: '例' },
    ]);
    expect(shown.map((item) => item.label)).toEqual(['short-50pts', 'short-10pts', 'short-10pts-too', 'on-pace', 'ahead']);
  });
});
