/**
 * A plan's life across years (DOMAIN.md "A plan's life"): it belongs to a year and its periods
 * end with it, or on the day an admin sets; a plan of a past year can be run in another year;
 * next year's plan replaces it, taking over its settings and its leads, and the old plan is
 * archived once its last notices are out (archiveFinishedPlans, run by the scheduler). Each
 * change is one transaction with one audit entry. The chat flows (/import, /plans) word the
 * questions; these only change the database.
 *
 * The rule that no period falls due outside the plan's days lives in schedules/periods.ts
 * (planDueMoments): changing plans.year or plans.ends_on is all it takes to move the periods.
 */
import { and, count, eq, inArray, isNotNull, isNull, lte, or } from 'drizzle-orm';
import type { DB } from '../db';
import { auditLog, circulars, deadlineRules, events, invites, outbox, planUnits, plans, requirements, roles, tasks } from '../db/schema';
import type { Actor } from '../plans/commit';
import { isPlanDate, planFirstDay, planLastDay, shiftRuleYear, yearlessTitle } from '../plans/plan-years';
import { PLAN_ZONE } from '../plans/due-dates';
import { DateTime } from 'luxon';
import type { WorkingDayCalendar } from './calendar';
import { circularDraftMoment } from './circular';
import { eventPeriod, lastPeriod, planBounds, type PlanFacts } from './periods';
import { loadCalendar, plannedUpTo } from './planner-store';
import { effectivePolicy, type ReminderPolicy } from './policy';
import { reminderSchedule } from './reminder-times';
import { planFacts } from './unit-requirements';
import { monthKey } from '../core/period-key';
import { outboxOfPlan } from '../db/outbox-rows';

export interface LifecycleOptions {
  actor: Actor;
  now: Date;
}

export type LifecycleRefusal =
  | { kind: 'no-plan'; planId: number }
  | { kind: 'bad-year'; year: number }
  | { kind: 'bad-date'; text: string }
  /** An end before the plan's year begins: the plan would have no period at all. */
  | { kind: 'end-before-year'; endsOn: string; year: number }
  | { kind: 'same-plan'; planId: number }
  | { kind: 'archived'; planId: number };

/** A change refused; `reason` is for a caller that words it itself (the chat). */
export class PlanLifecycleError extends Error {
  override name = 'PlanLifecycleError';
  constructor(readonly reason: LifecycleRefusal) {
    super(`plan lifecycle: ${JSON.stringify(reason)}`);
  }
}

type Tx = Parameters<Parameters<DB['transaction']>[0]>[0];
type Plan = typeof plans.$inferSelect;

function planOf(tx: Tx, planId: number): Plan {
  const plan = tx.select().from(plans).where(eq(plans.id, planId)).get();
  if (!plan) throw new PlanLifecycleError({ kind: 'no-plan', planId });
  return plan;
}

function audit(tx: Tx, options: LifecycleOptions, action: string, planId: number, details: object): void {
  tx.insert(auditLog)
    .values({
      at: options.now,
      actorPersonId: options.actor.personId,
      actorLabel: options.actor.label,
      action,
      subject: `plan:${planId}`,
      details,
    })
    .run();
}

export interface PlanYearChange {
  planId: number;
  from: number | null;
  to: number;
  /** The end the plan had (cleared): its periods now run to the new year's end. */
  endsOnCleared: string | null;
  /** Once-deadlines moved with the plan (3月底前 of 2020 → of the new year). */
  rulesShifted: number;
}

/**
 * Runs a plan in another year (a plan of a past year imported to be run this year): sets
 * plans.year, clears plans.ends_on, and moves its dated once-deadlines by as many years,
 * since importing read 3月底前 as that year's 31 March. Repeating deadlines follow the year by
 * themselves. Reports already made stay under their period keys (a once-report's key,
 * "once", carries no year).
 */
