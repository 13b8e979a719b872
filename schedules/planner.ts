/**
 * The reminder planner: which reminders to put in the outbox for the span (from, to], as a
 * pure function of that span and the state it is handed (requirements, assignments, people,
 * reports). node-cron only wakes it; state lives in the database.
 *
 * It works like systemd's persistent timers: the caller keeps the end of the last span it
 * planned (`lastPlannedAt`), and each tick plans (lastPlannedAt, now]. After downtime the span
 * covers the outage, and catch-up falls out of the same code:
 * - of a period's reminders that fell in the span, only the latest still useful one is sent
 *   (before the due moment, and sendable before it in working hours);
 * - reminders of a period whose due moment has passed are stale: they fold into the period's
 *   one overdue notice, which has its own time and is planned like any other.
 * Every draft has a unique key (kind, person, requirement, unit, period): planning a span twice
 * plans nothing new.
 */
import { DateTime } from 'luxon';
import { PLAN_ZONE } from '../plans/due-dates';
import type { DeadlineRule } from '../core/plan-types';
import type { WorkingDayCalendar } from './calendar';
import { effectiveRule, eventPeriod, periodKey, planDueMoments, type PlanFacts } from './periods';
import type { ReminderPolicy } from './policy';
import { nextSendableInstant, reminderSchedule, type ReminderKind } from './reminder-times';

export interface PlannerRequirement {
  requirementId: number;
  planId: number;
  rule: DeadlineRule | null;
  facts: PlanFacts;
  policy: ReminderPolicy;
}

import type { Recipient } from './recipients';
import { outboxKey } from './outbox-key';
import type { DraftKind, OutboxDraft } from '../core/outbox-kind';

export interface PlannerState {
  /** In ascending id order: a planning pass cut in slices resumes after the last id it took. */
  requirements: PlannerRequirement[];
  /**
   * The units assigned a requirement, with when the assignment was made (no reminders from before it).
   * With `units`, a caller planning in slices asks for those units only; a state may return more
   * (the planner keeps those in the range itself).
   */
  assignmentsOf(requirementId: number, units?: UnitRange): { unitId: number; since: Date }[];
  /** The unit's reachable liaisons. */
  liaisonsOf(unitId: number): Recipient[];
  /** Who leads the unit within the plan: its own leads, else the plan's. */
  leadsOf(unitId: number, planId: number): Recipient[];
  isReported(requirementId: number, unitId: number, period: string): boolean;
  /** Events reported for an event-relative requirement (七个工作日内), by unit. */
  eventsOf(requirementId: number): { id: number; unitId: number; occurredOn: string }[];
  calendar: WorkingDayCalendar;
}

/** Unit ids from `from` to `to`, both included: the units one slice of a busy minute plans. */
export interface UnitRange {
  from: number;
  to: number;
}

export type { DraftKind, OutboxDraft };

/** How far before a due day its first reminder can fall, and after it its overdue notice: bounds the dues looked at. */
const LOOK_BEHIND_DAYS = 45;
const LOOK_AHEAD_DAYS = 60;
/** A span longer than this (a very long outage) is planned only over its last part. */
export const MAX_SPAN_DAYS = 62;

/**
 * One period's due moment and reminder times, as epoch milliseconds: a busy minute compares
 * them for every one of 100,000 assignments, and luxon DateTimes in a named zone are far too
 * slow for that (bench/README.md).
 */
interface PeriodSchedule {
  period: string;
  dueMs: number;
  dueAt: Date;
  /** The due day, YYYY-MM-DD in Shanghai: leads hear once per unit, period and due day. */
  dueDay: string;
  reminders: { kind: ReminderKind; atMs: number }[];
}

/** A draft's key (schedules/outbox-key.ts). */
export function draftKey(kind: DraftKind, personId: number, requirementId: number | null, unitId: number, period: string): string {
  return outboxKey({ kind, personId, requirementId, unitId, period });
}

function scheduleOf(period: string, due: DateTime, policy: ReminderPolicy, calendar: WorkingDayCalendar): PeriodSchedule {
  return {
    period,
    dueMs: due.toMillis(),
    dueAt: due.toJSDate(),
    dueDay: due.setZone(PLAN_ZONE).toISODate()!,
    reminders: reminderSchedule(due, policy, calendar).map((r) => ({ kind: r.kind, atMs: r.at.toMillis() })),
  };
}

