/**
 * Scenario 5: the weekly summary with its charts for 1,000 units (the planning scenario's
 * office): buildSummary + renderSummary + summaryCharts.
 */
import { createI18n } from '../../bot/i18n';
import { loadCalendar } from '../../schedules/planner-store';
import { buildSummary } from '../../digests/summary';
import { renderSummary } from '../../digests/summary-text';
import { summaryCharts } from '../../digests/summary-charts';
import { figure, measure, tempDatabase, type Scenario } from '../lib';
import { REMINDER_AT, seedOffice } from './planning-data';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);

export const summariesScenario: Scenario = {
  name: 'summaries',
  description: 'weekly summary with its charts for 1,000 units: buildSummary + renderSummary + summaryCharts',
  async run({ scale, log }) {
    const size = { units: Math.max(10, Math.round(1000 * scale)), requirements: 100 };
    const database = tempDatabase();
    const problems: string[] = [];
    try {
      const office = seedOffice(database, size);
      log(`seeded ${size.units} units, ${office.assignments} assignments, ${office.reports} reports`);
      const i18n = createI18n();
      const calendar = loadCalendar(database.db);
      const units = database.sqlite.prepare('select id, name from units order by name').all() as { id: number; name: string }[];
      // Warm the chart renderer (fonts, echarts) once: the bot keeps it loaded too.
      await summaryCharts(buildSummary(database.db, units.slice(0, 3), REMINDER_AT, calendar), 'zh-CN');

      const build = await measure(() => buildSummary(database.db, units, REMINDER_AT, calendar));
      const summary = build.value;
      // The bench's one plan: its part of the summary (a summary has a part per plan).
      const plan = summary.plans[0] ?? { units: [], overdue: [], dueSoon: [] };
      const text = await measure(() => renderSummary(i18n, 'zh-CN', summary, '基准测试任务分解表'));
      const charts = await measure(() => summaryCharts(summary, 'zh-CN'));
      const total = build.ms + text.ms + charts.ms;
      if (plan.units.length !== units.length) problems.push(`summary has ${plan.units.length} units, expected ${units.length}`);
      const counted = plan.units.reduce((n, u) => n + u.onTime + u.late + u.missing, 0);
      if (counted === 0) problems.push('summary counted no period at all');
      if (charts.value.length === 0 || !charts.value.every((c) => c.subarray(0, 4).equals(PNG)))
        problems.push('charts are missing or not PNG');
      if (text.value.length === 0 || text.value.length > 4096) problems.push(`summary text is ${text.value.length} characters`);
      return {
        figures: [
          figure('units', plan.units.length, ''),
          figure('buildSummary', build.ms, 'ms'),
          figure('renderSummary', text.ms, 'ms'),
          figure('summaryCharts', charts.ms, 'ms'),
          figure('total', total, 'ms', { op: '<', limit: 2000 }),
          figure('peak RSS', Math.max(build.peakRssMb, charts.peakRssMb), 'MB'),
        ],
        problems,
        notes: [
          `${counted} unit-periods counted, ${plan.overdue.length} overdue, ${plan.dueSoon.length} due soon; ${charts.value.length} chart(s), ${charts.value.map((c) => `${(c.length / 1024).toFixed(0)} KB`).join(', ')}; text ${text.value.length} chars`,
        ],
      };
    } finally {
      database.dispose();
    }
  },
};