export function setPlanYear(db: DB, planId: number, year: number, options: LifecycleOptions): PlanYearChange {
  if (!Number.isInteger(year) || year < 1900 || year > 2999) throw new PlanLifecycleError({ kind: 'bad-year', year });
  return db.transaction((tx) => {
    const plan = planOf(tx, planId);
    const { now } = options;
    tx.update(plans).set({ year, endsOn: null, updatedAt: now }).where(eq(plans.id, planId)).run();
    let rulesShifted = 0;
    const years = plan.year === null ? 0 : year - plan.year;
    if (years !== 0) {
      const rules = tx
        .select({ id: deadlineRules.id, rule: deadlineRules.rule })
        .from(deadlineRules)
        .innerJoin(requirements, eq(requirements.id, deadlineRules.requirementId))
        .innerJoin(tasks, eq(tasks.id, requirements.taskId))
        .where(eq(tasks.planId, planId))
        .all();
      for (const { id, rule } of rules) {
        if (!rule) continue;
        const shifted = shiftRuleYear(rule, years);
        if (shifted === rule) continue;
        tx.update(deadlineRules).set({ rule: shifted, updatedAt: now }).where(eq(deadlineRules.id, id)).run();
        rulesShifted++;
      }
    }
    const change: PlanYearChange = { planId, from: plan.year, to: year, endsOnCleared: plan.endsOn, rulesShifted };
    audit(tx, options, 'plan.year', planId, change);
    return change;
  });
}

export interface PlanEndChange {
  planId: number;
  from: string | null;
  to: string | null;
  /** Reminders queued for periods due after the new end, skipped. */
  remindersSkipped: number;
}

/**
 * Sets (or with null clears) the plan's last day, YYYY-MM-DD in Shanghai: no period falls due
 * after it, and reminders already queued for such periods are skipped. Cleared, the plan ends
 * with its year. An end before the plan's year begins is refused.
 */
export function setPlanEnd(db: DB, planId: number, endsOn: string | null, options: LifecycleOptions): PlanEndChange {
  if (endsOn !== null && !isPlanDate(endsOn)) throw new PlanLifecycleError({ kind: 'bad-date', text: endsOn });
  return db.transaction((tx) => {
    const plan = planOf(tx, planId);
    const { now } = options;
    const firstDay = planFirstDay(plan);
    if (endsOn !== null && firstDay !== null && endsOn < firstDay)
      throw new PlanLifecycleError({ kind: 'end-before-year', endsOn, year: plan.year! });
    tx.update(plans).set({ endsOn, updatedAt: now }).where(eq(plans.id, planId)).run();
    const remindersSkipped = endsOn === null ? 0 : skipQueuedAfter(tx, planId, endsOn, now);
    const change: PlanEndChange = { planId, from: plan.endsOn, to: endsOn, remindersSkipped };
    audit(tx, options, 'plan.end', planId, change);
    return change;
  });
}

export interface RollOver {
  fromPlanId: number;
  toPlanId: number;
  /**
   * Plan leads (roles with the old plan) given the same role on the new plan. Their old roles
   * stay while the old plan is live (its last circular reaches them) and are revoked, kept as
   * history, when it is archived.
   */
  leadsCarried: number;
  /** The old plan's reminder policy, monthly report day and leading group, taken where the new plan had none. */
  policyCarried: boolean;
  reportDayCarried: boolean;
  groupCarried: boolean;
  /** Unused lead invites of the old plan, now for the new one. */
  invitesMoved: number;
  /**
   * The old plan's new last day when it ran into the new plan's days (an end an admin set past
   * its year): the day before the new plan's first, its reminders queued after it skipped. Null: unchanged.
   */
  endsOnSet: string | null;
  /**
   * 'now': the old plan was archived at once (nothing of it left to send, or no end to wait
   * for, or replaced within its own year); 'when-done': it stays live with its last notices and
   * the scheduler archives it once nothing is left (plans.archive_when_done, planLeftovers).
   */
  archived: 'now' | 'when-done';
}

export interface RollOverOptions extends LifecycleOptions {
  /** The working-day calendar, to tell when the old plan's last notices fall; default: the database's (loadCalendar). */
  calendar?: WorkingDayCalendar;
}

