/**
 * Points per indicator of an assessment plan (/score, issue 15 item 4), as horizontal stacked
 * bars: each indicator's points split into 已有佐证 (green: the share whose proof is in) and
 * 缺佐证 (red: the points at risk), labelled with its number and title ("18 实施联合奖惩措施").
 *
 * Rows are ordered worst first (most points at risk; ties keep the plan's order), at most
 * SCORE_MAX_ROWS of them; the rest are summed up in a footnote ("另有 N 项指标佐证齐全" when
 * none of them has points at risk, otherwise how many points they leave at risk).
 *
 * The words are kept here, per locale, rather than in chart-text.ts: only this chart uses them.
 */
import type { BarSeriesOption } from 'echarts/charts';
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
  estimateTextWidth,
  formatFigure,
  labelColumnWidth,
  niceAxis,
} from './chart-style';
import { DEFAULT_CHART_LOCALE, type ChartLocale } from './chart-text';
import { optionToSvg, type ChartLayout, type ChartOption } from './echarts-svg';
import { svgToPng } from './rasterize';
import { selectWorstRows, type RowSelection } from './row-selection';

export interface IndicatorPoints {
  /** The indicator's number in the plan ("18", "十"). */
  number: string;
  title: string;
  points: number;
  /** The points without proof yet, at most `points` (digests/score.ts rounds it to one decimal). */
  atRisk: number;
}

export interface ScoreChartInput {
  title: string;
  indicators: IndicatorPoints[];
  /** Language of the legend, axis and notes; numbers and titles are drawn as given. Default zh-CN. */
  locale?: ChartLocale;
}

/** Rows drawn at most; with the row height this keeps the PNG within about 1600 × 2240 px. */
export const SCORE_MAX_ROWS = 40;
export const SCORE_ROW_HEIGHT = 24;
/** Wider than the completion chart's: an indicator's title says what it is, so more of it is worth showing. */
const SCORE_MAX_LABEL_WIDTH = 300;
/** Room past the longest bar for a points-at-risk figure written beside it ("12.5"). */
const SCORE_PLOT_RIGHT = PLOT_RIGHT + 16;
/** digests/score.ts rounds points at risk to one decimal, which may lift them a hair above the points. */
const ROUNDING_SLACK = 0.05;

interface ScoreText {
  proven: string;
  atRisk: string;
  /** Axis name: what the bars measure. */
  points: string;
  noData: string;
  moreAllProven(count: number): string;
  moreAtRisk(count: number, risk: string): string;
}

const TEXT: Record<ChartLocale, ScoreText> = {
  'zh-CN': {
    proven: '已有佐证',
    atRisk: '缺佐证（失分风险）',
    points: '分值',
    noData: '暂无数据',
    moreAllProven: (count) => `另有 ${count} 项指标佐证齐全`,
    moreAtRisk: (count, risk) => `另有 ${count} 项指标未列出：缺佐证约 ${risk} 分`,
  },
  en: {
    proven: 'Evidence in',
    atRisk: 'Lacking evidence (at risk)',
    points: 'Points',
    noData: 'No data',
    moreAllProven: (count) => `${count} more ${count === 1 ? 'indicator' : 'indicators'}, all evidence in`,
    moreAtRisk: (count, risk) => `${count} more ${count === 1 ? 'indicator' : 'indicators'} not shown: about ${risk} points at risk`,
  },
};

function scoreText(locale: ChartLocale = DEFAULT_CHART_LOCALE): ScoreText {
  return TEXT[locale];
}

/** The red part of a bar: never longer than the bar itself. */
function riskOf(indicator: IndicatorPoints): number {
  return Math.min(indicator.atRisk, indicator.points);
}

/**
 * The green part: what is left of the points once the risk is taken out. Not rounded, so the two
 * parts end exactly at the points; the figure written on it is rounded.
 */
function provenOf(indicator: IndicatorPoints): number {
  return indicator.points - riskOf(indicator);
}

/** a before b when a has more points at risk. */
function worseScore(a: IndicatorPoints, b: IndicatorPoints): number {
  return riskOf(b) - riskOf(a);
}

/** The indicators the chart draws, worst first, and those left for the footnote. */
export function scoreRows(indicators: readonly IndicatorPoints[]): RowSelection<IndicatorPoints> {
  return selectWorstRows(indicators, SCORE_MAX_ROWS, worseScore);
}

function checkIndicators(indicators: readonly IndicatorPoints[]): void {
  for (const indicator of indicators) {
    assertCount(`points of ${indicator.number}`, indicator.points, false);
    assertCount(`atRisk of ${indicator.number}`, indicator.atRisk, false);
    if (indicator.atRisk > indicator.points + ROUNDING_SLACK) {
      throw new RangeError(`atRisk of ${indicator.number} (${indicator.atRisk}) exceeds its points (${indicator.points})`);
    }
  }
}

