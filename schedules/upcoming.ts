/**
 * What happens next on the plan's clock: the next reminder time and the next deadline after
 * an instant. The sandbox's clock control jumps to them so a person can watch a reminder
 * arrive; pure over the planner's state.
 */
import { DateTime } from 'luxon';
import { PLAN_ZONE } from '../plans/due-dates';
import { effectiveRule, periodsFrom } from './periods';
import type { PlannerState } from './planner';
import { reminderSchedule } from './reminder-times';

export interface Upcoming {
  nextReminder: Date | null;
  nextDeadline: Date | null;
}

export function upcoming(state: Pick<PlannerState, 'requirements' | 'calendar'>, now: Date): Upcoming {
  const from = DateTime.fromJSDate(now, { zone: PLAN_ZONE });
  let nextReminder: DateTime | null = null;
  let nextDeadline: DateTime | null = null;
  const seen = new Set<string>();
  for (const requirement of state.requirements) {
    if (!requirement.rule || !effectiveRule(requirement.rule, requirement.facts)) continue;
    const key = JSON.stringify([requirement.rule, requirement.facts, requirement.policy]);
    if (seen.has(key)) continue;
    seen.add(key);
    // The reminders of a due day start a few weeks before it: look at the next three periods.
    for (const period of periodsFrom(requirement.rule, from.minus({ days: 40 }), 6, requirement.facts)) {
      if (period.due > from && (!nextDeadline || period.due < nextDeadline)) nextDeadline = period.due;
      for (const reminder of reminderSchedule(period.due, requirement.policy, state.calendar)) {
        if (reminder.at > from && (!nextReminder || reminder.at < nextReminder)) nextReminder = reminder.at;
      }
    }
  }
  return { nextReminder: nextReminder?.toJSDate() ?? null, nextDeadline: nextDeadline?.toJSDate() ?? null };
}
