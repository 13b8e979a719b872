/**
 * Reads the deadline expressions of real plans (完成时限) into structured rules.
 *
 * Every form in DOMAIN.md is understood, with digits or Chinese numerals and with PDF
 * noise: 每月10日前, 每个双数月15日前, 每季度末, 每周周五下班前, 12月底前, 2020年8月底前,
 * xx年6月30日前, 半年总结, 七个工作日内, 及时完成 … and the forms of issue 13: 次月/下月10日前
 * (due on the 10th of every month), 季度末, 按季度, 每季度结束后10日内 (the 10th of January, April,
 * July, October), 2020年年底前, 12.31前, 每半年(报送一次), and a condition before a deadline
 * ("…投入使用前,每周周五下班前": the rule, with the condition kept). A text that fits no form is
 * kept with `recognized: false` so an admin sees it: it is never dropped and never guessed.
 *
 * Three readers: readDeadline (one expression), findDeadlines (the phrases inside prose) and
 * splitDuties (a cell or 工作时限 field of several duties, one entry each); splitDeadlineCell cuts
 * a table's deadline cell. Pure: text in, rules out. When the rules fall due is `due-dates.ts`'s job.
 */
import { cleanLines, cleanText } from './normalize';
import { NUMBER_PATTERN, parseChineseNumber } from './numerals';
import type { DayOfMonth, DeadlineReading, DeadlineRule } from '../core/plan-types';
import { rememberedByText, rememberedByTextAndYear } from './memo';

export interface DeadlineOptions {
  /** The plan's year, for texts without one (3月底前) or with a masked one (xx年6月30日前). */
  year?: number | null;
}

const N = NUMBER_PATTERN;
/** A year as written: 2020, 二〇二〇, or masked (xx, XX, ××, 20xx) meaning the plan's year. */
const YEAR = '(?:\\d{4}|[二〇零一三四五六七八九]{4}|20[xX×]{2}|[xX×]{2,4}|[某本今当]年?)';

/** Words around the date that change nothing: 截至…, …前完成, …之前报送. */
const PREFIX = /^(?:截至|截止到|截止|于|在|到|最迟|最晚|须在|需在)/;
const SUFFIX = /(?:之前|以前|前|止|为止)?(?:完成|报送|上报|报|反馈|汇总|办结|提交|落实|实施)?(?:工作)?(?:一次|1次)?$/;

const ONGOING = /^(?:及时|长期|持续|实时|常态化|随时|全年|定期|按时|按要求|按需)(?:完成|推进|更新|坚持|开展|落实|报送|进行|有效|实施)?$/;
const RELATIVE = new RegExp(`^(?:.{0,20}?(?:后|起|之日起))?(${N})个?(工作日|日|天)(?:内|之内)`);
const WEEKDAY_NAMES: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, 末: 5 };

interface Stripped {
  /** The text with filler words removed, ready for the patterns. */
  core: string;
  /** Whether the working day's end (下班前) was named. */
  endOfWorkday: boolean;
}

/**
 * Trailing punctuation and spaces. Matching starts only where a run starts: a long run
 * inside the text was otherwise rescanned from each of its positions (quadratic; fuzzing).
 */
const TRAILING_PUNCTUATION = /(?<![。.;;,,、\s])[。.;;,,、\s]+$/u;

function strip(text: string): Stripped {
  let core = text.replace(TRAILING_PUNCTUATION, '').replace(PREFIX, '');
  const endOfWorkday = /下班(?:前|之前)?/.test(core);
  core = core.replace(/下班(?:前|之前)?/, '');
  // Filler suffixes can stack (前完成报送); strip until nothing changes.
  for (let previous = ''; previous !== core;) {
    previous = core;
    core = core.replace(SUFFIX, '');
  }
  return { core, endOfWorkday };
}

function number(text: string | undefined): number | null {
  return text === undefined ? null : parseChineseNumber(text);
}

/** A day within a month: 10日, 10号, 底, 末, 最后一天, 上旬 (by the 10th), 中旬 (20th), 下旬 (last). */
function readDay(text: string | undefined): DayOfMonth | null {
  if (text === undefined || text === '' || /^(?:底|末|月底|月末|最后一天|最后一日|下旬)$/.test(text)) return 'last';
  if (text === '上旬') return 10;
  if (text === '中旬') return 20;
  const match = text.match(DAY_NUMBER);
  const day = number(match?.[1]);
  return day !== null && Number.isInteger(day) && day >= 1 && day <= 31 ? day : null;
}