/** Periods of a rule whose reminders may fall in the span, each with its reminder times. */
function periodsAround(
  requirement: PlannerRequirement,
  from: DateTime,
  to: DateTime,
  calendar: WorkingDayCalendar,
  byDue: Map<string, PeriodSchedule>,
): PeriodSchedule[] {
  const rule = effectiveRule(requirement.rule!, requirement.facts);
  if (!rule) return [];
  const start = from.minus({ days: LOOK_BEHIND_DAYS });
  const end = to.plus({ days: LOOK_AHEAD_DAYS });
  const out: PeriodSchedule[] = [];
  const policyKey = JSON.stringify(requirement.policy);
  // Only the plan's own periods (periods.ts): after its last day, the overdue notices of its last ones.
  for (const due of duesAround(rule, start, end, requirement.facts)) {
    if (due > end) break;
    const period = periodKey(rule, due);
    // A period's schedule is the same in every span: a new minute works out only the dues it has not seen.
    const key = `${period}|${due.toMillis()}|${policyKey}`;
    let schedule = byDue.get(key);
    if (!schedule) byDue.set(key, (schedule = scheduleOf(period, due, requirement.policy, calendar)));
    out.push(schedule);
  }
  return out;
}

/**
 * Weekly rules have the most dues in the window: about 15; 40 covers every rule. A monthly or
 * quarterly rule has 3 or 4, and working out 40 dues with luxon (month arithmetic in a named zone)
 * for every rule was the first tick of every minute: under a profiler, 35 ms of the 88 ms first
 * tick of the bench's reminder minute, and the quiet minute's whole tick (10-145 ms at 10,000
 * units before, 3 ms after; issue 17). The first n of planDueMoments(…, 40) are
 * planDueMoments(…, n): ask for a few, and for all 40 only when the few do not reach past the
 * window's end.
 */
const FEW_DUES = 6;
const MAX_DUES = 40;

function duesAround(rule: DeadlineRule, start: DateTime, end: DateTime, facts: PlanFacts): DateTime[] {
  const few = planDueMoments(rule, start, FEW_DUES, facts);
  if (few.length < FEW_DUES || few.at(-1)! > end) return few;
  return planDueMoments(rule, start, MAX_DUES, facts);
}

/**
 * The reminder of a period to send for a span (fromMs, nowMs]: the latest one that fell in
 * the span, after the assignment was made, and is still useful. Null when none is.
 */
function pickReminder(schedule: PeriodSchedule, fromMs: number, nowMs: number, sinceMs: number, sendableMs: number): ReminderKind | null {
  const { reminders } = schedule;
  for (let i = reminders.length - 1; i >= 0; i--) {
    const { kind, atMs } = reminders[i]!;
    if (atMs <= fromMs || atMs > nowMs || atMs <= sinceMs) continue;
    if (kind === 'overdue') return kind;
    // A reminder before the due moment is useful only if it can still go out before it.
    if (sendableMs < schedule.dueMs) return kind;
  }
  return null;
}

const touchesSpan = (schedule: PeriodSchedule, fromMs: number, nowMs: number) =>
  schedule.reminders.some((r) => r.atMs > fromMs && r.atMs <= nowMs);

/** The drafts one requirement contributes to a span. */
export interface RequirementDrafts {
  requirementId: number;
  drafts: OutboxDraft[];
}

/**
 * One span's planning, requirement by requirement and, for a caller working in slices, a range
 * of units at a time (planner-store.ts): what every unit of a requirement shares (its periods in
 * the span, when a reminder planned now may go out) is worked out once per span, not per slice.
 */
export interface SpanPlanner {
  /**
   * Whether the requirement may have anything to plan in the span: a reminder time of a dated
   * rule falls in it, or it is relative to events (known only unit by unit). False: draftsOf is null.
   */
  touches(requirement: PlannerRequirement): boolean;
  /**
   * The drafts of one requirement for the units in `units` (all its units when absent); null when
   * nothing of the requirement falls in the span (no rule, no reminder time in it).
   */
  draftsOf(requirement: PlannerRequirement, units?: UnitRange): OutboxDraft[] | null;
}

