/**
 * The planner's I/O: builds its state from the database, runs a tick over (last planned
 * instant, now] and writes the drafts to the outbox in the same transaction as the new
 * "last planned" mark, so a crash either plans a slice completely or not at all.
 *
 * A busy minute can hold hundreds of thousands of reminders (10,000 units × 80 requirements due
 * on the 10th: 800,000 rows, seconds of work). With a time budget a tick plans the span in slices,
 * one transaction each, and records where it stopped ("planner.pending": the span, the units
 * being planned and the last requirement planned for them); the scheduler yields to the bot
 * between slices. Replanning a slice after a crash adds nothing: every draft's key is unique.
 *
 * The span is planned a range of units at a time (UNITS_PER_SLICE), every requirement over those
 * units, not one requirement over every unit: a tick's rows then go to a few dozen chats, which
 * sit together in the outbox's dispatch index (by chat). One requirement over 10,000 units wrote
 * into every page of that index each tick, and the busy minute took 3× what SQLite needs to
 * insert its rows (bench/README.md). It also bounds the work between two looks at the clock by
 * the range, whatever number of units a requirement is assigned to.
 */
import { performance } from 'node:perf_hooks';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { DB } from '../db';
import { calendarOverrides, deadlineRules, events, plans, requirements, schedulerState, tasks } from '../db/schema';
import { createCalendar, type WorkingDayCalendar } from './calendar';
import { spanPlanner, type OutboxDraft, type PlannerRequirement, type PlannerState, type UnitRange } from './planner';
import { leadsOfUnits, type Recipient } from './recipients';
import { effectivePolicy } from './policy';
import { planFacts } from './unit-requirements';
import { prepared } from '../db/prepared';
import { checkpointsBeside } from '../db/checkpointer';

const LAST_PLANNED = 'planner.lastPlannedAt';
/** A span planned in part (PendingSpan). */
const PENDING = 'planner.pending';

/**
 * How many units one range takes. Each range costs two small queries per requirement (its
 * assignments and reports over the range): more units per range, fewer queries; fewer units,
 * fewer chats a tick writes rows for, so fewer pages of the dispatch index (by chat) each tick
 * writes and commits. At 10,000 units, 64 took less CPU than 256 (bench/README.md).
 */
export const UNITS_PER_SLICE = 64;

/**
 * Of a tick's budget, the share its checkpoint (checkpointIfDue) and planning may use: the rest is
 * for the last requirement over the range (the clock is read between two) and the commit, which
 * writes the tick's pages to the WAL (2-5 ms for a few hundred pages on the bench machine).
 */
const WORK_SHARE = 0.6;

/** Every unit: the range of a span left pending by a version that planned one requirement over all units at a time. */
const ALL_UNITS: UnitRange = { from: Number.MIN_SAFE_INTEGER, to: Number.MAX_SAFE_INTEGER };

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
  // `late in (0, 1)` (a boolean, never null) names every value of the column between period and
  // unit in reports_requirement_period_idx, so SQLite seeks the range's units in it. Without it,
  // it took the unique index (requirement, unit, period) and read every period of the 64 units:
  // 33 µs a query for the busy minute's period (no reports yet) against 8 µs (bench office, 10,000 units).
  const reportedUnits = prepared(
    db,
    'select unit_id as unitId from reports where requirement_id = ? and period = ? and late in (0, 1) and unit_id between ? and ?',
  );
  const assignedUnits = prepared(
    db,
    'select unit_id as unitId, created_at as since from assignments where requirement_id = ? and unit_id between ? and ? order by unit_id',
  );
  // The planner asks whether each unit it was just given is reported: read the reports of the
  // same units, one query per requirement and period for all of them (a busy minute asks 800,000 times).
  let range: UnitRange = ALL_UNITS;
  let last: { requirementId: number; period: string; units: Set<number> } | null = null;
  const liaisons = liaisonsInRanges(db);

  return {
    requirements: requirementsList,
    calendar,
    assignmentsOf: (requirementId, units = ALL_UNITS) => {
      range = units;
      last = null;
      return (assignedUnits.all(requirementId, units.from, units.to) as { unitId: number; since: number }[]).map((row) => ({
        unitId: row.unitId,
        since: new Date(row.since),
      }));
    },
    liaisonsOf: liaisons,
    leadsOf: leadsInRanges(db),
    eventsOf: (requirementId) =>
      db
        .select({ id: events.id, unitId: events.unitId, occurredOn: events.occurredOn })
        .from(events)
        .where(eq(events.requirementId, requirementId))
        .all(),
    isReported: (requirementId, unitId, period) => {
      if (last?.requirementId === requirementId && last.period === period) return last.units.has(unitId);
      const key = `${requirementId}|${period}|${range.from}|${range.to}`;
      let units = reportedCache.get(key);
      if (!units) {
        units = new Set((reportedUnits.all(requirementId, period, range.from, range.to) as { unitId: number }[]).map((row) => row.unitId));
        reportedCache.set(key, units);
      }
      last = { requirementId, period, units };
      return units.has(unitId);
    },
  };
}

