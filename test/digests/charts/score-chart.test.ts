import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, CHART_ZOOM, chartHeight } from '../../../digests/charts/chart-style';
import {
  SCORE_MAX_ROWS,
  SCORE_ROW_HEIGHT,
  renderScoreChart,
  scoreChartSvg,
  scoreRows,
  type IndicatorPoints,
} from '../../../digests/charts/score-chart';
import { pngSize, svgSize, svgTexts } from './picture';

const indicators: IndicatorPoints[] = [
  { number: '1', title: '信用信息归集', points: 10, atRisk: 2.5 },
  { number: '2', title: '信用承诺', points: 7.5, atRisk: 7.5 },
  { number: '18', title: '实施联合奖惩措施', points: 6, atRisk: 0 },
];

/** A district plan of `count` indicators of 5 points; the first `risky` have 1.5 of them at risk. */
function manyIndicators(count: number, risky: number): IndicatorPoints[] {
  return Array.from({ length: count }, (_, i) => ({
    number: String(i + 1),
    title: `指标${i + 1}`,
    points: 5,
    atRisk: i < risky ? 1.5 : 0,
  }));
}

describe('renderScoreChart', () => {
  it('gives a PNG 1600 px wide whose height fits the rows', async () => {
    const png = await renderScoreChart({ title: '各指标分值与缺佐证风险', indicators, locale: 'zh-CN' });
    expect(pngSize(png)).toEqual({
      width: CHART_WIDTH * CHART_ZOOM,
      height: CHART_ZOOM * chartHeight(indicators.length, SCORE_ROW_HEIGHT, 0),
    });
  });

  it('keeps 300 indicators to a bounded picture, well inside Telegram’s photo limits', async () => {
    const png = await renderScoreChart({ title: '全部指标', indicators: manyIndicators(300, 100) });
    const { width, height } = pngSize(png);
    expect(width).toBe(1600);
    expect(height).toBe(CHART_ZOOM * chartHeight(SCORE_MAX_ROWS, SCORE_ROW_HEIGHT, 1));
    expect(height).toBeLessThanOrEqual(2400);
    expect(width + height).toBeLessThan(10_000);
    expect(height / width).toBeLessThan(20);
    expect(png.length).toBeLessThan(2 * 1024 * 1024);
  });
});

