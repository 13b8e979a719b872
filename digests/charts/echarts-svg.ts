/**
 * ECharts option in, SVG string out, with ECharts' server-side rendering: no DOM, no canvas.
 * Only the parts the charts use are registered (echarts/core), which keeps the first import
 * light.
 */
import { BarChart, ScatterChart, type BarSeriesOption, type ScatterSeriesOption } from 'echarts/charts';
import {
  GraphicComponent,
  GridComponent,
  LegendComponent,
  TitleComponent,
  type GraphicComponentOption,
  type GridComponentOption,
  type LegendComponentOption,
  type TitleComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, ScatterChart, GraphicComponent, GridComponent, LegendComponent, TitleComponent, SVGRenderer]);

export type ChartOption = ComposeOption<
  BarSeriesOption | ScatterSeriesOption | GraphicComponentOption | GridComponentOption | LegendComponentOption | TitleComponentOption
>;

/** A chart laid out: its option and the size it is drawn at. */
export interface ChartLayout {
  option: ChartOption;
  width: number;
  height: number;
}

/** The chart as a standalone SVG document of `width` × `height` units. */
export function optionToSvg(option: ChartOption, width: number, height: number): string {
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    // No animation: SSR renders one frame, and a running animation would keep a timer alive.
    chart.setOption({ ...option, animation: false });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
