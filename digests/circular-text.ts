/**
 * The circular as a Telegram message (HTML), in the reader's language. A circular names the
 * units, but a province's circular would name 10,000 of them in hundreds of messages: each
 * section lists at most CIRCULAR_UNITS_LISTED entries (the worst first when cut) and, once any
 * section is cut, each unit at most CIRCULAR_ITEMS_LISTED items; what is cut is counted, and the message then carries a
 * "完整名单" button that sends every entry as a spreadsheet (digests/circular-workbook.ts). The
 * frozen content itself is never cut.
 */
import { InlineKeyboard } from 'grammy';
import type { Translator } from '../core/translate';
import { escapeHtml } from '../core/format';
import type { CircularContent } from './circular-content';
import { callbackData } from '../core/callback-data';
import { parsePeriodKey } from '../core/period-key';

/** Entries a section names in the message; a plan of a city's 40 units is named whole. */
export const CIRCULAR_UNITS_LISTED = 50;
/** Items named on a unit's line in a cut circular; a unit owing a hundred items has the count of the rest. */
export const CIRCULAR_ITEMS_LISTED = 10;

/** The circular's buttons: 发布 (publish) and 暂缓 (hold) on a draft; 完整名单 (the whole list) where the text is cut. */
export const circularActions = {
  publish: callbackData('cc:p', { circularId: 'int' }),
  hold: callbackData('cc:h', { circularId: 'int' }),
  fullList: callbackData('cc:f', { circularId: 'int' }),
};

type UnitItems = { unit: string; items: string[] };

/** Whether some section has more entries than the message names: then the whole list is a button away. */
export function circularIsCut(content: CircularContent): boolean {
  return [content.onTime, content.partlyOnTime ?? [], content.late, content.missing, content.quotasBehind, content.ratiosBelow ?? []].some(
    (list) => list.length > CIRCULAR_UNITS_LISTED,
  );
}

/**
 * The entries a section names: all of them when they fit, else the CIRCULAR_UNITS_LISTED worst
 * (`worse` first; ties keep the content's order) — a province's circular names whom to chase first.
 */
export function listedEntries<T>(list: readonly T[], worse: (a: T, b: T) => number): T[] {
  if (list.length <= CIRCULAR_UNITS_LISTED) return [...list];
  return list
    .map((entry, order) => ({ entry, order }))
    .sort((a, b) => worse(a.entry, b.entry) || a.order - b.order)
    .slice(0, CIRCULAR_UNITS_LISTED)
    .map(({ entry }) => entry);
}

/** The month as the circular's title words it: 2026年11月 in Chinese, 2026-11 otherwise. */
export function circularMonth(locale: string, month: string): string {
  const period = parsePeriodKey(month);
  return locale.startsWith('zh') && period?.kind === 'month' ? `${period.year}年${period.month}月` : month;
}

const mostItemsFirst = (a: UnitItems, b: UnitItems) => b.items.length - a.items.length;

export function renderCircular(i18n: Translator, locale: string, content: CircularContent, draft: boolean): string {
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
  const lines = [t('circular-title', { plan: escapeHtml(content.planTitle), month: circularMonth(locale, content.month) })];
  if (draft) lines.push(t('circular-draft-note'));
  // "…另有 70 个单位" under a list of units, "…另有 70 条" under one of unit-and-item entries.
  const more = (list: readonly unknown[], key = 'circular-more') =>
    list.length > CIRCULAR_UNITS_LISTED ? [t(key, { count: list.length - CIRCULAR_UNITS_LISTED })] : [];
  // A cut circular (a province's) names a unit's first items only; a city's names them all.
  const itemsListed = circularIsCut(content) ? CIRCULAR_ITEMS_LISTED : Infinity;
  const unitLine = (entry: UnitItems) => {
    const shown = escapeHtml(entry.items.slice(0, itemsListed).join('、'));
    const items = entry.items.length > itemsListed ? t('circular-items-more', { items: shown, count: entry.items.length }) : shown;
    return t('circular-unit-items', { unit: escapeHtml(entry.unit), items });
  };

  const onTime = escapeHtml(content.onTime.slice(0, CIRCULAR_UNITS_LISTED).join('、'));
  lines.push(
    '',
    t('circular-on-time', {
      count: content.onTime.length,
      units:
        content.onTime.length > CIRCULAR_UNITS_LISTED
          ? t('circular-units-more', { units: onTime, count: content.onTime.length - CIRCULAR_UNITS_LISTED })
          : onTime || t('circular-none'),
    }),
  );
  const partly = content.partlyOnTime ?? [];
  if (partly.length > 0) {
    lines.push('', t('circular-partly-on-time', { count: partly.length }));
    // Cut, the partly-on-time units named are those with the fewest items on time.
    lines.push(...listedEntries(partly, (a, b) => a.items.length - b.items.length).map(unitLine), ...more(partly, 'circular-more-units'));
  }
  for (const [key, list] of [
    ['circular-late', content.late],
    ['circular-missing', content.missing],
  ] as const) {
    lines.push('', t(key, { count: list.length }));
    if (list.length === 0) lines.push(t('circular-none'));
    lines.push(...listedEntries(list, mostItemsFirst).map(unitLine), ...more(list, 'circular-more-units'));
  }
  if (content.quotasBehind.length > 0) {
    lines.push('', t('circular-quotas', { count: content.quotasBehind.length }));
    const furthestBehind = listedEntries(content.quotasBehind, (a, b) => b.expected - b.actual - (a.expected - a.actual));
    for (const q of furthestBehind) {
      lines.push(
        t('circular-quota', {
          unit: escapeHtml(q.unit),
          item: escapeHtml(q.item),
          target: String(q.target),
          label: escapeHtml(q.label),
          expected: String(q.expected),
          actual: String(q.actual),
        }),
      );
    }
    lines.push(...more(content.quotasBehind));
  }
  const ratios = content.ratiosBelow ?? [];
  if (ratios.length > 0) {
    lines.push('', t('circular-ratios', { count: ratios.length }));
    // None reported at all first, then the lowest.
    const lowest = listedEntries(ratios, (a, b) => (a.latest ?? -1) - (b.latest ?? -1));
    for (const r of lowest) {
      const vars = { unit: escapeHtml(r.unit), item: escapeHtml(r.item), target: String(r.target) };
      lines.push(r.latest === null ? t('circular-ratio-none', vars) : t('circular-ratio', { ...vars, latest: String(r.latest) }));
    }
    lines.push(...more(ratios));
  }
  return lines.join('\n');
}

/**
 * The circular's keyboard: on a draft 发布 and (`withHold`) 暂缓; on a cut circular, draft or
 * published, 完整名单. Null when there is no button to show.
 */
export function circularKeyboard(
  i18n: Translator,
  locale: string,
  circularId: number,
  { draft, withHold, cut }: { draft: boolean; withHold: boolean; cut: boolean },
): InlineKeyboard | null {
  if (!draft && !cut) return null;
  const keyboard = new InlineKeyboard();
  if (draft) keyboard.text(i18n.t(locale, 'circular-button-publish'), circularActions.publish.encode({ circularId }));
  if (draft && withHold) keyboard.text(i18n.t(locale, 'circular-button-hold'), circularActions.hold.encode({ circularId }));
  if (cut)
    (draft ? keyboard.row() : keyboard).text(i18n.t(locale, 'circular-button-full'), circularActions.fullList.encode({ circularId }));
  return keyboard;
}
