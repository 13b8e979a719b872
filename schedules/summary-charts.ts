/**
 * The pictures that go with a summary: completion per unit, and quota pace when some quota
 * is behind. Rendered on demand (they take a fraction of a second each).
 */
import { renderCompletionChart, renderQuotaPaceChart } from './charts';
import type { Summary } from './summary';

export async function summaryCharts(summary: Summary, locale: string): Promise<Buffer[]> {
  const lang = locale === 'en' ? 'en' : 'zh-CN';
  const charts: Buffer[] = [];
  if (summary.units.length > 0) {
    charts.push(
      await renderCompletionChart({
        title: lang === 'en' ? 'Latest period per unit' : '各单位最近一期报送',
        units: summary.units.map((u) => ({ name: u.unit, onTime: u.onTime, late: u.late, missing: u.missing })),
        locale: lang,
      }),
    );
  }
  if (summary.quotasBehind.length > 0) {
    charts.push(
      await renderQuotaPaceChart({
        title: lang === 'en' ? 'Counted targets behind pace' : '量化目标进度',
        items: summary.quotasBehind.map((q) => ({ label: `${q.unit} ${q.item}`, target: q.target, expected: q.expected, actual: q.actual, unit: q.label })),
        locale: lang,
      }),
    );
  }
  return charts;
}