/**
 * A unit's reachable liaisons (those of recipients.ts liaisonsByUnit: the liaison role not revoked,
 * the person not found unreachable), read for UNITS_PER_SLICE units at a time as the planner
 * reaches them: a tick plans a few hundred units, and all 10,000 units' liaisons read each tick
 * cost as much as planning them.
 */
function liaisonsInRanges(db: DB): (unitId: number) => Recipient[] {
  const select = prepared(
    db,
    `select roles.unit_id as unitId, people.id as personId, people.chat_id as chatId
       from roles join people on people.id = roles.person_id
      where roles.role = 'liaison' and roles.revoked_at is null and people.unreachable_at is null
        and roles.unit_id between ? and ?
      order by people.id`,
  );
  const byUnit = new Map<number, Recipient[]>();
  let loaded: UnitRange | null = null;
  return (unitId) => {
    if (loaded === null || unitId < loaded.from || unitId > loaded.to) {
      loaded = { from: unitId, to: unitId + UNITS_PER_SLICE - 1 };
      byUnit.clear();
      for (const { unitId: unit, personId, chatId } of select.all(loaded.from, loaded.to) as (Recipient & { unitId: number })[]) {
        const list = byUnit.get(unit) ?? [];
        list.push({ personId, chatId });
        byUnit.set(unit, list);
      }
    }
    return byUnit.get(unitId) ?? [];
  };
}

/**
 * Who leads a unit within a plan (recipients.ts leadsOfUnit), read for UNITS_PER_SLICE units at
 * a time (leadsOfUnits) as the planner reaches them and kept for the tick: a minute in which every
 * unit goes overdue asks for each unit's leads, two queries a unit when read one unit at a time.
 */
