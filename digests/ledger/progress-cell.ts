/**
 * One progress cell of the ledger: what a unit reported on a requirement for the periods
 * of one month, as readable lines, and the colour the cell is filled with. Pure.
 *
 * The colour says whether the unit reported in time, not how the work is going:
 *   green  reported on time (whatever the status: 进行中 on time is on time)
 *   amber  reported late, which counts as not done (逾期报送视为工作未完成)
 *   red    due and not reported
 *   grey   not yet due and not reported
 *   none   due before the unit was assigned the requirement: never asked of it, as the
 *          reminder planner never chased it
 * A cell holding several periods (weeks, events) takes the worst of them.
 */
import type { DateTime } from 'luxon';
import { shorten } from './cell-text';
import type { LedgerLabels, ReportStatus } from './labels';
import { formatPlanDay, formatPlanMinute } from './plan-clock';
import { periodOutcome } from '../../core/period-outcome';

export type Tone = 'onTime' | 'late' | 'missing' | 'notDue' | 'none';

/** Worst first: a cell with several periods shows the first tone any of them has. */
const TONE_ORDER: readonly Tone[] = ['missing', 'late', 'onTime', 'notDue', 'none'];

export interface ReportFacts {
  status: ReportStatus;
  note: string | null;
  count: number | null;
  reportedAt: Date;
  late: boolean;
  evidenceCount: number;
}

/** A period of the month: due (null for a report whose period's due day is unknown) and its report, if any. */
export interface PeriodEntry {
  key: string;
  due: DateTime | null;
  report: ReportFacts | null;
}

export interface ProgressContext {
  now: Date;
  /** When the unit was assigned the requirement. */
  assignedSince: Date | null;
  /** The quota's unit (例, 次, 篇 …), shown after counts. */
  countUnit: string | null;
  labels: LedgerLabels;
}

export interface ProgressCell {
  text: string;
  tone: Tone;
}

/** Notes longer than this are cut in the matrix; the reports sheet has them whole. */
export const NOTE_LIMIT_IN_MATRIX = 120;

function describe(entry: PeriodEntry, context: ProgressContext): { lines: string[]; tone: Tone } {
  const { labels } = context;
  const report = entry.report;
  if (report) {
    const lines = report.late ? [labels.late, labels.status[report.status]] : [labels.status[report.status]];
    const note = report.note?.trim();
    if (note) lines.push(shorten(note, NOTE_LIMIT_IN_MATRIX));
    if (report.count !== null) lines.push(labels.count(report.count, context.countUnit));
    lines.push(formatPlanMinute(report.reportedAt), labels.evidence(report.evidenceCount));
    return { lines, tone: report.late ? 'late' : 'onTime' };
  }
  const due = entry.due!.toMillis();
  const dueDay = formatPlanDay(due);
  const assignedAtMs = context.assignedSince?.getTime() ?? Number.NEGATIVE_INFINITY;
  switch (periodOutcome({ dueMs: due, assignedAtMs, late: undefined }, context.now.getTime())) {
    case 'not-due':
      return { lines: [labels.notDue, labels.due(dueDay)], tone: 'notDue' };
    case 'not-asked':
      return { lines: [labels.beforeAssignment], tone: 'none' };
    default:
      return { lines: [labels.missing, labels.due(dueDay)], tone: 'missing' };
  }
}

/** The cell for the periods of one month, in order; null when the month has none. */
export function progressCell(entries: readonly PeriodEntry[], context: ProgressContext): ProgressCell | null {
  if (entries.length === 0) return null;
  const described = entries.map((entry) => ({ key: entry.key, ...describe(entry, context) }));
  const tone = TONE_ORDER.find((t) => described.some((d) => d.tone === t)) ?? 'none';
  // One period: its lines alone. Several: each under its key, so weeks and events can be told apart.
  const text =
    described.length === 1 ? described[0]!.lines.join('\n') : described.map((d) => [`【${d.key}】`, ...d.lines].join('\n')).join('\n');
  return { text, tone };
}
