/**
 * Reads a count a liaison typed toward a quota: digits or Chinese numerals, with or without
 * the quota's unit word (3, 3例, 十二, 十二篇). Nonsense, negatives, fractions and absurd
 * values are refused with the reason, so the conversation can ask again.
 */
import { cleanText } from '../../plans/normalize';
import { parseChineseNumber } from '../../plans/numerals';

export type CountReading = { ok: true; value: number } | { ok: false; reason: 'not-a-number' | 'negative' | 'fraction' | 'too-large' };

/** A count above this is a typo, whatever the target (a year of cases is not in the thousands). */
export const MAX_COUNT = 1000;

export function readCount(input: string, unitWord = ''): CountReading {
  let text = cleanText(input).replace(/[。.!！]+$/, '');
  if (/^[-−负]/.test(text)) return { ok: false, reason: 'negative' };
  for (const word of [unitWord, '个', '例', '次', '篇', '件', '条', '家', '项', '份'].filter(Boolean)) {
    if (text.endsWith(word)) {
      text = text.slice(0, -word.length).trim();
      break;
    }
  }
  if (/^\d+[.,]\d+$/.test(text) || /半/.test(text)) return { ok: false, reason: 'fraction' };
  const value = parseChineseNumber(text);
  if (value === null || !Number.isFinite(value)) return { ok: false, reason: 'not-a-number' };
  if (!Number.isInteger(value)) return { ok: false, reason: 'fraction' };
  if (value > MAX_COUNT) return { ok: false, reason: 'too-large' };
  return { ok: true, value };
}