function leadsInRanges(db: DB): (unitId: number, planId: number) => Recipient[] {
  const loaded = new Map<string, (unitId: number) => Recipient[]>();
  return (unitId, planId) => {
    const from = unitId - (unitId % UNITS_PER_SLICE);
    const key = `${from}|${planId}`;
    let leadsOf = loaded.get(key);
    if (!leadsOf) loaded.set(key, (leadsOf = leadsOfUnits(db, { from, to: from + UNITS_PER_SLICE - 1 }, planId)));
    return leadsOf(unitId);
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

/**
 * A span planned in part: { from, to } in epoch ms. Every unit below `units.from` is planned; of
 * the units in `units`, the requirements up to id `after` (none yet when null). A span left
 * pending by a version that planned one requirement over all units at a time has no `units`.
 */
interface PendingSpan {
  from: number;
  to: number;
  after: number | null;
  units?: UnitRange;
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
  /** Where the tick's time went, by the budget's clock: what a long tick did (the bench records it). */
  phases: TickPhases;
}

export interface TickPhases {
  /** The checkpoint before the tick's transaction (checkpointIfDue), and the pages it copied. */
  checkpointMs: number;
  checkpointPages: number;
  /** Reading and inserting, inside the transaction. */
  planningMs: number;
  /** The commit: writing the tick's pages to the WAL (and SQLite's own checkpoint, should it come). */
  commitMs: number;
}

export interface TickOptions {
  /**
   * How long the tick may take, commit included: it stops between two requirements (over a range
   * of units) once WORK_SHARE of this has passed. Default: no limit.
   */
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
  const budget = (options.budgetMs ?? Infinity) * WORK_SHARE;
  const started = elapsed();
  const checkpointPages = checkpointIfDue(db);
  const checkpointed = elapsed();
  let planningEnded = checkpointed;
  // better-sqlite3 is synchronous on one connection: everything below runs inside this transaction.
  const result = db.transaction(() => {
    const planned = planSpans(db, calendar, now, () => elapsed() - started >= budget);
    planningEnded = elapsed();
    return planned;
  });
  const committed = elapsed();
  countPlanned(db, result.planned);
  return {
    ...result,
    phases: {
      checkpointMs: checkpointed - started,
      checkpointPages,
      planningMs: planningEnded - checkpointed,
      commitMs: committed - planningEnded,
    },
  };
}

/**
 * The tick's work inside its transaction: the pending span, then (its end, now], until done or
 * `outOfTime` says so after a requirement over a range of units.
 */
function planSpans(db: DB, calendar: WorkingDayCalendar, now: Date, outOfTime: () => boolean): Omit<TickResult, 'phases'> {
  let state: PlannerState | null = null;
  let insertDrafts: ((drafts: OutboxDraft[]) => number) | null = null;
  const nextRange = unitRanges(db);
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
    const planner = spanPlanner(state, span);
    // Most minutes hold no reminder time: then no unit is looked at.
    const active = planner ? state.requirements.filter((requirement) => planner.touches(requirement)) : [];
    let units: UnitRange | null = active.length === 0 ? null : pending ? (pending.units ?? ALL_UNITS) : nextRange(null);
    let after = pending?.after ?? null;
    while (planner && units) {
      for (const requirement of active) {
        if (after !== null && requirement.requirementId <= after) continue;
        const drafts = planner.draftsOf(requirement, units);
        if (drafts === null) continue;
        planned += insertDrafts(drafts);
        if (outOfTime()) {
          const stopped: PendingSpan = { from: span.from.getTime(), to: span.to.getTime(), after: requirement.requirementId, units };
          writeState(db, PENDING, stopped, now);
          return { from: first, to: now, planned, done: false };
        }
      }
      units = nextRange(units);
      after = null;
    }
    clearPending(db);
    writeLastPlanned(db, span.to, now);
    // A finished pending span ended before now: go on with (its end, now]. (After now: the
    // next pass finds the mark ahead of the clock and restarts from now.)
    if (span.to.getTime() === now.getTime()) return { from: first, to: now, planned, done: true };
  }
}

/**
 * WAL checkpoints paced by the planner, where no worker checkpoints beside the bot (the bot in
 * production starts one, db/checkpointer.ts; tests and the command line do not). SQLite
 * checkpoints at the end of the commit that brings the WAL to 1,000 pages (wal_autocheckpoint):
 * on top of a full tick, 20-50 ms more (copying the pages into the database file, two fsyncs;
 * about 1 ms and 17 µs a page on the bench machine).
 * While a busy minute is planned, a tick that follows one that inserted rows checkpoints first,
 * within its budget (the planning after it gets what is left): it copies what that tick wrote, a
 * few hundred pages bounded by the tick's own budget, so the WAL stays far below SQLite's mark
 * and SQLite's own checkpoint never lands in a tick's commit.
 *
 * (Before: the planner waited for the rows it guessed made 600 pages, learning rows per page from
 * each checkpoint's page count. Once SQLite's own checkpoint had restarted the WAL between two of
 * the planner's, the planner saw a short WAL, guessed more rows per page and waited longer, and
 * SQLite's checkpoints took over in commits: 16 ticks of 50-80 ms in one bench run, issue 17.)
 */
const plannedSinceCheckpoint = new WeakMap<DB['$client'], number>();

/** The pages the checkpoint copied (0 when none was due). */
function checkpointIfDue(db: DB): number {
  const client = db.$client;
  // A worker checkpoints beside the bot (db/checkpointer.ts): nothing for the tick to do.
  if (!plannedSinceCheckpoint.get(client) || client.inTransaction || checkpointsBeside(client)) return 0;
  plannedSinceCheckpoint.set(client, 0);
  const [done] = client.pragma('wal_checkpoint(PASSIVE)') as { checkpointed: number }[];
  // checkpointed: -1 when the database is not in WAL mode (':memory:').
  return Math.max(0, done?.checkpointed ?? 0);
}

function countPlanned(db: DB, planned: number): void {
  if (planned > 0) plannedSinceCheckpoint.set(db.$client, (plannedSinceCheckpoint.get(db.$client) ?? 0) + planned);
}

/**
 * The ranges of units a span is planned over, in ascending id, UNITS_PER_SLICE units each: the
 * one after `previous` (the first with null), null after the last. (Of all units, not only the
 * assigned ones: a few ids read from the primary key, where the distinct units of the
 * assignments would be read from 100 entries per unit.)
 */
function unitRanges(db: DB): (previous: UnitRange | null) => UnitRange | null {
  const lastOfNext = prepared(
    db,
    `select min(id) as first, max(id) as last from (select id from units where id > ? order by id limit ${UNITS_PER_SLICE})`,
  );
  return (previous) => {
    if (previous?.to === ALL_UNITS.to) return null;
    const row = lastOfNext.get(previous?.to ?? ALL_UNITS.from) as { first: number | null; last: number | null };
    return row.first === null || row.last === null ? null : { from: row.first, to: row.last };
  };
}

/**
 * Inserts drafts whose key is new and returns how many were. One statement, prepared once per
 * tick: a busy minute inserts tens of thousands of rows, a requirement's worth at a time.
 */
function draftInserter(db: DB, now: Date): (drafts: OutboxDraft[]) => number {
  const insert = prepared(
    db,
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
