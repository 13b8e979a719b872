/**
 * The monthly circular (通报): for one plan and month, which units reported everything due
 * that month on time, which reported late (counted as not done, 逾期报送视为工作未完成),
 * which left something unreported; and quotas behind pace. Drafted on the first working day
 * after the month's last due day; an admin publishes or holds it.
 */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { DB } from '../db';
import { circulars, outbox, people, planUnits, plans, roles, units } from '../db/schema';
import { PLAN_ZONE } from '../plans/due-dates';
import { periodsOver, type Stretch } from './due-periods';
import { assignmentsOfUnits, reportedPeriods, requirementsAssignedTo, requirementsIn } from './unit-requirements';
import { quotaPace } from './quota-pace';
import { periodOutcome } from '../core/period-outcome';
import { itemLabel } from '../core/item-label';
import { quotaFigures } from './quota-figures';
import type { WorkingDayCalendar } from './calendar';
import { DEFAULT_POLICY } from './policy';
import { adminsOf } from './recipients';
import { monthKey, parsePeriodKey } from '../core/period-key';
import { outboxKey } from './outbox-key';

export interface CircularContent {
  planTitle: string;
  /** YYYY-MM */
  month: string;
  /** Units that reported every item due that month on time. */
  onTime: string[];
  /**
   * Units that reported some items on time but not all (the rest late or missing), with the
   * items reported on time. Absent from circulars drafted before it existed.
   */
  partlyOnTime?: { unit: string; items: string[] }[];
  /** Units with items reported late, and those items, whatever else the unit owes. */
  late: { unit: string; items: string[] }[];
  missing: { unit: string; items: string[] }[];
  /** Counted targets (全年不少于10例) behind the year's pace. */
  quotasBehind: { unit: string; item: string; target: number; expected: number; actual: number; label: string }[];
  /** Ratio targets (公示率达到100%) whose latest reported ratio is below target, or none reported (null). Absent from older circulars. */
  ratiosBelow?: { unit: string; item: string; target: number; latest: number | null }[];
}

/** The periods due within a month (which starts at `month`). */
function monthStretch(month: DateTime): Stretch {
  const start = month.startOf('month');
  return { from: start, to: start.plus({ months: 1 }), toIncluded: false };
}

export function planUnitList(db: DB, planId: number): { id: number; name: string }[] {
  return db
    .select({ id: units.id, name: units.name })
    .from(planUnits)
    .innerJoin(units, eq(units.id, planUnits.unitId))
    .where(eq(planUnits.planId, planId))
    .orderBy(asc(units.id))
    .all();
}

