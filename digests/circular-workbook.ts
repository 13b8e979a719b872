/**
 * The circular's whole list as a spreadsheet (the "完整名单" button): every unit and item of
 * the frozen content, a sheet per section, worded in the reader's language. The message names
 * at most CIRCULAR_UNITS_LISTED per section (digests/circular-text.ts); this names them all.
 */
import type { Translator } from '../core/translate';
import type { CircularContent } from './circular-content';
import { listWorkbook, type ListSheet } from './list-workbook';
import { circularMonth } from './circular-text';

const UNIT_WIDTH = 30;
const ITEMS_WIDTH = 70;
const NUMBER_WIDTH = 12;

export function circularSheets(i18n: Translator, locale: string, content: CircularContent, draft: boolean): ListSheet[] {
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
  const title = t('circular-sheet-title', { plan: content.planTitle, month: circularMonth(locale, content.month) });
  const subtitle = (count: number) => [t('circular-sheet-count', { count }), ...(draft ? [t('circular-sheet-draft')] : [])].join('  ');
  const unitItems = (name: string, itemsHeader: string, list: readonly { unit: string; items: string[] }[]): ListSheet => ({
    name,
    title,
    subtitle: subtitle(list.length),
    headers: [t('circular-col-unit'), t('circular-col-count'), itemsHeader],
    widths: [UNIT_WIDTH, NUMBER_WIDTH, ITEMS_WIDTH],
    numeric: [1],
    rows: list.map((entry) => [entry.unit, entry.items.length, entry.items.join('、')]),
  });
  const ratios = content.ratiosBelow ?? [];
  return [
    {
      name: t('circular-sheet-on-time'),
      title,
      subtitle: subtitle(content.onTime.length),
      headers: [t('circular-col-unit')],
      widths: [UNIT_WIDTH],
      rows: content.onTime.map((unit) => [unit]),
    },
    unitItems(t('circular-sheet-partly'), t('circular-col-items-on-time'), content.partlyOnTime ?? []),
    unitItems(t('circular-sheet-late'), t('circular-col-items-late'), content.late),
    unitItems(t('circular-sheet-missing'), t('circular-col-items-missing'), content.missing),
    {
      name: t('circular-sheet-quotas'),
      title,
      subtitle: subtitle(content.quotasBehind.length),
      headers: [
        t('circular-col-unit'),
        t('circular-col-item'),
        t('circular-col-target'),
        t('circular-col-expected'),
        t('circular-col-actual'),
      ],
      widths: [UNIT_WIDTH, ITEMS_WIDTH / 2, NUMBER_WIDTH * 1.5, NUMBER_WIDTH, NUMBER_WIDTH],
      numeric: [3, 4],
      rows: content.quotasBehind.map((q) => [q.unit, q.item, `${q.target}${q.label}`, q.expected, q.actual]),
    },
    {
      name: t('circular-sheet-ratios'),
      title,
      subtitle: subtitle(ratios.length),
      headers: [t('circular-col-unit'), t('circular-col-item'), t('circular-col-target-percent'), t('circular-col-latest-percent')],
      widths: [UNIT_WIDTH, ITEMS_WIDTH / 2, NUMBER_WIDTH, NUMBER_WIDTH * 1.5],
      numeric: [2, 3],
      rows: ratios.map((r) => [r.unit, r.item, r.target, r.latest ?? t('circular-col-latest-none')]),
    },
  ];
}

/** The .xlsx file's bytes. */
export function circularWorkbook(i18n: Translator, locale: string, content: CircularContent, draft: boolean): Promise<Buffer> {
  return listWorkbook(circularSheets(i18n, locale, content, draft), i18n.t(locale, 'list-sheet-footer'));
}

/** The file's name: the plan's title (cut, and without what a file name cannot hold) and the month. */
export function circularFileName(i18n: Translator, locale: string, content: CircularContent): string {
  const plan = Array.from(content.planTitle.replace(/[\\/:*?"<>|\u0000-\u001f]/g, ''))
    .slice(0, 40)
    .join('');
  return `${i18n.t(locale, 'circular-file-name', { plan, month: content.month })}.xlsx`;
}
