/**
 * The planner's I/O: builds its state from the database, runs a tick over (last planned
 * instant, now] and writes the drafts to the outbox in the same transaction as the new
 * "last planned" mark, so a crash either plans a span completely or not at all.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { assignments, calendarOverrides, deadlineRules, events, plans, requirements, schedulerState, tasks } from '../db/schema';
import { createCalendar, type WorkingDayCalendar } from './calendar';
import { planReminders, type OutboxDraft, type PlannerRequirement, type PlannerState } from './planner';
import { leadsOfUnit, liaisonsOfUnit, type Recipient } from './recipients';
import { effectivePolicy } from './policy';
import { planFacts } from './unit-requirements';

const LAST_PLANNED = 'planner.lastPlannedAt';

/** The working-day calendar: the package's data, with the years an admin loaded replacing it. */
export function loadCalendar(db: DB): WorkingDayCalendar {
  const overrides = db.select().from(calendarOverrides).all();
  return createCalendar({ overrides: overrides.map((o) => ({ year: o.year, holidays: o.holidays, workdays: o.workdays })) });
}

export function plannerState(db: DB, calendar: WorkingDayCalendar): PlannerState {
  const requirementRows = db
    .select({ requirementId: requirements.id, planId: tasks.planId, rule: deadlineRules.rule, policy: plans.reminderPolicy })
    .from(requirements)
    .innerJoin(tasks, eq(tasks.id, requirements.taskId))
    .innerJoin(plans, eq(plans.id, tasks.planId))
    .innerJoin(deadlineRules, eq(deadlineRules.requirementId, requirements.id))
    .where(and(isNull(requirements.archivedAt), isNull(tasks.archivedAt), isNull(plans.archivedAt), eq(deadlineRules.recognized, true)))
    .all();
  const facts = new Map<number, ReturnType<typeof planFacts>>();
  const requirementsList: PlannerRequirement[] = requirementRows.map((row) => {
    if (!facts.has(row.planId)) facts.set(row.planId, planFacts(db, row.planId));
    return { requirementId: row.requirementId, planId: row.planId, rule: row.rule, facts: facts.get(row.planId)!, policy: effectivePolicy(row.policy) };
  });

  const reportedCache = new Map<string, Set<number>>();
  const reportedUnits = db.$client.prepare('select unit_id as unitId from reports where requirement_id = ? and period = ?');
  const liaisonCache = new Map<number, Recipient[]>();
  const leadCache = new Map<string, Recipient[]>();

  return {
    requirements: requirementsList,
    calendar,
    assignmentsOf: (requirementId) =>
      db
        .select({ unitId: assignments.unitId, since: assignments.createdAt })
        .from(assignments)
        .where(eq(assignments.requirementId, requirementId))
        .all(),
    liaisonsOf: (unitId) => {
      let found = liaisonCache.get(unitId);
      if (!found) liaisonCache.set(unitId, (found = liaisonsOfUnit(db, unitId)));
      return found;
    },
    leadsOf: (unitId, planId) => {
      const key = `${unitId}|${planId}`;
      let found = leadCache.get(key);
      if (!found) leadCache.set(key, (found = leadsOfUnit(db, unitId, planId)));
      return found;
    },
    eventsOf: (requirementId) =>
      db.select({ id: events.id, unitId: events.unitId, occurredOn: events.occurredOn }).from(events).where(eq(events.requirementId, requirementId)).all(),
    isReported: (requirementId, unitId, period) => {
      // One query per requirement and period for all its units: a busy minute asks for 100,000 (bench).
      const key = `${requirementId}|${period}`;
      let units = reportedCache.get(key);
      if (!units) {
        units = new Set((reportedUnits.all(requirementId, period) as { unitId: number }[]).map((row) => row.unitId));
        reportedCache.set(key, units);
      }
      return units.has(unitId);
    },
  };
}

export function readLastPlanned(db: DB): Date | null {
  const row = db.select().from(schedulerState).where(eq(schedulerState.key, LAST_PLANNED)).get();
  return row ? new Date(row.value as number) : null;
}

function writeLastPlanned(db: DB, at: Date): void {
  db.insert(schedulerState)
    .values({ key: LAST_PLANNED, value: at.getTime(), createdAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: schedulerState.key, set: { value: at.getTime(), updatedAt: at } })
    .run();
}

export interface TickResult {
  from: Date | null;
  to: Date;
  planned: number;
}

/**
 * Plans (last planned instant, now] into the outbox. The first tick ever plans nothing: a
 * new installation does not remind of what fell due before it existed. A clock that went
 * back (the sandbox's can) restarts the span from now.
 */
export function runPlanningTick(db: DB, calendar: WorkingDayCalendar, now: Date): TickResult {
  // better-sqlite3 is synchronous on one connection: everything below runs inside this transaction.
  return db.transaction(() => {
    const last = readLastPlanned(db);
    if (last === null || last.getTime() >= now.getTime()) {
      writeLastPlanned(db, now);
      return { from: last, to: now, planned: 0 };
    }
    const drafts = planReminders(plannerState(db, calendar), { from: last, to: now });
    const planned = insertDrafts(db, drafts, now);
    writeLastPlanned(db, now);
    return { from: last, to: now, planned };
  });
}

/** Inserts drafts whose key is new; returns how many were. One prepared statement: a busy minute inserts tens of thousands. */
export function insertDrafts(db: DB, drafts: OutboxDraft[], now: Date): number {
  const insert = db.$client.prepare(
    `insert into outbox (key, person_id, chat_id, requirement_id, unit_id, period, kind, send_after, due_at, payload, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?) on conflict (key) do nothing`,
  );
  let inserted = 0;
  const at = now.getTime();
  for (const d of drafts) {
    inserted += insert.run(d.key, d.personId, d.chatId, d.requirementId, d.unitId, d.period, d.kind, d.sendAfter.getTime(), d.dueAt.getTime(), at, at).changes;
  }
  return inserted;
}
