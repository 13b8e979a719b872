/**
 * The circular's and /yearly's texts at province scale (digests/circular-text.ts,
 * digests/summary-text.ts): a list over the limit names its worst entries and counts the rest;
 * under it, every entry as before. And the spreadsheets behind the 完整名单/完整统计 buttons
 * hold every entry.
 */
import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import ExcelJS from 'exceljs';
import { createI18n } from '../../bot/i18n';
import { PLAN_ZONE } from '../../core/zone';
import { CIRCULAR_ITEMS_LISTED, CIRCULAR_UNITS_LISTED, circularIsCut, circularKeyboard, renderCircular } from '../../digests/circular-text';
import { circularSheets, circularWorkbook } from '../../digests/circular-workbook';
import type { CircularContent } from '../../digests/circular-content';
import { YEARLY_UNITS_LISTED, renderYearRecords, worstYearRecords } from '../../digests/summary-text';
import type { PlanYearRecord, YearRecord } from '../../digests/summary';
import { yearlySheet } from '../../digests/yearly-workbook';

const i18n = createI18n();
const lines = (text: string) => text.split('\n');
const unit = (i: number) => `第${String(i).padStart(3, '0')}处`;
const items = (n: number) => Array.from({ length: n }, (_, i) => `${i + 1}①`);

/** `count` units missing items, unit i owing (i * 7) % 13 + 1 items: the worst are spread through the list. */
function provinceContent(count: number): CircularContent {
  return {
    planTitle: '省<信用>任务表',
    month: '2026-11',
    onTime: Array.from({ length: count }, (_, i) => unit(1000 + i)),
    partlyOnTime: [],
    late: [],
    missing: Array.from({ length: count }, (_, i) => ({ unit: unit(i), items: items(((i * 7) % 13) + 1) })),
    quotasBehind: Array.from({ length: count }, (_, i) => ({
      unit: unit(i),
      item: '2①',
      target: 10,
      label: '例',
      expected: 8,
      actual: i % 9,
    })),
    ratiosBelow: Array.from({ length: count }, (_, i) => ({ unit: unit(i), item: '3①', target: 100, latest: i % 4 === 0 ? null : 50 + i })),
  };
}

describe('the circular at province scale', () => {
  it('names the worst CIRCULAR_UNITS_LISTED of each list, worst first, the first items of each, and counts the rest', () => {
    const content = provinceContent(CIRCULAR_UNITS_LISTED + 30);
    expect(circularIsCut(content)).toBe(true);
    const text = lines(renderCircular(i18n, 'zh-CN', content, false));
    expect(text[0]).toBe('📢 <b>省&lt;信用&gt;任务表</b> 2026年11月报送情况通报');

    const onTime = text.find((l) => l.startsWith('✅'))!;
    expect(onTime).toBe(
      `✅ 按时报送（80）：${content.onTime.slice(0, CIRCULAR_UNITS_LISTED).join('、')} 等，另有 30 个单位见“📎 完整名单”`,
    );

    const missingAt = text.indexOf('❌ 未报送（80）：');
    const missing = text.slice(missingAt + 1, missingAt + 1 + CIRCULAR_UNITS_LISTED);
    const expected = [...content.missing]
      .map((m, order) => ({ m, order }))
      .sort((a, b) => b.m.items.length - a.m.items.length || a.order - b.order)
      .slice(0, CIRCULAR_UNITS_LISTED)
      .map(({ m }) =>
        m.items.length > CIRCULAR_ITEMS_LISTED
          ? `• ${m.unit}：${m.items.slice(0, CIRCULAR_ITEMS_LISTED).join('、')} 等共 ${m.items.length} 项`
          : `• ${m.unit}：${m.items.join('、')}`,
      );
    expect(missing).toEqual(expected);
    expect(missing[0]).toMatch(/等共 13 项$/);
    expect(text[missingAt + 1 + CIRCULAR_UNITS_LISTED]).toBe('…另有 30 个单位，见“📎 完整名单”');

    // Quotas furthest behind first (actual 0 of 8 expected), ratios never reported first.
    const quotas = text.filter((l) => l.includes('2①：目标'));
    expect(quotas).toHaveLength(CIRCULAR_UNITS_LISTED);
    expect(quotas.slice(0, 9).every((l) => l.endsWith('实际 0'))).toBe(true);
    const ratios = text.filter((l) => l.includes('3①：目标'));
    expect(ratios.slice(0, 20).every((l) => l.endsWith('全年未报送比例'))).toBe(true);
    expect(ratios[20]).toBe('• 第001处 3①：目标 100%，最近报送 51%');
  });

  it('under the limit lists every unit and every item in the content order, with no 完整名单 button on the published circular', () => {
    const content = provinceContent(CIRCULAR_UNITS_LISTED);
    expect(circularIsCut(content)).toBe(false);
    const text = lines(renderCircular(i18n, 'zh-CN', content, false));
    const missingAt = text.indexOf(`❌ 未报送（${CIRCULAR_UNITS_LISTED}）：`);
    expect(text.slice(missingAt + 1, missingAt + 1 + CIRCULAR_UNITS_LISTED)).toEqual(
      content.missing.map((m) => `• ${m.unit}：${m.items.join('、')}`),
    );
    expect(text.some((l) => l.includes('完整名单'))).toBe(false);
    expect(circularKeyboard(i18n, 'zh-CN', 7, { draft: false, withHold: false, cut: false })).toBeNull();
    expect(circularKeyboard(i18n, 'zh-CN', 7, { draft: true, withHold: true, cut: false })!.inline_keyboard).toEqual([
      [
        { text: '📢 发布', callback_data: 'cc:p:7' },
        { text: '⏸ 暂缓', callback_data: 'cc:h:7' },
      ],
    ]);
    expect(circularKeyboard(i18n, 'en', 7, { draft: false, withHold: false, cut: true })!.inline_keyboard).toEqual([
      [{ text: '📎 Full list (Excel)', callback_data: 'cc:f:7' }],
    ]);
  });

  it('in English', () => {
    const text = lines(renderCircular(i18n, 'en', provinceContent(CIRCULAR_UNITS_LISTED + 1), true));
    expect(text).toContain('…and 1 more units: see "📎 Full list"');
    expect(text.find((l) => l.startsWith('✅'))).toMatch(/ and 1 more units: see "📎 Full list"$/);
    expect(text.find((l) => l.includes('(13 items in all)'))).toBe(
      `• 第011处: ${items(CIRCULAR_ITEMS_LISTED).join('、')} (13 items in all)`,
    );
  });

  it('its spreadsheet holds every entry of every list, as the content has it', async () => {
    const content = provinceContent(CIRCULAR_UNITS_LISTED + 30);
    const sheets = circularSheets(i18n, 'zh-CN', content, true);
    expect(sheets.map((s) => s.name)).toEqual(['按时报送', '部分按时报送', '逾期报送', '未报送', '量化目标落后', '比例目标未达到']);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await circularWorkbook(i18n, 'zh-CN', content, true)) as unknown as ArrayBuffer);
    const rows = (name: string) => {
      const found: unknown[][] = [];
      workbook.getWorksheet(name)!.eachRow((row, n) => (found[n - 1] = (row.values as unknown[]).slice(1)));
      return found;
    };
    const missing = rows('未报送');
    // The title and subtitle rows are merged across: their first cell holds the text.
    expect(missing[0]![0]).toBe('省<信用>任务表 2026年11月报送情况通报');
    expect(missing[1]![0]).toBe('共 80 条  【草稿，尚未发布】');
    expect(missing.slice(3)).toEqual(content.missing.map((m) => [m.unit, m.items.length, m.items.join('、')]));
    expect(rows('按时报送').slice(3)).toEqual(content.onTime.map((u) => [u]));
    expect(rows('量化目标落后').slice(3)).toEqual(content.quotasBehind.map((q) => [q.unit, q.item, '10例', 8, q.actual]));
    expect(rows('比例目标未达到').slice(3)).toEqual(content.ratiosBelow!.map((r) => [r.unit, r.item, 100, r.latest ?? '全年未报送']));
  });
});