/**
 * Next year's plan replaces the old one. The new plan takes over at once what an admin set up
 * on the old one, where it has not its own yet: the reminder policy, the monthly report day,
 * the leading group's chat, the plan's leads and their unused invites. Liaisons and unit leads
 * serve units, which outlive plans: nothing to carry.
 *
 * The old plan is archived only once it has nothing left (planLeftovers): next year's plan is
 * usually imported in late December or in January, before the old plan's December overdue
 * notices (the first working day of January) and its December circular (drafted after the
 * month's last due day, published by an admin). Until then it stays live as it was: its
 * reminders, its circular, its place in /report, /tasks and the summaries. It keeps its
 * leading group too, so both plans post to that group for those few weeks (its December
 * circular goes where every other month's went), and its leads keep their roles on it, so
 * its circular reaches them; both end when the scheduler archives it (archiveFinishedPlans).
 * It has nothing left when its last day has passed, its last month's circular is published or
 * held, and nothing of it waits in the outbox; then, or when it has no last day (a plan without
 * a year), or when the new plan is of its own year (it replaces it outright), it is archived
 * here at once. An old plan whose days run into the new plan's (an end set past its year)
 * ends the day before the new plan begins.
 *
 * One transaction, one audit entry ('plan.rollover'; the later archive has its own).
 */
export function rollOverPlan(db: DB, plansToRoll: { fromPlanId: number; toPlanId: number }, options: RollOverOptions): RollOver {
  const { fromPlanId, toPlanId } = plansToRoll;
  if (fromPlanId === toPlanId) throw new PlanLifecycleError({ kind: 'same-plan', planId: fromPlanId });
  const calendar = options.calendar ?? loadCalendar(db);
  return db.transaction((tx) => {
    const { now } = options;
    const from = planOf(tx, fromPlanId);
    const to = planOf(tx, toPlanId);
    // Archived, or already replaced and waiting to be archived: it has a successor already.
    if (from.archivedAt !== null || from.archiveWhenDone !== null) throw new PlanLifecycleError({ kind: 'archived', planId: fromPlanId });
    if (to.archivedAt !== null) throw new PlanLifecycleError({ kind: 'archived', planId: toPlanId });

    const policyCarried = to.reminderPolicy === null && from.reminderPolicy !== null;
    const reportDayCarried = to.monthlyReportDay === null && from.monthlyReportDay !== null;
    const groupCarried = to.leadGroupChatId === null && from.leadGroupChatId !== null;
    tx.update(plans)
      .set({
        ...(policyCarried ? { reminderPolicy: from.reminderPolicy } : {}),
        ...(reportDayCarried ? { monthlyReportDay: from.monthlyReportDay } : {}),
        ...(groupCarried ? { leadGroupChatId: from.leadGroupChatId } : {}),
        updatedAt: now,
      })
      .where(eq(plans.id, toPlanId))
      .run();

    const planLeads = (planId: number) =>
      tx
        .select()
        .from(roles)
        .where(and(eq(roles.role, 'lead'), eq(roles.planId, planId), isNull(roles.unitId), isNull(roles.revokedAt)))
        .orderBy(roles.id)
        .all();
    const already = new Set(planLeads(toPlanId).map((r) => r.personId));
    let leadsCarried = 0;
    for (const old of planLeads(fromPlanId)) {
      if (already.has(old.personId)) continue;
      tx.insert(roles)
        .values({
          personId: old.personId,
          role: 'lead',
          planId: toPlanId,
          unitId: null,
          grantedBy: old.grantedBy,
          createdAt: now,
          updatedAt: now,
        })
        .run();
      already.add(old.personId);
      leadsCarried++;
    }
    const invitesMoved = tx
      .update(invites)
      .set({ planId: toPlanId, updatedAt: now })
      .where(and(eq(invites.planId, fromPlanId), isNull(invites.usedAt), isNull(invites.revokedAt)))
      .run().changes;

    // The old plan's days end where the new plan's begin; of its own year, it is replaced outright.
    let endsOnSet: string | null = null;
    let replacedOutright = false;
    const oldFirst = planFirstDay(from);
    const oldLast = planLastDay(from);
    const newFirst = planFirstDay(to);
    if (oldLast !== null && newFirst !== null && oldLast >= newFirst) {
      const dayBefore = DateTime.fromISO(newFirst, { zone: PLAN_ZONE }).minus({ days: 1 }).toISODate()!;
      if (oldFirst !== null && dayBefore < oldFirst) replacedOutright = true;
      else {
        endsOnSet = dayBefore;
        tx.update(plans).set({ endsOn: dayBefore, updatedAt: now }).where(eq(plans.id, fromPlanId)).run();
        skipQueuedAfter(tx, fromPlanId, dayBefore, now);
      }
    }
    const archiveNow = oldLast === null || replacedOutright || planLeftovers(db, fromPlanId, calendar, now).length === 0;
    if (archiveNow) archiveDone(tx, fromPlanId, now);
    else
      tx.update(plans)
        .set({ archiveWhenDone: from.archiveWhenDone ?? now, updatedAt: now })
        .where(eq(plans.id, fromPlanId))
        .run();

    const result: RollOver = {
      fromPlanId,
      toPlanId,
      leadsCarried,
      policyCarried,
      reportDayCarried,
      groupCarried,
      invitesMoved,
      endsOnSet,
      archived: archiveNow ? 'now' : 'when-done',
    };
    audit(tx, options, 'plan.rollover', toPlanId, { ...result, fromTitle: from.title, fromYear: from.year });
    return result;
  });
}

