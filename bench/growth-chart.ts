/**
 * bench/growth.png: the growth curve drawn with the charts' own tools (digests/charts: ECharts
 * server-side SVG, resvg with the bundled CJK font). Two panels: time per 1,000 units and
 * memory taken per 1,000 units, against the number of units; flat lines are linear growth.
 */
import { LineChart } from 'echarts/charts';
import { use } from 'echarts/core';
import { optionToSvg, type ChartOption } from '../digests/charts/echarts-svg';
import { svgToPng } from '../digests/charts/rasterize';
import { BASE_TEXT_STYLE, CHART_ZOOM, COLORS } from '../digests/charts/chart-style';
import type { GrowthCurve } from './growth';

// The bot's charts are bars and points; the curve needs lines.
use([LineChart]);

const WIDTH = 960;
const HEIGHT = 420;
const PALETTE = ['#3b82f6', '#e5484d', '#3ba272', '#f5a623'];

export async function growthChartPng(curves: GrowthCurve[]): Promise<Buffer> {
  const sizes = [...new Set(curves.flatMap((c) => c.points.map((p) => p.units)))].sort((a, b) => a - b);
  const categories = sizes.map((n) => n.toLocaleString('en-US'));
  const at = (curve: GrowthCurve, value: (p: GrowthCurve['points'][number]) => number) =>
    sizes.map((n) => {
      const point = curve.points.find((p) => p.units === n);
      return point ? Math.round(value(point) * 100) / 100 : null;
    });
  const panels = [
    { title: 'time per 1,000 units (ms)', value: (p: GrowthCurve['points'][number]) => (p.ms / p.units) * 1000 },
    {
      title: 'memory taken per 1,000 units (MB)',
      value: (p: GrowthCurve['points'][number]) => (Math.max(0, p.peakRssMb - p.baseRssMb) / p.units) * 1000,
    },
  ];
  const option: ChartOption = {
    textStyle: BASE_TEXT_STYLE,
    color: PALETTE,
    title: panels.map((panel, i) => ({
      text: panel.title,
      left: i === 0 ? '4%' : '54%',
      top: 8,
      textStyle: { ...BASE_TEXT_STYLE, fontSize: 15 },
    })),
    legend: { bottom: 6, textStyle: { ...BASE_TEXT_STYLE, fontSize: 13 }, data: curves.map((c) => c.scenario) },
    grid: [
      { left: '6%', right: '54%', top: 56, bottom: 70 },
      { left: '56%', right: '4%', top: 56, bottom: 70 },
    ],
    xAxis: panels.map((_, i) => ({
      type: 'category' as const,
      gridIndex: i,
      data: categories,
      name: 'units',
      nameLocation: 'middle' as const,
      nameGap: 26,
      axisLabel: { color: COLORS.muted },
    })),
    yAxis: panels.map((_, i) => ({ type: 'value' as const, gridIndex: i, min: 0, axisLabel: { color: COLORS.muted } })),
    series: panels.flatMap((panel, i) =>
      curves.map((curve) => ({
        type: 'line' as const,
        name: curve.scenario,
        xAxisIndex: i,
        yAxisIndex: i,
        data: at(curve, panel.value),
        symbolSize: 7,
        label: { show: true, fontSize: 11, color: COLORS.text },
      })),
    ),
  } as ChartOption;
  return svgToPng(optionToSvg(option, WIDTH, HEIGHT), { zoom: CHART_ZOOM });
}
