/**
 * Every word the ledger writes that is not the plan's own text, in Chinese and English.
 * The plan's titles, requirements, deadline texts and unit names are never translated.
 */
import type { LedgerLocale } from './options';
import { parsePeriodKey } from '../../core/period-key';
import type { ReportStatus } from '../../core/report-status';

export type { ReportStatus };

export interface LedgerLabels {
  ledgerSheet: string;
  reportsSheet: string;
  ledgerTitle(planTitle: string): string;
  reportsTitle(planTitle: string): string;
  /** 序号 · 工作任务 · 任务要求 · 完成时限 · 责任单位 · 牵头/配合 */
  ledgerHeaders: readonly string[];
  /** 单位 · 任务 · 要求 · 期次 · 状态 · 备注 · 数量 · 报送时间 · 是否逾期 · 佐证数 · 报送人 */
  reportsHeaders: readonly string[];
  monthHeader(year: number, month: number): string;
  /** A report's period as people say it (2026年3月, 2026年第1季度, 一次性任务), never the stored key. */
  period(key: string): string;
  role: Record<'lead' | 'cooperating', string>;
  status: Record<ReportStatus, string>;
  /** The first line of a late report's cell: it counts as not done (逾期报送视为工作未完成). */
  late: string;
  missing: string;
  notDue: string;
  /** A period due before the unit was assigned the requirement: never asked of it. */
  beforeAssignment: string;
  /** Appended to a requirement a re-import removed, on the reports sheet. */
  removed: string;
  count(count: number, unitLabel: string | null): string;
  evidence(count: number): string;
  due(date: string): string;
  yes: string;
  no: string;
  /** The line under the title: as of when, which month, and what the colours mean. */
  subtitle(asOf: string, period: string | undefined): string;
  reportsSubtitle(asOf: string, period: string | undefined): string;
  /** Excel header/footer codes: &P page, &N pages, &A sheet name. */
  footer: string;
}

/** The words for each shape of period key (schedules/periods.ts periodKey); an unknown key as it is. */
function periodWords(
  key: string,
  words: {
    month(y: number, m: number): string;
    quarter(y: number, q: number): string;
    week(y: number, w: number): string;
    once: string;
    event(id: number): string;
  },
): string {
  const period = parsePeriodKey(key);
  switch (period?.kind) {
    case 'month':
      return words.month(period.year, period.month);
    case 'quarter':
      return words.quarter(period.year, period.quarter);
    case 'week':
      return words.week(period.weekYear, period.week);
    case 'once':
      return words.once;
    case 'event':
      return words.event(period.eventId);
    default:
      return key;
  }
}

const zh: LedgerLabels = {
  ledgerSheet: '任务台账',
  reportsSheet: '报送记录',
  ledgerTitle: (plan) => `${plan}　工作台账`,
  reportsTitle: (plan) => `${plan}　报送记录`,
  ledgerHeaders: ['序号', '工作任务', '任务要求', '完成时限', '责任单位', '牵头/配合'],
  reportsHeaders: ['单位', '任务', '要求', '期次', '状态', '备注', '数量', '报送时间', '是否逾期', '佐证数', '报送人'],
  monthHeader: (year, month) => `${year}年${month}月`,
  period: (key) =>
    periodWords(key, {
      month: (y, m) => `${y}年${m}月`,
      quarter: (y, q) => `${y}年第${q}季度`,
      week: (y, w) => `${y}年第${w}周`,
      once: '一次性任务',
      event: (id) => `事项 ${id}`,
    }),
  role: { lead: '牵头', cooperating: '配合' },
  status: { done: '已完成', in_progress: '进行中', blocked: '遇到困难', nothing: '本期无进展' },
  late: '逾期报送（视为未完成）',
  missing: '未报送',
  notDue: '未到期',
  beforeAssignment: '任务下达前',
  removed: '（已移出计划）',
  count: (count, unit) => `数量: ${count}${unit && unit !== '%' ? ` ${unit}` : (unit ?? '')}`,
  evidence: (count) => `佐证 ${count} 份`,
  due: (date) => `截止 ${date}`,
  yes: '是',
  no: '否',
  subtitle: (asOf, period) =>
    `截至 ${asOf}（北京时间）${period ? `　期次 ${period}` : ''}　图例：绿色 按时报送；黄色 逾期报送（视为未完成）；红色 未报送；灰色 未到期`,
  reportsSubtitle: (asOf, period) => `截至 ${asOf}（北京时间）${period ? `　期次 ${period}` : ''}`,
  footer: '&L&A&C第 &P 页，共 &N 页',
};

const en: LedgerLabels = {
  ledgerSheet: 'Ledger',
  reportsSheet: 'Reports',
  ledgerTitle: (plan) => `${plan} — ledger`,
  reportsTitle: (plan) => `${plan} — reports`,
  ledgerHeaders: ['No.', 'Task', 'Requirement', 'Deadline', 'Unit', 'Role'],
  reportsHeaders: ['Unit', 'Task', 'Requirement', 'Period', 'Status', 'Note', 'Count', 'Reported at', 'Late', 'Evidence', 'Reported by'],
  monthHeader: (year, month) => `${year}-${String(month).padStart(2, '0')}`,
  period: (key) =>
    periodWords(key, {
      month: (y, m) => `${y}-${String(m).padStart(2, '0')}`,
      quarter: (y, q) => `${y} Q${q}`,
      week: (y, w) => `${y} week ${w}`,
      once: 'One-off',
      event: (id) => `Matter ${id}`,
    }),
  role: { lead: 'Lead', cooperating: 'Cooperating' },
  status: { done: 'Done', in_progress: 'In progress', blocked: 'Blocked', nothing: 'No progress this period' },
  late: 'Reported late (counts as not done)',
  missing: 'Not reported',
  notDue: 'Not yet due',
  beforeAssignment: 'Before assignment',
  removed: ' (removed from the plan)',
  count: (count, unit) => `Count: ${count}${unit && unit !== '%' ? ` ${unit}` : (unit ?? '')}`,
  evidence: (count) => `Evidence: ${count}`,
  due: (date) => `Due ${date}`,
  yes: 'yes',
  no: 'no',
  subtitle: (asOf, period) =>
    `As of ${asOf} (Beijing time)${period ? `, period ${period}` : ''}. Green: on time; amber: late (counts as not done); red: not reported; grey: not yet due`,
  reportsSubtitle: (asOf, period) => `As of ${asOf} (Beijing time)${period ? `, period ${period}` : ''}`,
  footer: '&L&A&CPage &P of &N',
};

export function ledgerLabels(locale: LedgerLocale): LedgerLabels {
  return locale === 'en' ? en : zh;
}