/** Skips the plan's reminders still queued for periods due after `lastDay` (YYYY-MM-DD); how many. */
function skipQueuedAfter(tx: Tx, planId: number, lastDay: string, now: Date): number {
  const endMs = DateTime.fromISO(lastDay, { zone: PLAN_ZONE }).endOf('day').toMillis();
  const pending = tx
    .select({ id: outbox.id, dueAt: outbox.dueAt })
    .from(outbox)
    .innerJoin(requirements, eq(requirements.id, outbox.requirementId))
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .where(and(eq(tasks.planId, planId), eq(outbox.status, 'pending')))
    .all()
    .filter((row) => row.dueAt !== null && row.dueAt.getTime() > endMs)
    .map((row) => row.id);
  if (pending.length > 0) {
    tx.update(outbox).set({ status: 'skipped', lastError: 'the plan ended', updatedAt: now }).where(inArray(outbox.id, pending)).run();
  }
  return pending.length;
}

/** Why an outbox row of an archived plan was not sent; /plans restore puts such rows back. */
export const PLAN_ARCHIVED = 'plan archived';

/**
 * Archives a replaced plan: it leaves every view and gets no reminders (any still queued are
 * skipped, as /plans archive does: none when it had nothing left); its leading group is unbound
 * (it is the new plan's now) and its plan leads' roles are revoked, kept as history (they lead
 * the new plan). Its reports, circulars and ledger stay.
 */
function archiveDone(tx: Tx, planId: number, now: Date): void {
  tx.update(plans).set({ archivedAt: now, archiveWhenDone: null, leadGroupChatId: null, updatedAt: now }).where(eq(plans.id, planId)).run();
  tx.update(outbox)
    .set({ status: 'skipped', lastError: PLAN_ARCHIVED, updatedAt: now })
    .where(and(eq(outbox.status, 'pending'), outboxOfPlan(tx, planId)))
    .run();
  tx.update(roles)
    .set({ revokedAt: now, updatedAt: now })
    .where(and(eq(roles.role, 'lead'), eq(roles.planId, planId), isNull(roles.unitId), isNull(roles.revokedAt)))
    .run();
}

/** What a replaced plan still has to do before it can be archived. */
export type Leftover =
  /** Its last day has not passed (null: it has none, a plan without a year). */
  | { kind: 'days'; lastDay: string | null }
  /** Its last month's circular is to be drafted, or a draft neither published nor held. */
  | { kind: 'circular'; period: string; status: 'to-draft' | 'draft' }
  /** Reminders of its last periods still to be planned, the last at `last`. */
  | { kind: 'reminders'; last: Date }
  /** Messages of it waiting in the outbox: reminders, notices to leads, its circulars. */
  | { kind: 'outbox'; pending: number };

