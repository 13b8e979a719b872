/**
 * Reads counted targets out of requirement text:
 *
 *   全年不少于10例             → 10 例 a year
 *   至少召开两次…会议           → 2 次, once (no period named)
 *   每月至少在网站发布…1篇      → 1 篇 a month
 *   合规率达到100% · 不低于30% → ratio targets (unit %)
 *
 * Only a number after a target word (不少于, 至少, 达到 …) is a quota: "60次以上" in a
 * description or "3个及以上部门" is not. readQuotas returns every target, readQuota the first.
 */
import { cleanText } from './normalize';
import { NUMBER_PATTERN, parseChineseNumber } from './numerals';
import type { Quota, QuotaPeriod, QuotaScope } from '../core/plan-types';

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

const COUNT_UNITS = [
  '人次',
  '场次',
  '家次',
  '例',
  '次',
  '篇',
  '个',
  '家',
  '条',
  '件',
  '场',
  '期',
  '项',
  '份',
  '批',
  '户',
  '名',
  '起',
  '部',
  '期',
];
const MARKER_PATTERN = MARKERS.map((m) => m.word).join('|');
/**
 * The gap is bounded by the longest reach: unbounded, every marker searched to the end of its
 * clause for a number, which made a long clause of markers quadratic (found by fuzzing).
 */
const MAX_REACH = Math.max(...MARKERS.map((m) => m.reach));
/** Whether a text has a target word at all: most requirements have none, and the full pattern costs more. */
const HAS_MARKER = new RegExp(MARKER_PATTERN);
const QUOTA = new RegExp(`(${MARKER_PATTERN})([^。;;,,]{0,${MAX_REACH}}?)(${NUMBER_PATTERN})\\s*(%|${COUNT_UNITS.join('|')})`, 'g');

/**
 * Period words, nearest before the target wins: 全年不少于6例 after 按月… is a yearly target.
 * 年内/年度 after 半 (每半年内) belong to the half-year.
 */
const PERIODS: { pattern: RegExp; period: QuotaPeriod | 'quarter' | 'half-year' }[] = [
  { pattern: /全年|每年|(?<!半)年度|(?<!半)年内|本年|当年/g, period: 'year' },
  { pattern: /每月|按月|月均|每个月|逐月/g, period: 'month' },
  { pattern: /每季度|每季|按季度|按季/g, period: 'quarter' },
  { pattern: /每半年|每个半年|按半年/g, period: 'half-year' },
];

/** Scope words, nearest before the target wins; none means each unit on its own. */
const SCOPES: { pattern: RegExp; scope: QuotaScope }[] = [
  { pattern: /全局|全市|全区|全县|全省|全系统|全行业|全单位/g, scope: 'whole' },
  { pattern: /每(?:一)?个(?:领域|行业)|各(?:个)?领域|各行业/g, scope: 'per-domain' },
  { pattern: /每(?:一)?个(?:区县|区|县|街道|乡镇|镇)|各区县|各区(?!域)|各县|各街道|各乡镇|各镇/g, scope: 'per-district' },
];

/**
 * How far before a target its period and scope words are looked for, within its sentence.
 * Bounded so that a text of thousands of targets is read in linear time.
 */
const LOOKBACK = 60;

const MAX_COUNT = 100_000;
/** Targets read per text at most: a requirement names one or two; fuzzing sends tens of thousands. */
const MAX_QUOTAS = 1000;

function nearest<T>(before: string, words: { pattern: RegExp; value: T }[]): { value: T; index: number } | null {
  let best: { value: T; index: number } | null = null;
  for (const { pattern, value } of words) {
    for (const match of before.matchAll(pattern)) {
      if (!best || match.index > best.index) best = { value, index: match.index };
    }
  }
  return best;
}

const PERIOD_WORDS = PERIODS.map(({ pattern, period }) => ({ pattern, value: period }));
const SCOPE_WORDS = SCOPES.map(({ pattern, scope }) => ({ pattern, value: scope }));

/**
 * Every counted target in the text, in order: "每月至少在局门户网站上发布相关工作信息1篇;全局
 * 每月向…推送…至少2篇" → 1 篇 a month (each unit) and 2 篇 a month (the whole office).
 *
 * Contract: pure, never throws, linear in the text (at most MAX_QUOTAS targets). Each quota's `source` is a substring of
 * `cleanText(input)`, from its period or scope word (when one stands within LOOKBACK characters
 * before it in its sentence) to its unit. A quarterly target counts four a year, a half-yearly one
 * two (每半年至少1次 → 2 a year); ratios stay ratios (公示率达到100% → 100 %, period year).
 * Only a number after a target word is a target: 153项制度标准, 8个专项工程 are not.
 */
export function readQuotas(input: string): Quota[] {
  const text = cleanText(input);
  const out: Quota[] = [];
  if (!HAS_MARKER.test(text)) return out;
  // Sentence starts move forward with the matches: one pass over the text in all.
  let sentenceStart = 0;
  let scanned = 0;
  for (const match of text.matchAll(QUOTA)) {
    if (out.length >= MAX_QUOTAS) break;
    const [whole, word, gap, numberText, unit] = match as unknown as [string, string, string, string, string];
    const reach = MARKERS.find((m) => m.word === word)!.reach;
    // A minus sign before the number makes it no target at all.
    if (gap.length > reach || /[-−负]$/.test(gap)) continue;
    const value = parseChineseNumber(numberText);
    const ratio = unit === '%';
    if (value === null || value <= 0 || (ratio ? value > 100 : !Number.isInteger(value) || value > MAX_COUNT)) continue;

    for (; scanned < match.index; scanned++) {
      const ch = text[scanned];
      if (ch === '。' || ch === ';') sentenceStart = scanned + 1;
    }
    // The words before the target in its sentence: a period or scope word counts only there.
    const windowStart = Math.max(sentenceStart, match.index - LOOKBACK);
    const before = text.slice(windowStart, match.index);
    const near = nearest(before, PERIOD_WORDS);
    const scoped = nearest(before, SCOPE_WORDS);
    const scope = scoped?.value ?? 'each';
    // The source shows the words that decided the reading: the period's, and the scope's (每个领域至少5个).
    const sourceStart = windowStart + Math.min(near?.index ?? Infinity, scoped?.index ?? Infinity, match.index - windowStart);
    const source = text.slice(sourceStart, match.index + whole.length);
    let period: QuotaPeriod;
    let target = value;
    if (near?.value === 'quarter' || near?.value === 'half-year') {
      // The contract knows year, month and once: a quarterly target is four a year, a half-yearly one two.
      period = 'year';
      if (!ratio) target = value * (near.value === 'quarter' ? 4 : 2);
    } else {
      period = near?.value ?? (ratio ? 'year' : 'once');
    }
    out.push({ target, unit, period, kind: ratio ? 'ratio' : 'count', source, scope });
  }
  return out;
}

/** The first counted target in the text (see readQuotas), or null. */
export function readQuota(input: string): Quota | null {
  return readQuotas(input)[0] ?? null;
}
