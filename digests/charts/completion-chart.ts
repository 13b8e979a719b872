/**
 * Completion per unit for the current periods, as horizontal stacked bars: 按时 (on time),
 * 逾期 (late) and 未报 (missing) items per unit, one row per unit.
 *
 * Rows are ordered worst first (most missing, then most late; ties keep the caller's order).
 * At most COMPLETION_MAX_ROWS rows are drawn, so a province-wide plan of 1,000 units still gives
 * a bounded picture; the rest are summed up in a footnote ("另有 N 个单位全部按时" when none of
 * them has anything late or missing, otherwise their on-time / late / missing totals).
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
  labelColumnWidth,
  niceAxis,
} from './chart-style';
import { chartText, type ChartLocale } from './chart-text';
import { optionToSvg, type ChartLayout, type ChartOption } from './echarts-svg';
import { svgToPng } from './rasterize';
import { selectWorstRows, type RowSelection } from './row-selection';

export interface UnitCompletion {
  name: string;
  onTime: number;
  late: number;
  missing: number;
}

export interface CompletionChartInput {
  title: string;
  units: UnitCompletion[];
  /** Language of the legend, axis and notes; unit names are drawn as given. Default zh-CN. */
  locale?: ChartLocale;
}

/** Rows drawn at most; with the row height this keeps the PNG within about 1600 × 2240 px. */
export const COMPLETION_MAX_ROWS = 40;
export const COMPLETION_ROW_HEIGHT = 24;

/** a before b when a has more missing, then more late. */
function worseCompletion(a: UnitCompletion, b: UnitCompletion): number {
  return b.missing - a.missing || b.late - a.late;
}

/** The units the chart draws, worst first, and those left for the footnote. */
export function completionRows(units: readonly UnitCompletion[]): RowSelection<UnitCompletion> {
  return selectWorstRows(units, COMPLETION_MAX_ROWS, worseCompletion);
}

function checkUnits(units: readonly UnitCompletion[]): void {
  for (const unit of units) {
    assertCount(`onTime of ${unit.name}`, unit.onTime, true);
    assertCount(`late of ${unit.name}`, unit.late, true);
    assertCount(`missing of ${unit.name}`, unit.missing, true);
  }
}

/** The footnote for units that did not fit, or none. */
function hiddenUnitsNote(hidden: readonly UnitCompletion[], locale: ChartLocale | undefined): string[] {
  if (hidden.length === 0) return [];
  const text = chartText(locale);
  const sum = (pick: (unit: UnitCompletion) => number) => hidden.reduce((total, unit) => total + pick(unit), 0);
  const late = sum((unit) => unit.late);
  const missing = sum((unit) => unit.missing);
  if (late === 0 && missing === 0) return [text.moreUnitsAllOnTime(hidden.length)];
  return [
    text.moreUnitsSummary(
      hidden.length,
      sum((unit) => unit.onTime),
      late,
      missing,
    ),
  ];
}

function completionChartLayout(input: CompletionChartInput): ChartLayout {
  checkUnits(input.units);
  const text = chartText(input.locale);
  const { shown, hidden } = completionRows(input.units);
  const notes = hiddenUnitsNote(hidden, input.locale);
  const height = chartHeight(shown.length, COMPLETION_ROW_HEIGHT, notes.length);

  const labelWidth = labelColumnWidth(shown.map((unit) => ({ text: unit.name, fontSize: LABEL_FONT_SIZE })));
  const gridLeft = 16 + labelWidth + 8;
  const axis = niceAxis(Math.max(0, ...shown.map((unit) => unit.onTime + unit.late + unit.missing)));
  const pixelsPerItem = (CHART_WIDTH - gridLeft - PLOT_RIGHT) / axis.max;

  // A count is written inside its segment only where it fits, so narrow segments stay clean.
  const segment = (name: string, color: string, pick: (unit: UnitCompletion) => number): BarSeriesOption => ({
    name,
    type: 'bar',
    stack: 'completion',
    color,
    barMaxWidth: 16,
    label: { color: '#ffffff', fontSize: SMALL_FONT_SIZE, position: 'inside' },
    data: shown.map((unit) => {
      const value = pick(unit);
      const fits = value > 0 && value * pixelsPerItem >= estimateTextWidth(String(value), SMALL_FONT_SIZE) + 6;
      return { value, label: { show: fits } };
    }),
  });

  const option: ChartOption = {
    textStyle: BASE_TEXT_STYLE,
    title: chartTitle(input.title),
    legend: chartLegend([text.onTime, text.late, text.missing]),
    grid: { left: gridLeft, right: PLOT_RIGHT, top: PLOT_TOP, bottom: plotBottom(notes.length) },
    xAxis: {
      type: 'value',
      max: axis.max,
      interval: axis.interval,
      name: text.items,
      nameLocation: 'middle',
      nameGap: 26,
      nameTextStyle: { fontSize: SMALL_FONT_SIZE, color: COLORS.muted },
      axisLabel: { fontSize: SMALL_FONT_SIZE, color: COLORS.muted },
    },
    yAxis: {
      type: 'category',
      inverse: true, // first (worst) row on top
      data: shown.map((unit) => unit.name),
      axisTick: { show: false },
      axisLabel: {
        fontSize: LABEL_FONT_SIZE,
        color: COLORS.text,
        width: labelWidth,
        overflow: 'truncate',
        ellipsis: '…',
        interval: 0, // every name, even when rows are tight
      },
    },
    series: [
      segment(text.onTime, COLORS.onTime, (unit) => unit.onTime),
      segment(text.late, COLORS.late, (unit) => unit.late),
      segment(text.missing, COLORS.missing, (unit) => unit.missing),
    ],
    graphic: [...(shown.length === 0 ? [noDataText(text.noData)] : []), ...footnotes(notes)],
  };
  return { option, width: CHART_WIDTH, height };
}

/** The completion chart as an SVG document (CHART_WIDTH units wide). */
export function completionChartSvg(input: CompletionChartInput): string {
  const { option, width, height } = completionChartLayout(input);
  return optionToSvg(option, width, height);
}

/** The completion chart as a PNG, drawn at CHART_ZOOM. */
export async function renderCompletionChart(input: CompletionChartInput): Promise<Buffer> {
  return svgToPng(completionChartSvg(input), { zoom: CHART_ZOOM });
}