/**
 * What the plan has left to send at `now`; none: it can be archived without losing a notice.
 * - Its last day (planLastDay) has passed: no period of it is due any more.
 * - Its last month's circular is published or held. Circulars are drafted at 09:00 of the first
 *   working day after the month's last due day, for this month and last (planCirculars): a
 *   month with nothing due, a month that ended before the plan was imported, or one older than
 *   that has none to wait for.
 * - The planner has planned past the last reminder of its last periods (their overdue
 *   notices, the first working day after them), events' periods (七个工作日内) included.
 * - Nothing of it is pending in the outbox: its reminders, its units' notices to leads of due
 *   days within its days, its circulars and their drafts.
 */
export function planLeftovers(db: DB, planId: number, calendar: WorkingDayCalendar, now: Date): Leftover[] {
  const plan = db.select().from(plans).where(eq(plans.id, planId)).get();
  if (!plan) throw new PlanLifecycleError({ kind: 'no-plan', planId });
  const lastDay = planLastDay(plan);
  if (lastDay === null) return [{ kind: 'days', lastDay: null }];
  const left: Leftover[] = [];
  const facts = planFacts(db, planId);
  const { lastMs } = planBounds(facts);
  if (now.getTime() <= lastMs) left.push({ kind: 'days', lastDay });

  const at = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  const lastMonth = DateTime.fromISO(lastDay, { zone: PLAN_ZONE }).startOf('month');
  const period = monthKey(lastMonth.year, lastMonth.month);
  const circular = db
    .select({ status: circulars.status })
    .from(circulars)
    .where(and(eq(circulars.planId, planId), eq(circulars.period, period)))
    .get();
  if (circular?.status === 'draft') left.push({ kind: 'circular', period, status: 'draft' });
  else if (!circular) {
    const stillDrafted = lastMonth >= at.startOf('month').minus({ months: 1 }) && lastMonth.plus({ months: 1 }).toJSDate() > plan.createdAt;
    if (stillDrafted && circularDraftMoment(db, planId, lastMonth, calendar) !== null)
      left.push({ kind: 'circular', period, status: 'to-draft' });
  }

  const last = lastReminder(db, planId, facts, lastDay, calendar);
  const planned = plannedUpTo(db) ?? now;
  if (last !== null && last.getTime() > planned.getTime()) left.push({ kind: 'reminders', last });

  const unitIds = db.select({ id: planUnits.unitId }).from(planUnits).where(eq(planUnits.planId, planId));
  const pending = db
    .select({ n: count() })
    .from(outbox)
    .where(
      and(
        inArray(outbox.status, ['pending', 'sending']),
        or(
          outboxOfPlan(db, planId),
          and(
            isNull(outbox.requirementId),
            inArray(outbox.kind, ['overdue-lead', 'no-liaison']),
            inArray(outbox.unitId, unitIds),
            lte(outbox.dueAt, new Date(lastMs)),
          ),
        ),
      ),
    )
    .get()!.n;
  if (pending > 0) left.push({ kind: 'outbox', pending });
  return left;
}

