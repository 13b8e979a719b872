/**
 * Splits the dates part of one schedule line (what follows `春节:`) into tokens.
 *
 * The wording is the State Council notice's and the short form admins type:
 *   2月15日(农历腊月二十八、周日)至23日(农历正月初七、周一)放假调休,共9天。2月14日(周六)、2月28日(周六)上班。
 *   2月15日-2月23日 休; 2月14日、2月28日 上班
 * The text arrives NFKC-normalised (full-width ：（）；，～ are half-width) with whitespace
 * removed: no word of the format needs a space.
 *
 * Words that change nothing (与周末连休, 不调休, list commas) are dropped here; what the
 * tokens mean, and every check on the dates, is official-schedule.ts's job. Text that
 * fits no token is returned as `unknown`, never skipped, so a typo cannot silently drop a
 * date from a schedule that replaces a whole year.
 */

export type ScheduleToken =
  /** 2026年2月15日, 2月15日, or 15日 (month from the date before); with the weekday of a (周日) after it. */
  | { type: 'date'; text: string; year?: number; month?: number; day: number; weekday?: number; weekdayText?: string }
  /** - — – ~ 〜 至 到 between two dates. */
  | { type: 'range'; text: string }
  /** 休, 放假, 放假调休, 休息, 休假: the dates before it are days off. */
  | { type: 'off'; text: string }
  /** 上班, 补班: the dates before it are swapped working days. */
  | { type: 'work'; text: string }
  /** 共9天 or the 1天 of 放假1天: how many days off the period has. */
  | { type: 'count'; text: string; days: number }
  /** ; 。 and . end a clause: dates before them must have had their 休 or 上班. */
  | { type: 'stop'; text: string }
  | { type: 'unknown'; text: string };

const WEEKDAY_NUMBERS: Readonly<Record<string, number>> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

interface Pattern {
  regex: RegExp;
  token: (match: RegExpExecArray) => ScheduleToken | null;
}

/** Tried in order at each position; the first match wins, so longer words come before their prefixes. */
const PATTERNS: Pattern[] = [
  {
    regex: /^(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})[日号]/,
    token: (m) => ({
      type: 'date',
      text: m[0],
      ...(m[1] === undefined ? {} : { year: Number(m[1]) }),
      ...(m[2] === undefined ? {} : { month: Number(m[2]) }),
      day: Number(m[3]),
    }),
  },
  { regex: /^(?:-+|—+|–+|~|〜|至|到)/, token: (m) => ({ type: 'range', text: m[0] }) },
  { regex: /^(?:调休上班|上班|补班)/, token: (m) => ({ type: 'work', text: m[0] }) },
  // Before 休: these contain it but name no days off of their own.
  { regex: /^(?:与周末连休|不调休|不补班)/, token: () => null },
  { regex: /^(?:放假调休|放假|休息|休假|休)/, token: (m) => ({ type: 'off', text: m[0] }) },
  { regex: /^共?(\d+)天/, token: (m) => ({ type: 'count', text: m[0], days: Number(m[1]) }) },
  { regex: /^[;。.]/, token: (m) => ({ type: 'stop', text: m[0] }) },
  // List separators and words of the notice that add nothing to the dates.
  { regex: /^(?:[、,和及]|调休|连休)/, token: () => null },
];

/** A parenthesis: after a date it may give the weekday (周日, 星期六); anywhere it is a comment (农历除夕). */
const PARENTHESIS = /^\(([^()]*)\)/;
const WEEKDAY_IN_TEXT = /(?:星期|礼拜|周)([一二三四五六日天])/;

function matchPattern(text: string): { token: ScheduleToken | null; length: number } | null {
  for (const { regex, token } of PATTERNS) {
    const match = regex.exec(text);
    if (match) return { token: token(match), length: match[0].length };
  }
  return null;
}

export function tokenizeScheduleDates(text: string): ScheduleToken[] {
  const tokens: ScheduleToken[] = [];
  let unknown = '';
  const flushUnknown = () => {
    if (unknown !== '') tokens.push({ type: 'unknown', text: unknown });
    unknown = '';
  };

  let rest = text;
  while (rest !== '') {
    const parenthesis = PARENTHESIS.exec(rest);
    if (parenthesis) {
      flushUnknown();
      const previous = tokens.at(-1);
      const weekday = WEEKDAY_IN_TEXT.exec(parenthesis[1] ?? '');
      if (previous?.type === 'date' && weekday && previous.weekday === undefined) {
        previous.weekday = WEEKDAY_NUMBERS[weekday[1] ?? ''];
        previous.weekdayText = weekday[0];
      }
      rest = rest.slice(parenthesis[0].length);
      continue;
    }
    const matched = matchPattern(rest);
    if (matched) {
      flushUnknown();
      if (matched.token) tokens.push(matched.token);
      rest = rest.slice(matched.length);
    } else {
      // Gather unreadable characters into one run so the error quotes the whole word.
      const [first = ''] = rest;
      unknown += first;
      rest = rest.slice(first.length);
    }
  }
  flushUnknown();
  return tokens;
}
