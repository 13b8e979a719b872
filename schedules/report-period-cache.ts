/**
 * reportPeriod (schedules/periods.ts), remembered between calls for dated rules. Working out the
 * period open now builds Shanghai DateTimes (luxon) for every requirement on every /report list:
 * about a third of the list's cost, with 500 liaisons asking at once (issue 17). The answer
 * changes only when a due moment passes, so it is kept with the span of instants it holds for.
 *
 * Why the span is exact: for a repeating rule the period open at `t` is the first due moment at
 * or after `t` (within the plan's days). If that is D for `t`, it is D for every instant from `t`
 * to D: none falls due in between. When no due moment is left (the plan's last period, already
 * due, or none), none is left later either. A once-rule's period does not depend on the instant.
 * So an answer worked out at `t` is kept for [t, D], or for every instant after `t` when it is
 * already due or absent; an instant outside that is worked out anew.
 */
import { reportPeriod } from './periods';

type ReportPeriod = ReturnType<typeof reportPeriod>;

interface Kept {
  /** The instants (epoch ms) the answer holds for, both included. */
  fromMs: number;
  toMs: number;
  period: ReportPeriod;
}

/** A plan has a few hundred requirements with a few dozen distinct rules: far fewer entries than this. */
const MAX_KEPT = 2000;
const kept = new Map<string, Kept>();

/** reportPeriod's answer for `at`, the same, from what is kept when it holds for `at`. */
export function cachedReportPeriod(...args: Parameters<typeof reportPeriod>): ReportPeriod {
  const [rule, at, facts] = args;
  // Undated: one constant answer; event-relative: the answer depends on the events and reports.
  if (rule === null || rule.kind === 'relative') return reportPeriod(...args);
  const atMs = at.toMillis();
  const key = `${JSON.stringify(rule)}|${facts.year}|${facts.endsOn ?? ''}|${facts.monthlyReportDay}`;
  const found = kept.get(key);
  if (found && found.fromMs <= atMs && atMs <= found.toMs) return copy(found.period);
  const period = reportPeriod(...args);
  const dueMs = period?.due?.toMillis();
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(key, { fromMs: atMs, toMs: dueMs !== undefined && dueMs >= atMs ? dueMs : Infinity, period });
  return copy(period);
}

/** A fresh object for each caller (the DateTime is immutable and shared). */
function copy(period: ReportPeriod): ReportPeriod {
  return period ? { key: period.key, due: period.due } : period;
}