function hiddenIndicatorsNote(hidden: readonly IndicatorPoints[], text: ScoreText): string[] {
  if (hidden.length === 0) return [];
  const risk = hidden.reduce((sum, indicator) => sum + riskOf(indicator), 0);
  return [risk === 0 ? text.moreAllProven(hidden.length) : text.moreAtRisk(hidden.length, formatFigure(risk))];
}

/** "18 实施联合奖惩措施": the number first, so it survives when the label column cuts the title. */
function rowLabel(indicator: IndicatorPoints): string {
  return `${indicator.number} ${indicator.title}`;
}

function scoreChartLayout(input: ScoreChartInput): ChartLayout {
  checkIndicators(input.indicators);
  const text = scoreText(input.locale);
  const { shown, hidden } = scoreRows(input.indicators);
  const notes = hiddenIndicatorsNote(hidden, text);
  const height = chartHeight(shown.length, SCORE_ROW_HEIGHT, notes.length);

  const labels = shown.map(rowLabel);
  const labelWidth = labelColumnWidth(
    labels.map((label) => ({ text: label, fontSize: LABEL_FONT_SIZE })),
    SCORE_MAX_LABEL_WIDTH,
  );
  const gridLeft = 16 + labelWidth + 8;
  const axis = niceAxis(Math.max(0, ...shown.map((indicator) => indicator.points)));
  const pixelsPerPoint = (CHART_WIDTH - gridLeft - SCORE_PLOT_RIGHT) / axis.max;
  const fits = (value: number) => value * pixelsPerPoint >= estimateTextWidth(formatFigure(value), SMALL_FONT_SIZE) + 6;

  const proven: BarSeriesOption = {
    name: text.proven,
    type: 'bar',
    stack: 'points',
    color: COLORS.onTime,
    barMaxWidth: 16,
    label: { color: '#ffffff', fontSize: SMALL_FONT_SIZE, position: 'inside', formatter: ({ value }) => formatFigure(Number(value)) },
    data: shown.map((indicator) => {
      const value = provenOf(indicator);
      return { value, label: { show: value > 0 && fits(value) } };
    }),
  };
  // The points at risk are what a lead acts on, so their figure is always written: inside the
  // red part when it fits, else just past the bar's end, in red.
  const atRisk: BarSeriesOption = {
    name: text.atRisk,
    type: 'bar',
    stack: 'points',
    color: COLORS.missing,
    barMaxWidth: 16,
    label: { fontSize: SMALL_FONT_SIZE, formatter: ({ value }) => formatFigure(Number(value)) },
    data: shown.map((indicator) => {
      const value = riskOf(indicator);
      const label = fits(value)
        ? { show: true, position: 'inside' as const, color: '#ffffff' }
        : { show: value > 0, position: 'right' as const, color: COLORS.missing };
      return { value, label };
    }),
  };

  const option: ChartOption = {
    textStyle: BASE_TEXT_STYLE,
    title: chartTitle(input.title),
    legend: chartLegend([text.proven, text.atRisk]),
    grid: { left: gridLeft, right: SCORE_PLOT_RIGHT, top: PLOT_TOP, bottom: plotBottom(notes.length) },
    xAxis: {
      type: 'value',
      max: axis.max,
      interval: axis.interval,
      name: text.points,
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { fontSize: SMALL_FONT_SIZE, color: COLORS.muted },
      axisLabel: { fontSize: SMALL_FONT_SIZE, color: COLORS.muted },
    },
    yAxis: {
      type: 'category',
      inverse: true, // first (worst) row on top
      data: labels,
      axisTick: { show: false },
      axisLabel: {
        fontSize: LABEL_FONT_SIZE,
        color: COLORS.text,
        width: labelWidth,
        overflow: 'truncate',
        ellipsis: '…',
        interval: 0, // every label, even when rows are tight
      },
    },
    series: [proven, atRisk],
    graphic: [...(shown.length === 0 ? [noDataText(text.noData)] : []), ...footnotes(notes)],
  };
  return { option, width: CHART_WIDTH, height };
}

/** The score chart as an SVG document (CHART_WIDTH units wide). */
export function scoreChartSvg(input: ScoreChartInput): string {
  const { option, width, height } = scoreChartLayout(input);
  return optionToSvg(option, width, height);
}

/** The score chart as a PNG, drawn at CHART_ZOOM. */
export async function renderScoreChart(input: ScoreChartInput): Promise<Buffer> {
  return svgToPng(scoreChartSvg(input), { zoom: CHART_ZOOM });
}
