/**
 * /yearly's whole record as a spreadsheet (the "完整统计" button): every unit of every plan in
 * the reader's scope, with its periods on time, late and missing this year. The message lists
 * at most YEARLY_UNITS_LISTED units per plan (digests/summary-text.ts); this lists them all,
 * one sheet, a row per plan and unit, so it sorts and filters as a whole.
 */
import type { DateTime } from 'luxon';
import type { Translator } from '../core/translate';
import { formatDate } from '../core/format';
import { planName } from '../schedules/scope';
import type { PlanYearRecord } from './summary';
import { listWorkbook, type ListSheet } from './list-workbook';

export function yearlySheet(i18n: Translator, locale: string, at: DateTime, records: readonly PlanYearRecord[]): ListSheet {
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
  const rows = records.flatMap((plan) => plan.units.map((r) => [planName(plan), r.unit, r.onTime, r.late, r.missing]));
  return {
    name: t('yearly-sheet-name'),
    title: t('yearly-sheet-title', { year: String(at.year) }),
    subtitle: t('yearly-sheet-subtitle', { date: formatDate(at, locale), count: rows.length }),
    headers: [t('yearly-col-plan'), t('yearly-col-unit'), t('yearly-col-on-time'), t('yearly-col-late'), t('yearly-col-missing')],
    widths: [36, 30, 12, 12, 12],
    numeric: [2, 3, 4],
    rows,
  };
}

export function yearlyWorkbook(i18n: Translator, locale: string, at: DateTime, records: readonly PlanYearRecord[]): Promise<Buffer> {
  return listWorkbook([yearlySheet(i18n, locale, at, records)], i18n.t(locale, 'list-sheet-footer'));
}
