/**
 * The numbering of a plan's prose, at every level Chinese documents use:
 *
 *   一、 二、            section        (also 一. when extraction turned 、 into .)
 *   (一) (二)            paren-han      (full-width （一） is half-width after cleaning)
 *   1. 1、 2.            digit
 *   (1) 1) ⑴           paren-digit     (⒈ is a digit item)
 *   ① ②                 circled        (split inside a requirement by splitRequirementItems)
 *
 * A marker only counts when it continues its level's sequence (1 after nothing or a restart,
 * n + 1 after n): "3、" in the middle of a sentence or a wrapped line starting "2." of a date
 * is text, not an item. Pure: cleaned lines in, numbered lines out.
 */
import { parseChineseNumber } from './numerals';

export type OutlineLevel = 'section' | 'paren-han' | 'digit' | 'paren-digit';

export interface Marker {
  level: OutlineLevel;
  /** The numeral as written: 一, 十八, 3. */
  numeral: string;
  /** Its value: 1, 18, 3. */
  value: number;
  /** The line's text after the marker. */
  rest: string;
}

const PATTERNS: { level: OutlineLevel; pattern: RegExp }[] = [
  { level: 'section', pattern: /^([一二三四五六七八九十]{1,3})[、.]\s*(.*)$/ },
  { level: 'paren-han', pattern: /^\(([一二三四五六七八九十百]{1,4})\)[、.]?\s*(.*)$/ },
  // (?!\d): "12.31前" is a date, not item 12.
  { level: 'digit', pattern: /^(\d{1,3})(?:[.、](?!\d)|\s+(?=[\u3400-\u9fff]))\s*(.*)$/ },
  { level: 'paren-digit', pattern: /^(?:\((\d{1,3})\)|(\d{1,3})\))\s*(.*)$/ },
];

/** ⑴…⒇ (parenthesized digits) and ⒈…⒛ (digits with a full stop): one character each in Word's numbering. */
const ENCLOSED: { level: OutlineLevel; first: number; last: number }[] = [
  { level: 'paren-digit', first: 0x2474, last: 0x2487 },
  { level: 'digit', first: 0x2488, last: 0x249b },
];

/** The marker a line starts with, whatever its place in the sequence; null for plain text. */
export function readMarker(line: string): Marker | null {
  const code = line.codePointAt(0) ?? 0;
  const enclosed = ENCLOSED.find((range) => code >= range.first && code <= range.last);
  if (enclosed) {
    const value = code - enclosed.first + 1;
    return { level: enclosed.level, numeral: String(value), value, rest: line.slice(1).trim() };
  }
  for (const { level, pattern } of PATTERNS) {
    const match = line.match(pattern);
    if (!match) continue;
    const numeral = match[1] ?? match[2]!;
    const rest = match[match.length - 1] ?? '';
    const value = level === 'digit' || level === 'paren-digit' ? Number(numeral) : parseChineseNumber(numeral);
    if (value === null || !Number.isInteger(value) || value < 1) continue;
    // A section heading is short; "一、" opening a long paragraph is still a heading when it ends at 。
    return { level, numeral, value, rest };
  }
  return null;
}

export const LEVEL_ORDER: OutlineLevel[] = ['section', 'paren-han', 'digit', 'paren-digit'];

/**
 * Tracks the sequence of every level as lines go by, and tells whether a marker continues
 * it. A marker at a level resets the levels below it (1. restarts under each (一)); a
 * level's own sequence may restart at 1 anywhere (some plans restart (一) in each section).
 */
export class OutlineSequence {
  private readonly last = new Map<OutlineLevel, number>();

  accepts(marker: Marker): boolean {
    const previous = this.last.get(marker.level) ?? 0;
    return marker.value === 1 || marker.value === previous + 1;
  }

  take(marker: Marker): void {
    this.last.set(marker.level, marker.value);
    // Tasks often count on across sections ((一)…(三十六) in the Xiamen points, 1. 2. 3. under
    // 一、 and 二、), so a section restarts nothing; a task restarts its requirements' count.
    if (marker.level === 'section') return;
    for (const level of LEVEL_ORDER.slice(LEVEL_ORDER.indexOf(marker.level) + 1)) this.last.delete(level);
  }
}
