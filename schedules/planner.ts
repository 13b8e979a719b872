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
import { dueMomentsFrom, PLAN_ZONE } from '../plans/due-dates';
import type { DeadlineRule } from '../plans/types';
import type { WorkingDayCalendar } from './calendar';
import { effectiveRule, eventPeriod, periodKey, type PlanFacts } from './periods';
import type { ReminderPolicy } from './policy';
import { nextSendableInstant, reminderSchedule, type ReminderKind, type ScheduledReminder } from './reminder-times';

export interface PlannerRequirement {
  requirementId: number;
  planId: number;
  rule: DeadlineRule | null;
  facts: PlanFacts;
  policy: ReminderPolicy;
}

import type { Recipient } from './recipients';

export interface PlannerState {
  requirements: PlannerRequirement[];
  /** The units assigned a requirement, with when the assignment was made (no reminders from before it). */
  assignmentsOf(requirementId: number): { unitId: number; since: Date }[];
  /** The unit's reachable liaisons. */
  liaisonsOf(unitId: number): Recipient[];
  /** Who leads the unit within the plan: its own leads, else the plan's. */
  leadsOf(unitId: number, planId: number): Recipient[];
  isReported(requirementId: number, unitId: number, period: string): boolean;
  /** Events reported for an event-relative requirement (七个工作日内), by unit. */
  eventsOf(requirementId: number): { id: number; unitId: number; occurredOn: string }[];
  calendar: WorkingDayCalendar;
}

export type DraftKind = ReminderKind | 'overdue-lead' | 'no-liaison';

export interface OutboxDraft {
  key: string;
  personId: number;
  chatId: number;
  /** Null for notices about a whole unit (overdue-lead, no-liaison). */
  requirementId: number | null;
  unitId: number;
  period: string;
  kind: DraftKind;
  sendAfter: Date;
  dueAt: Date;
}

/** How far before a due day its first reminder can fall, and after it its overdue notice: bounds the dues looked at. */
const LOOK_BEHIND_DAYS = 45;
const LOOK_AHEAD_DAYS = 60;
/** A span longer than this (a very long outage) is planned only over its last part. */
export const MAX_SPAN_DAYS = 62;

interface PeriodSchedule {
  period: string;
  due: DateTime;
  reminders: ScheduledReminder[];
}

export function draftKey(kind: DraftKind, personId: number, requirementId: number | null, unitId: number, period: string): string {
  return `${kind}|p${personId}|r${requirementId ?? '-'}|u${unitId}|${period}`;
}

/** Periods of a rule whose reminders may fall in the span, each with its reminder times. */
function periodsAround(requirement: PlannerRequirement, from: DateTime, to: DateTime, calendar: WorkingDayCalendar): PeriodSchedule[] {
  const rule = effectiveRule(requirement.rule!, requirement.facts);
  if (!rule) return [];
  const start = from.minus({ days: LOOK_BEHIND_DAYS });
  const end = to.plus({ days: LOOK_AHEAD_DAYS });
  const out: PeriodSchedule[] = [];
  // Weekly rules have the most dues in the window: about 15; 40 covers every rule.
  for (const due of dueMomentsFrom(rule, start, 40, requirement.facts.year)) {
    if (due > end) break;
    out.push({ period: periodKey(rule, due), due, reminders: reminderSchedule(due, requirement.policy, calendar) });
  }
  return out;
}

/**
 * The reminders of a period to send for a span ending at `now`: the latest one that fell in
 * the span and is still useful. Returns null when none is.
 */
function pickReminder(
  schedule: PeriodSchedule,
  from: DateTime,
  now: DateTime,
  since: DateTime,
  sendable: DateTime,
): { reminder: ScheduledReminder; sendAfter: DateTime } | null {
  const inSpan = schedule.reminders.filter((r) => r.at > from && r.at <= now && r.at > since);
  for (const reminder of inSpan.reverse()) {
    if (reminder.kind === 'overdue') return { reminder, sendAfter: sendable };
    // A reminder before the due moment is useful only if it can still go out before it.
    if (sendable < schedule.due) return { reminder, sendAfter: sendable };
  }
  return null;
}

