/**
 * Chinese numerals as they appear in plans: 两次, 十二, 二十, 一百, 七个工作日, 〇.
 * Digits pass through. Returns null for anything that is not a number, so callers can
 * report the text rather than guess.
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  俩: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000, 万: 10000 };

/** Characters that can make up a Chinese numeral, for building regular expressions. */
export const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两俩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万';

/** A regular-expression fragment matching a number written in digits or Chinese numerals. */
export const NUMBER_PATTERN = `(?:\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+)`;

export function parseChineseNumber(text: string): number | null {
  const t = text.trim();
  if (t === '') return null;
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  if (![...t].every((ch) => ch in DIGITS || ch in UNITS)) return null;

  // Years like 二〇二〇 / 二零二二 read digit by digit; other runs of digits (三四: "three or four") are not one number.
  if ([...t].every((ch) => ch in DIGITS) && t.length > 1) {
    if (t.length !== 4 && !/[〇零]/.test(t)) return null;
    return Number([...t].map((ch) => DIGITS[ch]).join(''));
  }

  let total = 0; // completed 万 groups
  let section = 0; // value below 万
  let digit: number | null = null;
  for (const ch of t) {
    if (ch in DIGITS) {
      if (digit !== null && digit !== 0) return null; // two digits in a row: 三四
      digit = DIGITS[ch]!;
      continue;
    }
    const unit = UNITS[ch]!;
    if (unit === 10000) {
      section += digit ?? 0;
      if (section === 0) return null;
      total += section * 10000;
      section = 0;
    } else {
      // A leading 十 means 1×10 (十二 = 12).
      section += (digit ?? (section === 0 && total === 0 ? 1 : NaN)) * unit;
      if (Number.isNaN(section)) return null;
    }
    digit = null;
  }
  return total + section + (digit ?? 0);
}