describe('/yearly at province scale', () => {
  const at = DateTime.fromISO('2026-12-07T09:00', { zone: PLAN_ZONE });
  const record = (i: number, late: number, missing: number): YearRecord => ({ unit: unit(i), onTime: 12 - late - missing, late, missing });
  const plan = (units: YearRecord[]): PlanYearRecord => ({ planId: 1, title: '市任务表', year: 2026, units });

  it('orders the worst by late and missing together, missing first on a tie, then as recorded', () => {
    const records = [record(0, 1, 1), record(1, 2, 0), record(2, 0, 2), record(3, 0, 0), record(4, 3, 3)];
    expect(worstYearRecords(records).map((r) => r.unit)).toEqual([unit(4), unit(2), unit(0), unit(1), unit(3)]);
  });

  it('a plan over YEARLY_UNITS_LISTED units: its totals, its worst units and the count of the rest; a smaller plan every unit in order', () => {
    const many = Array.from({ length: YEARLY_UNITS_LISTED + 25 }, (_, i) => record(i, i % 3, i % 5));
    const few = [record(900, 0, 1), record(901, 1, 0)];
    const text = lines(renderYearRecords(i18n, 'zh-CN', at, [plan(many), { ...plan(few), planId: 2, title: '区任务表' }]));
    const sum = (f: 'onTime' | 'late' | 'missing') => many.reduce((n, r) => n + r[f], 0);
    expect(text).toContain(`共 75 个单位：按时 ${sum('onTime')} 期，逾期 ${sum('late')} 期，未报 ${sum('missing')} 期`);
    const worst = worstYearRecords(many).map((r) => `${r.unit}：按时 ${r.onTime} 期，逾期 ${r.late} 期，未报 ${r.missing} 期`);
    const from = text.indexOf(`逾期和未报最多的 ${YEARLY_UNITS_LISTED} 个单位：`) + 1;
    expect(text.slice(from, from + YEARLY_UNITS_LISTED)).toEqual(worst);
    expect(text[from + YEARLY_UNITS_LISTED]).toBe('…另有 25 个单位，见“📎 完整统计”');
    expect(text.slice(-2)).toEqual(['第900处：按时 11 期，逾期 0 期，未报 1 期', '第901处：按时 11 期，逾期 1 期，未报 0 期']);
    // Its spreadsheet: every unit of both plans.
    const sheet = yearlySheet(i18n, 'zh-CN', at, [plan(many), { ...plan(few), planId: 2, title: '区任务表' }]);
    expect(sheet.rows).toHaveLength(77);
    expect(sheet.rows.at(-1)).toEqual(['2026 区任务表', '第901处', 11, 1, 0]);
  });
});