const DAY = `((?:${N})(?:日|号)|底|末|月底|月末|最后一天|最后一日|上旬|中旬|下旬)`;

// The forms, compiled once rather than on every call: the cell splitter reads every piece of
// a line it tries, and building these on each read made splitting a cell slow (fuzzing).
const DAY_NUMBER = new RegExp(`^(${N})(?:日|号)$`);
// 次月10日前 / 下月10日前: a monthly report on the previous month, due on that day of every month.
const MONTHLY = new RegExp(`^(?:每(?:个)?月|次月|下月|下个月)(?:的)?${DAY}$`);
const ALTERNATE_MONTHS = new RegExp(`^(?:每)?(?:个)?(双数月|偶数月|单数月|奇数月)(?:份)?(?:的)?${DAY}?$`);
const QUARTERLY = new RegExp(`^(?:每(?:个)?|按)?季度(?:末|最后一个月|末月)?(?:的)?${DAY}?$`);
const AFTER_QUARTER = new RegExp(`^每(?:个)?季度(?:首月|第一个月|结束后|后)(?:的)?${DAY}$`);
const YEARLY = new RegExp(`^每年(?:的)?(${N})月(?:份)?${DAY}?$`);
const MONTH_DAY = new RegExp(`^(?:(${YEAR})年)?(${N})月(?:份)?${DAY}?$`);
const YEAR_END = new RegExp(`^(?:(${YEAR})年(?:年底|年末|年终|底|末|内|终|度内|度)?|年(?:底|末|内|终|度内))$`);
/**
 * 每月结束后10日内, 每季度结束后10日内: N calendar days after each month's or quarter's end,
 * that is day N of the next month. Read before the event-relative forms (…后10日内), which
 * it would otherwise be taken for.
 */
const AFTER_PERIOD_END = new RegExp(`^每(?:个)?(月|季度)(?:结束|终了|末)?后(?:的)?(${N})(?:个)?(?:日|天|号)(?:内|之内|前|之前)?$`);
/** 12.31前: month.day of the plan's year (digits only; 2020.9.15 is read with its year). */
const DOTTED_DATE = /^(\d{1,2})\.(\d{1,2})$/;
/** A clause that limits when a deadline applies: "区信用网站投入使用前", "网站建成后", "整改期间". */
const CONDITION_END = /(?:前|后|以前|之前|以后|之后|期间|时)$/;
/** Longest condition clause read (longer text before a deadline is a requirement, not a condition). */
const MAX_CONDITION = 40;
const HALF_YEAR = new RegExp(`^(?:(${YEAR})年)?(上半年|下半年|年中)(?:末|底)?$`);
const QUARTER = new RegExp(`^(?:(${YEAR})年)?(?:第)?(${N})季度(?:末|底)?$`);