/** Read for all the plan's units at once: a province plan has 1,000. */
export function buildCircular(db: DB, planId: number, month: string): CircularContent {
  const plan = db.select({ title: plans.title }).from(plans).where(eq(plans.id, planId)).get();
  const start = DateTime.fromISO(`${month}-01`, { zone: PLAN_ZONE });
  const content: CircularContent = {
    planTitle: plan?.title ?? '',
    month,
    onTime: [],
    partlyOnTime: [],
    late: [],
    missing: [],
    quotasBehind: [],
    ratiosBelow: [],
  };
  const monthEnd = start.plus({ months: 1 }).minus({ milliseconds: 1 }).toJSDate();
  const periods = periodsOver(monthStretch(start));
  const units = planUnitList(db, planId);
  const unitIds = units.map((u) => u.id);
  const byUnit = assignmentsOfUnits(db, unitIds, planId);
  const assigned = requirementsIn(byUnit);
  const reported = reportedPeriods(
    db,
    unitIds,
    new Map([...assigned.values()].map((r) => [r.requirementId, periods(r).map((p) => p.key)])),
  );
  // The plan's quotas as of the month's end, within the plan's days (schedules/quota-window.ts).
  const figures = quotaFigures(db, unitIds, [...assigned.values()], monthEnd);
  const paces = new Map<string, ReturnType<typeof quotaPace>>();
  for (const unit of units) {
    const onTime: string[] = [];
    const late: string[] = [];
    const missing: string[] = [];
    let items = 0;
    for (const { requirement: r, assignedAtMs } of byUnit.get(unit.id)!) {
      const reports = reported.get(r.requirementId);
      for (const period of periods(r)) {
        // The month's periods are past (now is "after everything"): nothing reported is missing.
        const outcome = periodOutcome(
          { dueMs: period.dueMs, assignedAtMs, late: reports?.get(period.key)?.get(unit.id) },
          Number.POSITIVE_INFINITY,
        );
        if (outcome === 'not-asked') continue;
        items++;
        const label = itemLabel(r.taskNumber, r.index);
        if (outcome === 'missing') missing.push(label);
        else if (outcome === 'late') late.push(label);
        else onTime.push(label);
      }
      if (r.quota?.kind === 'ratio') {
        const latest = figures.ratios.get(`${r.requirementId}|${unit.id}`) ?? null;
        // A ratio never reported is news only when its period ends (December for a year's, every month for a month's).
        const periodEnds = r.quota.period === 'month' || (r.quota.period === 'year' && start.month === 12);
        if ((latest === null && periodEnds) || (latest !== null && latest < r.quota.target))
          content.ratiosBelow!.push({ unit: unit.name, item: itemLabel(r.taskNumber, r.index), target: r.quota.target, latest });
      } else if (r.quota && r.quota.period === 'year') {
        const actual = figures.counted.get(r.requirementId)?.get(unit.id) ?? 0;
        const at = figures.windowOf(r.requirementId).at;
        const paceKey = `${r.quota.target}|${actual}|${at.getTime()}`;
        let pace = paces.get(paceKey);
        if (!pace) paces.set(paceKey, (pace = quotaPace(r.quota.target, 'year', actual, at)));
        if (pace.behind)
          content.quotasBehind.push({
            unit: unit.name,
            item: itemLabel(r.taskNumber, r.index),
            target: r.quota.target,
            expected: pace.expected,
            actual,
            label: r.quota.unitLabel,
          });
      }
    }
    if (items === 0) continue;
    // Each list tells the whole truth about its own kind: a unit is under 逾期报送 with every
    // item it reported late and under 未报送 with every item it left unreported, both if it did
    // both. 按时报送 names the units that reported everything on time; a unit that reported
    // only some items on time is listed apart, with those items, so that what it did on time is
    // counted and still no one reads it as having reported everything.
    if (onTime.length === items) content.onTime.push(unit.name);
    else if (onTime.length > 0) content.partlyOnTime!.push({ unit: unit.name, items: onTime });
    if (late.length > 0) content.late.push({ unit: unit.name, items: late });
    if (missing.length > 0) content.missing.push({ unit: unit.name, items: missing });
  }
  return content;
}

/** When the circular of a month is drafted: 09:00 on the first working day after its last due day. */
export function circularDraftMoment(db: DB, planId: number, month: DateTime, calendar: WorkingDayCalendar): DateTime | null {
  const periods = periodsOver(monthStretch(month));
  let last: DateTime | null = null;
  for (const r of requirementsAssignedTo(
    db,
    planUnitList(db, planId).map((u) => u.id),
    planId,
  )) {
    for (const period of periods(r)) if (!last || period.due > last) last = period.due;
  }
  if (!last) return null;
  const day = calendar.nextWorkingDay(last.toISODate()!).date;
  const [hour, minute] = DEFAULT_POLICY.workStart.split(':').map(Number) as [number, number];
  return DateTime.fromISO(day, { zone: PLAN_ZONE }).set({ hour, minute });
}

