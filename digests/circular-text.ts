/** The circular as a Telegram message (HTML), in the reader's language. */
import { InlineKeyboard } from 'grammy';
import type { Translator } from '../core/translate';
import { escapeHtml } from '../core/format';
import type { CircularContent } from './circular-content';
import { parsePeriodKey } from '../core/period-key';
import { callbackData } from '../core/callback-data';

/** The draft's buttons: 发布 (publish) and 暂缓 (hold), each naming its circular. */
export const circularActions = {
  publish: callbackData('cc:p', { circularId: 'int' }),
  hold: callbackData('cc:h', { circularId: 'int' }),
};

export function renderCircular(i18n: Translator, locale: string, content: CircularContent, draft: boolean): string {
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
  const period = parsePeriodKey(content.month);
  const lines = [
    t('circular-title', {
      plan: escapeHtml(content.planTitle),
      month: locale.startsWith('zh') && period?.kind === 'month' ? `${period.year}年${period.month}月` : content.month,
    }),
  ];
  if (draft) lines.push(t('circular-draft-note'));
  lines.push(
    '',
    t('circular-on-time', { count: content.onTime.length, units: escapeHtml(content.onTime.join('、') || t('circular-none')) }),
  );
  const partly = content.partlyOnTime ?? [];
  if (partly.length > 0) {
    lines.push('', t('circular-partly-on-time', { count: partly.length }));
    for (const entry of partly)
      lines.push(t('circular-unit-items', { unit: escapeHtml(entry.unit), items: escapeHtml(entry.items.join('、')) }));
  }
  for (const [key, list] of [
    ['circular-late', content.late],
    ['circular-missing', content.missing],
  ] as const) {
    lines.push('', t(key, { count: list.length }));
    if (list.length === 0) lines.push(t('circular-none'));
    for (const entry of list)
      lines.push(t('circular-unit-items', { unit: escapeHtml(entry.unit), items: escapeHtml(entry.items.join('、')) }));
  }
  if (content.quotasBehind.length > 0) {
    lines.push('', t('circular-quotas', { count: content.quotasBehind.length }));
    for (const q of content.quotasBehind) {
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
  }
  const ratios = content.ratiosBelow ?? [];
  if (ratios.length > 0) {
    lines.push('', t('circular-ratios', { count: ratios.length }));
    for (const r of ratios) {
      const vars = { unit: escapeHtml(r.unit), item: escapeHtml(r.item), target: String(r.target) };
      lines.push(r.latest === null ? t('circular-ratio-none', vars) : t('circular-ratio', { ...vars, latest: String(r.latest) }));
    }
  }
  return lines.join('\n');
}

export function circularButtons(i18n: Translator, locale: string, circularId: number, withHold: boolean): InlineKeyboard {
  const keyboard = new InlineKeyboard().text(i18n.t(locale, 'circular-button-publish'), circularActions.publish.encode({ circularId }));
  return withHold ? keyboard.text(i18n.t(locale, 'circular-button-hold'), circularActions.hold.encode({ circularId })) : keyboard;
}
