import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { PLAN_ZONE } from '../../../plans/due-dates';
import { cellText, displayWidth, fitColumnWidth, wrappedLines } from '../../../digests/ledger/cell-text';
import { checkPeriod, LedgerOptionsError } from '../../../digests/ledger/options';
import { displayedMonths, monthOfPeriodKey, scheduledPeriods } from '../../../digests/ledger/period-months';
import { formatPlanDay, formatPlanMinute } from '../../../digests/ledger/plan-clock';
import { blockRowHeights, MAX_ROW_HEIGHT } from '../../../digests/ledger/row-heights';
import { sheetName } from '../../../digests/ledger/sheet-names';

const facts = { year: 2026, monthlyReportDay: 10 };
const noEvent = () => null;

describe('which month a period belongs to', () => {
  it('monthly keys name their month; quarters their last month; weeks the month of their due weekday', () => {
    expect(monthOfPeriodKey('2026-03', { kind: 'ongoing' }, facts, noEvent)).toBe('2026-03');
    expect(monthOfPeriodKey('2026-Q1', { kind: 'quarterly', day: 'last' }, facts, noEvent)).toBe('2026-03');
    expect(monthOfPeriodKey('2026-Q4', { kind: 'quarterly', day: 15 }, facts, noEvent)).toBe('2026-12');
    // ISO week 2026-W05 runs Monday 26 January to Sunday 1 February.
    expect(monthOfPeriodKey('2026-W05', { kind: 'weekly', weekday: 5, endOfWorkday: true }, facts, noEvent)).toBe('2026-01');
    expect(monthOfPeriodKey('2026-W05', { kind: 'weekly', weekday: 7, endOfWorkday: false }, facts, noEvent)).toBe('2026-02');
    // 2026 has 53 ISO weeks; 2027 has 52.
    expect(monthOfPeriodKey('2026-W53', { kind: 'weekly', weekday: 5, endOfWorkday: true }, facts, noEvent)).toBe('2027-01');
    expect(monthOfPeriodKey('2027-W53', { kind: 'weekly', weekday: 5, endOfWorkday: true }, facts, noEvent)).toBeNull();
  });

  it("once is the month of the rule's due day, in the plan's year when the rule has none; events their due day", () => {
    expect(monthOfPeriodKey('once', { kind: 'once', year: null, month: 6, day: 30 }, facts, noEvent)).toBe('2026-06');
    expect(monthOfPeriodKey('once', { kind: 'once', year: 2027, month: 3, day: 'last' }, facts, noEvent)).toBe('2027-03');
    expect(monthOfPeriodKey('once', { kind: 'monthly', day: 10, months: null }, facts, noEvent)).toBeNull();
    const due = DateTime.fromISO('2026-05-06T23:59:59', { zone: PLAN_ZONE });
    expect(monthOfPeriodKey('event-12', { kind: 'relative', days: 7, workingDays: true }, facts, (id) => (id === 12 ? due : null))).toBe(
      '2026-05',
    );
    expect(monthOfPeriodKey('event-13', { kind: 'relative', days: 7, workingDays: true }, facts, noEvent)).toBeNull();
    expect(monthOfPeriodKey('2026-13', null, facts, noEvent)).toBeNull();
  });

  it('the shown months run from January of the plan year to now, or are the one month asked for', () => {
    expect(displayedMonths(2026, new Date('2026-02-28T16:30:00Z'), undefined)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(displayedMonths(2026, new Date('2025-12-31T15:00:00Z'), undefined)).toEqual([]);
    expect(displayedMonths(2025, new Date('2026-03-01T00:00:00Z'), undefined)).toHaveLength(12);
    expect(displayedMonths(2026, new Date('2026-03-01T00:00:00Z'), '2026-07')).toEqual(['2026-07']);
  });

  it("schedules a rule's periods over the shown months: five Fridays in January, one quarter end, nothing for event rules", () => {
    const months = ['2026-01', '2026-02', '2026-03'];
    const keys = (rule: Parameters<typeof scheduledPeriods>[0]) => scheduledPeriods(rule, facts, months).map((p) => `${p.key}@${p.month}`);
    expect(keys({ kind: 'weekly', weekday: 5, endOfWorkday: true }).slice(0, 6)).toEqual([
      '2026-W01@2026-01',
      '2026-W02@2026-01',
      '2026-W03@2026-01',
      '2026-W04@2026-01',
      '2026-W05@2026-01',
      '2026-W06@2026-02',
    ]);
    expect(keys({ kind: 'weekly', weekday: 5, endOfWorkday: true })).toHaveLength(13);
    expect(keys({ kind: 'quarterly', day: 'last' })).toEqual(['2026-Q1@2026-03']);
    expect(keys({ kind: 'once', year: null, month: 2, day: 'last' })).toEqual(['once@2026-02']);
    expect(keys({ kind: 'once', year: null, month: 6, day: 30 })).toEqual([]);
    expect(keys({ kind: 'relative', days: 7, workingDays: true })).toEqual([]);
    expect(keys(null)).toEqual([]);
  });
});

describe('cell text', () => {
  it('counts Chinese characters, circled numbers and full-width punctuation double', () => {
    expect(displayWidth('政策法规处')).toBe(10);
    expect(displayWidth('①ab，')).toBe(6);
    expect(fitColumnWidth(['短', '新建商品房登记处'], 8, 18)).toBe(18);
    expect(fitColumnWidth(['a'], 8, 18)).toBe(8);
    expect(wrappedLines('已完成\n一二三四五六七八九十', 10)).toBe(1 + 3);
  });

  it('keeps user text as it is, formulas included, removing only what would corrupt the file', () => {
    expect(cellText('=SUM(A1)')).toBe('=SUM(A1)');
    expect(cellText('+1-2@x')).toBe('+1-2@x');
    expect(cellText('a\u0000b\u0007c\r\nd\te')).toBe('abc\nd\te');
    expect(cellText('半个\uD800字 😀')).toBe('半个字 😀');
    expect(cellText('x'.repeat(40_000))).toHaveLength(32_767);
  });

  it('writes instants on the Shanghai clock whatever the process zone', () => {
    expect(formatPlanMinute(new Date('2026-03-09T02:12:00Z'))).toBe('2026-03-09 10:12');
    expect(formatPlanDay(new Date('2026-03-31T16:00:00Z'))).toBe('2026-04-01');
    expect(formatPlanMinute(new Date('2025-12-31T15:59:00Z'))).toBe('2025-12-31 23:59');
  });
});

describe('layout helpers', () => {
  it("gives a merged cell's missing height to its rows evenly, and never exceeds Excel's tallest row", () => {
    expect(blockRowHeights([1, 1], [])).toEqual([15, 15]);
    expect(blockRowHeights([1, 1], [{ from: 0, to: 1, lines: 4 }])).toEqual([27.75, 27.75]);
    expect(blockRowHeights([200], [])).toEqual([MAX_ROW_HEIGHT]);
  });

  it('names sheets as Excel allows: 31 characters, no \\ / ? * [ ] :, unique', () => {
    const taken = new Set<string>();
    expect(sheetName('任务台账', null, taken)).toBe('任务台账');
    expect(sheetName('任务台账', null, taken)).toBe('任务台账 (2)');
    expect(sheetName('Ledger', 'a/b:c*[d]?', taken)).toBe('Ledger a b c d');
    const long = sheetName('报送记录', '福州市不动产登记和交易中心2026年社会信用体系建设任务分解表', taken);
    expect(Array.from(long)).toHaveLength(31);
    expect(sheetName("'quoted'", null, taken)).toBe('quoted');
  });

  it('rejects a period that is not a real month', () => {
    expect(() => checkPeriod('2026-02')).not.toThrow();
    expect(() => checkPeriod('2026-2')).toThrow(LedgerOptionsError);
    expect(() => checkPeriod('2026-13')).toThrow('period: expected a month written YYYY-MM (such as 2026-03), got "2026-13"');
  });
});
