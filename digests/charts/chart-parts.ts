/**
 * ECharts option pieces both charts use: the title, the legend row, footnotes and the
 * "no data" text. Graphic elements do not inherit the option's global text style, so each
 * names the bundled font itself.
 */
import type { GraphicComponentOption, LegendComponentOption, TitleComponentOption } from 'echarts/components';
import { CHART_FONT_STACK } from './cjk-font';
import {
  AXIS_BOTTOM,
  CHART_WIDTH,
  COLORS,
  LABEL_FONT_SIZE,
  MIN_PLOT_HEIGHT,
  NOTE_LINE_HEIGHT,
  PLOT_TOP,
  SMALL_FONT_SIZE,
  TITLE_FONT_SIZE,
} from './chart-style';

const SIDE_MARGIN = 16;

export function chartTitle(text: string): TitleComponentOption {
  return {
    text,
    left: SIDE_MARGIN,
    top: 12,
    textStyle: {
      fontFamily: CHART_FONT_STACK,
      fontSize: TITLE_FONT_SIZE,
      // Only the Regular weight is bundled; asking for bold would just fall back to it.
      fontWeight: 'normal',
      color: COLORS.text,
      width: CHART_WIDTH - 2 * SIDE_MARGIN,
      overflow: 'truncate',
    },
  };
}

export function chartLegend(names: string[]): LegendComponentOption {
  return {
    data: names,
    left: SIDE_MARGIN,
    top: 46,
    itemWidth: 14,
    itemHeight: 14,
    itemGap: 20,
    textStyle: { fontFamily: CHART_FONT_STACK, fontSize: LABEL_FONT_SIZE, color: COLORS.text },
  };
}

/** One text element per line, stacked under the value axis, the first line on top. */
export function footnotes(lines: string[]): GraphicComponentOption[] {
  return lines.map((line, index) => ({
    type: 'text',
    left: SIDE_MARGIN,
    bottom: 8 + (lines.length - 1 - index) * NOTE_LINE_HEIGHT,
    silent: true,
    style: { text: line, fontFamily: CHART_FONT_STACK, fontSize: SMALL_FONT_SIZE, fill: COLORS.muted },
  }));
}

/** A centred "no data" in the (empty) plot. */
export function noDataText(text: string): GraphicComponentOption {
  return {
    type: 'text',
    left: 'center',
    top: PLOT_TOP + MIN_PLOT_HEIGHT / 2 - 8,
    silent: true,
    style: { text, fontFamily: CHART_FONT_STACK, fontSize: LABEL_FONT_SIZE, fill: COLORS.muted },
  };
}

/** Space the grid leaves under the plot: the axis, then the footnote lines. */
export function plotBottom(noteLines: number): number {
  return AXIS_BOTTOM + noteLines * NOTE_LINE_HEIGHT;
}
