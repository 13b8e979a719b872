/**
 * Text extracted with no line breaks (a whole plan on one line, as some PDF and web
 * extractions give it) cut back into the lines the prose reader expects: before each section
 * heading (一、 二、), each item ((一) (二)) and each labelled field (工作职责: 工作时限:
 * 牵头单位: …). Only long lines are cut, and a numeral only where it continues its sequence,
 * so "8个专项工程、32项" or a "(二)" quoted inside a sentence stays text.
 */
import { parseChineseNumber } from './numerals';

/**
 * A line this long holding several markers is running text, not a paragraph. Shorter lines
 * are cut too when they hold two markers or more past their start: a one-line plan of three
 * items is running text as well.
 */
const RUNNING_LINE = 600;
const SHORT_RUNNING_CUTS = 2;

export const FIELD_LABELS = [
  '工作职责',
  '工作内容',
  '工作要求',
  '工作时限',
  '完成时限',
  '完成时间',
  '时间节点',
  '牵头单位',
  '牵头科室',
  '牵头处室',
  '牵头部门',
  '责任单位',
  '责任科室',
  '责任处室',
  '责任部门',
  '配合单位',
  '配合科室',
  '配合处室',
  '配合部门',
] as const;

const CANDIDATE = new RegExp(
  `(?<!第)([一二三四五六七八九十]{1,3})、|\\(([一二三四五六七八九十百]{1,4})\\)|(${FIELD_LABELS.join('|')})[:]`,
  'g',
);

export interface SourceLine {
  /** 1-based line of the source file. */
  line: number;
  text: string;
}

/** 1. 2. 3. after a sentence's end: items of a plan numbered only so, written on one line. */
const DIGIT_CANDIDATE = /(?<=[。;):])(\d{1,2})[.、](?!\d)/g;

/** Cuts running text into lines; lines of ordinary length pass through unchanged. */
export function breakRunningText(lines: SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  let lastSection = 0;
  let lastItem = 0;
  // Digit items are cut only in a text with no (一) items: under (一) they number duties inside
  // a field (工作时限:1.… 2.…), which are no items of the plan.
  const digitItems = !lines.some((line) => /\([一二三四五六七八九十]{1,3}\)/.test(line.text));
  let lastDigit = 0;
  for (const source of lines) {
    const long = [...source.text].length >= RUNNING_LINE;
    const cuts: number[] = [];
    const before = { section: lastSection, item: lastItem, digit: lastDigit };
    const startDigit = source.text.match(/^(\d{1,2})[.、](?!\d)/);
    if (startDigit) lastDigit = Number(startDigit[1]);
    // Brackets open before each candidate, counted as the scan moves on (a count from the
    // line's start for each candidate would be quadratic): a label inside (责任单位:…) is a
    // closing clause, not a field to cut at.
    let depth = 0;
    let counted = 0;
    const depthAt = (index: number) => {
      for (; counted < index; counted++) {
        const ch = source.text[counted];
        if (ch === '(') depth++;
        else if (ch === ')') depth = Math.max(0, depth - 1);
      }
      return depth;
    };
    for (const match of source.text.matchAll(CANDIDATE)) {
      const at = match.index;
      if (match[3] !== undefined && depthAt(at) > 0) continue;
      if (match[1] !== undefined) {
        const value = parseChineseNumber(match[1]);
        if (value !== lastSection + 1) continue;
        lastSection = value;
      } else if (match[2] !== undefined) {
        const value = parseChineseNumber(match[2]);
        if (value !== lastItem + 1 && value !== 1) continue;
        lastItem = value!;
      }
      if (at > 0) cuts.push(at);
    }
    if (digitItems && cuts.length === 0) {
      for (const match of source.text.matchAll(DIGIT_CANDIDATE)) {
        const value = Number(match[1]);
        if (value !== lastDigit + 1) continue;
        lastDigit = value;
        cuts.push(match.index);
      }
    }
    if (!long && cuts.length < SHORT_RUNNING_CUTS) {
      // An ordinary paragraph: a numeral inside it is text and counts for nothing; the one it
      // starts with (一、 (二) 3.) is where its sequence stands.
      lastSection = before.section;
      lastItem = before.item;
      lastDigit = startDigit ? Number(startDigit[1]) : before.digit;
      const opening = source.text.match(/^(?:([一二三四五六七八九十]{1,3})、|\(([一二三四五六七八九十百]{1,4})\))/);
      if (opening?.[1] !== undefined) lastSection = parseChineseNumber(opening[1]) ?? lastSection;
      if (opening?.[2] !== undefined) lastItem = parseChineseNumber(opening[2]) ?? lastItem;
      out.push(source);
      continue;
    }
    let start = 0;
    for (const cut of [...cuts, source.text.length]) {
      const piece = source.text.slice(start, cut).trim();
      if (piece !== '') out.push({ line: source.line, text: piece });
      start = cut;
    }
  }
  return out;
}
