/**
 * A dry run of a plan's reminders: the plan is loaded into a throwaway in-memory database
 * with one stand-in liaison per unit, nobody reports, and the planner is run at every
 * moment a reminder falls due between two dates. What it plans is what would be sent.
 * Admins use it (duban reminders) to check a plan before it goes live.
 */
import { DateTime } from 'luxon';
import { asc, eq } from 'drizzle-orm';
import { openDatabase } from '../db';
import { outbox, people, planUnits, requirements, roles, schedulerState, tasks, units } from '../db/schema';
import { commitPlan } from '../plans/commit';
import type { PlanPreview } from '../plans/import';
import { PLAN_ZONE, formatDue } from '../plans/due-dates';
import { loadCalendar, plannerState, runPlanningTick } from './planner-store';
import { upcoming } from './upcoming';

export interface PreviewedReminder {
  at: string;
  unit: string;
  task: string;
  requirement: number;
  kind: 'before' | 'due' | 'overdue';
  due: string;
}

export interface ReminderPreview {
  reminders: PreviewedReminder[];
  /** Years of the span the holiday calendar has no data for (plain weekends assumed). */
  yearsWithoutHolidays: number[];
}

/** Reminders from the start of `from` to the end of `to` (YYYY-MM-DD, Shanghai). */
export function previewReminders(plan: PlanPreview, from: string, to: string): ReminderPreview {
  const start = DateTime.fromISO(from, { zone: PLAN_ZONE }).startOf('day');
  const end = DateTime.fromISO(to, { zone: PLAN_ZONE }).endOf('day');
  const database = openDatabase(':memory:');
  try {
    const { db } = database;
    const before = start.minus({ milliseconds: 1 }).toJSDate();
    const { planId } = commitPlan(db, plan, { actor: { personId: null, label: 'preview' }, now: before });
    // A stand-in liaison for every unit, so every unit's reminders are planned.
    for (const { unitId } of db.select({ unitId: planUnits.unitId }).from(planUnits).where(eq(planUnits.planId, planId)).all()) {
      const person = db
        .insert(people)
        .values({ telegramId: 1_000_000 + unitId, chatId: 1_000_000 + unitId, name: `liaison ${unitId}` })
        .returning({ id: people.id })
        .get();
      db.insert(roles).values({ personId: person.id, role: 'liaison', unitId }).run();
    }
    db.insert(schedulerState).values({ key: 'planner.lastPlannedAt', value: before.getTime() }).run();

    const calendar = loadCalendar(db);
    const state = plannerState(db, calendar);
    let cursor = before;
    for (;;) {
      const next = upcoming(state, cursor).nextReminder;
      if (!next || next.getTime() > end.toMillis()) break;
      runPlanningTick(db, calendar, next);
      cursor = next;
    }

    const rows = db
      .select({
        at: outbox.sendAfter,
        due: outbox.dueAt,
        kind: outbox.kind,
        unit: units.name,
        task: tasks.number,
        taskPosition: tasks.position,
        requirement: requirements.index,
      })
      .from(outbox)
      .innerJoin(units, eq(units.id, outbox.unitId))
      .innerJoin(requirements, eq(requirements.id, outbox.requirementId))
      .innerJoin(tasks, eq(tasks.id, requirements.taskId))
      .orderBy(asc(outbox.sendAfter), asc(units.id), asc(tasks.position), asc(requirements.index))
      .all();
    const reminders = rows.map((row) => ({
      at: formatDue(DateTime.fromJSDate(row.at)),
      unit: row.unit,
      task: row.task,
      requirement: row.requirement,
      kind: row.kind.startsWith('before') ? ('before' as const) : (row.kind as 'due' | 'overdue'),
      due: formatDue(DateTime.fromJSDate(row.due!)),
    }));
    const yearsWithoutHolidays: number[] = [];
    for (let year = start.year; year <= end.year; year++) if (calendar.coverage(year) === 'none') yearsWithoutHolidays.push(year);
    return { reminders, yearsWithoutHolidays };
  } finally {
    database.close();
  }
}
