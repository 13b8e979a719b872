/**
 * Quota pace: for each counted target (全年不少于10例 …), how far the year's count has got
 * against where it should be by now ("10 a year" means about 5 by the end of June; the caller
 * works out `expected`).
 *
 * Quotas count different things on different scales (10 cases, 200 visits), so each row is drawn
 * as a share of its own annual target: a grey bar to 100 % (目标), a dark tick at the expected
 * share (应完成), and the actual share over it (实际完成), green when at or ahead of the tick, red
 * when behind. The real numbers are written under each quota's name.
 *
 * Rows are ordered worst first (largest gap, in points of the target, between expected and
 * actual; ties keep the caller's order), at most QUOTA_MAX_ROWS of them; the rest are summed up
 * in a footnote.
 */
import type { BarSeriesOption, ScatterSeriesOption } from 'echarts/charts';
import { chartLegend, chartTitle, footnotes, noDataText, plotBottom } from './chart-parts';
import {
  BASE_TEXT_STYLE,
  CHART_WIDTH,
  CHART_ZOOM,
  COLORS,
  LABEL_FONT_SIZE,
  PLOT_RIGHT,
  PLOT_TOP,
  SMALL_FONT_SIZE,
  assertCount,
  chartHeight,
  formatFigure,
  labelColumnWidth,
} from './chart-style';
import { chartText, type ChartLocale } from './chart-text';
import { optionToSvg, type ChartLayout, type ChartOption } from './echarts-svg';
import { svgToPng } from './rasterize';
import { selectWorstRows, type RowSelection } from './row-selection';

export interface QuotaPace {
  /** What is counted, e.g. 开展执法检查. */
  label: string;
  /** The year's target (全年不少于 10 → 10). */
  target: number;
  /** How many should be done by now at an even pace. */
  expected: number;
  actual: number;
  /** The counting word: 例, 件, 次, cases … */
  unit: string;
}

export interface QuotaPaceChartInput {
  title: string;
  items: QuotaPace[];
  /** Language of the legend, axis and notes; labels are drawn as given. Default zh-CN. */
  locale?: ChartLocale;
}

/** Rows drawn at most; with the row height this keeps the PNG within about 1600 × 2200 px. */
export const QUOTA_MAX_ROWS = 20;
/** Two lines of label per row: the quota's name, then its figures. */
export const QUOTA_ROW_HEIGHT = 46;
/** Shares above this are drawn at the right edge (the figures still tell the true count). */
const MAX_SHARE = 200;
const BAR_WIDTH = 16;
/** Wider than the completion chart's: the figures line ("actual 130 / expected 100 / …") is long. */
const QUOTA_MAX_LABEL_WIDTH = 300;

/** Percent of the target (0 when there is no target to measure against). */
function share(value: number, target: number): number {
  return target > 0 ? (value / target) * 100 : 0;
}

function isBehind(item: QuotaPace): boolean {
  return item.actual < item.expected;
}

/** a before b when a's actual falls further short of its expected share. */
function worsePace(a: QuotaPace, b: QuotaPace): number {
  const gap = (item: QuotaPace) => share(item.expected, item.target) - share(item.actual, item.target);
  return gap(b) - gap(a);
}

/** The quotas the chart draws, worst first, and those left for the footnote. */
export function quotaRows(items: readonly QuotaPace[]): RowSelection<QuotaPace> {
  return selectWorstRows(items, QUOTA_MAX_ROWS, worsePace);
}

function checkItems(items: readonly QuotaPace[]): void {
  for (const item of items) {
    assertCount(`target of ${item.label}`, item.target, false);
    assertCount(`expected of ${item.label}`, item.expected, false);
    assertCount(`actual of ${item.label}`, item.actual, false);
  }
}

function hiddenQuotasNote(hidden: readonly QuotaPace[], locale: ChartLocale | undefined): string[] {
  if (hidden.length === 0) return [];
  const text = chartText(locale);
  const behind = hidden.filter(isBehind).length;
  return [behind === 0 ? text.moreQuotasOnPace(hidden.length) : text.moreQuotasSummary(hidden.length, behind)];
}

/**
 * ECharts rich text reads {style|text}; braces in a label would be taken as markup, so they
 * become their full-width look-alikes.
 */
function richSafe(text: string): string {
  return text.replace(/\{/g, '｛').replace(/\}/g, '｝');
}

