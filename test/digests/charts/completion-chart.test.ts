import { describe, expect, it } from 'vitest';
import { CHART_WIDTH, CHART_ZOOM, chartHeight } from '../../../digests/charts/chart-style';
import {
  COMPLETION_MAX_ROWS,
  COMPLETION_ROW_HEIGHT,
  completionChartSvg,
  completionRows,
  renderCompletionChart,
  type UnitCompletion,
} from '../../../digests/charts/completion-chart';
import { pngSize, svgTexts } from './picture';

const units: UnitCompletion[] = [
  { name: '办公室', onTime: 6, late: 0, missing: 0 },
  { name: '政策法规处', onTime: 4, late: 1, missing: 1 },
  { name: '信息中心', onTime: 3, late: 2, missing: 0 },
];

/** A province-wide plan: 1,000 units, of which `troubled` have something late or missing. */
function provinceUnits(troubled: number): UnitCompletion[] {
  return Array.from({ length: 1000 }, (_, i) => ({
    name: `第${i + 1}县市场监督管理局`,
    onTime: 5,
    late: i < troubled && i % 2 === 0 ? 1 : 0,
    missing: i < troubled && i % 2 === 1 ? 2 : 0,
  }));
}

describe('renderCompletionChart', () => {
  it('gives a PNG 1600 px wide whose height fits the rows', async () => {
    const png = await renderCompletionChart({ title: '本周报送情况', units, locale: 'zh-CN' });
    expect(pngSize(png)).toEqual({
      width: CHART_WIDTH * CHART_ZOOM,
      height: CHART_ZOOM * chartHeight(units.length, COMPLETION_ROW_HEIGHT, 0),
    });
  });

  it('keeps 1,000 units to a bounded picture, well inside Telegram’s photo limits', async () => {
    const input = { title: '全省报送情况', units: provinceUnits(100), locale: 'zh-CN' } as const;
    const png = await renderCompletionChart(input);
    const { width, height } = pngSize(png);
    expect(width).toBe(1600);
    expect(height).toBe(CHART_ZOOM * chartHeight(COMPLETION_MAX_ROWS, COMPLETION_ROW_HEIGHT, 1));
    expect(height).toBeLessThanOrEqual(2400);
    expect(width + height).toBeLessThan(10_000);
    expect(height / width).toBeLessThan(20);
    expect(png.length).toBeLessThan(2 * 1024 * 1024);
  });

  it('draws a chart with no units, saying there is no data', async () => {
    const png = await renderCompletionChart({ title: '空', units: [], locale: 'zh-CN' });
    expect(pngSize(png)).toEqual({ width: 1600, height: CHART_ZOOM * chartHeight(0, COMPLETION_ROW_HEIGHT, 0) });
    expect(svgTexts(completionChartSvg({ title: '空', units: [] }))).toContain('暂无数据');
  });

  it('renders names with XML special characters', async () => {
    const tricky = [{ name: 'A&B <局>', onTime: 1, late: 0, missing: 1 }];
    expect(svgTexts(completionChartSvg({ title: '"引号" & 符号', units: tricky }))).toContain('A&B <局>');
    expect(pngSize(await renderCompletionChart({ title: '"引号" & 符号', units: tricky })).width).toBe(1600);
  });
});

describe('completionChartSvg', () => {
  it('writes the legend and axis in Chinese by default', () => {
    const texts = svgTexts(completionChartSvg({ title: '本周', units }));
    expect(texts).toEqual(expect.arrayContaining(['按时', '逾期', '未报', '事项数', '政策法规处']));
    expect(texts).not.toContain('On time');
  });

  it('writes the legend and axis in English for en, unit names as given', () => {
    const texts = svgTexts(completionChartSvg({ title: 'This week', units, locale: 'en' }));
    expect(texts).toEqual(expect.arrayContaining(['On time', 'Late', 'Missing', 'Items', '政策法规处']));
    expect(texts).not.toContain('按时');
  });

  it('asks for the bundled font in every piece of text', () => {
    const svg = completionChartSvg({ title: '本周', units });
    const textTags = svg.match(/<text\b[^>]*>/g) ?? [];
    expect(textTags.length).toBeGreaterThan(5);
    for (const tag of textTags) expect(tag).toContain("font-family:'Noto Sans S Chinese'");
  });

  it('says the hidden units were all on time when they were', () => {
    const texts = svgTexts(completionChartSvg({ title: '全省', units: provinceUnits(10) }));
    expect(texts).toContain('另有 960 个单位全部按时');
    expect(texts).toContain('第1县市场监督管理局');
    expect(texts).not.toContain('第999县市场监督管理局');
  });

  it('sums up the hidden units when some of them were late or missing', () => {
    const texts = svgTexts(completionChartSvg({ title: 'Province', units: provinceUnits(100), locale: 'en' }));
    // 100 troubled: 50 with 2 missing, 50 with 1 late. 40 of the missing ones are drawn; hidden are
    // 10 with 2 missing, the 50 late ones and 900 on time, 5 items on time each.
    expect(texts).toContain('960 more units not shown: 4800 on time, 50 late, 20 missing');
  });

  it('refuses counts that are negative or not whole', () => {
    expect(() => completionChartSvg({ title: 'x', units: [{ name: 'a', onTime: -1, late: 0, missing: 0 }] })).toThrow(RangeError);
    expect(() => completionChartSvg({ title: 'x', units: [{ name: 'a', onTime: 1.5, late: 0, missing: 0 }] })).toThrow(/onTime of a/);
  });
});

describe('completionRows', () => {
  it('puts the most missing first, then the most late, ties in the given order', () => {
    const { shown, hidden } = completionRows([
      { name: 'fine', onTime: 3, late: 0, missing: 0 },
      { name: 'late2', onTime: 1, late: 2, missing: 0 },
      { name: 'missing1', onTime: 0, late: 0, missing: 1 },
      { name: 'missing1-late1', onTime: 0, late: 1, missing: 1 },
      { name: 'fine-too', onTime: 2, late: 0, missing: 0 },
    ]);
    expect(shown.map((unit) => unit.name)).toEqual(['missing1-late1', 'missing1', 'late2', 'fine', 'fine-too']);
    expect(hidden).toEqual([]);
  });

  it('shows at most COMPLETION_MAX_ROWS units, the worst ones', () => {
    const { shown, hidden } = completionRows(provinceUnits(100));
    expect(shown).toHaveLength(COMPLETION_MAX_ROWS);
    expect(hidden).toHaveLength(1000 - COMPLETION_MAX_ROWS);
    expect(shown.every((unit) => unit.missing > 0 || unit.late > 0)).toBe(true);
  });
});