/** Drafts the circulars whose moment has come (this month's and last month's) and sends them to admins. */
export function planCirculars(db: DB, calendar: WorkingDayCalendar, now: Date, configAdmins: readonly number[]): number {
  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  let drafted = 0;
  for (const plan of db.select({ id: plans.id, createdAt: plans.createdAt }).from(plans).where(isNull(plans.archivedAt)).all()) {
    for (const month of [at.minus({ months: 1 }).startOf('month'), at.startOf('month')]) {
      const key = monthKey(month.year, month.month);
      if (
        db
          .select({ id: circulars.id })
          .from(circulars)
          .where(and(eq(circulars.planId, plan.id), eq(circulars.period, key)))
          .get()
      )
        continue;
      const moment = circularDraftMoment(db, plan.id, month, calendar);
      // Not before its time, and not for months that ended before the plan was imported.
      if (!moment || moment > at || month.plus({ months: 1 }).toJSDate() <= plan.createdAt) continue;
      db.transaction(() => {
        const circular = db
          .insert(circulars)
          .values({ planId: plan.id, period: key, content: buildCircular(db, plan.id, key), createdAt: now, updatedAt: now })
          .returning({ id: circulars.id })
          .get();
        for (const admin of adminsOf(db, configAdmins)) {
          db.insert(outbox)
            .values({
              key: outboxKey({ kind: 'circular-draft', personId: admin.personId, circularId: circular.id }),
              personId: admin.personId,
              chatId: admin.chatId,
              kind: 'circular-draft',
              period: key,
              sendAfter: now,
              payload: { circularId: circular.id },
              createdAt: now,
              updatedAt: now,
            })
            .onConflictDoNothing({ target: outbox.key })
            .run();
        }
      });
      drafted++;
    }
  }
  return drafted;
}

/** Publishing: the circular goes to every lead of the plan, once each. */
export function publishCircular(db: DB, circularId: number, personId: number | null, now: Date): boolean {
  return db.transaction(() => {
    const circular = db.select().from(circulars).where(eq(circulars.id, circularId)).get();
    if (!circular || circular.status === 'published') return false;
    db.update(circulars)
      .set({ status: 'published', publishedAt: now, publishedBy: personId, updatedAt: now })
      .where(eq(circulars.id, circularId))
      .run();
    const unitIds = planUnitList(db, circular.planId).map((u) => u.id);
    const leads = db
      .selectDistinct({ personId: people.id, chatId: people.chatId })
      .from(roles)
      .innerJoin(people, eq(people.id, roles.personId))
      .where(
        and(
          eq(roles.role, 'lead'),
          isNull(roles.revokedAt),
          isNull(people.unreachableAt),
          sql`(${roles.planId} = ${circular.planId} or ${roles.unitId} in ${unitIds.length > 0 ? unitIds : [-1]})`,
        ),
      )
      .all();
    // The leading group's chat, where one is bound, hears it too.
    const group = db.select({ chatId: plans.leadGroupChatId }).from(plans).where(eq(plans.id, circular.planId)).get()?.chatId;
    if (group !== null && group !== undefined) {
      db.insert(outbox)
        .values({
          key: outboxKey({ kind: 'circular', to: { groupChatId: group }, circularId: circular.id }),
          personId: null,
          chatId: group,
          kind: 'circular',
          period: circular.period,
          sendAfter: now,
          payload: { circularId },
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: outbox.key })
        .run();
    }
    for (const lead of leads) {
      db.insert(outbox)
        .values({
          key: outboxKey({ kind: 'circular', to: { personId: lead.personId }, circularId: circular.id }),
          personId: lead.personId,
          chatId: lead.chatId,
          kind: 'circular',
          period: circular.period,
          sendAfter: now,
          payload: { circularId },
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoNothing({ target: outbox.key })
        .run();
    }
    return true;
  });
}

/**
 * Whether a report of this plan's period is closed for corrections: the circular of the month
 * the period fell due in is published. A monthly circular covers every period due that month
 * (quarterly, weekly, once, an event's), so the month is the due day's, not the key's; an
 * undated period (a deadline nobody could read) is never closed.
 */
export function reportClosed(db: DB, planId: number, period: string, dueAt: Date | null): boolean {
  const due = dueAt && DateTime.fromJSDate(dueAt, { zone: PLAN_ZONE });
  const month = due ? monthKey(due.year, due.month) : parsePeriodKey(period)?.kind === 'month' ? period : null;
  return month !== null && periodClosed(db, planId, month);
}

/** Whether a month's circular of this plan is published (the month as yyyy-MM). */
export function periodClosed(db: DB, planId: number, period: string): boolean {
  return (
    db
      .select({ id: circulars.id })
      .from(circulars)
      .where(and(eq(circulars.planId, planId), eq(circulars.period, period), eq(circulars.status, 'published')))
      .get() !== undefined
  );
}