/** The share axis ends on a multiple of its step at or above every bar and tick, 100 % at least. */
function shareAxis(items: readonly QuotaPace[]): { max: number; interval: number } {
  const shares = items.flatMap((item) => [share(item.actual, item.target), share(item.expected, item.target)]);
  const highest = Math.max(100, ...shares);
  const top = Math.min(highest, MAX_SHARE);
  const interval = top <= 150 ? 25 : 50;
  return { max: Math.ceil(top / interval) * interval, interval };
}

function quotaPaceChartLayout(input: QuotaPaceChartInput): ChartLayout {
  checkItems(input.items);
  const text = chartText(input.locale);
  const { shown, hidden } = quotaRows(input.items);
  const notes = [...(shown.length > 0 ? [text.quotaLegendNote] : []), ...hiddenQuotasNote(hidden, input.locale)];
  const height = chartHeight(shown.length, QUOTA_ROW_HEIGHT, notes.length);

  const figures = shown.map((item) =>
    text.quotaFigures(formatFigure(item.actual), formatFigure(item.expected), formatFigure(item.target), item.unit),
  );
  const labelWidth = labelColumnWidth(
    shown.flatMap((item, index) => [
      { text: item.label, fontSize: LABEL_FONT_SIZE },
      { text: figures[index]!, fontSize: SMALL_FONT_SIZE },
    ]),
    QUOTA_MAX_LABEL_WIDTH,
  );
  const axis = shareAxis(shown);
  const clamp = (percent: number) => Math.min(percent, axis.max);

  const targetBars: BarSeriesOption = {
    name: text.target,
    type: 'bar',
    color: COLORS.target,
    barWidth: BAR_WIDTH,
    barGap: '-100%', // the actual bar is drawn over this one, not beside it
    silent: true,
    data: shown.map((item) => (item.target > 0 ? 100 : 0)),
  };
  const actualBars: BarSeriesOption = {
    name: text.actual,
    type: 'bar',
    color: COLORS.onTime,
    barWidth: BAR_WIDTH,
    data: shown.map((item) => ({
      value: clamp(share(item.actual, item.target)),
      itemStyle: { color: isBehind(item) ? COLORS.behind : COLORS.onTime },
    })),
  };
  const expectedTicks: ScatterSeriesOption = {
    name: text.expected,
    type: 'scatter',
    color: COLORS.expected,
    symbol: 'rect',
    symbolSize: [3, BAR_WIDTH + 10],
    z: 3,
    // No tick where there is no target to measure a share of.
    data: shown.flatMap((item, index) => (item.target > 0 ? [[clamp(share(item.expected, item.target)), index]] : [])),
  };

  const option: ChartOption = {
    textStyle: BASE_TEXT_STYLE,
    title: chartTitle(input.title),
    legend: chartLegend([text.target, text.expected, text.actual]),
    grid: { left: 16 + labelWidth + 8, right: PLOT_RIGHT, top: PLOT_TOP, bottom: plotBottom(notes.length) },
    xAxis: {
      type: 'value',
      max: axis.max,
      interval: axis.interval,
      name: text.shareOfTarget,
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { fontSize: SMALL_FONT_SIZE, color: COLORS.muted },
      axisLabel: { fontSize: SMALL_FONT_SIZE, color: COLORS.muted, formatter: '{value}%' },
    },
    yAxis: {
      type: 'category',
      inverse: true, // first (worst) row on top
      data: shown.map((item) => item.label),
      axisTick: { show: false },
      axisLabel: {
        interval: 0,
        width: labelWidth,
        overflow: 'truncate',
        ellipsis: '…',
        lineHeight: 18,
        formatter: (_value: string, index: number) =>
          `{name|${richSafe(shown[index]?.label ?? '')}}\n{figures|${richSafe(figures[index] ?? '')}}`,
        rich: {
          name: { fontSize: LABEL_FONT_SIZE, color: COLORS.text, align: 'right' },
          figures: { fontSize: SMALL_FONT_SIZE, color: COLORS.muted, align: 'right' },
        },
      },
    },
    series: [targetBars, actualBars, expectedTicks],
    graphic: [...(shown.length === 0 ? [noDataText(text.noData)] : []), ...footnotes(notes)],
  };
  return { option, width: CHART_WIDTH, height };
}

/** The quota pace chart as an SVG document (CHART_WIDTH units wide). */
export function quotaPaceChartSvg(input: QuotaPaceChartInput): string {
  const { option, width, height } = quotaPaceChartLayout(input);
  return optionToSvg(option, width, height);
}

/** The quota pace chart as a PNG, drawn at CHART_ZOOM. */
export async function renderQuotaPaceChart(input: QuotaPaceChartInput): Promise<Buffer> {
  return svgToPng(quotaPaceChartSvg(input), { zoom: CHART_ZOOM });
}
