/**
 * Shared pieces of the bot's messages: HTML escaping (every text a user or a plan supplied
 * goes through `escapeHtml` before it is shown in HTML parse mode), dates in the reader's
 * language on the plan's clock, and the ①②③ of requirement numbers.
 */
import { DateTime } from 'luxon';
import { PLAN_ZONE } from './zone';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => HTML_ESCAPES[ch]!);
}

/** ① for 1 … ⑳ for 20, then (21). */
export { circled } from './item-label';

/** A day as people write it: 3月10日（周二） in Chinese, Tue 10 Mar in English. */
export function formatDay(moment: DateTime, locale: string): string {
  const local = moment.setZone(PLAN_ZONE);
  return locale.startsWith('zh') ? local.setLocale('zh-CN').toFormat('M月d日（ccc）') : local.setLocale('en-GB').toFormat('ccc d LLL');
}

/** A day with its year, for dates outside the current year. */
export function formatDate(moment: DateTime, locale: string): string {
  const local = moment.setZone(PLAN_ZONE);
  return locale.startsWith('zh')
    ? local.setLocale('zh-CN').toFormat('yyyy年M月d日（ccc）')
    : local.setLocale('en-GB').toFormat('ccc d LLL yyyy');
}

/** Cuts text to `length` characters with an ellipsis, counting characters, not UTF-16 units. */
export function truncate(text: string, length: number): string {
  const chars = [...text];
  return chars.length > length ? `${chars.slice(0, length).join('')}…` : text;
}