export function planReminders(state: PlannerState, span: { from: Date; to: Date }): OutboxDraft[] {
  const now = DateTime.fromJSDate(span.to, { zone: PLAN_ZONE });
  const earliest = now.minus({ days: MAX_SPAN_DAYS });
  let from = DateTime.fromJSDate(span.from, { zone: PLAN_ZONE });
  if (from < earliest) from = earliest;
  if (from >= now) return [];

  const drafts: OutboxDraft[] = [];
  const seen = new Set<string>();
  const add = (draft: OutboxDraft) => {
    if (seen.has(draft.key)) return;
    seen.add(draft.key);
    drafts.push(draft);
  };
  // Requirements sharing a rule, plan facts and policy share their schedule.
  const schedules = new Map<string, PeriodSchedule[]>();
  // When a reminder planned now may go out depends only on the policy: once per policy, not per unit.
  const sendableByPolicy = new Map<string, DateTime>();
  const sendableFor = (policy: ReminderPolicy) => {
    const key = JSON.stringify(policy);
    let found = sendableByPolicy.get(key);
    if (!found) sendableByPolicy.set(key, (found = nextSendableInstant(now, policy, state.calendar)));
    return found;
  };

  for (const requirement of state.requirements) {
    const rule = requirement.rule;
    if (!rule) continue;
    // Periods per unit: shared by every assigned unit for dated rules, one per event for relative ones.
    let periodsOf: (unitId: number) => PeriodSchedule[];
    if (rule.kind === 'relative') {
      const byUnit = new Map<number, PeriodSchedule[]>();
      for (const event of state.eventsOf(requirement.requirementId)) {
        const period = eventPeriod(rule, event, state.calendar);
        const list = byUnit.get(event.unitId) ?? [];
        list.push({ ...period, period: period.key, reminders: reminderSchedule(period.due, requirement.policy, state.calendar) });
        byUnit.set(event.unitId, list);
      }
      periodsOf = (unitId) => (byUnit.get(unitId) ?? []).filter((p) => p.reminders.some((r) => r.at > from && r.at <= now));
      if (byUnit.size === 0) continue;
    } else {
      const cacheKey = JSON.stringify([rule, requirement.facts, requirement.policy]);
      let periods = schedules.get(cacheKey);
      if (!periods) schedules.set(cacheKey, (periods = periodsAround(requirement, from, now, state.calendar)));
      const touched = periods.filter((p) => p.reminders.some((r) => r.at > from && r.at <= now));
      if (touched.length === 0) continue;
      periodsOf = () => touched;
    }

    for (const assignment of state.assignmentsOf(requirement.requirementId)) {
      const since = DateTime.fromJSDate(assignment.since, { zone: PLAN_ZONE });
      for (const schedule of periodsOf(assignment.unitId)) {
        if (state.isReported(requirement.requirementId, assignment.unitId, schedule.period)) continue;
        const picked = pickReminder(schedule, from, now, since, sendableFor(requirement.policy));
        if (!picked) continue;
        const { reminder, sendAfter } = picked;
        const common = {
          unitId: assignment.unitId,
          period: schedule.period,
          sendAfter: sendAfter.toJSDate(),
          dueAt: schedule.due.toJSDate(),
        };
        const liaisons = state.liaisonsOf(assignment.unitId);
        const leads = state.leadsOf(assignment.unitId, requirement.planId);
        for (const liaison of liaisons) {
          add({
            ...common,
            key: draftKey(reminder.kind, liaison.personId, requirement.requirementId, assignment.unitId, schedule.period),
            personId: liaison.personId,
            chatId: liaison.chatId,
            requirementId: requirement.requirementId,
            kind: reminder.kind,
          });
        }
        // Leads hear once per unit and period, not once per requirement.
        const leadKind: DraftKind | null = liaisons.length === 0 ? 'no-liaison' : reminder.kind === 'overdue' ? 'overdue-lead' : null;
        if (leadKind === null) continue;
        // Requirements of one period may fall due on different days (the 10th, the 20th): one notice per due day.
        const dueDay = schedule.due.toISODate()!;
        for (const lead of leads) {
          add({
            ...common,
            key: draftKey(leadKind, lead.personId, null, assignment.unitId, `${schedule.period}@${dueDay}`),
            personId: lead.personId,
            chatId: lead.chatId,
            requirementId: null,
            kind: leadKind,
          });
        }
      }
    }
  }
  return drafts.sort((a, b) => a.sendAfter.getTime() - b.sendAfter.getTime() || a.key.localeCompare(b.key));
}
