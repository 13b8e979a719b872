/**
 * The planner's I/O: builds its state from the database, runs a tick over (last planned
 * instant, now] and writes the drafts to the outbox in the same transaction as the new
 * "last planned" mark, so a crash either plans a slice completely or not at all.
 *
 * A busy minute can hold tens of thousands of reminders (1,000 units × 80 requirements due on
 * the 10th: 80,000 rows, seconds of work). With a time budget a tick plans the span in slices,
 * one transaction each, and records where it stopped ("planner.pending": the span and the last
 * requirement planned); the scheduler yields to the bot between slices. Replanning a slice after
 * a crash adds nothing: every draft's key is unique.
 */
import { performance } from 'node:perf_hooks';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { calendarOverrides, deadlineRules, events, plans, requirements, schedulerState, tasks } from '../db/schema';
import { createCalendar, type WorkingDayCalendar } from './calendar';
import { draftsByRequirement, type OutboxDraft, type PlannerRequirement, type PlannerState } from './planner';
import { leadsOfUnit, liaisonsByUnit, type Recipient } from './recipients';
import { effectivePolicy } from './policy';
import { planFacts } from './unit-requirements';

const LAST_PLANNED = 'planner.lastPlannedAt';
/** A span planned in part: { from, to } in epoch ms and the id of the last requirement planned. */
const PENDING = 'planner.pending';

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
    .orderBy(asc(requirements.id))
    .all();
  const facts = new Map<number, ReturnType<typeof planFacts>>();
  const requirementsList: PlannerRequirement[] = requirementRows.map((row) => {
    // planFacts carries the plan's end (plans.ends_on), which bounds its periods.
    if (!facts.has(row.planId)) facts.set(row.planId, planFacts(db, row.planId));
    return {
      requirementId: row.requirementId,
      planId: row.planId,
      rule: row.rule,
      facts: facts.get(row.planId)!,
      policy: effectivePolicy(row.policy),
    };
  });

  const reportedCache = new Map<string, Set<number>>();
  const reportedUnits = db.$client.prepare('select unit_id as unitId from reports where requirement_id = ? and period = ?');
  const assignedUnits = db.$client.prepare('select unit_id as unitId, created_at as since from assignments where requirement_id = ?');
  // The planner asks for one requirement and period across all its units in a row: remember the last answer.
  let last: { requirementId: number; period: string; units: Set<number> } | null = null;
  let liaisons: Map<number, Recipient[]> | null = null;
  const leadCache = new Map<string, Recipient[]>();

  return {
    requirements: requirementsList,
    calendar,
    assignmentsOf: (requirementId) =>
      (assignedUnits.all(requirementId) as { unitId: number; since: number }[]).map((row) => ({
        unitId: row.unitId,
        since: new Date(row.since),
      })),
    liaisonsOf: (unitId) => (liaisons ??= liaisonsByUnit(db)).get(unitId) ?? [],
    leadsOf: (unitId, planId) => {
      const key = `${unitId}|${planId}`;
      let found = leadCache.get(key);
      if (!found) leadCache.set(key, (found = leadsOfUnit(db, unitId, planId)));
      return found;
    },
    eventsOf: (requirementId) =>
      db
        .select({ id: events.id, unitId: events.unitId, occurredOn: events.occurredOn })
        .from(events)
        .where(eq(events.requirementId, requirementId))
        .all(),
    isReported: (requirementId, unitId, period) => {
      if (last?.requirementId === requirementId && last.period === period) return last.units.has(unitId);
      // One query per requirement and period for all its units: a busy minute asks for 100,000 (bench).
      const key = `${requirementId}|${period}`;
      let units = reportedCache.get(key);
      if (!units) {
        units = new Set((reportedUnits.all(requirementId, period) as { unitId: number }[]).map((row) => row.unitId));
        reportedCache.set(key, units);
      }
      last = { requirementId, period, units };
      return units.has(unitId);
    },
  };
}

export function readLastPlanned(db: DB): Date | null {
  const row = db.select().from(schedulerState).where(eq(schedulerState.key, LAST_PLANNED)).get();
  return row ? new Date(row.value as number) : null;
}

/**
 * Up to when every reminder is in the outbox: the start of a span planned in part, else the
 * last planned instant; null before the planner's first tick (which plans nothing before it).
 */
export function plannedUpTo(db: DB): Date | null {
  const pending = readPending(db);
  return pending ? new Date(pending.from) : readLastPlanned(db);
}

