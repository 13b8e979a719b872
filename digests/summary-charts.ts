/**
 * The pictures that go with a summary: completion per unit, and quota pace when some quota
 * is behind. Rendered on demand (they take a fraction of a second each). A summary over several
 * plans has its pictures per plan, each titled with the plan: a unit's bar never adds up two
 * plans' periods.
 */
import type { PlanSummary, Summary } from './summary';
import { planName } from '../schedules/scope';

export async function summaryCharts(summary: Summary, locale: string): Promise<Buffer[]> {
  // Loaded at the first chart, not at start: ECharts and the rasterizer take a second to load,
  // and the bot answers its first update before anyone asks for a summary (bench: startup).
  const { renderCompletionChart, renderQuotaPaceChart } = await import('./charts');
  const lang = locale === 'en' ? 'en' : 'zh-CN';
  const several = summary.plans.length > 1;
  // "各单位最近一期报送 · 2026 计划标题" when there are several plans; the chart cuts a long title at its end.
  const titled = (plan: PlanSummary, title: string) => (several ? `${title} · ${planName(plan)}` : title);
  const charts: Buffer[] = [];
  for (const plan of summary.plans) {
    if (plan.units.length > 0) {
      charts.push(
        await renderCompletionChart({
          title: titled(plan, lang === 'en' ? 'Latest period per unit' : '各单位最近一期报送'),
          units: plan.units.map((u) => ({ name: u.unit, onTime: u.onTime, late: u.late, missing: u.missing })),
          locale: lang,
        }),
      );
    }
    if (plan.quotasBehind.length > 0) {
      charts.push(
        await renderQuotaPaceChart({
          title: titled(plan, lang === 'en' ? 'Counted targets behind pace' : '量化目标进度'),
          items: plan.quotasBehind.map((q) => ({
            label: `${q.unit} ${q.item}`,
            target: q.target,
            expected: q.expected,
            actual: q.actual,
            unit: q.label,
          })),
          locale: lang,
        }),
      );
    }
  }
  return charts;
}
