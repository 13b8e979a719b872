/**
 * Reads counted targets out of requirement text:
 *
 *   全年不少于10例             → 10 例 a year
 *   至少召开两次…会议           → 2 次, once (no period named)
 *   每月至少在网站发布…1篇      → 1 篇 a month
 *   合规率达到100% · 不低于30% → ratio targets (unit %)
 *
 * Only a number after a target word (不少于, 至少, 达到 …) is a quota: "60次以上" in a
 * description or "3个及以上部门" is not. The first target in the text is the quota.
 */
import { cleanText } from './normalize';
import { NUMBER_PATTERN, parseChineseNumber } from './numerals';
import type { Quota, QuotaPeriod } from './types';

/** Target words, and how far (in characters) the number may stand after each. */
const MARKERS: { word: string; reach: number }[] = [
  { word: '不少于', reach: 20 },
  { word: '不得少于', reach: 20 },
  { word: '至少', reach: 20 },
  { word: '不低于', reach: 4 },
  { word: '达到', reach: 4 },
  { word: '达', reach: 2 },
  { word: '≥', reach: 0 },
];

const COUNT_UNITS = ['人次', '场次', '家次', '例', '次', '篇', '个', '家', '条', '件', '场', '期', '项', '份', '批', '户', '名', '起', '部', '期'];
const MARKER_PATTERN = MARKERS.map((m) => m.word).join('|');
/**
 * The gap is bounded by the longest reach: unbounded, every marker searched to the end of its
 * clause for a number, which made a long clause of markers quadratic (found by fuzzing).
 */
const MAX_REACH = Math.max(...MARKERS.map((m) => m.reach));
const QUOTA = new RegExp(`(${MARKER_PATTERN})([^。;;,,]{0,${MAX_REACH}}?)(${NUMBER_PATTERN})\\s*(%|${COUNT_UNITS.join('|')})`, 'g');

/** Period words, nearest before the target wins: 全年不少于6例 after 按月… is a yearly target. */
const PERIODS: { pattern: RegExp; period: QuotaPeriod | 'quarter' }[] = [
  { pattern: /全年|每年|年度|年内|本年|当年/g, period: 'year' },
  { pattern: /每月|按月|月均|每个月|逐月/g, period: 'month' },
  { pattern: /每季度|每季|按季度|按季/g, period: 'quarter' },
];

const MAX_COUNT = 100_000;

function nearestPeriod(before: string): { period: QuotaPeriod | 'quarter'; index: number } | null {
  let best: { period: QuotaPeriod | 'quarter'; index: number } | null = null;
  for (const { pattern, period } of PERIODS) {
    for (const match of before.matchAll(pattern)) {
      if (!best || match.index > best.index) best = { period, index: match.index };
    }
  }
  return best;
}

export function readQuota(input: string): Quota | null {
  const text = cleanText(input);
  for (const match of text.matchAll(QUOTA)) {
    const [whole, word, gap, numberText, unit] = match as unknown as [string, string, string, string, string];
    const reach = MARKERS.find((m) => m.word === word)!.reach;
    // A minus sign before the number makes it no target at all.
    if (gap.length > reach || /[-−负]$/.test(gap)) continue;
    const value = parseChineseNumber(numberText);
    const ratio = unit === '%';
    if (value === null || value <= 0 || (ratio ? value > 100 : !Number.isInteger(value) || value > MAX_COUNT)) continue;

    // The sentence the target is in: a period word counts only there.
    const sentenceStart = Math.max(text.lastIndexOf('。', match.index), text.lastIndexOf(';', match.index)) + 1;
    const near = nearestPeriod(text.slice(sentenceStart, match.index));
    const sourceStart = near ? sentenceStart + near.index : match.index;
    const source = text.slice(sourceStart, match.index + whole.length);
    let period: QuotaPeriod;
    let target = value;
    if (near?.period === 'quarter') {
      // The contract knows year, month and once: a quarterly target is four a year.
      period = 'year';
      if (!ratio) target = value * 4;
    } else {
      period = near?.period ?? (ratio ? 'year' : 'once');
    }
    return { target, unit, period, kind: ratio ? 'ratio' : 'count', source };
  }
  return null;
}
