/**
 * Reads a year's official holiday schedule as an admin pastes it into chat, into a
 * `YearOverride`.
 *
 * One line per holiday period, the holiday's name, a colon, then its dates:
 *   元旦: 1月1日-1月3日 休
 *   春节: 2月15日-2月23日 休; 2月14日、2月28日 上班
 *   国庆节、中秋节: 10月1日至10月8日放假调休，共8天。9月27日（星期日）、10月10日（星期六）上班
 * The last is the State Council notice's own wording, so the notice can be pasted whole:
 * its numbering (一、), lunar dates in brackets, 共N天, 与周末连休 and 不调休 are understood,
 * and lines that give no dates (the title, the addressees, the closing paragraph, the
 * signature) are skipped and listed. Full-width and half-width punctuation are alike.
 *
 * An override replaces the package's data for the whole year, so nothing doubtful is let
 * through: every problem is reported with its line (an impossible date, a backwards range,
 * a 上班 day that is not a weekend, a date outside the year, a weekday in brackets that is
 * not the date's, a 共N天 that does not match the dates, words that cannot be read, a date
 * given twice), and no override is returned while there is one.
 *
 * Pure: text in, result out.
 */
import { addDays, formatIsoDate, isRealDate, isWeekend, isoWeekday, type DateParts } from './calendar-date';
import { tokenizeScheduleDates, type ScheduleToken } from './schedule-tokens';
import type { IsoDate, NamedDate, YearOverride } from './types';

export type ScheduleErrorCode =
  /** Nothing to read: the text is blank, or no line gives a holiday period. */
  | 'empty-input'
  /** A line of dates with no holiday name before them. */
  | 'no-name'
  /** A line naming a holiday and saying 休 or 上班 but giving no date. */
  | 'no-dates'
  /** Dates not followed by 休/放假 (days off) or 上班 (working days). */
  | 'no-kind'
  /** A day (15日) with no month, written or carried over from the date before. */
  | 'no-month'
  /** Words that fit no part of the format. */
  | 'unreadable'
  /** A day that does not exist: 2月30日, 13月1日. */
  | 'impossible-date'
  /** A date written with a year other than the schedule's: 2025年12月31日 in the 2026 schedule. */
  | 'outside-year'
  /** A range whose end comes before its start: 10月8日至10月1日. */
  | 'backwards-range'
  /** A weekday in brackets that is not the date's: 9月27日（星期日） when the 27th is a Saturday. */
  | 'weekday-mismatch'
  /** A 上班 (swapped working) day on Monday–Friday: only weekends are swapped. */
  | 'workday-not-weekend'
  /** 共N天 or 放假N天 that is not the number of days off given before it. */
  | 'day-count-mismatch'
  /** A date given twice: off on two lines, or both off and working. */
  | 'conflict';

export interface ScheduleError {
  /** 1-based line of the pasted text; null when the error is about the text as a whole. */
  line: number | null;
  code: ScheduleErrorCode;
  /** The words the error is about, as written (half-width, spaces removed). */
  text: string;
  /** An English sentence for logs and tests; the bot words its reply from `code` and `text`. */
  message: string;
}

export type ParsedSchedule =
  | {
      ok: true;
      override: YearOverride;
      /** Non-blank lines that give no holiday period (title, prose, signature), for the admin to see. */
      skippedLines: number[];
    }
  | { ok: false; errors: ScheduleError[] };

/** A day written in the text: 15日 or 15号. Lines without one are not schedule lines. */
const DAY_HINT = /\d{1,2}[日号]/;
/** Where the dates of a colon-less line start: the first 2026年2月15日, 2月15日 or 15日. */
const FIRST_DATE = /(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}[日号]/;
const KIND_HINT = /休|放假|上班|补班/;
/** The notice's numbering before a name: 一、 二. 3、 4) (五). */
const NUMBERING = /^(?:[一二三四五六七八九十]+[、.]|\d+[、.)]|\([一二三四五六七八九十\d]+\))/;

const WEEKDAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

type DayKindWritten = 'holiday' | 'workday';

interface Claim {
  kind: DayKindWritten;
  line: number;
  name: string;
}

/** A date read from the text, with the words it was read from. */
interface WrittenDate {
  iso: IsoDate;
  text: string;
}

/** The text of a line as the parser sees it: half-width, no whitespace. */
function normalizeLine(line: string): string {
  return line.normalize('NFKC').replace(/\s+/gu, '');
}

/** How a line is read: skipped, a schedule line (name and dates), or an error on its own. */
type LineShape =
  | { shape: 'blank' }
  | { shape: 'skipped' }
  | { shape: 'schedule'; name: string; body: string }
  | { shape: 'error'; error: Omit<ScheduleError, 'line'> };

