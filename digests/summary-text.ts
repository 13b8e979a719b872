/**
 * The summary as a Telegram message (HTML), in the reader's language. Long lists are cut with
 * "…and N more" to keep a summary a summary; whatever still exceeds Telegram's 4,096 characters
 * (long unit names, a lead of many units) is sent in parts (schedules/long-message.ts).
 * /overdue, which is the list itself, lists many more of its items.
 * A summary over several plans has a part per plan under its heading (title and year); one
 * plan's needs no heading, the scope line names it.
 */
import type { Translator } from '../core/translate';
import { escapeHtml, formatDate, formatDay, truncate } from '../core/format';
import type { DateTime } from 'luxon';
import type { PlanHeading, PlanSummary, PlanYearRecord, Summary, YearRecord } from './summary';
import { titleNamesYear } from '../schedules/scope';

/** Units listed one by one; beyond this only the ones with something late or missing are. */
const UNITS_LISTED = 20;
const ITEMS_LISTED = 12;
/** Overdue items /overdue lists (in a few messages); beyond, "…and N more". */
export const OVERDUE_LISTED = 200;
/** The scope in the heading: a lead of a hundred units has the start of their list. */
const SCOPE_CHARS = 200;
/** A plan's title in its heading: the start of a long one. */
const PLAN_TITLE_CHARS = 60;
/** The proof a plan names, in a line of the summary: the start of a long 考核要求 (/score and /report word it in full). */
const EVIDENCE_CHARS = 30;

export function renderSummary(
  i18n: Translator,
  locale: string,
  summary: Summary,
  scope: string,
  sections: { overdueOnly?: boolean } = {},
): string {
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
  const lines = [
    t('summary-title', { date: formatDate(summary.at, locale) }),
    t('summary-scope', { scope: escapeHtml(truncate(scope, SCOPE_CHARS)) }),
  ];
  // Nothing in scope reads like a plan with nothing in it.
  const parts: PlanSummary[] =
    summary.plans.length > 0
      ? summary.plans
      : [{ planId: 0, title: '', year: null, units: [], overdue: [], quotasBehind: [], ratiosBelow: [], dueSoon: [], evidenceMissing: [] }];
  for (const part of parts) {
    // Several plans: each under its heading, its units and items apart from the others'.
    if (parts.length > 1) lines.push('', planHeading(i18n, locale, part));
    renderPlanPart(t, locale, lines, part, sections.overdueOnly ?? false);
  }
  return lines.join('\n');
}

/** A plan's heading in a view covering several: its title and year (once: not again after a title naming it). */
export function planHeading(i18n: Translator, locale: string, plan: PlanHeading): string {
  const title = escapeHtml(truncate(plan.title, PLAN_TITLE_CHARS));
  return titleNamesYear(plan)
    ? i18n.t(locale, 'summary-plan-heading-no-year', { title })
    : i18n.t(locale, 'summary-plan-heading', { title, year: String(plan.year) });
}

