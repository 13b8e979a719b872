/**
 * The summary as a Telegram message (HTML), in the reader's language. Long lists are cut with
 * "…and N more" to keep a summary a summary; whatever still exceeds Telegram's 4,096 characters
 * (long unit names, a lead of many units) is sent in parts (schedules/long-message.ts).
 * /overdue, which is the list itself, lists many more of its items.
 */
import type { I18n } from '@grammyjs/i18n';
import type { BaseContext } from '../bot/context';
import { escapeHtml, formatDate, formatDay, truncate } from '../bot/format';
import type { Summary } from './summary';

/** Units listed one by one; beyond this only the ones with something late or missing are. */
const UNITS_LISTED = 20;
const ITEMS_LISTED = 12;
/** Overdue items /overdue lists (in a few messages); beyond, "…and N more". */
export const OVERDUE_LISTED = 200;
/** The scope in the heading: a lead of a hundred units has the start of their list. */
const SCOPE_CHARS = 200;

export function renderSummary(i18n: I18n<BaseContext>, locale: string, summary: Summary, scope: string, sections: { overdueOnly?: boolean } = {}): string {
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
  const lines = [t('summary-title', { date: formatDate(summary.at, locale) }), t('summary-scope', { scope: escapeHtml(truncate(scope, SCOPE_CHARS)) })];
  const list = <T>(header: string, items: T[], line: (item: T) => string, listed = ITEMS_LISTED) => {
    if (items.length === 0) return;
    lines.push('', header);
    for (const item of items.slice(0, listed)) lines.push(line(item));
    if (items.length > listed) lines.push(t('summary-more', { count: items.length - listed }));
  };
  if (!sections.overdueOnly) {
    lines.push('', t('summary-units-header'));
    const troubled = summary.units.filter((u) => u.late + u.missing > 0);
    const shown = summary.units.length <= UNITS_LISTED ? summary.units : troubled.slice(0, UNITS_LISTED);
    for (const u of shown) lines.push(t('summary-unit', { unit: escapeHtml(u.unit), onTime: u.onTime, late: u.late, missing: u.missing }));
    const rest = summary.units.length - shown.length;
    if (rest > 0 && troubled.length <= UNITS_LISTED) lines.push(t('summary-rest-on-time', { count: rest }));
    else if (rest > 0) lines.push(t('summary-more', { count: rest }));
  }
  const item = (i: { unit: string; item: string; title: string }) => ({ unit: escapeHtml(i.unit), item: escapeHtml(i.item), title: escapeHtml(truncate(i.title, 16)) });
  if (summary.overdue.length === 0) lines.push('', t('summary-none-overdue'));
  list(
    t('summary-overdue-header', { count: summary.overdue.length }),
    summary.overdue,
    (o) => t('summary-overdue', { ...item(o), due: formatDay(o.due, locale), days: o.days }),
    sections.overdueOnly ? OVERDUE_LISTED : ITEMS_LISTED,
  );
  if (!sections.overdueOnly) {
    list(t('summary-quota-header', { count: summary.quotasBehind.length }), summary.quotasBehind, (q) =>
      t('summary-quota', { ...item(q), target: String(q.target), label: escapeHtml(q.label), expected: String(q.expected), actual: String(q.actual) }),
    );
    list(t('summary-due-header', { count: summary.dueSoon.length }), summary.dueSoon, (d) => t('summary-due', { ...item(d), due: formatDay(d.due, locale) }));
  }
  return lines.join('\n');
}