describe('scoreChartSvg', () => {
  it('labels each row with the indicator’s number and title, the legend and axis in Chinese by default', () => {
    const texts = svgTexts(scoreChartSvg({ title: '各指标分值与缺佐证风险', indicators }));
    expect(texts).toEqual(
      expect.arrayContaining([
        '各指标分值与缺佐证风险',
        '已有佐证',
        '缺佐证（失分风险）',
        '分值',
        '1 信用信息归集',
        '2 信用承诺',
        '18 实施联合奖惩措施',
      ]),
    );
    expect(texts).not.toContain('Points');
  });

  it('writes the legend and axis in English for en, numbers and titles as given', () => {
    const texts = svgTexts(scoreChartSvg({ title: 'Points', indicators, locale: 'en' }));
    expect(texts).toEqual(expect.arrayContaining(['Evidence in', 'Lacking evidence (at risk)', 'Points', '1 信用信息归集']));
    expect(texts).not.toContain('已有佐证');
  });

  it('writes points with at most one decimal: the proven part and the part at risk', () => {
    const texts = svgTexts(scoreChartSvg({ title: 't', indicators: [{ number: '3', title: '信用修复', points: 10, atRisk: 3.33 }] }));
    expect(texts).toContain('3.3');
    expect(texts).toContain('6.7'); // 10 − 3.33, not 6.67
    expect(texts.some((t) => /\d\.\d\d/.test(t))).toBe(false);
  });

  it('writes a small point at risk beside its bar when the red part is too narrow for it', () => {
    const texts = svgTexts(scoreChartSvg({ title: 't', indicators: [{ number: '4', title: '宣传', points: 40, atRisk: 0.2 }] }));
    expect(texts).toContain('0.2');
    expect(texts).toContain('39.8');
  });

  it('cuts a long title to the label column, keeping the number in front', () => {
    const long = {
      number: '18',
      title: '实施联合奖惩措施，对失信主体依法依规开展联合惩戒并定期报送典型案例和工作总结',
      points: 5,
      atRisk: 1,
    };
    const label = svgTexts(scoreChartSvg({ title: 't', indicators: [long] })).find((t) => t.startsWith('18 '));
    expect(label).toMatch(/^18 实施联合奖惩措施.*…$/);
    expect(label!.length).toBeLessThan(`18 ${long.title}`.length);
  });

  it('says the hidden indicators have all their evidence when they do', () => {
    const texts = svgTexts(scoreChartSvg({ title: 't', indicators: manyIndicators(SCORE_MAX_ROWS + 5, 10) }));
    expect(texts).toContain('另有 5 项指标佐证齐全');
    expect(texts).toContain('1 指标1');
    expect(texts).not.toContain(`${SCORE_MAX_ROWS + 1} 指标${SCORE_MAX_ROWS + 1}`);
  });

  it('sums up the points at risk of the hidden indicators', () => {
    // 50 risky of 60: 40 drawn; of the 20 hidden, 10 have 1.5 at risk each.
    const texts = svgTexts(scoreChartSvg({ title: 't', indicators: manyIndicators(60, 50) }));
    expect(texts).toContain('另有 20 项指标未列出：缺佐证约 15 分');
    const english = svgTexts(scoreChartSvg({ title: 't', indicators: manyIndicators(60, 50), locale: 'en' }));
    expect(english).toContain('20 more indicators not shown: about 15 points at risk');
    expect(svgTexts(scoreChartSvg({ title: 't', indicators: manyIndicators(SCORE_MAX_ROWS + 1, 0), locale: 'en' }))).toContain(
      '1 more indicator, all evidence in',
    );
  });

  it('keeps many indicators to a bounded page', () => {
    const { width, height } = svgSize(scoreChartSvg({ title: 't', indicators: manyIndicators(500, 500) }));
    expect(width).toBe(CHART_WIDTH);
    expect(height).toBe(chartHeight(SCORE_MAX_ROWS, SCORE_ROW_HEIGHT, 1));
  });

  it('draws a chart with no indicators, saying there is no data', () => {
    expect(svgTexts(scoreChartSvg({ title: '空', indicators: [] }))).toContain('暂无数据');
    expect(svgSize(scoreChartSvg({ title: '空', indicators: [] })).height).toBe(chartHeight(0, SCORE_ROW_HEIGHT, 0));
  });

  it('refuses points or points at risk that are negative, not numbers, or more than the points', () => {
    const one = (points: number, atRisk: number) => () =>
      scoreChartSvg({ title: 'x', indicators: [{ number: '7', title: 'a', points, atRisk }] });
    expect(one(-1, 0)).toThrow(RangeError);
    expect(one(Number.NaN, 0)).toThrow(/points of 7/);
    expect(one(5, -0.5)).toThrow(/atRisk of 7/);
    expect(one(5, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(one(5, 6)).toThrow(/exceeds its points/);
    // One decimal of rounding above the points is digests/score.ts's, not a mistake.
    expect(one(0.25, 0.3)).not.toThrow();
  });
});

describe('scoreRows', () => {
  it('puts the most points at risk first, ties in the plan’s order', () => {
    const { shown, hidden } = scoreRows([
      { number: '1', title: 'a', points: 10, atRisk: 0 },
      { number: '2', title: 'b', points: 10, atRisk: 2.5 },
      { number: '3', title: 'c', points: 5, atRisk: 5 },
      { number: '4', title: 'd', points: 8, atRisk: 2.5 },
      { number: '5', title: 'e', points: 3, atRisk: 0 },
    ]);
    expect(shown.map((i) => i.number)).toEqual(['3', '2', '4', '1', '5']);
    expect(hidden).toEqual([]);
  });

  it('shows at most SCORE_MAX_ROWS indicators, those with points at risk', () => {
    const { shown, hidden } = scoreRows(manyIndicators(300, 50));
    expect(shown).toHaveLength(SCORE_MAX_ROWS);
    expect(hidden).toHaveLength(300 - SCORE_MAX_ROWS);
    expect(shown.every((i) => i.atRisk > 0)).toBe(true);
  });
});