function writeState(db: DB, key: string, value: unknown, at: Date): void {
  db.insert(schedulerState)
    .values({ key, value, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: schedulerState.key, set: { value, updatedAt: at } })
    .run();
}

function writeLastPlanned(db: DB, at: Date, now: Date): void {
  writeState(db, LAST_PLANNED, at.getTime(), now);
}

interface PendingSpan {
  from: number;
  to: number;
  after: number;
}

function readPending(db: DB): PendingSpan | null {
  const row = db.select().from(schedulerState).where(eq(schedulerState.key, PENDING)).get();
  return row ? (row.value as PendingSpan) : null;
}

function clearPending(db: DB): void {
  db.delete(schedulerState).where(eq(schedulerState.key, PENDING)).run();
}

export interface TickResult {
  from: Date | null;
  to: Date;
  planned: number;
  /** False when the tick ran out of its time budget: call again (soon) to plan the rest. */
  done: boolean;
}

export interface TickOptions {
  /** Stop between two requirements once this many milliseconds have passed. Default: no limit. */
  budgetMs?: number;
  /** A monotonic clock in milliseconds, for the budget (tests inject one). */
  elapsed?: () => number;
}

/**
 * Plans (last planned instant, now] into the outbox, or as much of it as the budget allows,
 * first finishing a span an earlier tick left pending. The first tick ever plans nothing: a
 * new installation does not remind of what fell due before it existed. A clock that went
 * back (the sandbox's can) restarts the span from now.
 */
export function runPlanningTick(db: DB, calendar: WorkingDayCalendar, now: Date, options: TickOptions = {}): TickResult {
  const elapsed = options.elapsed ?? (() => performance.now());
  const budget = options.budgetMs ?? Infinity;
  const started = elapsed();
  // better-sqlite3 is synchronous on one connection: everything below runs inside this transaction.
  return db.transaction(() => {
    let state: PlannerState | null = null;
    let insertDrafts: ((drafts: OutboxDraft[]) => number) | null = null;
    let planned = 0;
    let first: Date | null | undefined;
    for (;;) {
      // A pending span is always finished up to its own end, even when the clock went back
      // before it (the sandbox's can): its reminders fell due before the clock moved.
      const pending = readPending(db);
      let span: { from: Date; to: Date };
      if (pending) {
        span = { from: new Date(pending.from), to: new Date(pending.to) };
      } else {
        const last = readLastPlanned(db);
        if (last === null || last.getTime() >= now.getTime()) {
          writeLastPlanned(db, now, now);
          return { from: first === undefined ? last : first, to: now, planned, done: true };
        }
        span = { from: last, to: now };
      }
      if (first === undefined) first = span.from;
      state ??= plannerState(db, calendar);
      insertDrafts ??= draftInserter(db, now);
      let stoppedAfter: number | null = null;
      for (const part of draftsByRequirement(state, span, pending?.after ?? null)) {
        planned += insertDrafts(part.drafts);
        if (elapsed() - started >= budget) {
          stoppedAfter = part.requirementId;
          break;
        }
      }
      if (stoppedAfter !== null) {
        writeState(db, PENDING, { from: span.from.getTime(), to: span.to.getTime(), after: stoppedAfter } satisfies PendingSpan, now);
        return { from: first, to: now, planned, done: false };
      }
      clearPending(db);
      writeLastPlanned(db, span.to, now);
      // A finished pending span ended before now: go on with (its end, now]. (After now: the
      // next pass finds the mark ahead of the clock and restarts from now.)
      if (span.to.getTime() === now.getTime()) return { from: first, to: now, planned, done: true };
    }
  });
}

/**
 * Inserts drafts whose key is new and returns how many were. One statement, prepared once per
 * tick: a busy minute inserts tens of thousands of rows, a requirement's worth at a time.
 */
function draftInserter(db: DB, now: Date): (drafts: OutboxDraft[]) => number {
  const insert = db.$client.prepare(
    `insert into outbox (key, person_id, chat_id, requirement_id, unit_id, period, kind, send_after, due_at, payload, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, ?) on conflict (key) do nothing`,
  );
  const at = now.getTime();
  return (drafts) => {
    let inserted = 0;
    for (const d of drafts) {
      inserted += insert.run(
        d.key,
        d.personId,
        d.chatId,
        d.requirementId,
        d.unitId,
        d.period,
        d.kind,
        d.sendAfter.getTime(),
        d.dueAt.getTime(),
        at,
        at,
      ).changes;
    }
    return inserted;
  };
}
