/**
 * A unit's lead, once per unit and due day: its liaison let items go overdue (overdue-lead, the
 * items listed), or the unit has no liaison to remind (no-liaison). Said only while something
 * due that day is still unreported.
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

export const leadNotice: Notice<LeadKind> = {
  grouping: 'alone',
  render: renderLeadNotice,
};

function renderLeadNotice({ db, t, locale, now }: RenderContext, [row]: OutboxRow<LeadKind>[]): RenderedMessage | null {
  const first = row!;
  const missing = unreportedOfUnitDueOn(db, first.unitId!, first.dueAt!);
  if (missing.length === 0) return null;
  const day = formatDay(DateTime.fromJSDate(first.dueAt ?? now, { zone: PLAN_ZONE }), locale);
  const key = first.kind === 'no-liaison' ? 'reminder-no-liaison' : 'reminder-overdue-lead';
  const lines = [t(key, { unit: escapeHtml(unitName(db, first.unitId!) ?? ''), count: missing.length, day })];
  if (first.kind === 'overdue-lead') {
    for (const item of missing.slice(0, ITEMS_PER_MESSAGE))
      lines.push(`• ${escapeHtml(item.taskNumber)}${circled(item.index)} ${escapeHtml(truncate(item.taskTitle, TITLE_IN_REMINDER))}`);
    if (missing.length > ITEMS_PER_MESSAGE) lines.push(t('reminder-more', { count: missing.length - ITEMS_PER_MESSAGE }));
  }
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
