/**
 * Text extracted with no line breaks (a whole plan on one line, as some PDF and web
 * extractions give it) cut back into the lines the prose reader expects: before each section
 * heading (一、 二、), each item ((一) (二)) and each labelled field (工作职责: 工作时限:
 * 牵头单位: …). Only long lines are cut, and a numeral only where it continues its sequence,
 * so "8个专项工程、32项" or a "(二)" quoted inside a sentence stays text.
 */
import { parseChineseNumber } from './numerals';

/** A line this long holding several markers is running text, not a paragraph. */
const RUNNING_LINE = 600;

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

/** Cuts running text into lines; lines of ordinary length pass through unchanged. */
export function breakRunningText(lines: SourceLine[]): SourceLine[] {
  const out: SourceLine[] = [];
  let lastSection = 0;
  let lastItem = 0;
  for (const source of lines) {
    if ([...source.text].length < RUNNING_LINE) {
      out.push(source);
      continue;
    }
    const cuts: number[] = [];
    for (const match of source.text.matchAll(CANDIDATE)) {
      const at = match.index;
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
    let start = 0;
    for (const cut of [...cuts, source.text.length]) {
      const piece = source.text.slice(start, cut).trim();
      if (piece !== '') out.push({ line: source.line, text: piece });
      start = cut;
    }
  }
  return out;
}
