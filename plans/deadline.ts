/**
 * Reads the deadline expressions of real plans (完成时限) into structured rules.
 *
 * Every form in DOMAIN.md is understood, with digits or Chinese numerals and with PDF
 * noise: 每月10日前, 每个双数月15日前, 每季度末, 每周周五下班前, 12月底前, 2020年8月底前,
 * xx年6月30日前, 半年总结, 七个工作日内, 及时完成 … A text that fits no form is kept with
 * `recognized: false` so an admin sees it: it is never dropped and never guessed.
 *
 * Pure: text in, rule out. When the rules fall due is `due-dates.ts`'s job.
 */
import { cleanLines, cleanText } from './normalize';
import { NUMBER_PATTERN, parseChineseNumber } from './numerals';
import type { DayOfMonth, DeadlineReading, DeadlineRule } from './types';

export interface DeadlineOptions {
  /** The plan's year, for texts without one (3月底前) or with a masked one (xx年6月30日前). */
  year?: number | null;
}

const N = NUMBER_PATTERN;
/** A year as written: 2020, 二〇二〇, or masked (xx, XX, ××, 20xx) meaning the plan's year. */
const YEAR = '(?:\\d{4}|[二〇零一三四五六七八九]{4}|20[xX×]{2}|[xX×]{2,4}|[某本今当]年?)';

/** Words around the date that change nothing: 截至…, …前完成, …之前报送. */
const PREFIX = /^(?:截至|截止到|截止|于|在|到|最迟|最晚|须在|需在)/;
const SUFFIX = /(?:之前|以前|前|止|为止)?(?:完成|报送|上报|报|反馈|汇总|办结|提交|落实|实施)?(?:工作)?$/;

const ONGOING =
  /^(?:及时|长期|持续|实时|常态化|随时|全年|定期|按时|按要求|按需)(?:完成|推进|更新|坚持|开展|落实|报送|进行|有效|实施)?$/;
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
  for (let previous = ''; previous !== core; ) {
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
const MONTHLY = new RegExp(`^每(?:个)?月(?:的)?${DAY}$`);
const ALTERNATE_MONTHS = new RegExp(`^(?:每)?(?:个)?(双数月|偶数月|单数月|奇数月)(?:份)?(?:的)?${DAY}?$`);
const QUARTERLY = new RegExp(`^每(?:个)?季度(?:末|最后一个月|末月)?(?:的)?${DAY}?$`);
const AFTER_QUARTER = new RegExp(`^每(?:个)?季度(?:首月|第一个月|结束后|后)(?:的)?${DAY}$`);
const YEARLY = new RegExp(`^每年(?:的)?(${N})月(?:份)?${DAY}?$`);
const MONTH_DAY = new RegExp(`^(?:(${YEAR})年)?(${N})月(?:份)?${DAY}?$`);
const YEAR_END = new RegExp(`^(?:(${YEAR})年(?:底|末|内|终|度内|度)?|年(?:底|末|内|终|度内))$`);
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
  const limit = month === 2 && year !== null && !(year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 28 : DAYS_IN_MONTH[month - 1]!;
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
  if (/^每半年(?:末|底)?$/.test(core)) return { kind: 'monthly', day: 'last', months: [6, 12] };
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

export function readDeadline(input: string, options: DeadlineOptions = {}): DeadlineReading {
  const text = cleanText(input);
  const planYear = options.year ?? null;
  const unrecognized: DeadlineReading = { text, recognized: false, rule: null };
  if (text === '') return unrecognized;
  const bare = text.replace(TRAILING_PUNCTUATION, '');
  if (ONGOING.test(bare)) return { text, recognized: true, rule: { kind: 'ongoing' } };

  const relative = bare.match(RELATIVE);
  if (relative && strip(bare.slice(relative.index! + relative[0].length)).core === '') {
    const days = number(relative[1]);
    if (days !== null && Number.isInteger(days) && days > 0 && days <= 366) {
      return { text, recognized: true, rule: { kind: 'relative', days, workingDays: relative[2] === '工作日' } };
    }
    return unrecognized;
  }

  const { core, endOfWorkday } = strip(bare);
  if (core === '') return unrecognized;
  const rule = readRecurring(core, endOfWorkday) ?? readSummary(core, planYear) ?? readOnce(core, planYear);
  return rule ? { text, recognized: true, rule } : unrecognized;
}

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
  const pieces: string[] = [];
  const budget = { reads: MAX_SPLIT_READS };
  for (const line of cleanLines(cell)) {
    pieces.push(...splitLine(line, budget));
  }
  return pieces;
}

function splitLine(line: string, budget: { reads: number }): string[] {
  if (readDeadline(line).recognized || line.length > MAX_SPLIT_LENGTH) return [line];
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
      if (!readDeadline(piece).recognized) continue;
      if (!best[end] || best[end]!.length > before.length + 1) best[end] = [...before, start];
    }
  }
  const cuts = best[text.length];
  if (!cuts || cuts.length < 2) return [line];
  return cuts.map((start, i) => text.slice(start, cuts[i + 1] ?? text.length).replace(/^[,,;;、]+|[,,;;、]+$/g, ''));
}