/**
 * A span's periods by rule and its sendable instants by policy: pure functions of the span and
 * the calendar, worked out with luxon in a few milliseconds. A busy minute is planned in hundreds
 * of ticks over the same span and calendar: they share them (the latest span of each calendar).
 */
interface SpanSchedules {
  fromMs: number;
  nowMs: number;
  /** By rule, plan facts and policy. */
  periods: Map<string, PeriodSchedule[]>;
  /** By policy. */
  sendable: Map<string, Date>;
  /** A period's schedule by period, due moment and policy: kept from span to span (its due and policy say it all). */
  byDue: Map<string, PeriodSchedule>;
}
const spanSchedules = new WeakMap<WorkingDayCalendar, SpanSchedules>();
const MAX_KEPT_SCHEDULES = 10_000;

function schedulesOf(calendar: WorkingDayCalendar, fromMs: number, nowMs: number): SpanSchedules {
  let found = spanSchedules.get(calendar);
  if (!found || found.fromMs !== fromMs || found.nowMs !== nowMs) {
    // A year holds a few hundred dues of a plan's rules; a bot running for years, more.
    const byDue = found && found.byDue.size < MAX_KEPT_SCHEDULES ? found.byDue : new Map<string, PeriodSchedule>();
    found = { fromMs, nowMs, periods: new Map(), sendable: new Map(), byDue };
    spanSchedules.set(calendar, found);
  }
  return found;
}

