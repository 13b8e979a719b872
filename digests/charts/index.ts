/**
 * Charts for the leads' weekly summary and /score, as PNG pictures for Telegram. Pure: data in,
 * PNG bytes out; no database, no Telegram. See README.md in this folder for the choices behind them.
 */
export {
  COMPLETION_MAX_ROWS,
  completionChartSvg,
  completionRows,
  renderCompletionChart,
  type CompletionChartInput,
  type UnitCompletion,
} from './completion-chart';
export {
  QUOTA_MAX_ROWS,
  quotaPaceChartSvg,
  quotaRows,
  renderQuotaPaceChart,
  type QuotaPace,
  type QuotaPaceChartInput,
} from './quota-pace-chart';
export { SCORE_MAX_ROWS, renderScoreChart, scoreChartSvg, scoreRows, type IndicatorPoints, type ScoreChartInput } from './score-chart';
export type { ChartLocale } from './chart-text';
