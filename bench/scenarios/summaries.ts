/**
 * Scenario 5: the weekly summary with its charts for 10,000 units (the planning scenario's
 * office; `--units` for another size): buildSummary + renderSummary + summaryCharts; then, for
 * the same office, November's circular (buildCircular + renderCircular) and the yearly record
 * (buildYearRecords + renderYearRecords), each with its own target (issue 17: each < 2 s).
 */
import { createI18n } from '../../bot/i18n';
import { loadCalendar } from '../../schedules/planner-store';
import { buildSummary } from '../../digests/summary';
import { renderSummary } from '../../digests/summary-text';
import { summaryCharts } from '../../digests/summary-charts';
import { buildYearRecords } from '../../digests/summary';
import { renderYearRecords } from '../../digests/summary-text';
import { buildCircular } from '../../digests/circular-content';
import { renderCircular } from '../../digests/circular-text';
import { planScope } from '../../schedules/scope';
import { PLAN_ZONE } from '../../core/zone';
import { DateTime } from 'luxon';
import { openDatabase } from '../../db';
import { figure, measure, rssMb, type Scenario } from '../lib';
import { splitHtmlMessage } from '../../schedules/long-message';
import { REMINDER_AT, officeFile } from './planning-data';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
/** A province (issue 17), as the planning scenario. */
const SUMMARY_UNITS = 10_000;
/** The circular of the last month closed before the bench's moment (7 December 2026). */
const CIRCULAR_MONTH = '2026-11';

export const summariesScenario: Scenario = {
  name: 'summaries',
  description:
    'weekly summary with its charts for 10,000 units (buildSummary + renderSummary + summaryCharts); the circular and the yearly record of the same office',
  async run({ scale, units: unitCount, log }) {
    const size = { units: unitCount ?? Math.max(10, Math.round(SUMMARY_UNITS * scale)), requirements: 100 };
    const seeded = officeFile(size);
    const database = openDatabase(seeded.file);
    const problems: string[] = [];
    try {
      const office = seeded.office;
      log(
        `${seeded.seedSeconds > 0 ? `seeded in ${seeded.seedSeconds.toFixed(1)} s` : 'copied from DUBAN_BENCH_CACHE'}: ${size.units} units, ${office.assignments} assignments, ${office.reports} reports`,
      );
      const i18n = createI18n();
      const calendar = loadCalendar(database.db);
      const units = database.sqlite.prepare('select id, name from units order by name').all() as { id: number; name: string }[];
      // Warm the chart renderer (fonts, echarts) once: the bot keeps it loaded too.
      await summaryCharts(buildSummary(database.db, units.slice(0, 3), REMINDER_AT, calendar), 'zh-CN');

      const baseRssMb = rssMb();
      const build = await measure(() => buildSummary(database.db, units, REMINDER_AT, calendar));
      const summary = build.value;
      // The bench's one plan: its part of the summary (a summary has a part per plan).
      const plan = summary.plans[0] ?? { units: [], overdue: [], dueSoon: [], dueSoonCount: 0 };
      const text = await measure(() => renderSummary(i18n, 'zh-CN', summary, '基准测试任务分解表'));
      const charts = await measure(() => summaryCharts(summary, 'zh-CN'));
      const total = build.ms + text.ms + charts.ms;
      if (plan.units.length !== units.length) problems.push(`summary has ${plan.units.length} units, expected ${units.length}`);
      const counted = plan.units.reduce((n, u) => n + u.onTime + u.late + u.missing, 0);
      if (counted === 0) problems.push('summary counted no period at all');
      if (charts.value.length === 0 || !charts.value.every((c) => c.subarray(0, 4).equals(PNG)))
        problems.push('charts are missing or not PNG');
      if (text.value.length === 0 || text.value.length > 4096) problems.push(`summary text is ${text.value.length} characters`);

      // The circular of the office's one plan, as drafted (digests/notices/circular.ts) and worded.
      const circular = await measure(() => buildCircular(database.db, office.planId, CIRCULAR_MONTH));
      const circularText = await measure(() => renderCircular(i18n, 'zh-CN', circular.value, true));
      const circularUnits =
        circular.value.onTime.length +
        (circular.value.partlyOnTime?.length ?? 0) +
        circular.value.late.length +
        circular.value.missing.length;
      if (circularUnits === 0) problems.push('the circular names no unit');
      // The yearly record as /yearly reads it: a lead of the plan.
      const yearly = await measure(() => buildYearRecords(database.db, planScope(database.db, office.planId), REMINDER_AT));
      const yearlyText = await measure(() =>
        renderYearRecords(i18n, 'zh-CN', DateTime.fromJSDate(REMINDER_AT, { zone: PLAN_ZONE }), yearly.value),
      );
      const yearlyUnits = yearly.value[0]?.units.length ?? 0;
      if (yearlyUnits !== units.length) problems.push(`the yearly record has ${yearlyUnits} units, expected ${units.length}`);
      return {
        figures: [
          figure('units', plan.units.length, ''),
          figure('buildSummary', build.ms, 'ms'),
          figure('renderSummary', text.ms, 'ms'),
          figure('summaryCharts', charts.ms, 'ms'),
          figure('total', total, 'ms', { op: '<', limit: 2000 }),
          figure('peak RSS', Math.max(build.peakRssMb, charts.peakRssMb), 'MB'),
          figure('circular: buildCircular', circular.ms, 'ms'),
          figure('circular: renderCircular', circularText.ms, 'ms'),
          figure('circular: total', circular.ms + circularText.ms, 'ms', { op: '<', limit: 2000 }),
          figure('yearly record: buildYearRecords', yearly.ms, 'ms'),
          figure('yearly record: renderYearRecords', yearlyText.ms, 'ms'),
          figure('yearly record: total', yearly.ms + yearlyText.ms, 'ms', { op: '<', limit: 2000 }),
          // The texts as sent: a province's circular and /yearly name their worst units (a list over
          // CIRCULAR_UNITS_LISTED / YEARLY_UNITS_LISTED is cut, the rest in a spreadsheet), so a few messages.
          figure('circular: messages', splitHtmlMessage(circularText.value).length, ''),
          figure('yearly record: messages', splitHtmlMessage(yearlyText.value).length, ''),
          figure('peak RSS (circular, yearly record)', Math.max(circular.peakRssMb, yearly.peakRssMb), 'MB'),
        ],
        problems,
        notes: [
          `${counted} unit-periods counted, ${plan.overdue.length} overdue, ${plan.dueSoonCount ?? plan.dueSoon.length} due soon; ${charts.value.length} chart(s), ${charts.value.map((c) => `${(c.length / 1024).toFixed(0)} KB`).join(', ')}; text ${text.value.length} chars`,
          `circular of ${CIRCULAR_MONTH}: ${circular.value.onTime.length} units on time, ${circular.value.partlyOnTime?.length ?? 0} partly, ${circular.value.late.length} late, ${circular.value.missing.length} missing; text ${circularText.value.length} chars`,
          `yearly record: ${yearlyUnits} units; text ${yearlyText.value.length} chars`,
        ],
        growth: {
          units: size.units,
          what: 'buildSummary + renderSummary + summaryCharts',
          ms: total,
          peakRssMb: Math.max(build.peakRssMb, text.peakRssMb, charts.peakRssMb),
          baseRssMb,
        },
      };
    } finally {
      database.close();
      seeded.dispose();
    }
  },
};