/** The planner of the span (from, to], or null when the span is empty. */
export function spanPlanner(state: PlannerState, span: { from: Date; to: Date }): SpanPlanner | null {
  const now = DateTime.fromJSDate(span.to, { zone: PLAN_ZONE });
  const earliest = now.minus({ days: MAX_SPAN_DAYS });
  let from = DateTime.fromJSDate(span.from, { zone: PLAN_ZONE });
  if (from < earliest) from = earliest;
  if (from >= now) return null;
  const fromMs = from.toMillis();
  const nowMs = now.toMillis();

  // Lead notices are per unit, period and due day: many requirements would draft the same one.
  const seenLeadNotices = new Set<string>();
  const shared = schedulesOf(state.calendar, fromMs, nowMs);
  // Requirements sharing a rule, plan facts and policy share their schedule.
  const schedules = shared.periods;
  // When a reminder planned now may go out depends only on the policy: once per policy, not per unit.
  const sendableByPolicy = shared.sendable;
  const sendableFor = (policy: ReminderPolicy) => {
    const key = JSON.stringify(policy);
    let found = sendableByPolicy.get(key);
    if (!found) sendableByPolicy.set(key, (found = nextSendableInstant(now, policy, state.calendar).toJSDate()));
    return found;
  };
  // A dated rule's periods in the span, by requirement: every slice of the span asks again.
  const touchedOf = new Map<number, PeriodSchedule[]>();
  const inRange = (unitId: number, units: UnitRange | undefined) => units === undefined || (unitId >= units.from && unitId <= units.to);
  const touchedPeriods = (requirement: PlannerRequirement, rule: DeadlineRule) => {
    let touched = touchedOf.get(requirement.requirementId);
    if (!touched) {
      const cacheKey = JSON.stringify([rule, requirement.facts, requirement.policy]);
      let periods = schedules.get(cacheKey);
      if (!periods) schedules.set(cacheKey, (periods = periodsAround(requirement, from, now, state.calendar, shared.byDue)));
      touched = periods.filter((p) => touchesSpan(p, fromMs, nowMs));
      touchedOf.set(requirement.requirementId, touched);
    }
    return touched;
  };

  return {
    touches(requirement) {
      const rule = requirement.rule;
      if (!rule) return false;
      return rule.kind === 'relative' || touchedPeriods(requirement, rule).length > 0;
    },
    draftsOf(requirement, units) {
      const rule = requirement.rule;
      if (!rule) return null;
      // Periods per unit: shared by every assigned unit for dated rules, one per event for relative ones.
      let periodsOf: (unitId: number) => PeriodSchedule[];
      if (rule.kind === 'relative') {
        const byUnit = new Map<number, PeriodSchedule[]>();
        for (const event of state.eventsOf(requirement.requirementId)) {
          if (!inRange(event.unitId, units)) continue;
          const period = eventPeriod(rule, event, state.calendar);
          const schedule = scheduleOf(period.key, period.due, requirement.policy, state.calendar);
          if (!touchesSpan(schedule, fromMs, nowMs)) continue;
          const list = byUnit.get(event.unitId) ?? [];
          list.push(schedule);
          byUnit.set(event.unitId, list);
        }
        if (byUnit.size === 0) return null;
        periodsOf = (unitId) => byUnit.get(unitId) ?? [];
      } else {
        const touched = touchedPeriods(requirement, rule);
        if (touched.length === 0) return null;
        const inSpan = touched;
        periodsOf = () => inSpan;
      }

      const sendAfter = sendableFor(requirement.policy);
      const sendableMs = sendAfter.getTime();
      const drafts: OutboxDraft[] = [];
      for (const assignment of state.assignmentsOf(requirement.requirementId, units)) {
        if (!inRange(assignment.unitId, units)) continue;
        const sinceMs = assignment.since.getTime();
        for (const schedule of periodsOf(assignment.unitId)) {
          if (state.isReported(requirement.requirementId, assignment.unitId, schedule.period)) continue;
          const kind = pickReminder(schedule, fromMs, nowMs, sinceMs, sendableMs);
          if (kind === null) continue;
          const liaisons = state.liaisonsOf(assignment.unitId);
          for (const liaison of liaisons) {
            drafts.push({
              key: draftKey(kind, liaison.personId, requirement.requirementId, assignment.unitId, schedule.period),
              personId: liaison.personId,
              chatId: liaison.chatId,
              requirementId: requirement.requirementId,
              unitId: assignment.unitId,
              period: schedule.period,
              kind,
              sendAfter,
              dueAt: schedule.dueAt,
            });
          }
          // Leads hear once per unit and period, not once per requirement.
          const leadKind: DraftKind | null = liaisons.length === 0 ? 'no-liaison' : kind === 'overdue' ? 'overdue-lead' : null;
          if (leadKind === null) continue;
          // One notice per unit and due day: it lists everything of the unit due that day, whatever
          // the period (a one-off 3月10日前 and a monthly 每月10日前 fall due together).
          for (const lead of state.leadsOf(assignment.unitId, requirement.planId)) {
            const key = draftKey(leadKind, lead.personId, null, assignment.unitId, `@${schedule.dueDay}`);
            if (seenLeadNotices.has(key)) continue;
            seenLeadNotices.add(key);
            drafts.push({
              key,
              personId: lead.personId,
              chatId: lead.chatId,
              requirementId: null,
              unitId: assignment.unitId,
              period: schedule.period,
              kind: leadKind,
              sendAfter,
              dueAt: schedule.dueAt,
            });
          }
        }
      }
      return drafts;
    },
  };
}

/**
 * The span's drafts, one requirement at a time in the order of `state.requirements` (ascending
 * ids), starting after requirement id `after` when given. Each requirement's drafts cover all its
 * units; the store plans a busy minute in slices of units instead (planner-store.ts).
 */
export function* draftsByRequirement(
  state: PlannerState,
  span: { from: Date; to: Date },
  after: number | null = null,
): Generator<RequirementDrafts> {
  const planner = spanPlanner(state, span);
  if (!planner) return;
  for (const requirement of state.requirements) {
    if (after !== null && requirement.requirementId <= after) continue;
    const drafts = planner.draftsOf(requirement);
    if (drafts !== null) yield { requirementId: requirement.requirementId, drafts };
  }
}

/** Every draft of the span (pure; the store plans in slices with draftsByRequirement). */
export function planReminders(state: PlannerState, span: { from: Date; to: Date }): OutboxDraft[] {
  const drafts: OutboxDraft[] = [];
  for (const part of draftsByRequirement(state, span)) for (const draft of part.drafts) drafts.push(draft);
  return drafts;
}