/** When the last reminder of the plan's last periods falls (its overdue notices), or null when it has none. */
function lastReminder(db: DB, planId: number, facts: PlanFacts, lastDay: string, calendar: WorkingDayCalendar): Date | null {
  const rows = db
    .select({ requirementId: requirements.id, rule: deadlineRules.rule, policy: plans.reminderPolicy })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .innerJoin(plans, eq(plans.id, tasks.planId))
    .innerJoin(deadlineRules, eq(deadlineRules.requirementId, requirements.id))
    .where(and(eq(tasks.planId, planId), isNull(requirements.archivedAt), isNull(tasks.archivedAt), eq(deadlineRules.recognized, true)))
    .all();
  let latest: number | null = null;
  const seen = new Set<string>();
  const consider = (due: DateTime, policy: ReminderPolicy) => {
    const at = (reminderSchedule(due, policy, calendar).at(-1)?.at ?? due).toMillis();
    if (latest === null || at > latest) latest = at;
  };
  for (const row of rows) {
    if (!row.rule) continue;
    const policy = effectivePolicy(row.policy);
    if (row.rule.kind === 'relative') {
      // Each event reported within the plan's days is a period of its own (七个工作日内).
      for (const event of db
        .select({ id: events.id, occurredOn: events.occurredOn })
        .from(events)
        .where(eq(events.requirementId, row.requirementId))
        .all()) {
        if (event.occurredOn <= lastDay) consider(eventPeriod(row.rule, event, calendar).due, policy);
      }
      continue;
    }
    const key = JSON.stringify(row.rule);
    if (seen.has(key)) continue;
    seen.add(key);
    const period = lastPeriod(row.rule, facts);
    if (period) consider(period.due, policy);
  }
  return latest === null ? null : new Date(latest);
}

/**
 * The scheduler's step (schedules/scheduler.ts, every tick after the dispatch): archives each
 * replaced plan (plans.archive_when_done) that has nothing left, one transaction and one audit
 * entry ('plan.archive', by the system) each. The ids archived.
 */
export function archiveFinishedPlans(db: DB, calendar: WorkingDayCalendar, now: Date): number[] {
  const waiting = db
    .select({ id: plans.id, title: plans.title, year: plans.year, endsOn: plans.endsOn, since: plans.archiveWhenDone })
    .from(plans)
    .where(and(isNull(plans.archivedAt), isNotNull(plans.archiveWhenDone)))
    .all();
  const archived: number[] = [];
  for (const plan of waiting) {
    // Most ticks while it waits come before its last day: nothing to look at then.
    if (now.getTime() <= planBounds(plan).lastMs) continue;
    if (planLeftovers(db, plan.id, calendar, now).length > 0) continue;
    db.transaction((tx) => {
      archiveDone(tx, plan.id, now);
      audit(tx, { actor: { personId: null, label: 'system' }, now }, 'plan.archive', plan.id, {
        title: plan.title,
        year: plan.year,
        replacedAt: plan.since,
        reason: 'done',
      });
    });
    archived.push(plan.id);
  }
  return archived;
}

export interface PreviousVersion {
  id: number;
  title: string | null;
  year: number | null;
}

/**
 * The live plan a new import of `title` for `year` is the next version of (and not replaced yet): the same title
 * but for its years (《2021年…》 after 《2020年…》; a title without a year, the same title), of
 * an earlier year or run in the same one (a past plan rolled forward), the latest first. The
 * plan a re-import would update (same title and year: plans.key) is not one. An untitled
 * import is matched by its file name (`source`) the same way. Null when there is none, or
 * when the import has no year.
 */
export function findPreviousVersion(
  db: DB,
  imported: { title: string | null; year: number | null; source?: string },
): PreviousVersion | null {
  const { title, year, source } = imported;
  if (year === null) return null;
  const name = title ?? source;
  if (name === undefined || name === null) return null;
  const ownKey = `${name}|${year}`;
  const wanted = yearlessTitle(name);
  const candidates = db
    .select({ id: plans.id, key: plans.key, title: plans.title, year: plans.year, sourceName: plans.sourceName })
    .from(plans)
    // A plan already replaced, waiting to be archived (plans.archive_when_done), is no one's previous version any more.
    .where(and(isNull(plans.archivedAt), isNull(plans.archiveWhenDone)))
    .all()
    .filter((p) => p.key !== ownKey && p.year !== null && p.year <= year)
    .filter((p) =>
      title !== null ? p.title !== null && yearlessTitle(p.title) === wanted : p.title === null && yearlessTitle(p.sourceName) === wanted,
    )
    .sort((a, b) => b.year! - a.year! || b.id - a.id);
  const found = candidates[0];
  return found ? { id: found.id, title: found.title, year: found.year } : null;
}