function readYear(text: string | undefined, planYear: number | null): number | null | undefined {
  if (text === undefined) return planYear;
  if (/^\d{4}$/.test(text)) return Number(text);
  const chinese = parseChineseNumber(text);
  if (chinese !== null && chinese >= 1900) return chinese;
  return planYear; // masked: xx年, 20xx年, 本年
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(month: number, day: DayOfMonth, year: number | null): boolean {
  if (!Number.isInteger(month) || month < 1 || month > 12) return false;
  if (day === 'last') return true;
  const limit =
    month === 2 && year !== null && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 28 : DAYS_IN_MONTH[month - 1]!;
  return day <= limit;
}

function once(year: number | null, month: number, day: DayOfMonth): DeadlineRule | null {
  return validDate(month, day, year) ? { kind: 'once', year, month, day } : null;
}

const EVEN_MONTHS = [2, 4, 6, 8, 10, 12];
const ODD_MONTHS = [1, 3, 5, 7, 9, 11];
const QUARTER_FIRST_MONTHS = [1, 4, 7, 10];

/** Forms that repeat: monthly, every other month, quarterly, half-yearly, weekly, yearly on a date. */
function readRecurring(core: string, endOfWorkday: boolean): DeadlineRule | null {
  let m = core.match(MONTHLY);
  if (m || /^(?:每月|每个月|按月)$/.test(core)) {
    const day = readDay(m?.[1]);
    return day === null ? null : { kind: 'monthly', day, months: null };
  }
  m = core.match(ALTERNATE_MONTHS);
  if (m) {
    const day = readDay(m[2]);
    const months = /双数|偶数/.test(m[1]!) ? EVEN_MONTHS : ODD_MONTHS;
    return day === null ? null : { kind: 'monthly', day, months };
  }
  m = core.match(QUARTERLY);
  if (m) {
    const day = readDay(m[1]);
    return day === null ? null : { kind: 'quarterly', day };
  }
  // 每季度首月10日前, 每季度结束后10日(内): reported in the month after each quarter.
  m = core.match(AFTER_QUARTER);
  if (m) {
    const day = readDay(m[1]);
    return day === null ? null : { kind: 'monthly', day, months: QUARTER_FIRST_MONTHS };
  }
  // 每半年, 每半年报送一次, 半年 (a cell's periodic form): at the end of June and of December.
  if (/^(?:每(?:个)?)?半年(?:末|底)?$/.test(core)) return { kind: 'monthly', day: 'last', months: [6, 12] };
  m = core.match(YEARLY);
  if (m) {
    const month = number(m[1]);
    const day = readDay(m[2]);
    return month !== null && day !== null && validDate(month, day, null) ? { kind: 'monthly', day, months: [month] } : null;
  }
  m = core.match(/^每(?:周|星期|个星期)(?:周|星期|礼拜)?([一二三四五六日天末1-7])$/);
  if (m) {
    const weekday = /\d/.test(m[1]!) ? Number(m[1]) : WEEKDAY_NAMES[m[1]!]!;
    return { kind: 'weekly', weekday, endOfWorkday };
  }
  if (/^每周$/.test(core)) return { kind: 'weekly', weekday: 5, endOfWorkday };
  return null;
}

/** Forms that fall due once: a date, a month's end, the year's end, a quarter, a half-year. */
function readOnce(core: string, planYear: number | null): DeadlineRule | null {
  let m = core.match(MONTH_DAY);
  if (m) {
    const year = readYear(m[1], planYear);
    const month = number(m[2]);
    const day = readDay(m[3]);
    return year === undefined || month === null || day === null ? null : once(year, month, day);
  }
  m = core.match(/^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/);
  if (m) return once(Number(m[1]), Number(m[2]), Number(m[3]));
  m = core.match(DOTTED_DATE);
  if (m) return once(planYear, Number(m[1]), Number(m[2]));
  // 2020年, 2020年底, 年底, 年内: the year's last day.
  m = core.match(YEAR_END);
  if (m) return once(readYear(m[1], planYear) ?? null, 12, 'last');
  m = core.match(HALF_YEAR);
  if (m) {
    const year = readYear(m[1], planYear) ?? null;
    return once(year, m[2] === '上半年' || m[2] === '年中' ? 6 : 12, 'last');
  }
  m = core.match(QUARTER);
  if (m) {
    const quarter = number(m[2]);
    if (quarter === null || quarter < 1 || quarter > 4 || !Number.isInteger(quarter)) return null;
    return once(readYear(m[1], planYear) ?? null, quarter * 3, 'last');
  }
  return null;
}

/** 半年总结 / 年度总结: due at the half-year's or year's end unless a date follows. */
function readSummary(core: string, planYear: number | null): DeadlineRule | null {
  const m = core.match(/^(半年|上半年|年度|年终|全年|年)(?:工作)?总结(.*)$/);
  if (!m) return null;
  if (m[2] !== '') return readOnce(strip(m[2]!).core, planYear);
  return once(planYear, m[1]!.includes('半年') ? 6 : 12, 'last');
}

/** 每月结束后10日内 → day 10 of every month; 每季度结束后10日内 → day 10 of January, April, July, October. */
function readAfterPeriodEnd(core: string): DeadlineRule | null | undefined {
  const m = core.match(AFTER_PERIOD_END);
  if (!m) return undefined;
  const day = number(m[2]);
  if (day === null || !Number.isInteger(day) || day < 1 || day > 31) return null;
  return { kind: 'monthly', day, months: m[1] === '月' ? null : QUARTER_FIRST_MONTHS };
}

/**
 * "区信用网站投入使用前,每周周五下班前": the deadline after the last comma, with the clause
 * before it kept as its condition, when that clause reads as a condition (ends in 前, 后,
 * 期间 …) and not as a deadline itself. Null when the text has no such shape.
 */
function readConditional(bare: string, planYear: number | null): { rule: DeadlineRule; condition: string } | null {
  const comma = bare.lastIndexOf(',');
  if (comma <= 0 || comma > MAX_CONDITION) return null;
  const condition = bare.slice(0, comma).replace(/^[,;、\s]+/, '');
  if (condition === '' || !CONDITION_END.test(condition)) return null;
  const after = readPlain(bare.slice(comma + 1), planYear);
  if (after === null || readPlain(condition, planYear) !== null) return null;
  return { rule: after, condition };
}

/**
 * Reads one deadline expression (a 完成时限 cell's line, or a phrase findDeadlines cut from
 * prose). Contract: never throws; `text` is the cleaned input; `recognized` is true exactly
 * when `rule` is set; `condition` is set only when a condition clause preceded the deadline
 * (see readConditional). `options.year` stands in for a missing or masked year (xx年).
 */
export function readDeadline(input: string, options: DeadlineOptions = {}): DeadlineReading {
  const text = cleanText(input);
  const planYear = options.year ?? null;
  const unrecognized: DeadlineReading = { text, recognized: false, rule: null };
  if (text === '') return unrecognized;
  const bare = text.replace(TRAILING_PUNCTUATION, '');
  const rule = readPlain(bare, planYear);
  if (rule) return { text, recognized: true, rule };
  const conditional = readConditional(bare, planYear);
  if (conditional) return { text, recognized: true, rule: conditional.rule, condition: conditional.condition };
  return unrecognized;
}

/** The rule of a deadline without a condition, or null; `bare` is cleaned text without trailing punctuation. */
function readPlain(bare: string, planYear: number | null): DeadlineRule | null {
  if (bare === '') return null;
  if (ONGOING.test(bare)) return { kind: 'ongoing' };
  const { core, endOfWorkday } = strip(bare);
  const afterPeriod = readAfterPeriodEnd(core);
  if (afterPeriod !== undefined) return afterPeriod;

  const relative = bare.match(RELATIVE);
  if (relative && strip(bare.slice(relative.index! + relative[0].length)).core === '') {
    const days = number(relative[1]);
    if (days !== null && Number.isInteger(days) && days > 0 && days <= 366) {
      return { kind: 'relative', days, workingDays: relative[2] === '工作日' };
    }
    return null;
  }

  if (core === '') return null;
  return readRecurring(core, endOfWorkday) ?? readSummary(core, planYear) ?? readOnce(core, planYear);
}

/**
 * Whether a text reads as a deadline. Asked of every unit name (a deadline shifted into the
 * unit column is no unit) and of every piece the cell splitter tries: remembered, as tables
 * repeat their cells.
 */
export const isDeadline: (text: string, year: number | null) => boolean = rememberedByTextAndYear(
  (text, year) => readDeadline(text, { year }).recognized,
);

/** Longest cell line the splitter will try to cut into several deadlines (it tries every cut). */
const MAX_SPLIT_LENGTH = 60;

/**
 * Pieces the splitter may read for one cell. Four deadlines run together on one line take
 * 100 to 300 reads; a cell of many lines, each of 60 characters of deadline fragments, took
 * over a thousand per line, and a table splits a deadline cell on every row (found by fuzzing).
 */
const MAX_SPLIT_READS = 400;

/**
 * A deadline cell as a list of deadlines, one per requirement in order. Offices write one
 * per line (12月底前\n3月底前); PDF extraction loses the line breaks (12月底前3月底前,
 * 及时完成 每月 25 日 前). A line that reads as one deadline stays whole; otherwise it is
 * cut into the fewest pieces that each read as a deadline. A line that cannot be cut that
 * way, or not within the cell's reads, stays whole, to be reported as unreadable.
 */
export function splitDeadlineCell(cell: string): string[] {
  // A copy: the remembered pieces are shared by every row with the same cell.
  return [...splitDeadlineCellOnce(cell)];
}

/** A table asks twice per task row (the task's one value, then the row's): remembered. */
const splitDeadlineCellOnce = rememberedByText((cell: string): string[] => {
  const pieces: string[] = [];
  const budget = { reads: MAX_SPLIT_READS };
  for (const line of cleanLines(cell)) {
    pieces.push(...splitLine(line, budget));
  }
  return pieces;
});

function splitLine(line: string, budget: { reads: number }): string[] {
  if (isDeadline(line, null) || line.length > MAX_SPLIT_LENGTH) return [line];
  const text = line.replace(/\s+/g, '');
  // best[i]: fewest recognised pieces covering text[0, i), with the cut positions.
  const best: (number[] | null)[] = Array(text.length + 1).fill(null);
  best[0] = [];
  for (let end = 1; end <= text.length; end++) {
    for (let start = 0; start < end; start++) {
      const before = best[start];
      if (!before) continue;
      const piece = text.slice(start, end).replace(/^[,,;;、]+/, '');
      if (piece === '') continue;
      if (budget.reads-- <= 0) return [line];
      if (!isDeadline(piece, null)) continue;
      if (!best[end] || best[end]!.length > before.length + 1) best[end] = [...before, start];
    }
  }
  const cuts = best[text.length];
  if (!cuts || cuts.length < 2) return [line];
  return cuts.map((start, i) => text.slice(start, cuts[i + 1] ?? text.length).replace(/^[,,;;、]+|[,,;;、]+$/g, ''));
}

// ---------------------------------------------------------------------------------------------
// Deadlines inside prose: "…于每月10日前汇总报送…", "半年总结及年度总结".

/** A deadline phrase found in prose. */
export interface DeadlineFinding {
  /** The phrase as it stands in the cleaned text: `cleanText(input).slice(index, index + text.length)`. */
  text: string;
  rule: DeadlineRule;
  /** Where the phrase starts in `cleanText(input)`. */
  index: number;
  /** The condition clause just before it in the same sentence ("区信用网站投入使用前"), when there is one. */
  condition?: string;
}

// Bounded pieces for scanning prose. The scanner tries its pattern at every position of the
// text, so every quantifier is bounded: an unbounded number (\d+) run at each position of a
// long run of digits made the scan quadratic.
const P_NUM = '(?:\\d{1,2}|[一二三四五六七八九十两]{1,3})';
const P_YEAR = '(?:\\d{4}|[二〇零一三四五六七八九]{4}|20[xX×]{2}|[xX×]{2,4}|[本今当])';
const P_DAY_NUMBER = `${P_NUM}(?:日|号)`;
const P_DAY = `(?:${P_DAY_NUMBER}|底|末|月底|月末|最后一天|上旬|中旬|下旬)`;
const P_BEFORE = '(?:之前|以前|前)';
/** No number or year part may start in the middle of a longer number or masked year. */
const P_START = '(?<![\\dxX×])';

/**
 * Every phrase shape a deadline in prose takes. A match is only a candidate: each is then read
 * by readDeadline and dropped unless it reads. What is deliberately NOT a candidate:
 * a bare year or year span (2015-2020年, 2020年度: titles and plan names), 每月/每年 alone
 * (a quota's period: 每年至少推送1次, 每月至少…1篇), a date without 前 or 截至 (the notice's
 * own date 2020年8月17日, festivals such as 3.15).
 */
const PHRASE_FORMS = [
  // 每季度结束后10日内, 每月结束后5日内, 每季度首月10日前
  `每(?:个)?(?:月|季度)(?:首月|第一个月|结束后|终了后|末后|后)(?:的)?${P_NUM}(?:个)?(?:日|号|天)(?:之内|内|${P_BEFORE})?`,
  // 每月10日前, 每个月底, 每月末
  `每(?:个)?月(?:的)?${P_DAY}${P_BEFORE}?`,
  // 次月10日前, 下月5日前
  `(?:次月|下个月|下月)(?:的)?${P_DAY_NUMBER}${P_BEFORE}?`,
  // 每个双数月15日前, 双数月末
  `(?:每(?:个)?)?(?:双数|偶数|单数|奇数)月(?:份)?(?:的)?${P_DAY}?${P_BEFORE}?`,
  // 2020年第三季度末, 第三季度末前
  `(?:${P_START}${P_YEAR}年)?第?${P_START}(?:[一二三四]|[1-4])季度(?:末|底)${P_BEFORE}?`,
  // 每季度, 每季度末, 按季度, 季度末
  `(?:每(?:个)?|按)季度(?:末|最后一个月|末月)?(?:的)?(?:${P_DAY_NUMBER}|底)?${P_BEFORE}?`,
  `季度末${P_BEFORE}?`,
  // 半年总结, 年度总结
  '(?:上半年|半年|年度|年终)(?:工作)?总结',
  // 每半年
  '每(?:个)?半年(?:末|底)?',
  // 上半年, 2020年下半年
  `(?:${P_START}${P_YEAR}年)?(?:上半年|下半年|年中)(?:末|底)?${P_BEFORE}?`,
  // 每周周五下班前, 每周一
  `每(?:周|星期|个星期)(?:周|星期|礼拜)?[一二三四五六日天末1-7](?:下班)?${P_BEFORE}?`,
  '每周',
  // 每年1月15日前
  `每年(?:的)?${P_NUM}月(?:份)?${P_DAY}?${P_BEFORE}?`,
  // 2020年年底前, xx年末
  `${P_START}${P_YEAR}年(?:年底|年末|年终|底|末)${P_BEFORE}?`,
  `年(?:底|末)${P_BEFORE}`,
  // 2020年8月底前, 6月30日前, 8月末
  `(?:${P_START}${P_YEAR}年)?${P_START}${P_NUM}月(?:份)?(?:${P_DAY_NUMBER}(?:${P_BEFORE}|为止|止)|(?:底|末|月底|月末|上旬|中旬|下旬)${P_BEFORE}?)`,
  // 截至2020年11月30日
  `(?:截至|截止到|截止)(?:${P_START}${P_YEAR}年)?${P_NUM}月${P_DAY_NUMBER}`,
  // 2020-09-15前, 12.31前
  `${P_START}\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}日?${P_BEFORE}`,
  `(?<![\\d.])\\d{1,2}\\.\\d{1,2}${P_BEFORE}`,
  // 七个工作日内, 20个工作日内, 7天内
  `${P_START}${P_NUM}(?:个)?(?:工作日|日|天)(?:之内|内)`,
  // Ongoing work named in prose.
  '长期推进|长期坚持|实时更新|及时完成',
];
const PHRASE = new RegExp(PHRASE_FORMS.join('|'), 'g');

/** Period words alone that are a quota's period when a target word follows (每季度至少报送1次). */
const BARE_PERIOD = /^(?:每(?:个)?|按)季度$|^每(?:个)?半年$|^每周$/;
const QUOTA_AHEAD = /^[^。;,]{0,20}?(?:至少|不少于|不得少于|不低于)/;

/** Candidate phrases read per text at most: a requirement names a handful; fuzzing sends thousands. */
const MAX_PHRASE_READS = 2000;
/** How far before a deadline its condition clause's comma may stand ("由相关单位在" between). */
const CONDITION_GAP = 12;
const SENTENCE_END = /[。;]/;

/**
 * The deadline phrases inside a requirement's prose, in order and without overlaps:
 * "…于每月10日前汇总报送…" → [{ text: '每月10日前', rule: monthly 10, index }].
 *
 * Contract: pure, never throws, linear in the text (bounded patterns, at most
 * MAX_PHRASE_READS candidates read). Indexes are into `cleanText(text)`. Only phrases that
 * readDeadline reads are returned; a year span in a title (2015-2020年), a quota's period
 * (每年至少推送1次, 每季度至少1次) and a notice's own date are not deadlines.
 */
export function findDeadlines(input: string, options: DeadlineOptions = {}): DeadlineFinding[] {
  const text = cleanText(input);
  const year = options.year ?? null;
  const found: DeadlineFinding[] = [];
  // One compiled pattern for every call (nothing in the loop calls findDeadlines again).
  const pattern = PHRASE;
  pattern.lastIndex = 0;
  let reads = 0;
  let lastEnd = 0;
  for (let m = pattern.exec(text); m !== null && reads < MAX_PHRASE_READS; m = pattern.exec(text)) {
    reads++;
    const phrase = m[0];
    if (phrase === '') {
      pattern.lastIndex = m.index + 1;
      continue;
    }
    const end = m.index + phrase.length;
    if (BARE_PERIOD.test(phrase) && QUOTA_AHEAD.test(text.slice(end, end + 24))) {
      pattern.lastIndex = end;
      continue;
    }
    const reading = readDeadline(phrase, { year });
    if (!reading.rule) {
      // A longer candidate that does not read may hold a shorter one that does: go on one past its start.
      pattern.lastIndex = m.index + 1;
      continue;
    }
    const finding: DeadlineFinding = { text: phrase, rule: reading.rule, index: m.index };
    const condition = conditionBefore(text, m.index, lastEnd);
    if (condition !== null) finding.condition = condition;
    found.push(finding);
    lastEnd = end;
  }
  return found;
}

/**
 * The condition clause before position `at`: the clause before the nearest comma, when the
 * comma is at most CONDITION_GAP characters back, the clause is within the sentence and after
 * the previous deadline (`floor`), at most MAX_CONDITION long, and ends like a condition.
 */
function conditionBefore(text: string, at: number, floor: number): string | null {
  let comma = -1;
  for (let i = at - 1; i >= Math.max(floor, at - CONDITION_GAP); i--) {
    const ch = text[i]!;
    if (ch === ',') {
      comma = i;
      break;
    }
    if (SENTENCE_END.test(ch) || ch === ':') return null;
  }
  if (comma < 0) return null;
  let start = comma;
  while (start > floor && start > comma - MAX_CONDITION - 1 && !/[,。;:]/.test(text[start - 1]!)) start--;
  if (start > floor && !/[,。;:]/.test(text[start - 1]!)) return null; // longer than a condition
  const clause = stripItemNumber(text.slice(start, comma));
  return clause !== '' && CONDITION_END.test(clause) ? clause : null;
}

/** An item number at the start of a clause: 1. 2、 (1) ① 一是. */
const ITEM_NUMBER = /^(?:\d{1,2}[.、](?!\d)|[((]\d{1,2}[))]|[①-⑳]|[一二三四五六七八九十]{1,2}是)/;

function stripItemNumber(clause: string): string {
  return clause.replace(ITEM_NUMBER, '').trim();
}

// ---------------------------------------------------------------------------------------------
// Several duties in one cell or 工作时限 field: "每季度末报送进展,11月底前完成".

/** What a duty asks of the unit: report (报送, 反馈 …), complete a piece of work, or keep at it. */
export type DutyKind = 'report' | 'complete' | 'ongoing';

/** One duty of a cell or field, with its own deadline. */
export interface DutyEntry {
  /** The words of its clause (item numbers and edge punctuation removed): what is reported or done. */
  text: string;
  /** Its deadline phrase read (with its condition, if any); unrecognised when none could be read. */
  deadline: DeadlineReading;
  duty: DutyKind;
  /** Where the clause starts in `cleanText(input)`. */
  index: number;
}

const REPORT_VERB = /报送|上报|报告|反馈|汇总|推送|提交|上交|报备|备案|通报|报(?=区|市|县|省|至|到|给|领导|办公室|信用)/g;
const COMPLETE_VERB = /完成|建立|建成|制定|出台|形成|印发|召开|开通|落实|实施|办结|录入|公示|整合|更新/g;
const PERIODIC: ReadonlySet<DeadlineRule['kind']> = new Set(['monthly', 'quarterly', 'weekly']);

function firstIndex(pattern: RegExp, text: string): number {
  pattern.lastIndex = 0;
  return pattern.exec(text)?.index ?? Infinity;
}

/**
 * The duty of a clause. A repeating deadline is a report unless the clause names work and no
 * report (每月10日前完成数据更新); a one-off one goes by its first verb (制定…并报…备案 is a
 * completion, 报送…名单 a report), a completion when it names none.
 */
function dutyOf(clause: string, rule: DeadlineRule | null): DutyKind {
  if (rule?.kind === 'ongoing') return 'ongoing';
  const report = firstIndex(REPORT_VERB, clause);
  const complete = firstIndex(COMPLETE_VERB, clause);
  if (rule !== null && PERIODIC.has(rule.kind)) return report === Infinity && complete !== Infinity ? 'complete' : 'report';
  return report < complete ? 'report' : 'complete';
}

/** Sentence starts: after 。 or ; and before an item number (1. 2、 ①) that follows punctuation or a space. */
const SENTENCE_BREAK = /[。;]+|(?<=[,\s])(?=\d{1,2}[.、](?!\d)|[①-⑳])/g;
/**
 * Punctuation (and a dangling 及/和) at either edge of a clause. The trailing branch starts only
 * where a run starts: tried inside a long run not at the end, it rescanned the run from each of
 * its positions (quadratic; fuzzing).
 */
const EDGE_PUNCTUATION = /^[\s,。;、:]+|(?<![\s,。;、:及和与并])[\s,。;、:及和与并]+$/g;

function clauseText(text: string, start: number, end: number): string {
  return stripItemNumber(text.slice(start, end).replace(EDGE_PUNCTUATION, '')).replace(EDGE_PUNCTUATION, '');
}

function sameRule(a: DeadlineRule, b: DeadlineRule): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * A cell or 工作时限 field naming several duties, one entry per duty in order:
 *
 *   "每季度末报送进展,11月底前完成" → [每季度末 · report · 每季度末报送进展], [11月底前 · complete · 11月底前完成]
 *   "xx年6月30日前,…报送…名单;各成员单位于每个双数月15日前向…报送…" → a one-off report and a periodic one
 *
 * Each deadline phrase (findDeadlines) owns its clause: the sentence it stands in (cut at 。 ;
 * and item numbers), or, when a sentence names several, the part from the comma before it.
 * A sentence naming none belongs to the duty before it (or, at the start, to the first), so
 * no words are dropped; consecutive phrases of one sentence with the same rule are one duty
 * (长期推进,实时更新信息). A text naming no deadline at all is one entry whose deadline is
 * readDeadline of the whole (usually unrecognised, for the admin to see). Empty text: [].
 *
 * Contract: pure, never throws, linear in the text. Indexes are into `cleanText(text)`.
 */
export function splitDuties(input: string, options: DeadlineOptions = {}): DutyEntry[] {
  const text = cleanText(input);
  if (/^[\s,。;、:]*$/.test(text)) return [];
  const findings = findDeadlines(text, options);
  if (findings.length === 0) {
    const deadline = readDeadline(text, options);
    return [{ text: clauseText(text, 0, text.length), deadline, duty: dutyOf(text, deadline.rule), index: 0 }];
  }

  // Sentence boundaries, in order: each finding is placed in its sentence by walking both lists.
  const breaks: number[] = [];
  for (const m of text.matchAll(SENTENCE_BREAK)) breaks.push(m.index + m[0].length);

  interface Span {
    start: number;
    end: number;
    finding: DeadlineFinding;
  }
  const spans: Span[] = [];
  let b = 0;
  let sentenceStart = 0;
  let sentenceOfLast = -1;
  for (const finding of findings) {
    while (b < breaks.length && breaks[b]! <= finding.index) sentenceStart = breaks[b++]!;
    const previous = spans[spans.length - 1];
    if (previous && sentenceOfLast === sentenceStart) {
      if (sameRule(previous.finding.rule, finding.rule) && finding.condition === undefined) continue;
      // A second deadline in the sentence: its clause starts at the last comma after the previous phrase.
      const previousEnd = previous.finding.index + previous.finding.text.length;
      let cut = finding.index;
      // Bounded by the previous phrase: a lastIndexOf from here could scan the whole text per phrase.
      for (let i = finding.index - 1; i >= previousEnd; i--) {
        if (text[i] === ',') {
          cut = i + 1;
          break;
        }
      }
      previous.end = cut;
      spans.push({ start: cut, end: text.length, finding });
    } else {
      if (previous) previous.end = sentenceStart;
      spans.push({ start: previous ? sentenceStart : 0, end: text.length, finding });
    }
    sentenceOfLast = sentenceStart;
  }

  return spans.map(({ start, end, finding }) => {
    const words = clauseText(text, start, end);
    const deadline: DeadlineReading = { text: finding.text, recognized: true, rule: finding.rule };
    if (finding.condition !== undefined) deadline.condition = finding.condition;
    // The phrase's own words (及时完成, 实时更新) are no verb of the duty.
    return { text: words, deadline, duty: dutyOf(words.replace(finding.text, ''), finding.rule), index: start };
  });
}