function shapeOf(text: string): LineShape {
  if (text === '') return { shape: 'blank' };
  const colon = text.indexOf(':');
  let name: string;
  let body: string;
  if (colon >= 0) {
    name = text.slice(0, colon);
    body = text.slice(colon + 1);
    if (!DAY_HINT.test(body)) {
      // 元旦: 放假 names a holiday but no day; 各省、自治区…: is the notice's address line.
      if (KIND_HINT.test(body)) {
        return { shape: 'error', error: { code: 'no-dates', text, message: `"${text}" gives no date (write 1月1日)` } };
      }
      return { shape: 'skipped' };
    }
  } else {
    // Forgiving: 春节 2月15日-2月23日 休 without the colon. A line with a date but no 休/上班 (the
    // notice's signature date) is not a schedule line.
    const first = FIRST_DATE.exec(text);
    if (!first || !KIND_HINT.test(text)) return { shape: 'skipped' };
    name = text.slice(0, first.index);
    body = text.slice(first.index);
  }
  name = name.replace(NUMBERING, '');
  if (name === '') {
    return { shape: 'error', error: { code: 'no-name', text, message: `"${text}" has no holiday name before its dates` } };
  }
  return { shape: 'schedule', name, body };
}

/**
 * Reads one schedule line's dates. Errors are pushed to `errors`; the dates read are
 * returned by kind, whatever else on the line was wrong, so every problem is found in one pass.
 */
function readDates(body: string, line: number, year: number, errors: ScheduleError[]): Array<{ date: WrittenDate; kind: DayKindWritten }> {
  const errorsBefore = errors.length;
  const fail = (code: ScheduleErrorCode, text: string, message: string) => errors.push({ line, code, text, message });
  const read: Array<{ date: WrittenDate; kind: DayKindWritten }> = [];

  let pending: WrittenDate[] = [];
  /** The month and year a bare day (23日) takes: those of the date before it. */
  let carried: DateParts | null = null;
  /** The date just read, which a range mark may make the start of a range; 'failed' if it could not be read. */
  let lastDate: WrittenDate | 'failed' | null = null;
  let openRange: { start: WrittenDate | 'failed'; mark: string } | null = null;
  let lastDaysOff: WrittenDate[] | null = null;

  const resolve = (token: Extract<ScheduleToken, { type: 'date' }>): WrittenDate | null => {
    const shown = token.text + (token.weekdayText ? `(${token.weekdayText})` : '');
    const month = token.month ?? (token.year === undefined ? carried?.month : undefined);
    if (month === undefined) {
      fail('no-month', shown, `"${shown}" has no month (write 2月${token.day}日)`);
      return null;
    }
    const parts = { year: token.year ?? (token.month === undefined ? carried?.year : undefined) ?? year, month, day: token.day };
    carried = parts;
    if (!isRealDate(parts)) {
      fail('impossible-date', shown, `"${shown}": there is no ${parts.year}-${parts.month}-${parts.day}`);
      return null;
    }
    if (parts.year !== year) {
      fail('outside-year', shown, `"${shown}" is in ${parts.year}, not in ${year}: load it with the ${parts.year} schedule`);
      return null;
    }
    const iso = formatIsoDate(parts);
    const weekday = isoWeekday(iso);
    if (token.weekday !== undefined && token.weekday !== weekday) {
      fail('weekday-mismatch', shown, `"${shown}": ${iso} is a ${WEEKDAY_NAMES[weekday]}, not ${token.weekdayText}`);
    }
    return { iso, text: shown };
  };

  const expandRange = (start: WrittenDate, end: WrittenDate, mark: string): WrittenDate[] => {
    if (end.iso < start.iso) {
      const text = start.text + mark + end.text;
      fail('backwards-range', text, `"${text}" ends before it starts`);
      return [];
    }
    const days: WrittenDate[] = [];
    for (let iso = start.iso; iso <= end.iso; iso = addDays(iso, 1)) {
      days.push({ iso, text: start.text + mark + end.text });
    }
    return days;
  };

  const settle = (kind: DayKindWritten) => {
    for (const date of pending) {
      if (kind === 'workday' && !isWeekend(date.iso)) {
        fail(
          'workday-not-weekend',
          date.text,
          `"${date.text}": ${date.iso} is a ${WEEKDAY_NAMES[isoWeekday(date.iso)]}; only a Saturday or Sunday can be a swapped working day`,
        );
      } else {
        read.push({ date, kind });
      }
    }
    const settled = pending;
    pending = [];
    return settled;
  };

  const unsettled = (where: string) => {
    if (pending.length === 0) return;
    const text = [...new Set(pending.map((date) => date.text))].join('、');
    fail('no-kind', text, `"${text}" ${where} is not followed by 休/放假 (days off) or 上班 (working days)`);
    pending = [];
  };

  const closeRange = () => {
    if (openRange === null) return;
    const text = (openRange.start === 'failed' ? '' : openRange.start.text) + openRange.mark;
    fail('unreadable', text, `"${text}": a range needs a date after ${openRange.mark}`);
    openRange = null;
  };

  for (const token of tokenizeScheduleDates(body)) {
    if (token.type !== 'date') closeRange();
    switch (token.type) {
      case 'date': {
        const date = resolve(token);
        if (openRange) {
          const { start, mark } = openRange;
          if (start !== 'failed' && date) pending.push(...expandRange(start, date, mark));
          openRange = null;
          lastDate = null;
        } else {
          if (date) pending.push(date);
          lastDate = date ?? 'failed';
        }
        continue;
      }
      case 'range':
        if (lastDate === null) {
          fail('unreadable', token.text, `"${token.text}": a range needs a date before it`);
        } else {
          // The start goes back into the range, which is added whole when its end is read.
          if (lastDate !== 'failed') pending.pop();
          openRange = { start: lastDate, mark: token.text };
        }
        break;
      case 'off':
        lastDaysOff = settle('holiday');
        break;
      case 'work':
        settle('workday');
        break;
      case 'count': {
        const daysOff = lastDaysOff === null ? 0 : new Set(lastDaysOff.map((date) => date.iso)).size;
        if (lastDaysOff === null || daysOff === 0) {
          fail('unreadable', token.text, `"${token.text}" follows no days off`);
        } else if (errors.length === errorsBefore && daysOff !== token.days) {
          // Only checked on an otherwise clean line: a date already rejected would make it mismatch too.
          fail('day-count-mismatch', token.text, `"${token.text}" but ${daysOff} days off are given before it`);
        }
        lastDaysOff = null;
        break;
      }
      case 'stop':
        unsettled(`before "${token.text}"`);
        break;
      case 'unknown':
        fail('unreadable', token.text, `cannot read "${token.text}"`);
        break;
    }
    lastDate = null;
  }
  closeRange();
  unsettled('at the end of the line');
  return read;
}