function renderPlanPart(
  t: (key: string, vars?: Record<string, string | number>) => string,
  locale: string,
  lines: string[],
  part: PlanSummary,
  overdueOnly: boolean,
): void {
  // `total`: how many there are, when `items` holds only the first of them (a summary's items due soon).
  const list = <T>(header: string, items: T[], line: (item: T) => string, listed = ITEMS_LISTED, total = items.length) => {
    if (total === 0) return;
    lines.push('', header);
    for (const item of items.slice(0, listed)) lines.push(line(item));
    if (total > listed) lines.push(t('summary-more', { count: total - listed }));
  };
  if (!overdueOnly) {
    lines.push('', t('summary-units-header'));
    const troubled = part.units.filter((u) => u.late + u.missing > 0);
    const shown = part.units.length <= UNITS_LISTED ? part.units : troubled.slice(0, UNITS_LISTED);
    for (const u of shown) lines.push(t('summary-unit', { unit: escapeHtml(u.unit), onTime: u.onTime, late: u.late, missing: u.missing }));
    const rest = part.units.length - shown.length;
    // The rest have nothing late or missing: on time, or (an assessment before its date) nothing due yet.
    const nothingDue = part.units.every((u) => shown.includes(u) || u.onTime === 0);
    if (rest > 0 && troubled.length <= UNITS_LISTED)
      lines.push(t(nothingDue ? 'summary-rest-nothing-due' : 'summary-rest-on-time', { count: rest }));
    else if (rest > 0) lines.push(t('summary-more', { count: rest }));
    if (part.points) {
      const points = (n: number) => n.toLocaleString(locale === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 1 });
      lines.push('', t('summary-points', { total: points(part.points.total), risk: points(part.points.atRisk) }));
    }
  }
  const item = (i: { unit: string; item: string; title: string }) => ({
    unit: escapeHtml(i.unit),
    item: escapeHtml(i.item),
    title: escapeHtml(truncate(i.title, 16)),
  });
  if (part.overdue.length === 0) lines.push('', t('summary-none-overdue'));
  list(
    t('summary-overdue-header', { count: part.overdue.length }),
    part.overdue,
    (o) => t('summary-overdue', { ...item(o), due: formatDay(o.due, locale), days: o.days }),
    overdueOnly ? OVERDUE_LISTED : ITEMS_LISTED,
  );
  if (!overdueOnly) {
    list(t('summary-evidence-missing-header', { count: part.evidenceMissing.length }), part.evidenceMissing, (e) =>
      e.evidence === null
        ? t('summary-evidence-missing-unnamed', item(e))
        : t('summary-evidence-missing', { ...item(e), evidence: escapeHtml(truncate(oneLine(e.evidence), EVIDENCE_CHARS)) }),
    );
    list(t('summary-quota-header', { count: part.quotasBehind.length }), part.quotasBehind, (q) =>
      t('summary-quota', {
        ...item(q),
        target: String(q.target),
        label: escapeHtml(q.label),
        expected: String(q.expected),
        actual: String(q.actual),
      }),
    );
    list(t('summary-ratio-header', { count: part.ratiosBelow.length }), part.ratiosBelow, (r) =>
      t('summary-ratio', { ...item(r), target: String(r.target), latest: String(r.latest) }),
    );
    const dueSoonCount = part.dueSoonCount ?? part.dueSoon.length;
    list(
      t('summary-due-header', { count: dueSoonCount }),
      part.dueSoon,
      (d) => t('summary-due', { ...item(d), due: formatDay(d.due, locale) }),
      ITEMS_LISTED,
      dueSoonCount,
    );
  }
}

/** A plan's text on one line: a cell of 考核要求 may hold line breaks, which would split a list's line. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * /yearly lists a plan's units one by one up to this many; beyond, the plan's totals and the
 * units with the most late and missing periods, the whole record a button away
 * (digests/yearly-workbook.ts): a province's 10,000 lines would take ninety messages.
 */
export const YEARLY_UNITS_LISTED = 50;

/** Whether some plan has more units than /yearly lists: then the whole record is a button away. */
export function yearRecordsAreCut(records: readonly PlanYearRecord[]): boolean {
  return records.some((plan) => plan.units.length > YEARLY_UNITS_LISTED);
}

/** The YEARLY_UNITS_LISTED units with the most periods late or missing (missing weighs first on a tie), ties in the record's order. */
export function worstYearRecords(units: readonly YearRecord[]): YearRecord[] {
  return units
    .map((record, order) => ({ record, order }))
    .sort(
      (a, b) =>
        b.record.late + b.record.missing - (a.record.late + a.record.missing) || b.record.missing - a.record.missing || a.order - b.order,
    )
    .slice(0, YEARLY_UNITS_LISTED)
    .map(({ record }) => record);
}

/** /yearly: the year so far, a line per unit (the worst, at province scale), under each plan's heading when there are several. */
export function renderYearRecords(i18n: Translator, locale: string, at: DateTime, records: readonly PlanYearRecord[]): string {
  const t = (key: string, vars?: Record<string, string | number>) => i18n.t(locale, key, vars);
  const lines = [t('yearly-title', { year: String(at.year), date: formatDate(at, locale) })];
  const unitLine = (r: YearRecord) => t('yearly-unit', { unit: escapeHtml(r.unit), onTime: r.onTime, late: r.late, missing: r.missing });
  for (const plan of records) {
    if (records.length > 1) lines.push('', planHeading(i18n, locale, plan));
    if (plan.units.length <= YEARLY_UNITS_LISTED) {
      lines.push(...plan.units.map(unitLine));
      continue;
    }
    const sum = (field: 'onTime' | 'late' | 'missing') => plan.units.reduce((n, r) => n + r[field], 0);
    lines.push(
      t('yearly-plan-totals', { units: plan.units.length, onTime: sum('onTime'), late: sum('late'), missing: sum('missing') }),
      t('yearly-worst', { count: YEARLY_UNITS_LISTED }),
      ...worstYearRecords(plan.units).map(unitLine),
      t('yearly-more', { count: plan.units.length - YEARLY_UNITS_LISTED }),
    );
  }
  return lines.join('\n');
}
