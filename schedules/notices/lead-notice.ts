/**
 * A unit's lead, once per unit and due day: its liaison let items go overdue (overdue-lead, the
 * items listed), or the unit has no liaison to remind (no-liaison). Said only while something
 * due that day is still unreported.
 *
 * A lead of many units (a plan's lead: a province's 10,000) gets one message per kind and due
 * day naming the units, not a message per unit: the rows of one lead, kind and day are one
 * group, as many as the dispatcher reads at once (its page). The message names the first
 * LEAD_UNITS_LISTED units that still owe something and counts the rest as planned: checking
 * 10,000 units' reports while sending would hold the dispatcher for seconds, and the notice goes
 * out minutes after it was planned.
 */
import { DateTime } from 'luxon';
import type { DB } from '../../db';
import { unitName } from '../../db/unit-names';
import { circled, escapeHtml, formatDay, truncate } from '../../core/format';
import { PLAN_ZONE } from '../../core/zone';
import { periodsFrom } from '../periods';
import { requirementsOfUnit, reportsOfUnit } from '../unit-requirements';
import { ITEMS_PER_MESSAGE, TITLE_IN_REMINDER } from './liaison-reminder';
import type { Notice, OutboxRow, RenderContext, RenderedMessage } from './notice';

type LeadKind = 'overdue-lead' | 'no-liaison';
type Unreported = ReturnType<typeof unreportedOfUnitDueOn>;

/** Units one lead notice names; the rest are counted. */
export const LEAD_UNITS_LISTED = 30;
/** Items named under each unit when a notice names several units. */
const ITEMS_PER_UNIT = 5;

export const leadNotice: Notice<LeadKind> = {
  grouping: 'by-chat-and-day',
  rowsPerMessage: Infinity,
  render: renderLeadNotice,
};

function renderLeadNotice({ db, t, locale, now }: RenderContext, rows: OutboxRow<LeadKind>[]): RenderedMessage | null {
  const first = rows[0]!;
  const day = formatDay(DateTime.fromJSDate(first.dueAt ?? now, { zone: PLAN_ZONE }), locale);
  // The units named: the first LEAD_UNITS_LISTED that still owe something that day.
  const named: { unit: string; missing: Unreported }[] = [];
  let looked = 0;
  for (const row of rows) {
    if (named.length === LEAD_UNITS_LISTED) break;
    looked++;
    const missing = unreportedOfUnitDueOn(db, row.unitId!, row.dueAt!);
    if (missing.length > 0) named.push({ unit: unitName(db, row.unitId!) ?? '', missing });
  }
  const rest = rows.length - looked;
  if (named.length === 0) return null;
  const itemLines = (missing: Unreported, listed: number) => [
    ...missing
      .slice(0, listed)
      .map((item) => `• ${escapeHtml(item.taskNumber)}${circled(item.index)} ${escapeHtml(truncate(item.taskTitle, TITLE_IN_REMINDER))}`),
    ...(missing.length > listed ? [t('reminder-more', { count: missing.length - listed })] : []),
  ];
  if (named.length === 1 && rest === 0) {
    const { unit, missing } = named[0]!;
    const key = first.kind === 'no-liaison' ? 'reminder-no-liaison' : 'reminder-overdue-lead';
    const lines = [t(key, { unit: escapeHtml(unit), count: missing.length, day })];
    if (first.kind === 'overdue-lead') lines.push(...itemLines(missing, ITEMS_PER_MESSAGE));
    return { text: lines.join('\n'), keyboard: null };
  }
  const lines = [
    t(first.kind === 'no-liaison' ? 'reminder-no-liaison-units' : 'reminder-overdue-lead-units', { count: named.length + rest, day }),
  ];
  for (const { unit, missing } of named) {
    const heading = t('reminder-lead-unit', { unit: escapeHtml(unit), count: missing.length });
    // Overdue: each unit's items, as a unit's own notice lists them (fewer); no liaison: the unit and its count.
    if (first.kind === 'overdue-lead') lines.push('', heading, ...itemLines(missing, ITEMS_PER_UNIT));
    else lines.push(`• ${heading}`);
  }
  if (rest > 0) lines.push(...(first.kind === 'overdue-lead' ? [''] : []), t('reminder-lead-units-more', { count: rest }));
  return { text: lines.join('\n'), keyboard: null };
}

/** The unit's requirements falling due on `dueAt`'s day (Shanghai) that it has not reported. */
export function unreportedOfUnitDueOn(db: DB, unitId: number, dueAt: Date) {
  const due = DateTime.fromJSDate(dueAt, { zone: PLAN_ZONE });
  const all = requirementsOfUnit(db, unitId);
  const reported = reportsOfUnit(
    db,
    unitId,
    all.map((r) => r.requirementId),
  );
  return all.filter((r) => {
    if (!r.rule) return false;
    // Due that day, at any time: the lead's notice is one per unit and due day (每周五下班前 is due
    // at 18:00, 每月10日前 at 23:59:59; on a Friday the 10th both are in it).
    const [period] = periodsFrom(r.rule, due.startOf('day'), 1, r.facts);
    return (
      period !== undefined &&
      period.due.setZone(PLAN_ZONE).toISODate() === due.toISODate() &&
      !reported.has(`${r.requirementId}|${period.key}`)
    );
  });
}