function checkYearArgument(year: number): void {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`not a four-digit year: ${year}`);
}

/**
 * Reads `text`, the official schedule of `year`, into an override of that year, or says
 * what is wrong on which line. Dates without a year are in `year`.
 */
export function parseOfficialSchedule(text: string, year: number): ParsedSchedule {
  checkYearArgument(year);
  if (text.trim() === '') {
    return { ok: false, errors: [{ line: null, code: 'empty-input', text: '', message: 'the text is empty' }] };
  }

  const errors: ScheduleError[] = [];
  const skippedLines: number[] = [];
  const claims = new Map<IsoDate, Claim>();
  let scheduleLines = 0;

  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = index + 1;
    const shape = shapeOf(normalizeLine(raw));
    if (shape.shape === 'blank') return;
    if (shape.shape === 'skipped') return void skippedLines.push(line);
    scheduleLines++;
    if (shape.shape === 'error') return void errors.push({ line, ...shape.error });

    for (const { date, kind } of readDates(shape.body, line, year, errors)) {
      const earlier = claims.get(date.iso);
      if (earlier === undefined) {
        claims.set(date.iso, { kind, line, name: shape.name });
      } else if (earlier.line !== line || earlier.kind !== kind) {
        const said = (k: DayKindWritten) => (k === 'holiday' ? 'a day off' : 'a working day');
        const clash =
          earlier.kind === kind
            ? `is already ${said(kind)} on line ${earlier.line}`
            : `is ${said(kind)} here but ${said(earlier.kind)} on line ${earlier.line}`;
        errors.push({ line, code: 'conflict', text: date.text, message: `"${date.text}": ${date.iso} ${clash}` });
      }
      // The same date twice on one line with one meaning (10月1日、10月1日 休) is harmless.
    }
  });

  if (scheduleLines === 0) {
    errors.push({
      line: null,
      code: 'empty-input',
      text: '',
      message: 'no line gives a holiday period (e.g. 春节: 2月15日-2月23日 休; 2月14日、2月28日 上班)',
    });
  }
  if (errors.length > 0) return { ok: false, errors };

  const entries = (kind: DayKindWritten): NamedDate[] =>
    [...claims]
      .filter(([, claim]) => claim.kind === kind)
      .map(([date, claim]) => ({ date, name: claim.name }))
      .sort((a, b) => (a.date < b.date ? -1 : 1));
  return { ok: true, override: { year, holidays: entries('holiday'), workdays: entries('workday') }, skippedLines };
}
